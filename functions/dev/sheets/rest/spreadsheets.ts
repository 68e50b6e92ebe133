// spreadsheets.create and spreadsheets.get: building a spreadsheet from a request and showing it as Google's JSON.
import { FormulaEvaluator, computedCellData } from '../formulas/evaluator';
import { z } from 'zod';
import type { sheets_v4 } from '@googleapis/sheets';
import { applyBatchUpdate } from '../requests/batch-update';
import { ALL_RIGHTS } from '../model/protection';
import { newTabProperties } from '../requests/sheets';
import { formattedValue, toExtendedValue } from '../model/cell-values';
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  clampToGrid,
  emptyTab,
  getCell,
  isFormula,
  newSpreadsheetId,
  resolveA1,
  type Rect,
  type SpreadsheetModel,
  type TabModel,
} from '../model/spreadsheet';

export const createBodySchema = z.looseObject({
  properties: z.looseObject({ title: z.string().optional().nullable() }).optional().nullable(),
  sheets: z
    .array(
      z.looseObject({
        properties: z.looseObject({}).optional().nullable(),
        data: z.array(z.unknown()).optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
});

/** A new spreadsheet from a create body: Google's defaults fill what the body leaves out. */
export function createSpreadsheet(body: z.infer<typeof createBodySchema>, now: Date, owner: string): SpreadsheetModel {
  const given = (body.properties ?? {}) as sheets_v4.Schema$SpreadsheetProperties;
  const ss: SpreadsheetModel = {
    spreadsheetId: newSpreadsheetId(),
    properties: {
      title: given.title ?? 'Untitled spreadsheet',
      locale: given.locale ?? 'en_US',
      timeZone: given.timeZone ?? 'Etc/GMT',
      autoRecalc: given.autoRecalc ?? 'ON_CHANGE',
    },
    tabs: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    owner,
  };
  const sheets = (body.sheets ?? []) as sheets_v4.Schema$Sheet[];
  if (sheets.length === 0) sheets.push({});
  sheets.forEach((sheet, i) => {
    // The first sheet of a new spreadsheet gets id 0 unless the body chooses one, as in Google.
    const properties = newTabProperties(ss, sheet.properties, i === 0 ? 0 : undefined);
    ss.tabs.push(emptyTab(properties));
    for (const data of sheet.data ?? []) {
      if (!data.rowData?.length) continue;
      applyBatchUpdate(
        ss,
        [
          {
            updateCells: {
              rows: data.rowData,
              fields: 'userEnteredValue,userEnteredFormat,dataValidation,note',
              start: { sheetId: properties.sheetId, rowIndex: data.startRow ?? 0, columnIndex: data.startColumn ?? 0 },
            },
          },
        ],
        { user: owner, rights: ALL_RIGHTS },
      );
    }
  });
  return ss;
}

export interface RenderOptions {
  includeGridData: boolean;
  ranges: readonly string[];
  spreadsheetUrl: string;
}

/** spreadsheets.get: every tab, or only those the ranges name, with grid data when asked for. */
export function renderSpreadsheet(ss: SpreadsheetModel, options: RenderOptions): sheets_v4.Schema$Spreadsheet {
  const wanted = new Map<TabModel, Rect[]>();
  for (const range of options.ranges) {
    const { tab, bounds } = resolveA1(ss, range);
    wanted.set(tab, [...(wanted.get(tab) ?? []), clampToGrid(tab, bounds)]);
  }
  const tabs = options.ranges.length > 0 ? ss.tabs.filter((tab) => wanted.has(tab)) : ss.tabs;
  // One evaluator per answer, so formula cells show what Google computes (effectiveValue, formattedValue).
  const evaluator = new FormulaEvaluator(ss);
  return {
    spreadsheetId: ss.spreadsheetId,
    properties: { ...ss.properties },
    sheets: tabs.map((tab) =>
      renderSheet(tab, options.includeGridData ? (wanted.get(tab) ?? [wholeGrid(tab)]) : [], evaluator),
    ),
    spreadsheetUrl: options.spreadsheetUrl,
  };
}

function wholeGrid(tab: TabModel): Rect {
  const { rowCount, columnCount } = tab.properties.gridProperties;
  return { startRow: 0, endRow: rowCount, startCol: 0, endCol: columnCount };
}

function renderSheet(tab: TabModel, rects: readonly Rect[], evaluator: FormulaEvaluator): sheets_v4.Schema$Sheet {
  const sheet: sheets_v4.Schema$Sheet = { properties: structuredClone(tab.properties) };
  if (rects.length > 0) sheet.data = rects.map((rect) => renderGridData(tab, rect, evaluator));
  // Google leaves empty lists out of the answer.
  if (tab.protectedRanges.length > 0) sheet.protectedRanges = structuredClone(tab.protectedRanges);
  if (tab.conditionalFormats.length > 0) sheet.conditionalFormats = structuredClone(tab.conditionalFormats);
  if (tab.charts.length > 0) sheet.charts = structuredClone(tab.charts);
  return sheet;
}

function renderGridData(tab: TabModel, rect: Rect, evaluator: FormulaEvaluator): sheets_v4.Schema$GridData {
  const rowData: sheets_v4.Schema$RowData[] = [];
  const lastRow = Math.min(
    rect.endRow,
    Math.max(tab.values.length, tab.formats.length, tab.dataValidations.length, tab.notes.length),
  );
  for (let row = rect.startRow; row < lastRow; row += 1) {
    const cells: sheets_v4.Schema$CellData[] = [];
    for (let col = rect.startCol; col < rect.endCol; col += 1) cells.push(renderCell(tab, row, col, evaluator));
    while (cells.length > 0 && Object.keys(cells[cells.length - 1] ?? {}).length === 0) cells.pop();
    rowData.push(cells.length > 0 ? { values: cells } : {});
  }
  while (rowData.length > 0 && rowData[rowData.length - 1]?.values === undefined) rowData.pop();
  const data: sheets_v4.Schema$GridData = {};
  if (rect.startRow > 0) data.startRow = rect.startRow;
  if (rect.startCol > 0) data.startColumn = rect.startCol;
  if (rowData.length > 0) data.rowData = rowData;
  data.rowMetadata = range(rect.startRow, rect.endRow).map((i) => ({
    pixelSize: DEFAULT_ROW_HEIGHT,
    ...(tab.rowMetadata[i] ?? {}),
  }));
  data.columnMetadata = range(rect.startCol, rect.endCol).map((i) => ({
    pixelSize: DEFAULT_COLUMN_WIDTH,
    ...(tab.columnMetadata[i] ?? {}),
  }));
  return data;
}

function renderCell(tab: TabModel, row: number, col: number, evaluator: FormulaEvaluator): sheets_v4.Schema$CellData {
  const cell: sheets_v4.Schema$CellData = {};
  const value = getCell(tab.values, row, col);
  const extended = toExtendedValue(value);
  if (extended) cell.userEnteredValue = extended;
  const format = getCell(tab.formats, row, col);
  if (value !== null && !isFormula(value)) {
    cell.effectiveValue = extended;
    cell.formattedValue = formattedValue(value, format);
  } else if (value !== null) {
    Object.assign(cell, computedCellData(evaluator.value(tab, row, col), format));
  }
  if (format) cell.userEnteredFormat = structuredClone(format);
  const rule = getCell(tab.dataValidations, row, col);
  if (rule) cell.dataValidation = structuredClone(rule);
  const note = getCell(tab.notes, row, col);
  if (note !== null) cell.note = note;
  return cell;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
