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

const RowIndexSchema = z.object({
  rows: z.record(z.string(), z.number().int()).default({}),
  next: z.number().int().default(2),
  gridRows: z.number().int().default(0),
});
export type RowIndex = z.infer<typeof RowIndexSchema>;

/** A queue's spreadsheet, looked up as an own property only (a queue id never reaches Object.prototype). */
export function queueRef(registry: Registry, queue: string): SpreadsheetRef | undefined {
  return Object.hasOwn(registry.queues, queue) ? registry.queues[queue] : undefined;
}

export async function loadRegistry(store: Store, year: number): Promise<Registry> {
  return RegistrySchema.parse((await store.getViewState(year, 'registry')) ?? {});
}

/**
 * Reads a tab's row positions, lets `change` give rows, and stores the result, in one transaction: however many
 * instances flush at once, no two keys get the same row.
 */
export function updateRowIndex<T>(store: Store, year: number, name: string, change: (index: RowIndex) => T): Promise<T> {
  const doc = `rows-${name}`;
  return store.transaction(`view:${year}:${doc}`, async (tx) => {
    const index = RowIndexSchema.parse((await tx.getViewState(year, doc)) ?? {});
    const result = change(index);
    tx.putViewState(year, doc, index);
    return result;
  });
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
  for (const key of Object.keys(index.rows).sort((a, b) => (index.rows[a] ?? 0) - (index.rows[b] ?? 0) || a.localeCompare(b))) {
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
