// Inserting and deleting rows or columns: moves the data and every range that points past the change.
import { spliceColumns, spliceRows, type SpreadsheetModel, type TabModel } from './spreadsheet';

export type Dimension = 'ROWS' | 'COLUMNS';

/** Maps an index across the change; `isEnd` marks an exclusive end index. */
type IndexMap = (index: number, isEnd: boolean) => number;

const RANGE_KEYS: Readonly<Record<Dimension, readonly [string, string]>> = {
  ROWS: ['startRowIndex', 'endRowIndex'],
  COLUMNS: ['startColumnIndex', 'endColumnIndex'],
};
const COORD_KEY: Readonly<Record<Dimension, string>> = { ROWS: 'rowIndex', COLUMNS: 'columnIndex' };

export function insertDimension(
  ss: SpreadsheetModel,
  tab: TabModel,
  dimension: Dimension,
  start: number,
  count: number,
): void {
  if (dimension === 'ROWS') {
    spliceRows(tab, start, 0, count);
    tab.properties.gridProperties.rowCount += count;
  } else {
    spliceColumns(tab, start, 0, count);
    tab.properties.gridProperties.columnCount += count;
  }
  // An insertion exactly at a range's end leaves the range as it is, as in Sheets.
  shiftRanges(ss, tab.properties.sheetId, dimension, (index, isEnd) =>
    index > start || (index === start && !isEnd) ? index + count : index,
  );
}

export function deleteDimension(
  ss: SpreadsheetModel,
  tab: TabModel,
  dimension: Dimension,
  start: number,
  end: number,
): void {
  const count = end - start;
  if (dimension === 'ROWS') {
    spliceRows(tab, start, count, 0);
    tab.properties.gridProperties.rowCount -= count;
  } else {
    spliceColumns(tab, start, count, 0);
    tab.properties.gridProperties.columnCount -= count;
  }
  const grid = tab.properties.gridProperties;
  if (dimension === 'ROWS' && (grid.frozenRowCount ?? 0) > grid.rowCount) grid.frozenRowCount = grid.rowCount;
  if (dimension === 'COLUMNS' && (grid.frozenColumnCount ?? 0) > grid.columnCount)
    grid.frozenColumnCount = grid.columnCount;
  shiftRanges(ss, tab.properties.sheetId, dimension, (index) =>
    index < start ? index : index >= end ? index - count : start,
  );
  dropEmptyRanges(ss);
}

/** Walks protected ranges, conditional formats and charts of every tab, fixing what points at `sheetId`. */
function shiftRanges(ss: SpreadsheetModel, sheetId: number, dimension: Dimension, map: IndexMap): void {
  for (const tab of ss.tabs) {
    for (const target of [tab.protectedRanges, tab.conditionalFormats, tab.charts])
      visit(target, sheetId, dimension, map);
  }
}

function visit(node: unknown, sheetId: number, dimension: Dimension, map: IndexMap): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, sheetId, dimension, map);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if ((record['sheetId'] ?? 0) === sheetId && ('sheetId' in record || hasGridIndexes(record))) {
    const [startKey, endKey] = RANGE_KEYS[dimension];
    const start = record[startKey];
    const end = record[endKey];
    const coord = record[COORD_KEY[dimension]];
    if (typeof start === 'number') record[startKey] = map(start, false);
    if (typeof end === 'number') record[endKey] = map(end, true);
    if (typeof coord === 'number') record[COORD_KEY[dimension]] = map(coord, false);
  }
  for (const value of Object.values(record)) visit(value, sheetId, dimension, map);
}

/** A GridRange or GridCoordinate on sheet 0 may leave sheetId out (proto3 default); it still has index keys. */
function hasGridIndexes(record: Record<string, unknown>): boolean {
  return ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex', 'rowIndex', 'columnIndex'].some(
    (key) => key in record,
  );
}

function isEmptyRange(range: Record<string, unknown> | undefined): boolean {
  if (!range) return false;
  const empty = (a: unknown, b: unknown): boolean => typeof a === 'number' && typeof b === 'number' && a >= b;
  return (
    empty(range['startRowIndex'], range['endRowIndex']) || empty(range['startColumnIndex'], range['endColumnIndex'])
  );
}

/** Ranges deleted whole disappear, with the protections and rules that only covered them. */
function dropEmptyRanges(ss: SpreadsheetModel): void {
  for (const tab of ss.tabs) {
    tab.protectedRanges = tab.protectedRanges.filter(
      (pr) => !isEmptyRange(pr.range as Record<string, unknown> | undefined),
    );
    for (const rule of tab.conditionalFormats) {
      rule.ranges = (rule.ranges ?? []).filter((range) => !isEmptyRange(range as Record<string, unknown>));
    }
    tab.conditionalFormats = tab.conditionalFormats.filter((rule) => (rule.ranges ?? []).length > 0);
  }
}
