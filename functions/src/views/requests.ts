// Turning rows of cells into Sheets v4 batchUpdate requests: values never parsed, formulas only where we built them.
import type { sheets_v4 } from '@googleapis/sheets';
import type { Cell, Row } from './cells';

type CellData = sheets_v4.Schema$CellData;
type Request = sheets_v4.Schema$Request;

export function cellData(cell: Cell): CellData {
  if (cell === null || cell === '') return {};
  if (typeof cell === 'string') return { userEnteredValue: { stringValue: cell } };
  if (typeof cell === 'number') return { userEnteredValue: { numberValue: cell } };
  if (typeof cell === 'boolean') return { userEnteredValue: { boolValue: cell } };
  if ('formula' in cell) return { userEnteredValue: { formulaValue: cell.formula } };
  if ('checkbox' in cell)
    return { userEnteredValue: { boolValue: cell.checkbox }, dataValidation: { condition: { type: 'BOOLEAN' } } };
  return {
    ...(cell.value === '' ? {} : { userEnteredValue: { stringValue: cell.value } }),
    dataValidation: {
      condition: { type: 'ONE_OF_LIST', values: cell.dropdown.map((choice) => ({ userEnteredValue: choice })) },
      strict: true,
      showCustomUi: true,
    },
  };
}

/**
 * Writes `rows` from `startRow` (0-based) and `startColumn`, each padded to `width` so stale cells
 * beyond a shorter row are cleared.
 */
export function updateRows(
  sheetId: number,
  startRow: number,
  rows: readonly Row[],
  width: number,
  startColumn = 0,
): Request {
  return {
    updateCells: {
      start: { sheetId, rowIndex: startRow, columnIndex: startColumn },
      rows: rows.map((row) => ({ values: Array.from({ length: width }, (_, i) => cellData(row[i] ?? null)) })),
      fields: 'userEnteredValue,dataValidation',
    },
  };
}

/** Sets the grid size (idempotent, unlike appendDimension) and freezes the header row. */
export function gridSize(sheetId: number, rowCount: number, columnCount: number): Request {
  return {
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { rowCount, columnCount, frozenRowCount: 1 } },
      fields: 'gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount',
    },
  };
}

/** Clears values and dropdowns of a whole tab (used by a full sync before rewriting it). */
export function clearTab(sheetId: number): Request {
  return { updateCells: { range: { sheetId }, fields: 'userEnteredValue,dataValidation' } };
}

export function boldHeader(sheetId: number): Request {
  return boldRow(sheetId, 0);
}

/** Makes one row (0-based) bold: a header, or a table's header further down a tab. */
export function boldRow(sheetId: number, row: number): Request {
  return {
    repeatCell: {
      range: { sheetId, startRowIndex: row, endRowIndex: row + 1 },
      cell: { userEnteredFormat: { textFormat: { bold: true } } },
      fields: 'userEnteredFormat.textFormat.bold',
    },
  };
}

/** Groups row updates into contiguous runs: one updateCells per run instead of one per row. */
export function updateRowRuns(sheetId: number, rows: ReadonlyMap<number, Row>, width: number): Request[] {
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const requests: Request[] = [];
  let runStart = -1;
  let run: Row[] = [];
  for (const n of numbers) {
    if (run.length > 0 && n !== runStart + run.length) {
      requests.push(updateRows(sheetId, runStart - 1, run, width));
      run = [];
    }
    if (run.length === 0) runStart = n;
    run.push(rows.get(n) ?? []);
  }
  if (run.length > 0) requests.push(updateRows(sheetId, runStart - 1, run, width));
  return requests;
}
