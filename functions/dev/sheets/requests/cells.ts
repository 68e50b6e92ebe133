// batchUpdate requests on cells: updateCells, repeatCell and setDataValidation, through field masks.
import type { sheets_v4 } from '@googleapis/sheets';
import { badRequest } from '../rest/errors';
import { applyFieldMask, maskTouches } from '../rest/field-mask';
import { fromExtendedValue, toExtendedValue } from '../model/cell-values';
import {
  assertInGrid,
  getCell,
  resolveGridRange,
  setCell,
  type CellValue,
  type Rect,
  type TabModel,
} from '../model/spreadsheet';
import { type Context, type Handler, type Json, int, mask, tabById } from './kit';

/** A cell as updateCells and repeatCell see it: the fields a mask can touch. */
function readCell(tab: TabModel, row: number, col: number): Json {
  const view: Json = {};
  const value = toExtendedValue(getCell(tab.values, row, col));
  if (value) view['userEnteredValue'] = value;
  const format = getCell(tab.formats, row, col);
  if (format) view['userEnteredFormat'] = structuredClone(format);
  const rule = getCell(tab.dataValidations, row, col);
  if (rule) view['dataValidation'] = structuredClone(rule);
  const note = getCell(tab.notes, row, col);
  if (note !== null) view['note'] = note;
  return view;
}

function writeCell(tab: TabModel, row: number, col: number, view: Json): void {
  setCell<CellValue>(
    tab.values,
    row,
    col,
    fromExtendedValue(view['userEnteredValue'] as sheets_v4.Schema$ExtendedValue | undefined),
  );
  const format = view['userEnteredFormat'] as sheets_v4.Schema$CellFormat | undefined;
  setCell(tab.formats, row, col, format && Object.keys(format).length > 0 ? format : null);
  setCell(
    tab.dataValidations,
    row,
    col,
    (view['dataValidation'] as sheets_v4.Schema$DataValidationRule | undefined) ?? null,
  );
  const note = view['note'];
  setCell(tab.notes, row, col, typeof note === 'string' && note !== '' ? note : null);
}

function updateOneCell(tab: TabModel, row: number, col: number, source: Json, paths: string[][], ctx: Context): void {
  const view = readCell(tab, row, col);
  applyFieldMask(view, source, paths);
  writeCell(tab, row, col, view);
  if (maskTouches(paths, 'userEnteredValue')) ctx.cellsWritten += 1;
}

function forEachCell(rect: Rect, visit: (row: number, col: number) => void): void {
  for (let row = rect.startRow; row < rect.endRow; row += 1) {
    for (let col = rect.startCol; col < rect.endCol; col += 1) visit(row, col);
  }
}

export const updateCells: Handler<'updateCells'> = (ss, request, ctx) => {
  const paths = mask(request.fields);
  const rows = request.rows ?? [];
  if (request.range) {
    // With a range, every cell of it is set: cells the rows leave out are cleared for the masked fields.
    const { tab, rect } = resolveGridRange(ss, request.range);
    ctx.rights.assertCanWrite(tab, rect);
    // Past both the given rows and the stored cells there is nothing to clear: skip it (a whole-tab
    // clear would otherwise visit every cell of the grid).
    const layers = [tab.values, tab.formats, tab.dataValidations, tab.notes];
    const storedRows = layers.reduce((most, layer) => Math.max(most, layer.length), 0);
    const lastRow = Math.min(rect.endRow, Math.max(rect.startRow + rows.length, storedRows));
    for (let row = rect.startRow; row < lastRow; row += 1) {
      const given = rows[row - rect.startRow]?.values ?? [];
      const storedCols = layers.reduce((most, layer) => Math.max(most, layer[row]?.length ?? 0), 0);
      const lastCol = Math.min(rect.endCol, Math.max(rect.startCol + given.length, storedCols));
      for (let col = rect.startCol; col < lastCol; col += 1) {
        updateOneCell(tab, row, col, (given[col - rect.startCol] ?? {}) as Json, paths, ctx);
      }
    }
    return {};
  }
  if (!request.start) throw badRequest('Either start or range must be set.');
  const tab = tabById(ss, request.start.sheetId);
  const startRow = int(request.start.rowIndex, 'start.rowIndex', 0);
  const startCol = int(request.start.columnIndex, 'start.columnIndex', 0);
  const width = rows.reduce((max, row) => Math.max(max, row.values?.length ?? 0), 0);
  const target = { startRow, startCol, endRow: startRow + rows.length, endCol: startCol + width };
  assertInGrid(tab, target);
  ctx.rights.assertCanWrite(tab, target);
  rows.forEach((rowData, i) => {
    (rowData.values ?? []).forEach((cell, j) => {
      updateOneCell(tab, startRow + i, startCol + j, cell as Json, paths, ctx);
    });
  });
  return {};
};

export const repeatCell: Handler<'repeatCell'> = (ss, request, ctx) => {
  const paths = mask(request.fields);
  const { tab, rect } = resolveGridRange(ss, request.range);
  ctx.rights.assertCanWrite(tab, rect);
  const source = (request.cell ?? {}) as Json;
  forEachCell(rect, (row, col) => {
    updateOneCell(tab, row, col, source, paths, ctx);
  });
  return {};
};

export const setDataValidation: Handler<'setDataValidation'> = (ss, request, ctx) => {
  const { tab, rect } = resolveGridRange(ss, request.range);
  ctx.rights.assertCanWrite(tab, rect);
  const rule = request.rule ?? null;
  if (rule && !rule.condition?.type) throw badRequest('Invalid rule: condition.type is required.');
  forEachCell(rect, (row, col) => {
    setCell(tab.dataValidations, row, col, rule ? structuredClone(rule) : null);
  });
  return {};
};
