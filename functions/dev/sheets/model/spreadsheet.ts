// The stand-in's in-memory spreadsheets: tabs as sparse 2D grids, plus the objects Sheets keeps per tab.
import { randomBytes, randomInt } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import { parseA1, formatRange, cellName, quoteSheetName, type GridBounds } from './a1';
import { badRequest } from '../rest/errors';

/** A formula as typed (`=SUM(A1:A3)`); the stand-in keeps it so and computes it only when read (formulas.ts). */
export interface Formula {
  formula: string;
}
export type Scalar = string | number | boolean;
/** One cell's value: `null` is empty, a `Formula` object is a formula, anything else is literal. */
export type CellValue = Scalar | Formula | null;

export interface TabProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: 'GRID';
  gridProperties: {
    rowCount: number;
    columnCount: number;
    frozenRowCount?: number;
    frozenColumnCount?: number;
    hideGridlines?: boolean;
  };
  hidden?: boolean;
  rightToLeft?: boolean;
  tabColor?: sheets_v4.Schema$Color;
  tabColorStyle?: sheets_v4.Schema$ColorStyle;
}

/**
 * One tab. The grids are sparse: a row array only exists up to the last touched row, and a row
 * only as long as its last touched cell; `gridProperties` says how big the tab really is.
 */
export interface TabModel {
  properties: TabProperties;
  values: CellValue[][];
  formats: (sheets_v4.Schema$CellFormat | null)[][];
  dataValidations: (sheets_v4.Schema$DataValidationRule | null)[][];
  notes: (string | null)[][];
  rowMetadata: (sheets_v4.Schema$DimensionProperties | null)[];
  columnMetadata: (sheets_v4.Schema$DimensionProperties | null)[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[];
  charts: sheets_v4.Schema$EmbeddedChart[];
}

export interface SpreadsheetModel {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string; autoRecalc: string };
  tabs: TabModel[];
  createdAt: string;
  updatedAt: string;
  /** Who created it (see rest/caller.ts); the owner may write inside every protected range. */
  owner?: string;
}

/** Closed numeric bounds on one tab (end exclusive). */
export interface Rect {
  startRow: number;
  endRow: number;
  startCol: number;
  endCol: number;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export const DEFAULT_ROW_HEIGHT = 21;
export const DEFAULT_COLUMN_WIDTH = 100;

/** Spreadsheet ids look like Google's: 44 URL-safe characters. */
export function newSpreadsheetId(): string {
  return randomBytes(33).toString('base64url');
}

/** Positive int32 ids for sheets, charts and protected ranges, unique within `taken`. */
export function newObjectId(taken: ReadonlySet<number>): number {
  for (;;) {
    const id = randomInt(1, 2_147_483_647);
    if (!taken.has(id)) return id;
  }
}

export function emptyTab(properties: TabProperties): TabModel {
  return {
    properties,
    values: [],
    formats: [],
    dataValidations: [],
    notes: [],
    rowMetadata: [],
    columnMetadata: [],
    protectedRanges: [],
    conditionalFormats: [],
    charts: [],
  };
}

export function findTabById(ss: SpreadsheetModel, sheetId: number): TabModel | undefined {
  return ss.tabs.find((tab) => tab.properties.sheetId === sheetId);
}

export function findTabByTitle(ss: SpreadsheetModel, title: string): TabModel | undefined {
  return ss.tabs.find((tab) => tab.properties.title === title);
}

/** Every id in use for sheets, charts and protected ranges (Google keeps them in one space). */
export function takenIds(ss: SpreadsheetModel): Set<number> {
  const ids = new Set<number>();
  for (const tab of ss.tabs) {
    ids.add(tab.properties.sheetId);
    for (const chart of tab.charts) if (typeof chart.chartId === 'number') ids.add(chart.chartId);
    for (const pr of tab.protectedRanges) if (typeof pr.protectedRangeId === 'number') ids.add(pr.protectedRangeId);
  }
  return ids;
}

/** Keeps `index` equal to each tab's position, as Google does after adds and deletes. */
export function reindexTabs(ss: SpreadsheetModel): void {
  ss.tabs.forEach((tab, index) => {
    tab.properties.index = index;
  });
}

// ---- sparse grid cells ----

export function getCell<T>(layer: readonly (readonly (T | null)[])[], row: number, col: number): T | null {
  return layer[row]?.[col] ?? null;
}

export function setCell<T>(layer: (T | null)[][], row: number, col: number, value: T | null): void {
  if (value === null) {
    const line = layer[row];
    if (!line || col >= line.length) return;
    line[col] = null;
    while (line.length > 0 && line[line.length - 1] === null) line.pop();
    while (layer.length > 0 && (layer[layer.length - 1]?.length ?? 0) === 0) layer.pop();
    return;
  }
  while (layer.length <= row) layer.push([]);
  const line = layer[row] ?? [];
  while (line.length < col) line.push(null);
  line[col] = value;
}

/** Where data ends: one past the last row and column holding a value. */
export function dataExtent(tab: TabModel): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  tab.values.forEach((line, r) => {
    line.forEach((value, c) => {
      if (value !== null) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
    });
  });
  return { rows, cols };
}

type RowLayer = unknown[][];

function rowLayers(tab: TabModel): RowLayer[] {
  return [tab.values, tab.formats, tab.dataValidations, tab.notes];
}

/** Removes `deleteCount` rows at `start` and inserts `insertCount` empty ones, in every layer. */
export function spliceRows(tab: TabModel, start: number, deleteCount: number, insertCount: number): void {
  for (const layer of [...rowLayers(tab), tab.rowMetadata as unknown[]]) {
    if (layer.length <= start) continue;
    layer.splice(
      start,
      deleteCount,
      ...Array.from({ length: insertCount }, () => (layer === tab.rowMetadata ? null : [])),
    );
  }
}

/** Removes `deleteCount` columns at `start` and inserts `insertCount` empty ones, in every layer. */
export function spliceColumns(tab: TabModel, start: number, deleteCount: number, insertCount: number): void {
  for (const layer of rowLayers(tab)) {
    for (const line of layer) {
      if (line.length <= start) continue;
      line.splice(start, deleteCount, ...Array.from({ length: insertCount }, () => null));
    }
  }
  if (tab.columnMetadata.length > start) {
    tab.columnMetadata.splice(start, deleteCount, ...Array.from({ length: insertCount }, () => null));
  }
}

/** Drops everything past the grid's edge after it shrinks. */
export function truncateToGrid(tab: TabModel): void {
  const { rowCount, columnCount } = tab.properties.gridProperties;
  for (const layer of rowLayers(tab)) {
    layer.length = Math.min(layer.length, rowCount);
    for (const line of layer) line.length = Math.min(line.length, columnCount);
  }
  tab.rowMetadata.length = Math.min(tab.rowMetadata.length, rowCount);
  tab.columnMetadata.length = Math.min(tab.columnMetadata.length, columnCount);
}

// ---- ranges ----

export interface ResolvedRange {
  tab: TabModel;
  /** Bounds as written, open sides left open. */
  bounds: GridBounds;
  /** True when the text named a single cell, which writes treat as an anchor. */
  singleCell: boolean;
}

/**
 * Finds the tab and bounds an A1 range names; unknown sheets and bad text are the same 400 Google
 * gives ("Unable to parse range: …"). Text without `!` names a sheet when a sheet has that title.
 */
export function resolveA1(ss: SpreadsheetModel, text: string): ResolvedRange {
  const parsed = parseA1(text);
  const exact = parsed.sheetName === undefined ? findTabByTitle(ss, text.trim()) : undefined;
  if (exact) return { tab: exact, bounds: {}, singleCell: false };
  const tab = parsed.sheetName === undefined ? ss.tabs[0] : findTabByTitle(ss, parsed.sheetName);
  if (!tab) throw badRequest(`Unable to parse range: ${text}`);
  const bounds = parsed.bounds ?? {};
  const singleCell =
    bounds.endRow !== undefined &&
    bounds.startRow !== undefined &&
    bounds.endRow - bounds.startRow === 1 &&
    bounds.endCol !== undefined &&
    bounds.startCol !== undefined &&
    bounds.endCol - bounds.startCol === 1;
  return { tab, bounds, singleCell };
}

/** Closes open sides at the grid's edge; explicit sides past it are Google's "exceeds grid limits". */
export function clampToGrid(tab: TabModel, bounds: GridBounds): Rect {
  const rect: Rect = {
    startRow: bounds.startRow ?? 0,
    endRow: bounds.endRow ?? tab.properties.gridProperties.rowCount,
    startCol: bounds.startCol ?? 0,
    endCol: bounds.endCol ?? tab.properties.gridProperties.columnCount,
  };
  assertInGrid(tab, rect);
  return rect;
}

export function assertInGrid(tab: TabModel, rect: Rect): void {
  const { rowCount, columnCount } = tab.properties.gridProperties;
  if (rect.endRow <= rowCount && rect.endCol <= columnCount) return;
  const outside = rect.endCol > columnCount ? cellName(rect.startRow, columnCount) : cellName(rowCount, rect.startCol);
  throw badRequest(
    `Range (${quoteSheetName(tab.properties.title)}!${outside}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`,
  );
}

export function rectA1(tab: TabModel, rect: Rect): string {
  return formatRange(tab.properties.title, rect);
}

/** A GridRange (sheetId defaults to 0, as proto3 does) resolved against its tab and clamped. */
export function resolveGridRange(
  ss: SpreadsheetModel,
  range: sheets_v4.Schema$GridRange | undefined,
): { tab: TabModel; rect: Rect } {
  const sheetId = range?.sheetId ?? 0;
  const tab = findTabById(ss, sheetId);
  if (!tab) throw badRequest(`No grid with id: ${sheetId}`);
  const bounds: GridBounds = {};
  if (typeof range?.startRowIndex === 'number') bounds.startRow = range.startRowIndex;
  if (typeof range?.endRowIndex === 'number') bounds.endRow = range.endRowIndex;
  if (typeof range?.startColumnIndex === 'number') bounds.startCol = range.startColumnIndex;
  if (typeof range?.endColumnIndex === 'number') bounds.endCol = range.endColumnIndex;
  return { tab, rect: clampToGrid(tab, bounds) };
}

/** A GridRange as a person reads it, e.g. `'Kết quả'!B2:B40`. */
export function gridRangeA1(ss: SpreadsheetModel, range: sheets_v4.Schema$GridRange | undefined): string {
  const tab = findTabById(ss, range?.sheetId ?? 0);
  if (!tab) return `#REF! (${range?.sheetId ?? 0})`;
  const { rowCount, columnCount } = tab.properties.gridProperties;
  return formatRange(tab.properties.title, {
    startRow: range?.startRowIndex ?? 0,
    endRow: Math.min(range?.endRowIndex ?? rowCount, rowCount),
    startCol: range?.startColumnIndex ?? 0,
    endCol: Math.min(range?.endColumnIndex ?? columnCount, columnCount),
  });
}

export function isFormula(value: CellValue): value is Formula {
  return typeof value === 'object' && value !== null;
}
