// What the views remember between writes: which spreadsheets exist, and which row holds which member or entry.
import { z } from 'zod';
import type { Store } from '../ports';

const SpreadsheetRefSchema = z.object({
  spreadsheetId: z.string(),
  url: z.string().default(''),
  sheetName: z.string().optional(),
  /** Tab title → sheetId, learnt at the last full sync; incremental writes need them. */
  tabs: z.record(z.string(), z.number().int()).default({}),
});
export type SpreadsheetRef = z.infer<typeof SpreadsheetRefSchema>;

export const RegistrySchema = z.object({
  master: SpreadsheetRefSchema.nullable().default(null),
  queues: z.record(z.string(), SpreadsheetRefSchema).default({}),
});
export type Registry = z.infer<typeof RegistrySchema>;

/** A tab's row positions as the views work with them: every key's row, the next free row, the grid's height. */
export interface RowIndex {
  rows: Record<string, number>;
  next: number;
  gridRows: number;
}

/**
 * How row positions are stored, so no document grows with the tab: a head document `rows-{name}` (next free row, grid
 * height, shard count) and shard documents `rows-{name}~{k}`, each holding the rows of the keys whose hash falls in it
 * (~32 bytes and one field a key). A tab starts with one shard; when a shard passes ROW_SHARD_SPLIT keys the tab is
 * re-sharded (in the same transaction) into twice as many, up to ROW_SHARDS_MAX. From then on a shard holds ~1/64 of
 * the tab's rows: it reaches half of Firestore's 20,000-field limit at ~640,000 rows in one tab, more than one
 * spreadsheet can show (10 million cells).
 */
export const ROW_SHARDS_MAX = 64;
/** Keys a shard may hold before the tab is split into more shards (~64 KB; under ROW_SHARDS_MAX shards). */
export const ROW_SHARD_SPLIT = 2_000;

const RowHeadSchema = z.object({
  /** Positions stored by an older version in the head itself; moved into the shards at the next write. */
  rows: z.record(z.string(), z.number().int()).optional(),
  next: z.number().int().default(2),
  gridRows: z.number().int().default(0),
  shards: z.number().int().min(1).max(ROW_SHARDS_MAX).default(1),
});
const RowShardSchema = z.object({ rows: z.record(z.string(), z.number().int()).default({}) });

/** FNV-1a of the key modulo the shard count (a power of two: a key of shard k moves to k or k + n when n doubles). */
export function rowShardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Shards for `keys` keys: a power of two giving each about half of ROW_SHARD_SPLIT, at least `current`, at most the maximum. */
export function rowShardsFor(keys: number, current = 1): number {
  let shards = Math.max(1, current);
  while (shards < ROW_SHARDS_MAX && keys / shards > ROW_SHARD_SPLIT / 2) shards *= 2;
  return shards;
}

export const rowHeadName = (name: string): string => `rows-${name}`;
export const rowShardName = (name: string, shard: number): string => `rows-${name}~${String(shard)}`;

const allShards = (shards: number): number[] => Array.from({ length: shards }, (_, k) => k);

/** The documents (by view-state name) that store `index` in `shards` shards: the head, then the shards in `only` (all by default). */
export function rowIndexDocuments(
  name: string,
  index: RowIndex,
  shards: number,
  only: Iterable<number> = allShards(shards),
): { name: string; data: Record<string, unknown> }[] {
  const byShard = new Map<number, Record<string, number>>([...new Set(only)].map((k) => [k, {}]));
  for (const [key, row] of Object.entries(index.rows)) {
    const shard = byShard.get(rowShardOf(key, shards));
    if (shard) shard[key] = row;
  }
  return [
    { name: rowHeadName(name), data: { next: index.next, gridRows: index.gridRows, shards } },
    ...[...byShard].sort(([a], [b]) => a - b).map(([k, rows]) => ({ name: rowShardName(name, k), data: { rows } })),
  ];
}

/** A queue's spreadsheet, looked up as an own property only (a queue id never reaches Object.prototype). */
export function queueRef(registry: Registry, queue: string): SpreadsheetRef | undefined {
  return Object.hasOwn(registry.queues, queue) ? registry.queues[queue] : undefined;
}

export async function loadRegistry(store: Store, year: number): Promise<Registry> {
  return RegistrySchema.parse((await store.getViewState(year, 'registry')) ?? {});
}

/** Which keys a change of the row positions may give rows to: these (their shards are read), or any key. */
export type RowScope = { keys: readonly string[] } | 'all';

/**
 * Reads a tab's row positions (the head and the shards `scope` needs), lets `change` give rows, and stores what
 * changed, in one transaction: however many instances flush at once, no two keys get the same row.
 */
/** The shard count last seen per tab in this process: the head and the shards are then read in one round trip. */
const knownShards = new Map<string, number>();

export function updateRowIndex<T>(
  store: Store,
  year: number,
  name: string,
  scope: RowScope,
  change: (index: RowIndex) => T,
): Promise<T> {
  const known = `${String(year)}/${name}`;
  return store.transaction(`view:${year}:${rowHeadName(name)}`, async (tx) => {
    const shardsToRead = (count: number): number[] =>
      scope === 'all' ? allShards(count) : [...new Set(scope.keys.map((key) => rowShardOf(key, count)))];
    const parse = (found: unknown[]): Record<string, number> =>
      Object.assign({}, ...found.map((data) => RowShardSchema.parse(data ?? {}).rows)) as Record<string, number>;
    const readShards = async (list: readonly number[]): Promise<Record<string, number>> =>
      parse(
        await tx.getViewStates(
          year,
          list.map((k) => rowShardName(name, k)),
        ),
      );
    // The head with the shards the last known count points to; again if the head says the tab was split since.
    const guess = knownShards.get(known) ?? 1;
    const guessed = shardsToRead(guess);
    const [stored, ...found] = await tx.getViewStates(year, [
      rowHeadName(name),
      ...guessed.map((k) => rowShardName(name, k)),
    ]);
    const head = RowHeadSchema.parse(stored ?? {});
    const shards = head.shards;
    knownShards.set(known, shards);
    const read = shards === guess ? guessed : shardsToRead(shards);
    const before = shards === guess ? parse(found) : await readShards(read);
    const inScope = new Set(read);
    // Positions an older version kept in the head count too; those of the shards read move into them now.
    const legacy = head.rows ?? {};
    const index: RowIndex = { rows: { ...legacy, ...before }, next: head.next, gridRows: head.gridRows };
    const result = change(index);

    const dirty = new Set<number>();
    const keepLegacy: Record<string, number> = {};
    for (const [key, row] of Object.entries(index.rows)) {
      const shard = rowShardOf(key, shards);
      if (!inScope.has(shard)) {
        if (legacy[key] !== row) throw new Error(`row positions of ${name}: key ${key} is outside the shards read`);
        keepLegacy[key] = row;
      } else if (before[key] !== row) {
        dirty.add(shard);
      }
    }
    for (const key of Object.keys(before)) if (!(key in index.rows)) dirty.add(rowShardOf(key, shards));

    // A shard grown past the split point: read the rest (reads still precede every write) and spread all over more shards.
    const sizes = new Map<number, number>();
    for (const key of Object.keys(index.rows)) {
      const shard = rowShardOf(key, shards);
      if (dirty.has(shard)) sizes.set(shard, (sizes.get(shard) ?? 0) + 1);
    }
    const crowded = [...sizes.values()].some((n) => n > ROW_SHARD_SPLIT);
    if (crowded && shards < ROW_SHARDS_MAX) {
      // Stored positions win over an older version's copy in the head, as above; no key of these shards was changed.
      Object.assign(index.rows, await readShards(allShards(shards).filter((k) => !inScope.has(k))));
      const grown = rowShardsFor(Object.keys(index.rows).length, shards * 2);
      for (const doc of rowIndexDocuments(name, index, grown)) tx.putViewState(year, doc.name, doc.data);
      knownShards.set(known, grown);
      return result;
    }

    const [headDoc, ...shardDocs] = rowIndexDocuments(name, index, shards, dirty);
    const legacyMoved = Object.keys(keepLegacy).length !== Object.keys(legacy).length;
    if (
      headDoc &&
      (stored === undefined || head.next !== index.next || head.gridRows !== index.gridRows || legacyMoved)
    ) {
      tx.putViewState(
        year,
        headDoc.name,
        Object.keys(keepLegacy).length > 0 ? { ...headDoc.data, rows: keepLegacy } : headDoc.data,
      );
    }
    for (const doc of shardDocs) tx.putViewState(year, doc.name, doc.data);
    return result;
  });
}

/** A tab's row positions, read outside any transaction and without writing (tests, the bench). */
export async function readRowIndex(store: Store, year: number, name: string): Promise<RowIndex> {
  const head = RowHeadSchema.parse((await store.getViewState(year, rowHeadName(name))) ?? {});
  const shards = await Promise.all(
    allShards(head.shards).map(
      async (k) => RowShardSchema.parse((await store.getViewState(year, rowShardName(name, k))) ?? {}).rows,
    ),
  );
  return {
    rows: Object.assign({}, head.rows, ...shards) as Record<string, number>,
    next: head.next,
    gridRows: head.gridRows,
  };
}

/** The registry, changed in one transaction (spreadsheets are synced in parallel, perhaps by several instances). */
export function updateRegistry(store: Store, year: number, change: (registry: Registry) => Registry): Promise<void> {
  return store.transaction(`view:${year}:registry`, async (tx) => {
    const latest = RegistrySchema.parse((await tx.getViewState(year, 'registry')) ?? {});
    tx.putViewState(year, 'registry', change(latest));
  });
}

/**
 * Gives a second row to every key that shares its row with an earlier key (a past race, or positions written by an
 * older version): a full sync then shows every member, never one hidden behind another.
 */
export function repairRows(index: RowIndex): void {
  const taken = new Set<number>();
  for (const key of Object.keys(index.rows).sort(
    (a, b) => (index.rows[a] ?? 0) - (index.rows[b] ?? 0) || a.localeCompare(b),
  )) {
    const row = index.rows[key] ?? 0;
    if (row >= 2 && !taken.has(row)) {
      taken.add(row);
      continue;
    }
    index.rows[key] = index.next;
    taken.add(index.next);
    index.next += 1;
  }
  index.next = Math.max(index.next, ...[...taken].map((row) => row + 1));
}

/** Gives each new key the next free row (header is row 1); returns the keys' rows. */
export function assignRows(index: RowIndex, keys: readonly string[]): Map<string, number> {
  const assigned = new Map<string, number>();
  for (const key of keys) {
    let row = index.rows[key];
    if (row === undefined) {
      row = index.next;
      index.rows[key] = row;
      index.next += 1;
    }
    assigned.set(key, row);
  }
  return assigned;
}

/** Grid rows to ask for: room for the data and some headroom, so most writes need no resize. */
export function gridRowsFor(lastRow: number): number {
  return Math.max(100, Math.ceil((lastRow + 50) / 100) * 100);
}
