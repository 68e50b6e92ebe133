// Where the store puts what could outgrow one Firestore document: the nominee rosters of the year's plan (in parts of
// NOMINEES_PER_PART e-mails per unit) and long texts — a plan's body as received, an inbox entry's raw body — in parts
// of at most TEXT_PART_BYTES. Pure functions from a document to the documents that store it, so the bench measures
// exactly what the store writes.
import { createHash } from 'node:crypto';
import type { YearConfig } from '../../domain/config';
import type { InboxDoc, YearDoc } from '../../model';
import { utf8Bytes } from './limits';

/** A text up to this size stays in its document (every submission but a plan: the HTTP limit is 256 KiB). */
export const INLINE_TEXT_BYTES = 256 * 1024;
/** Each part of a longer text. */
export const TEXT_PART_BYTES = 256 * 1024;
/** E-mails per nominee part (≤ 1,000 × 255 bytes: under a quarter of Firestore's 1 MiB even with the longest e-mails). */
export const NOMINEES_PER_PART = 1_000;

export interface StoredDocument {
  path: string;
  data: Record<string, unknown>;
}

export const largePaths = {
  year: (year: number) => `years/${String(year)}`,
  configVersion: (year: number, version: number) => `years/${String(year)}/configVersions/${String(version)}`,
  nominees: (year: number, version: number) => `years/${String(year)}/configVersions/${String(version)}/nominees`,
  nomineePart: (year: number, version: number, unitId: string, part: number) =>
    `years/${String(year)}/configVersions/${String(version)}/nominees/${unitId}~${String(part)}`,
  inbox: (key: string) => `inbox/${key}`,
  textPart: (document: string, field: string, part: number) => `${document}/parts/${field}-${String(part)}`,
};

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Splits a text into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (pair) i++;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * A text field of `document`: inline when short; otherwise `field` is '' and the text is in `{document}/parts/{field}-{k}`,
 * with `{field}Parts` (how many) and `{field}Hash` (SHA-256, so an unchanged text is not written again).
 */
export function textField(
  document: string,
  field: string,
  text: string,
): { fields: Record<string, unknown>; parts: StoredDocument[] } {
  if (utf8Bytes(text) <= INLINE_TEXT_BYTES) return { fields: { [field]: text }, parts: [] };
  const pieces = splitUtf8(text, TEXT_PART_BYTES);
  return {
    fields: { [field]: '', [`${field}Parts`]: pieces.length, [`${field}Hash`]: sha256(text) },
    parts: pieces.map((piece, k) => ({ path: largePaths.textPart(document, field, k), data: { text: piece } })),
  };
}

/** How many parts a stored document says its text field has (0: inline). */
export function partsOf(data: Record<string, unknown> | undefined, field: string): number {
  const value = data?.[`${field}Parts`];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

export function hashOf(data: Record<string, unknown> | undefined, field: string): string | undefined {
  const value = data?.[`${field}Hash`];
  return typeof value === 'string' ? value : undefined;
}

/** An inbox entry's documents: the entry, and its raw body's parts when it is longer than INLINE_TEXT_BYTES. */
export function inboxDocuments(doc: InboxDoc): StoredDocument[] {
  const path = largePaths.inbox(doc.key);
  const raw = textField(path, 'raw', doc.raw);
  return [{ path, data: { ...doc, ...raw.fields } }, ...raw.parts];
}

/** The plan without its nominee rosters, and the rosters in parts (each unit's in order). */
export function splitNominees(config: YearConfig): {
  config: YearConfig;
  parts: { unitId: string; part: number; emails: string[] }[];
} {
  const parts: { unitId: string; part: number; emails: string[] }[] = [];
  const units = config.units.map((unit) => {
    if (unit.nominees === undefined) return unit;
    const { nominees, ...rest } = unit;
    for (let i = 0, part = 0; i < nominees.length || part === 0; i += NOMINEES_PER_PART, part++) {
      parts.push({ unitId: unit.id, part, emails: nominees.slice(i, i + NOMINEES_PER_PART) });
    }
    return rest;
  });
  return { config: { ...config, units }, parts };
}

/** Puts the rosters back into a plan stored without them (parts in any order). */
export function joinNominees(
  config: YearConfig,
  parts: readonly { unitId: string; part: number; emails: readonly string[] }[],
): YearConfig {
  const byUnit = new Map<string, { part: number; emails: readonly string[] }[]>();
  for (const p of parts) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  return {
    ...config,
    units: config.units.map((unit) => {
      const found = byUnit.get(unit.id);
      if (!found) return unit;
      return { ...unit, nominees: found.sort((a, b) => a.part - b.part).flatMap((p) => p.emails) };
    }),
  };
}

/**
 * A new version of the plan: `years/{year}` (the plan in force, without rosters), `configVersions/{n}` (the same, and
 * the body as received, in parts when long), and the rosters in `configVersions/{n}/nominees/{unit}~{k}`. The year's
 * document says how many roster parts there are, so a reader knows whether to read them.
 */
export function yearDocuments(doc: YearDoc, received: string): StoredDocument[] {
  const { config, parts } = splitNominees(doc.config);
  const head = { ...doc, config, ...(parts.length > 0 ? { nomineeParts: parts.length } : {}) };
  const versionPath = largePaths.configVersion(doc.year, doc.version);
  const body = textField(versionPath, 'received', received);
  return [
    { path: largePaths.year(doc.year), data: head },
    { path: versionPath, data: { ...head, ...body.fields } },
    ...body.parts,
    ...parts.map((p) => ({ path: largePaths.nomineePart(doc.year, doc.version, p.unitId, p.part), data: p })),
  ];
}
