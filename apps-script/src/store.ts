// JSON values and long texts in Script Properties (each value holds at most 9 kB, so long texts are split into chunks).

import { log } from './log';

export function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

export function readJson(key: string): unknown {
  const text = props().getProperty(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    log.warn(`Thuộc tính "${key}" không phải JSON hợp lệ; bỏ qua.`);
    return undefined;
  }
}

export function writeJson(key: string, value: unknown): void {
  props().setProperty(key, JSON.stringify(value));
}

/**
 * Every property whose key starts with `prefix`, in one call (Script Properties has no listing by prefix; one
 * getProperties() costs one service call, where a getProperty() per key would cost one each).
 */
export function propertiesWithPrefix(prefix: string): Record<string, string> {
  const all = props().getProperties();
  const found: Record<string, string> = {};
  for (const key of Object.keys(all)) if (key.startsWith(prefix)) found[key] = all[key] ?? '';
  return found;
}

/** Deletes every property whose key starts with `prefix` and is not in `keep`. */
export function deleteWithPrefix(prefix: string, keep: ReadonlySet<string> = new Set()): number {
  const store = props();
  let deleted = 0;
  for (const key of store.getKeys()) {
    if (key.startsWith(prefix) && !keep.has(key)) {
      store.deleteProperty(key);
      deleted++;
    }
  }
  return deleted;
}

/** Bytes per chunk, under the 9 kB per value limit with room for the key. */
const CHUNK_BYTES = 8000;

/** Splits a text into pieces of at most CHUNK_BYTES UTF-8 bytes, never inside a surrogate pair. */
export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > CHUNK_BYTES) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  chunks.push(current);
  return chunks;
}

/** Bytes of a text in UTF-8, as Script Properties count them (pure JavaScript: no service call). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += utf8Length(char);
  return bytes;
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

/** The properties that store `text` under `prefix` + chunk number, to be written in one call with their index. */
export function chunkProperties(prefix: string, text: string): { count: number; values: Record<string, string> } {
  const chunks = chunkText(text);
  const values: Record<string, string> = {};
  chunks.forEach((chunk, i) => {
    values[`${prefix}${String(i)}`] = chunk;
  });
  return { count: chunks.length, values };
}

/** Reads a chunked text back, or undefined if a chunk is missing. */
export function readChunks(prefix: string, count: number): string | undefined {
  const store = props();
  let text = '';
  for (let i = 0; i < count; i++) {
    const chunk = store.getProperty(`${prefix}${String(i)}`);
    if (chunk === null) return undefined;
    text += chunk;
  }
  return text;
}

export function deleteChunks(prefix: string, count: number): void {
  const store = props();
  for (let i = 0; i < count; i++) store.deleteProperty(`${prefix}${String(i)}`);
}
