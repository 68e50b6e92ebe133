// spreadsheets.values.*: reading, writing, appending and clearing values by A1 range, as Google answers them.
import type { EditRights } from '../model/protection';
import { z } from 'zod';
import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetters } from '../model/a1';
import { badRequest } from './errors';
import { FormulaEvaluator, renderComputed } from '../formulas/evaluator';
import {
  assertInGrid,
  clampToGrid,
  getCell,
  isFormula,
  rectA1,
  resolveA1,
  setCell,
  spliceRows,
  type CellValue,
  type Rect,
  type SpreadsheetModel,
  type TabModel,
} from '../model/spreadsheet';
import {
  parseValueInputOption,
  parseValueRenderOption,
  renderValue,
  toCellWrite,
  type CellWrite,
  type ValueInputOption,
  type ValueRenderOption,
} from '../model/cell-values';

type Major = 'ROWS' | 'COLUMNS';
type Rendered = string | number | boolean | null;

const majorSchema = z.enum(['ROWS', 'COLUMNS', 'DIMENSION_UNSPECIFIED']).optional().nullable();

export const valueRangeSchema = z.object({
  range: z.string().optional().nullable(),
  majorDimension: majorSchema,
  values: z.array(z.array(z.unknown())).optional().nullable(),
});
export type ValueRangeInput = z.infer<typeof valueRangeSchema>;

export const batchUpdateValuesSchema = z.object({
  valueInputOption: z.unknown().optional(),
  data: z.array(valueRangeSchema).optional().nullable(),
  includeValuesInResponse: z.boolean().optional().nullable(),
  responseValueRenderOption: z.string().optional().nullable(),
});

export const batchClearSchema = z.object({ ranges: z.array(z.string()).optional().nullable() });

export interface ReadOptions {
  majorDimension: Major;
  valueRenderOption: ValueRenderOption;
}

export function readOptions(query: URLSearchParams): ReadOptions {
  const major = query.get('majorDimension');
  if (major !== null && major !== 'ROWS' && major !== 'COLUMNS' && major !== 'DIMENSION_UNSPECIFIED') {
    throw badRequest(
      `Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "${major}"`,
    );
  }
  return {
    majorDimension: major === 'COLUMNS' ? 'COLUMNS' : 'ROWS',
    valueRenderOption: parseValueRenderOption(query.get('valueRenderOption')),
  };
}

// ---- reading ----

/**
 * values.get: the range closed at the grid's edge, trailing empty rows and cells left out. Formula
 * cells read as their computed value, or as their text under FORMULA, as in Google.
 */
export function getValues(
  ss: SpreadsheetModel,
  range: string,
  options: ReadOptions,
  evaluator = new FormulaEvaluator(ss),
): sheets_v4.Schema$ValueRange {
  const { tab, bounds } = resolveA1(ss, range);
  return readRect(evaluator, tab, clampToGrid(tab, bounds), options);
}

export function batchGetValues(
  ss: SpreadsheetModel,
  ranges: readonly string[],
  options: ReadOptions,
): sheets_v4.Schema$BatchGetValuesResponse {
  // One evaluation pass for all ranges: ranges they share are read once.
  const evaluator = new FormulaEvaluator(ss);
  return {
    spreadsheetId: ss.spreadsheetId,
    valueRanges: ranges.map((range) => getValues(ss, range, options, evaluator)),
  };
}

function readRect(
  evaluator: FormulaEvaluator,
  tab: TabModel,
  rect: Rect,
  options: ReadOptions,
): sheets_v4.Schema$ValueRange {
  const render = options.valueRenderOption;
  // Only walk where data can be: the grid is sparse and the rect may cover a million cells.
  const lastRow = Math.min(rect.endRow, tab.values.length);
  let grid: Rendered[][] = [];
  for (let row = rect.startRow; row < lastRow; row += 1) {
    const line: Rendered[] = [];
    const lastCol = Math.min(rect.endCol, tab.values[row]?.length ?? 0);
    for (let col = rect.startCol; col < lastCol; col += 1) {
      const stored = getCell(tab.values, row, col);
      const format = getCell(tab.formats, row, col);
      line.push(
        isFormula(stored) && render !== 'FORMULA'
          ? renderComputed(evaluator.value(tab, row, col), render, format)
          : renderValue(stored, render, format),
      );
    }
    grid.push(line);
  }
  if (options.majorDimension === 'COLUMNS') grid = transpose(grid);
  for (const line of grid) while (line.length > 0 && line[line.length - 1] === null) line.pop();
  while (grid.length > 0 && (grid[grid.length - 1]?.length ?? 0) === 0) grid.pop();
  const result: sheets_v4.Schema$ValueRange = { range: rectA1(tab, rect), majorDimension: options.majorDimension };
  // Empty cells before the last value of a line read as "", as in Google's answers.
  if (grid.length > 0) result.values = grid.map((line) => line.map((v) => v ?? ''));
  return result;
}

function transpose(grid: Rendered[][]): Rendered[][] {
  const width = widest(grid);
  return Array.from({ length: width }, (_, col) => grid.map((line) => line[col] ?? null));
}

// ---- writing ----

interface WritePlan {
  tab: TabModel;
  rect: Rect;
  writes: CellWrite[][];
}

/** Rows of the body as row-major cell writes (COLUMNS bodies are turned around). */
function toRowWrites(body: ValueRangeInput, option: ValueInputOption): CellWrite[][] {
  const values = body.values ?? [];
  const byColumns = body.majorDimension === 'COLUMNS';
  const rows: CellWrite[][] = [];
  values.forEach((line, i) => {
    line.forEach((value, j) => {
      const [r, c] = byColumns ? [j, i] : [i, j];
      while (rows.length <= r) rows.push([]);
      const row = rows[r] ?? [];
      while (row.length < c) row.push({ skip: true });
      row[c] = toCellWrite(value, option, `data.values[${i}].values[${j}]`);
    });
  });
  return rows;
}

/**
 * Where a write lands. A single-cell range is an anchor the values grow from; a wider range is a
 * limit, and values past it are Google's "Requested writing within range …" error.
 */
function planWrite(ss: SpreadsheetModel, range: string, body: ValueRangeInput, option: ValueInputOption): WritePlan {
  const { tab, bounds, singleCell } = resolveA1(ss, range);
  const writes = toRowWrites(body, option);
  const width = widest(writes);
  const startRow = bounds.startRow ?? 0;
  const startCol = bounds.startCol ?? 0;
  const rect: Rect = { startRow, startCol, endRow: startRow + writes.length, endCol: startCol + width };
  if (!singleCell) {
    const limit = clampToGrid(tab, bounds);
    const limitA1 = rectA1(tab, limit);
    if (rect.endRow > limit.endRow) {
      throw badRequest(`Requested writing within range [${limitA1}], but tried writing to row [${limit.endRow + 1}]`);
    }
    if (rect.endCol > limit.endCol) {
      throw badRequest(
        `Requested writing within range [${limitA1}], but tried writing to column [${columnLetters(limit.endCol)}]`,
      );
    }
  }
  return { tab, rect, writes };
}

function applyWrites(plan: WritePlan): sheets_v4.Schema$UpdateValuesResponse {
  const rowsTouched = new Set<number>();
  const colsTouched = new Set<number>();
  let cells = 0;
  plan.writes.forEach((line, i) => {
    line.forEach((write, j) => {
      if (write.skip) return;
      const row = plan.rect.startRow + i;
      const col = plan.rect.startCol + j;
      setCell<CellValue>(plan.tab.values, row, col, write.value);
      rowsTouched.add(row);
      colsTouched.add(col);
      cells += 1;
    });
  });
  const shown: Rect = {
    ...plan.rect,
    endRow: Math.max(plan.rect.endRow, plan.rect.startRow + 1),
    endCol: Math.max(plan.rect.endCol, plan.rect.startCol + 1),
  };
  const response: sheets_v4.Schema$UpdateValuesResponse = { updatedRange: rectA1(plan.tab, shown) };
  // proto3 JSON leaves zero counts out, and so does Google.
  if (rowsTouched.size > 0) response.updatedRows = rowsTouched.size;
  if (colsTouched.size > 0) response.updatedColumns = colsTouched.size;
  if (cells > 0) response.updatedCells = cells;
  return response;
}

/** values.update */
export function updateValues(
  ss: SpreadsheetModel,
  range: string,
  body: ValueRangeInput,
  query: URLSearchParams,
  rights: EditRights,
): sheets_v4.Schema$UpdateValuesResponse {
  const option = parseValueInputOption(query.get('valueInputOption'));
  const plan = planWrite(ss, range, body, option);
  assertInGrid(plan.tab, plan.rect);
  rights.assertCanWrite(plan.tab, plan.rect);
  const response = { spreadsheetId: ss.spreadsheetId, ...applyWrites(plan) };
  return withUpdatedData(
    ss,
    response,
    plan,
    query.get('includeValuesInResponse') === 'true',
    query.get('responseValueRenderOption'),
  );
}

/** values.batchUpdate: every range is checked before any is written, so a bad one changes nothing. */
export function batchUpdateValues(
  ss: SpreadsheetModel,
  body: z.infer<typeof batchUpdateValuesSchema>,
  rights: EditRights,
): sheets_v4.Schema$BatchUpdateValuesResponse {
  const option = parseValueInputOption(body.valueInputOption);
  const data = body.data ?? [];
  const plans = data.map((item, i) => {
    if (!item.range) throw badRequest(`Invalid data[${i}]: range is required.`);
    const plan = planWrite(ss, item.range, item, option);
    assertInGrid(plan.tab, plan.rect);
    rights.assertCanWrite(plan.tab, plan.rect);
    return plan;
  });
  const responses = plans.map((plan) => ({
    spreadsheetId: ss.spreadsheetId,
    ...withUpdatedData(
      ss,
      applyWrites(plan),
      plan,
      body.includeValuesInResponse === true,
      body.responseValueRenderOption ?? null,
    ),
  }));
  const sum = (pick: (r: sheets_v4.Schema$UpdateValuesResponse) => number | null | undefined): number =>
    responses.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const result: sheets_v4.Schema$BatchUpdateValuesResponse = { spreadsheetId: ss.spreadsheetId };
  const totals = {
    totalUpdatedRows: sum((r) => r.updatedRows),
    totalUpdatedColumns: sum((r) => r.updatedColumns),
    totalUpdatedCells: sum((r) => r.updatedCells),
    totalUpdatedSheets: new Set(plans.filter((_, i) => (responses[i]?.updatedCells ?? 0) > 0).map((p) => p.tab)).size,
  };
  for (const [key, value] of Object.entries(totals)) if (value > 0) Object.assign(result, { [key]: value });
  if (responses.length > 0) result.responses = responses;
  return result;
}

function withUpdatedData(
  ss: SpreadsheetModel,
  response: sheets_v4.Schema$UpdateValuesResponse,
  plan: WritePlan,
  include: boolean,
  renderOption: string | null,
): sheets_v4.Schema$UpdateValuesResponse {
  if (!include) return response;
  const rect = {
    ...plan.rect,
    endRow: Math.max(plan.rect.endRow, plan.rect.startRow + 1),
    endCol: Math.max(plan.rect.endCol, plan.rect.startCol + 1),
  };
  return {
    ...response,
    updatedData: readRect(new FormulaEvaluator(ss), plan.tab, rect, {
      majorDimension: 'ROWS',
      valueRenderOption: parseValueRenderOption(renderOption),
    }),
  };
}

/**
 * values.append: finds the table inside the range (the rows holding data), writes after its last
 * row from its first column, and adds rows when the grid is too short. Columns do not grow: a
 * row wider than the grid is Google's "exceeds grid limits".
 */
export function appendValues(
  ss: SpreadsheetModel,
  range: string,
  body: ValueRangeInput,
  query: URLSearchParams,
  rights: EditRights,
): sheets_v4.Schema$AppendValuesResponse {
  const option = parseValueInputOption(query.get('valueInputOption'));
  const insertRows = query.get('insertDataOption') === 'INSERT_ROWS';
  const { tab, bounds, singleCell } = resolveA1(ss, range);
  const grid = tab.properties.gridProperties;
  const search = singleCell
    ? {
        startRow: bounds.startRow ?? 0,
        endRow: grid.rowCount,
        startCol: bounds.startCol ?? 0,
        endCol: grid.columnCount,
      }
    : clampToGrid(tab, bounds);
  const table = findTable(tab, search);
  const writes = toRowWrites(body, option);
  const width = widest(writes);
  const startRow = table ? table.endRow : search.startRow;
  const startCol = table ? table.startCol : search.startCol;
  const rect: Rect = { startRow, startCol, endRow: startRow + writes.length, endCol: startCol + width };
  assertInGrid(tab, { ...rect, endRow: Math.min(rect.endRow, grid.rowCount) });
  rights.assertCanWrite(tab, rect);

  if (insertRows && writes.length > 0) {
    spliceRows(tab, startRow, 0, writes.length);
    grid.rowCount += writes.length;
  } else if (rect.endRow > grid.rowCount) {
    grid.rowCount = rect.endRow;
  }
  const updates = { spreadsheetId: ss.spreadsheetId, ...applyWrites({ tab, rect, writes }) };
  const response: sheets_v4.Schema$AppendValuesResponse = { spreadsheetId: ss.spreadsheetId, updates };
  if (table) response.tableRange = rectA1(tab, table);
  const include = query.get('includeValuesInResponse') === 'true';
  if (include)
    response.updates = withUpdatedData(
      ss,
      updates,
      { tab, rect, writes },
      true,
      query.get('responseValueRenderOption'),
    );
  return response;
}

/** The block of rows holding data inside `search`: first to last non-empty row, first to last column. */
function findTable(tab: TabModel, search: Rect): Rect | undefined {
  let table: Rect | undefined;
  const lastRow = Math.min(search.endRow, tab.values.length);
  for (let row = search.startRow; row < lastRow; row += 1) {
    const line = tab.values[row] ?? [];
    for (let col = search.startCol; col < Math.min(search.endCol, line.length); col += 1) {
      if (line[col] === null || line[col] === undefined) continue;
      table = table
        ? {
            startRow: table.startRow,
            endRow: row + 1,
            startCol: Math.min(table.startCol, col),
            endCol: Math.max(table.endCol, col + 1),
          }
        : { startRow: row, endRow: row + 1, startCol: col, endCol: col + 1 };
    }
  }
  return table;
}

// ---- clearing ----

/** values.clear: values only; formats, dropdowns and notes stay, as in Google. */
export function clearValues(
  ss: SpreadsheetModel,
  range: string,
  rights: EditRights,
): sheets_v4.Schema$ClearValuesResponse {
  const { tab, bounds } = resolveA1(ss, range);
  const rect = clampToGrid(tab, bounds);
  rights.assertCanWrite(tab, rect);
  const lastRow = Math.min(rect.endRow, tab.values.length);
  for (let row = lastRow - 1; row >= rect.startRow; row -= 1) {
    const lastCol = Math.min(rect.endCol, tab.values[row]?.length ?? 0);
    for (let col = lastCol - 1; col >= rect.startCol; col -= 1) setCell<CellValue>(tab.values, row, col, null);
  }
  return { spreadsheetId: ss.spreadsheetId, clearedRange: rectA1(tab, rect) };
}

export function batchClearValues(
  ss: SpreadsheetModel,
  ranges: readonly string[],
  rights: EditRights,
): sheets_v4.Schema$BatchClearValuesResponse {
  // Resolve all first so one bad (or protected) range clears nothing.
  for (const range of ranges) {
    const { tab, bounds } = resolveA1(ss, range);
    rights.assertCanWrite(tab, clampToGrid(tab, bounds));
  }
  return {
    spreadsheetId: ss.spreadsheetId,
    clearedRanges: ranges.map((range) => clearValues(ss, range, rights).clearedRange ?? ''),
  };
}

/** The longest line's length (a loop, not a spread: bodies can hold many thousand rows). */
function widest(lines: readonly (readonly unknown[])[]): number {
  return lines.reduce((max, line) => Math.max(max, line.length), 0);
}
