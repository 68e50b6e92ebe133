// What the script remembers per queue tab (Script Properties, chunked): for each evidence id, the decision and comment last
// sent or seen as already processed, how many decisions the poller sent for it, and the cells the function wrote last time.
// About 20 bytes a row (hashes of fixed width, see serializeRows). All tabs' memories together are held under
// POLL_MEMORY_BUDGET_BYTES: a tab that would pass it keeps a light memory (rows the function has not settled yet), so the
// 500 kB store holds whatever the number of queues and rows.
import { shortHash } from './hashing';
import { withScriptLock } from './lock';
import { chunkProperties, props, propertiesWithPrefix, readChunks } from './store';
import { log } from './log';

export interface RowMemory {
  /** decisionFingerprint() of the decision and comment last sent, or last seen as already processed. */
  fp: string;
  /** The tab's send number of the poller's last send for this row (0: the poller never sent it); part of its edit id. */
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
  /** Decisions the poller sent from this tab so far: each send's number is part of its edit id, so a row forgotten once
   * settled and changed again later still gets a new id. */
  sends: number;
  rows: Map<string, RowMemory>;
  /** Chunks stored now (0 when nothing is stored yet). */
  chunks: number;
  stored: boolean;
}

export interface QueueRef {
  spreadsheetId: string;
  sheetName: string;
}

const POLL_PREFIX = 'journey.poll.';
const META_PREFIX = 'journey.poll.state.';
const ROWS_PREFIX = 'journey.poll.rows.';
/** `journey.poll.at.{year}.{queue}`: when the poller last read the queue's tab completely (one small value per queue). */
const POLLED_AT_PREFIX = 'journey.poll.at.';
/** What an older version kept in one property for every queue (it grew with the number of queues). */
const LEGACY_POLLED_PREFIX = 'journey.poll.polled.';

/** All the poller's tab memories together stay under this (of Script Properties' 500 kB): ~8,000 remembered rows. */
export const POLL_MEMORY_BUDGET_BYTES = 160 * 1024;

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
  /** The tab's send counter (absent in memories of an older version). */
  k?: number;
}

function parseMeta(text: string | null | undefined): Meta | undefined {
  if (text === null || text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.s !== 'string' || typeof v.t !== 'string' || typeof v.e !== 'string' || typeof v.c !== 'number')
    return undefined;
  return { s: v.s, t: v.t, e: v.e, c: v.c, ...(typeof v.k === 'number' ? { k: v.k } : {}) };
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

/**
 * The memory of a queue tab; a fresh one (nothing remembered) when none is stored or it was for another spreadsheet or
 * tab. From `stored` (a copy of the properties read once for a whole run) when given, else from Script Properties.
 */
export function loadMemory(
  year: number,
  queue: string,
  ref: QueueRef,
  stored?: Readonly<Record<string, string>>,
): QueueMemory {
  const get = (key: string): string | null => (stored ? (stored[key] ?? null) : props().getProperty(key));
  const meta = parseMeta(get(metaKey(year, queue)));
  const fresh: QueueMemory = {
    queue,
    spreadsheetId: ref.spreadsheetId,
    sheetName: ref.sheetName,
    epoch: newEpoch(),
    sends: 0,
    rows: new Map(),
    chunks: meta?.c ?? 0,
    stored: false,
  };
  if (!meta || meta.s !== ref.spreadsheetId || meta.t !== ref.sheetName) return fresh;
  let text: string | undefined = '';
  if (meta.c > 0 && stored) {
    const parts = Array.from({ length: meta.c }, (_, i) => stored[`${rowsPrefix(year, queue)}${String(i)}`]);
    text = parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  } else if (meta.c > 0) {
    text = readChunks(rowsPrefix(year, queue), meta.c);
  }
  if (text === undefined) {
    log.warn(`Bộ nhớ hàng chờ ${queue} bị thiếu một phần; các dòng sẽ được đọc lại như lần đầu.`);
    return { ...fresh, epoch: meta.e, sends: meta.k ?? 0, stored: true };
  }
  // A memory of an older version counted sends per row: its tab counter starts above every row's count.
  const rows = parseRows(text);
  const sends = meta.k ?? Math.max(0, ...[...rows.values()].map((m) => m.n));
  return { ...fresh, epoch: meta.e, sends, rows, stored: true };
}

/** Writes the memory: the index and its chunks in one call, then drops chunks no longer used. */
export function saveMemory(year: number, memory: QueueMemory): void {
  const store = props();
  const text = serializeRows(memory.rows);
  const { count, values } =
    text === ''
      ? { count: 0, values: {} as Record<string, string> }
      : chunkProperties(rowsPrefix(year, memory.queue), text);
  const meta: Meta = { s: memory.spreadsheetId, t: memory.sheetName, e: memory.epoch, c: count, k: memory.sends };
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

export interface PollSnapshot {
  /** When each queue of the year was last read completely by the poller (ms since epoch; absent: never). */
  polledAt: Record<string, number>;
  /** Bytes each queue's tab memory takes in Script Properties (rows only; the index is small). */
  memoryBytes: Record<string, number>;
  /** The poller's properties as read (tab memories are loaded from here, without a call each). */
  stored: Record<string, string>;
}

/** The poller's state of the year, from one read of Script Properties. */
export function readPollSnapshot(year: number): PollSnapshot {
  const found = propertiesWithPrefix(POLL_PREFIX);
  const snapshot: PollSnapshot = { polledAt: {}, memoryBytes: {}, stored: found };
  const atPrefix = `${POLLED_AT_PREFIX}${String(year)}.`;
  const rowsPrefix = `${ROWS_PREFIX}${String(year)}.`;
  for (const [key, value] of Object.entries(found)) {
    if (key.startsWith(atPrefix)) {
      const ms = parseInt(value, 36);
      if (Number.isFinite(ms)) snapshot.polledAt[key.slice(atPrefix.length)] = ms;
    } else if (key.startsWith(rowsPrefix)) {
      const rest = key.slice(rowsPrefix.length);
      const queue = rest.slice(0, rest.lastIndexOf('.'));
      snapshot.memoryBytes[queue] = (snapshot.memoryBytes[queue] ?? 0) + value.length + key.length;
    }
  }
  return snapshot;
}

/** Records when queues were read completely (one small property per queue, all written in one call). */
export function writePolledAt(year: number, polled: ReadonlyArray<readonly [string, number]>): void {
  if (polled.length === 0) return;
  props().setProperties(
    Object.fromEntries(
      polled.map(([queue, ms]) => [`${POLLED_AT_PREFIX}${String(year)}.${queue}`, Math.round(ms).toString(36)]),
    ),
  );
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
      (key.startsWith(POLLED_AT_PREFIX) && !keep(key, POLLED_AT_PREFIX, false)) ||
      key.startsWith(LEGACY_POLLED_PREFIX);
    if (stale) {
      store.deleteProperty(key);
      deleted++;
    }
  }
  return deleted;
}
