// batchUpdate requests on rows and columns: sizes, appends, inserts, deletes and auto-resize.
import { badRequest } from '../rest/errors';
import { applyFieldMask } from '../rest/field-mask';
import { formattedValue } from '../model/cell-values';
import { deleteDimension, insertDimension } from '../model/dimensions';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, isFormula, type CellValue } from '../model/spreadsheet';
import { type Handler, type Json, dimension, dimensionSpan, int, mask, tabById } from './kit';

export const updateDimensionProperties: Handler<'updateDimensionProperties'> = (ss, request) => {
  const paths = mask(request.fields);
  const { tab, dim, start, end } = dimensionSpan(ss, request.range ?? undefined);
  const metadata = dim === 'ROWS' ? tab.rowMetadata : tab.columnMetadata;
  for (let i = start; i < end; i += 1) {
    const current = (metadata[i] ?? {}) as Json;
    applyFieldMask(current, (request.properties ?? {}) as Json, paths);
    while (metadata.length < i) metadata.push(null);
    metadata[i] = Object.keys(current).length > 0 ? current : null;
  }
  return {};
};

export const appendDimension: Handler<'appendDimension'> = (ss, request) => {
  const tab = tabById(ss, request.sheetId);
  const length = int(request.length, 'length');
  if (length < 1) throw badRequest('length must be greater than 0.');
  const grid = tab.properties.gridProperties;
  if (dimension(request.dimension) === 'ROWS') grid.rowCount += length;
  else grid.columnCount += length;
  return {};
};

export const insertDimensionRequest: Handler<'insertDimension'> = (ss, request) => {
  const range = request.range;
  if (!range) throw badRequest('range is required.');
  const tab = tabById(ss, range.sheetId);
  const dim = dimension(range.dimension);
  const size = dim === 'ROWS' ? tab.properties.gridProperties.rowCount : tab.properties.gridProperties.columnCount;
  const start = int(range.startIndex, 'startIndex', 0);
  const end = int(range.endIndex, 'endIndex');
  if (start >= end || start > size) throw badRequest(`Invalid dimension range: ${start}..${end}.`);
  insertDimension(ss, tab, dim, start, end - start);
  return {};
};

export const deleteDimensionRequest: Handler<'deleteDimension'> = (ss, request) => {
  const { tab, dim, start, end } = dimensionSpan(ss, request.range ?? undefined);
  const size = dim === 'ROWS' ? tab.properties.gridProperties.rowCount : tab.properties.gridProperties.columnCount;
  if (end - start >= size) {
    throw badRequest(`You can't delete all the ${dim === 'ROWS' ? 'rows' : 'columns'} on the sheet.`);
  }
  deleteDimension(ss, tab, dim, start, end);
  return {};
};

/** Sizes columns to their longest text (about 7 px a character) and rows to one line. */
export const autoResizeDimensions: Handler<'autoResizeDimensions'> = (ss, request) => {
  const { tab, dim, start, end } = dimensionSpan(ss, request.dimensions ?? undefined);
  const metadata = dim === 'ROWS' ? tab.rowMetadata : tab.columnMetadata;
  for (let i = start; i < end; i += 1) {
    let size = dim === 'ROWS' ? DEFAULT_ROW_HEIGHT : 0;
    if (dim === 'COLUMNS') {
      for (const line of tab.values) {
        const value = line[i] ?? null;
        if (value !== null) size = Math.max(size, textLength(value) * 7 + 10);
      }
      if (size === 0) size = DEFAULT_COLUMN_WIDTH;
    }
    while (metadata.length < i) metadata.push(null);
    metadata[i] = { ...(metadata[i] ?? {}), pixelSize: size };
  }
  return {};
};

function textLength(value: NonNullable<CellValue>): number {
  return (isFormula(value) ? value.formula : formattedValue(value)).length;
}
