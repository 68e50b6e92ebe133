// The one skeleton of a tab whose rows never move: write some rows incrementally, or rebuild the whole tab.
import type { sheets_v4 } from '@googleapis/sheets';
import type { SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import type { Store } from '../ports';
import type { Row } from './cells';
import { updateRowRuns } from './requests';
import { assignRows, gridRowsFor, loadRowIndex, saveRowIndex, type RowIndex } from './state';
import { grow, rewriteTab } from './tabs';

type Request = sheets_v4.Schema$Request;

/** A tab with one row per document (member, refusal, evidence entry), each keeping the row it was first given. */
export interface RowTab<D> {
  title: string;
  /** Name of the stored row positions (`rows-{name}`). */
  positions: string;
  header: readonly string[];
  keyOf: (doc: D) => string;
  /** The order new documents are given rows in (stable: by arrival, then id). */
  order: (docs: D[]) => D[];
  row: (doc: D, rowNumber: number) => Row;
}

/** Requests to write and the row positions to save before sending them (a retried write lands in the same rows). */
export interface TabWrite {
  requests: Request[];
  save: () => Promise<void>;
}

async function place<D>(store: Store, year: number, tab: RowTab<D>, docs: D[]): Promise<{ index: RowIndex; rows: Map<number, Row> }> {
  const index = await loadRowIndex(store, year, tab.positions);
  const assigned = assignRows(index, tab.order(docs).map(tab.keyOf));
  const rows = new Map(docs.map((doc) => {
    const n = assigned.get(tab.keyOf(doc)) ?? 0;
    return [n, tab.row(doc, n)] as const;
  }));
  return { index, rows };
}

/** Rewrites the rows of `docs` only, giving new ones the next free rows and growing the grid when needed. */
export async function writeRows<D>(store: Store, year: number, sheetId: number, tab: RowTab<D>, docs: D[]): Promise<TabWrite> {
  if (docs.length === 0) return { requests: [], save: () => Promise.resolve() };
  const { index, rows } = await place(store, year, tab, docs);
  const requests = [...grow(index, sheetId, tab.header.length), ...updateRowRuns(sheetId, rows, tab.header.length)];
  return { requests, save: () => saveRowIndex(store, year, tab.positions, index) };
}

/** Rebuilds the tab from every document: structure in `requests`, plain values in one compact `values` write. */
export async function rebuildRows<D>(
  store: Store,
  year: number,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
  tab: RowTab<D>,
  docs: D[],
): Promise<TabWrite & { values: ValueRangeWrite }> {
  const { index, rows } = await place(store, year, tab, docs);
  index.gridRows = gridRowsFor(index.next);
  const rewrite = rewriteTab(tab.title, sheetId, info, tab.header, rows, index.gridRows);
  return { requests: rewrite.requests, values: rewrite.values, save: () => saveRowIndex(store, year, tab.positions, index) };
}
