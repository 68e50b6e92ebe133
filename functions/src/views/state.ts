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

export async function saveRegistry(store: Store, year: number, registry: Registry): Promise<void> {
  await store.putViewState(year, 'registry', registry);
}

export async function loadRowIndex(store: Store, year: number, name: string): Promise<RowIndex> {
  return RowIndexSchema.parse((await store.getViewState(year, `rows-${name}`)) ?? {});
}

export async function saveRowIndex(store: Store, year: number, name: string, index: RowIndex): Promise<void> {
  await store.putViewState(year, `rows-${name}`, index);
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
