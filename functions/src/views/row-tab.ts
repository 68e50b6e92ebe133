// The one skeleton of a tab whose rows never move: write some rows incrementally, or rebuild the whole tab.
import type { sheets_v4 } from '@googleapis/sheets';
import type { SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import type { Store } from '../ports';
import type { Row } from './cells';
import { gridSize, updateRowRuns } from './requests';
import { assignRows, gridRowsFor, repairRows, updateRowIndex } from './state';
import { growGrid, rewriteTab, type TabExtras } from './tabs';

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
  /** What a full rebuild adds to the tab besides its rows. */
  extras?: TabExtras;
}

/** Gives the documents their rows (new ones the next free rows) in one transaction, and builds their cells. */
function place<D>(store: Store, year: number, tab: RowTab<D>, docs: D[], rebuild: boolean) {
  return updateRowIndex(store, year, tab.positions, rebuild ? 'all' : { keys: docs.map(tab.keyOf) }, (index) => {
    if (rebuild) repairRows(index);
    const assigned = assignRows(index, tab.order(docs).map(tab.keyOf));
    const rows = new Map(
      docs.map((doc) => {
        const n = assigned.get(tab.keyOf(doc)) ?? 0;
        return [n, tab.row(doc, n)] as const;
      }),
    );
    const grew = rebuild ? false : growGrid(index);
    if (rebuild) index.gridRows = gridRowsFor(index.next);
    return { rows, gridRows: index.gridRows, grew };
  });
}

/**
 * Rewrites the rows of `docs` only, giving new ones the next free rows and growing the grid when needed. Row positions
 * are stored before the write is sent, so a failed write is retried into the same rows.
 */
export async function writeRows<D>(
  store: Store,
  year: number,
  sheetId: number,
  tab: RowTab<D>,
  docs: D[],
): Promise<Request[]> {
  if (docs.length === 0) return [];
  const { rows, gridRows, grew } = await place(store, year, tab, docs, false);
  const width = tab.header.length;
  return [...(grew ? [gridSize(sheetId, gridRows, width)] : []), ...updateRowRuns(sheetId, rows, width)];
}

/** Rebuilds the tab from every document: structure in `requests`, plain values in one compact `values` write. */
export async function rebuildRows<D>(
  store: Store,
  year: number,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
  tab: RowTab<D>,
  docs: D[],
): Promise<{ requests: Request[]; values: ValueRangeWrite }> {
  const { rows, gridRows } = await place(store, year, tab, docs, true);
  return rewriteTab(tab.title, sheetId, info, tab.header, rows, gridRows, tab.extras);
}
