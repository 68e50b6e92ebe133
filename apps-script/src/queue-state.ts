// What the script remembers per queue tab (Script Properties, chunked): for each evidence id, the decision and comment last
// sent or seen as already processed, how many decisions the poller sent for it, and the cells the function wrote last time.
// About 20 bytes a row (hashes of fixed width, see serializeRows), so that thousands of rows fit in the 500 kB store.
import { shortHash } from './hashing';
import { withScriptLock } from './lock';
import { chunkProperties, props, readChunks, readJson, writeJson } from './store';

export interface RowMemory {
  /** decisionFingerprint() of the decision and comment last sent, or last seen as already processed. */
  fp: string;
  /** Decisions the poller sent for this row so far: part of its edit id, so each new send gets a new one. */
  n: number;
  /** functionCellsFingerprint() of the status and reviewer cells when the row was last read. */
  snap: string;
}

/** Widths of what a row stores, in base-36 characters: key (hashed evidence id) 8, fp 6, snap 4. */
export const KEY_WIDTH = 8;
export const FP_WIDTH = 6;
export const SNAP_WIDTH = 4;

/** The key of an evidence id in the memory: a hash of fixed width (evidence ids are longer). */
export function rowKey(evidenceId: string): string {
  return shortHash(evidenceId, KEY_WIDTH);
}

export interface QueueMemory {
  queue: string;
  spreadsheetId: string;
  sheetName: string;
  /** Made when the memory is first created; part of the poller's edit ids, so a lost memory never reuses an old id. */
  epoch: string;
  rows: Map<string, RowMemory>;
  /** Chunks stored now (0 when nothing is stored yet). */
  chunks: number;
  stored: boolean;
}

export interface QueueRef {
  spreadsheetId: string;
  sheetName: string;
}

const META_PREFIX = 'journey.poll.state.';
const ROWS_PREFIX = 'journey.poll.rows.';
const POLLED_PREFIX = 'journey.poll.polled.';

function metaKey(year: number, queue: string): string {
  return `${META_PREFIX}${String(year)}.${queue}`;
}

function rowsPrefix(year: number, queue: string): string {
  return `${ROWS_PREFIX}${String(year)}.${queue}.`;
}

interface Meta {
  s: string;
  t: string;
  e: string;
  c: number;
}

function parseMeta(value: unknown): Meta | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.s !== 'string' || typeof v.t !== 'string' || typeof v.e !== 'string' || typeof v.c !== 'number') return undefined;
  return { s: v.s, t: v.t, e: v.e, c: v.c };
}

function newEpoch(): string {
  return Utilities.getUuid().replace(/-/g, '').slice(0, 12);
}

/** Rows as `key fp snap n` without separators (fixed widths, n in base 36), one row per comma. */
export function serializeRows(rows: ReadonlyMap<string, RowMemory>): string {
  return [...rows].map(([key, m]) => `${key}${m.fp}${m.snap}${m.n.toString(36)}`).join(',');
}

export function parseRows(text: string): Map<string, RowMemory> {
  const rows = new Map<string, RowMemory>();
  const head = KEY_WIDTH + FP_WIDTH + SNAP_WIDTH;
  for (const entry of text.split(',')) {
    if (entry.length <= head) continue;
    const count = parseInt(entry.slice(head), 36);
    rows.set(entry.slice(0, KEY_WIDTH), {
      fp: entry.slice(KEY_WIDTH, KEY_WIDTH + FP_WIDTH),
      snap: entry.slice(KEY_WIDTH + FP_WIDTH, head),
      n: Number.isFinite(count) ? count : 0,
    });
  }
  return rows;
}

/** The memory of a queue tab; a fresh one (nothing remembered) when none is stored or it was for another spreadsheet or tab. */
export function loadMemory(year: number, queue: string, ref: QueueRef): QueueMemory {
  const meta = parseMeta(readJson(metaKey(year, queue)));
  const fresh: QueueMemory = {
    queue,
    spreadsheetId: ref.spreadsheetId,
    sheetName: ref.sheetName,
    epoch: newEpoch(),
    rows: new Map(),
    chunks: meta?.c ?? 0,
    stored: false,
  };
  if (!meta || meta.s !== ref.spreadsheetId || meta.t !== ref.sheetName) return fresh;
  const text = meta.c === 0 ? '' : readChunks(rowsPrefix(year, queue), meta.c);
  if (text === undefined) {
    console.warn(`Bộ nhớ hàng chờ ${queue} bị thiếu một phần; các dòng sẽ được đọc lại như lần đầu.`);
    return { ...fresh, epoch: meta.e, stored: true };
  }
  return { ...fresh, epoch: meta.e, rows: parseRows(text), stored: true };
}

/** Writes the memory: the index and its chunks in one call, then drops chunks no longer used. */
export function saveMemory(year: number, memory: QueueMemory): void {
  const store = props();
  const text = serializeRows(memory.rows);
  const { count, values } = text === '' ? { count: 0, values: {} as Record<string, string> } : chunkProperties(rowsPrefix(year, memory.queue), text);
  const meta: Meta = { s: memory.spreadsheetId, t: memory.sheetName, e: memory.epoch, c: count };
  values[metaKey(year, memory.queue)] = JSON.stringify(meta);
  store.setProperties(values);
  for (let i = count; i < memory.chunks; i++) store.deleteProperty(`${rowsPrefix(year, memory.queue)}${String(i)}`);
  memory.chunks = count;
  memory.stored = true;
}

/**
 * Loads the memory under the script lock, lets `change` edit it, and saves it when `change` says it changed something.
 * `proceedUnlocked`: for the edit trigger, which must record its sends even when the lock is busy.
 */
export function updateMemory(
  year: number,
  queue: string,
  ref: QueueRef,
  change: (memory: QueueMemory) => boolean,
  options: { waitMs?: number; proceedUnlocked?: boolean } = {},
): QueueMemory {
  return withScriptLock(() => {
    const memory = loadMemory(year, queue, ref);
    if (change(memory) || !memory.stored) saveMemory(year, memory);
    return memory;
  }, options);
}

/** When each queue of the year was last read completely by the poller (ms since epoch). */
export function readPolledAt(year: number): Record<string, number> {
  const value = readJson(POLLED_PREFIX + String(year));
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

export function writePolledAt(year: number, polledAt: Record<string, number>): void {
  writeJson(POLLED_PREFIX + String(year), polledAt);
}

/** Deletes the memory of every queue that is not one of `queues` of `year` (queues removed from the plan, earlier years). */
export function pruneMemories(year: number, queues: ReadonlySet<string>): number {
  const store = props();
  const keep = (key: string, prefix: string, chunk: boolean): boolean => {
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0 || rest.slice(0, dot) !== String(year)) return false;
    const queue = chunk ? rest.slice(dot + 1, rest.lastIndexOf('.')) : rest.slice(dot + 1);
    return queues.has(queue);
  };
  let deleted = 0;
  for (const key of store.getKeys()) {
    const stale =
      (key.startsWith(META_PREFIX) && !keep(key, META_PREFIX, false)) ||
      (key.startsWith(ROWS_PREFIX) && !keep(key, ROWS_PREFIX, true)) ||
      (key.startsWith(POLLED_PREFIX) && key !== POLLED_PREFIX + String(year));
    if (stale) {
      store.deleteProperty(key);
      deleted++;
    }
  }
  return deleted;
}
