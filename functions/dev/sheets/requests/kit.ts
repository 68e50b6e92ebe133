// Shared pieces of the batchUpdate requests: handler type, and readers for untrusted request JSON.
import type { sheets_v4 } from '@googleapis/sheets';
import { badRequest } from '../rest/errors';
import { parseFieldMask } from '../rest/field-mask';
import type { Dimension } from '../model/dimensions';
import type { EditRights } from '../model/protection';
import { findTabById, type SpreadsheetModel, type TabModel } from '../model/spreadsheet';

export type Reply = sheets_v4.Schema$Response;
export type Json = Record<string, unknown>;

export interface Context {
  cellsWritten: number;
  /** Who sends the batch (rest/caller.ts). */
  user: string;
  /** What the caller may do to protected cells. */
  rights: EditRights;
}

export type Handler<K extends keyof sheets_v4.Schema$Request> = (
  ss: SpreadsheetModel,
  request: NonNullable<sheets_v4.Schema$Request[K]>,
  ctx: Context,
) => Reply;

export type Handlers = { [K in keyof sheets_v4.Schema$Request]?: Handler<K> };

// ---- small readers for untrusted JSON ----

export function int(value: unknown, name: string, fallback?: number): number {
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    throw badRequest(`${name} is required.`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw badRequest(`Invalid ${name}: ${JSON.stringify(value)}`);
  return value;
}

export function dimension(value: unknown): Dimension {
  if (value === 'ROWS' || value === 'COLUMNS') return value;
  throw badRequest(`Invalid dimension: ${JSON.stringify(value) ?? 'undefined'}`);
}

export function mask(fields: string | null | undefined): string[][] {
  if (!fields || fields.trim() === '') throw badRequest("At least one field must be specified in 'fields'.");
  try {
    return parseFieldMask(fields);
  } catch {
    throw badRequest(`Invalid field mask: ${fields}`);
  }
}

export function tabById(ss: SpreadsheetModel, sheetId: unknown): TabModel {
  const id = int(sheetId, 'sheetId', 0);
  const tab = findTabById(ss, id);
  if (!tab) throw badRequest(`No grid with id: ${id}`);
  return tab;
}

export function dimensionSpan(
  ss: SpreadsheetModel,
  range: sheets_v4.Schema$DimensionRange | undefined,
): { tab: TabModel; dim: Dimension; start: number; end: number } {
  if (!range) throw badRequest('range is required.');
  const tab = tabById(ss, range.sheetId);
  const dim = dimension(range.dimension);
  const size = dim === 'ROWS' ? tab.properties.gridProperties.rowCount : tab.properties.gridProperties.columnCount;
  const start = int(range.startIndex, 'startIndex', 0);
  const end = int(range.endIndex, 'endIndex', size);
  if (start >= end)
    throw badRequest(`Invalid dimension range: startIndex (${start}) must be less than endIndex (${end}).`);
  if (end > size) {
    throw badRequest(
      `Invalid dimension range: endIndex (${end}) is past the ${dim === 'ROWS' ? 'rows' : 'columns'} of the grid (${size}).`,
    );
  }
  return { tab, dim, start, end };
}

export function positive(value: unknown, name: string, fallback: number): number {
  const n = int(value, name, fallback);
  if (n < 1) throw badRequest(`Invalid ${name}: ${n}`);
  return n;
}
