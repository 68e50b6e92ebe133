// How values go into and come out of a cell: RAW versus USER_ENTERED input, and the three render options.
import type { sheets_v4 } from '@googleapis/sheets';
import { badRequest } from '../rest/errors';
import { isFormula, type CellValue } from './spreadsheet';

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';

/** Google requires the option on every write and names the parameter when it is missing. */
export function parseValueInputOption(raw: unknown): ValueInputOption {
  if (raw === undefined || raw === null || raw === '' || raw === 'INPUT_VALUE_OPTION_UNSPECIFIED') {
    throw badRequest("'valueInputOption' is required but not specified");
  }
  if (raw === 'RAW' || raw === 'USER_ENTERED') return raw;
  throw badRequest(
    `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), ${JSON.stringify(raw)}`,
  );
}

export function parseValueRenderOption(raw: string | null): ValueRenderOption {
  if (raw === null || raw === '') return 'FORMATTED_VALUE';
  if (raw === 'FORMATTED_VALUE' || raw === 'UNFORMATTED_VALUE' || raw === 'FORMULA') return raw;
  throw badRequest(
    `Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "${raw}"`,
  );
}

/** What a write does to one cell: leave it (`skip`, for JSON null) or set it (null clears). */
export type CellWrite = { skip: true } | { skip: false; value: CellValue };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PERCENT = /^([+-]?(\d+(\.\d*)?|\.\d+))%$/;

/**
 * Turns one value of a write into what the cell stores. RAW keeps strings as strings (a leading
 * `=` stays text); USER_ENTERED reads it as a person typing it: `=…` is a formula, numbers,
 * `12%` and TRUE/FALSE are typed, a leading apostrophe forces text. Dates are not parsed.
 * @example toCellWrite('=1+2', 'RAW', 'x') // { skip: false, value: '=1+2' }
 * @example toCellWrite('=1+2', 'USER_ENTERED', 'x') // { skip: false, value: { formula: '=1+2' } }
 */
export function toCellWrite(value: unknown, option: ValueInputOption, where: string): CellWrite {
  if (value === null || value === undefined) return { skip: true };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badRequest(`Invalid value at '${where}', ${String(value)}`);
    return { skip: false, value };
  }
  if (typeof value === 'boolean') return { skip: false, value };
  if (typeof value !== 'string') {
    throw badRequest(
      `Invalid value at '${where}' (type.googleapis.com/google.protobuf.ListValue), ${JSON.stringify(value)}`,
    );
  }
  if (value === '') return { skip: false, value: null };
  if (option === 'RAW') return { skip: false, value };
  return { skip: false, value: parseUserEntered(value) };
}

function parseUserEntered(text: string): CellValue {
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  if (text.startsWith("'")) return text.slice(1) === '' ? null : text.slice(1);
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (GROUPED_NUMBER.test(trimmed)) return Number(trimmed.replaceAll(',', ''));
  const percent = PERCENT.exec(trimmed);
  if (percent) return Number(percent[1]) / 100;
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  return text;
}

/**
 * One stored value as a values read returns it under a render option. A formula gives its text
 * here (the FORMULA option); under the other options readers show its computed value (formulas.ts).
 */
export function renderValue(
  value: CellValue,
  option: ValueRenderOption,
  format?: sheets_v4.Schema$CellFormat | null,
): string | number | boolean | null {
  if (value === null) return null;
  if (isFormula(value)) return value.formula;
  if (option !== 'FORMATTED_VALUE') return value;
  return formattedValue(value, format);
}

/**
 * The text a cell shows: booleans as TRUE/FALSE; numbers plainly, or as a percent when the cell's number format says so
 * (type PERCENT, its pattern's decimals: `0.0%` shows 0.35 as `35.0%`; Google's default pattern is `0.00%`). Google
 * writes the decimal mark of the spreadsheet's locale; the stand-in always writes a point.
 */
export function formattedValue(value: string | number | boolean, format?: sheets_v4.Schema$CellFormat | null): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'number') return value;
  const number = format?.numberFormat;
  if (number?.type === 'PERCENT') {
    const decimals = /\.(0+)%/.exec(number.pattern || '0.00%')?.[1]?.length ?? 0;
    return `${(value * 100).toFixed(decimals)}%`;
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

/** A stored value as the ExtendedValue of spreadsheets.get and updateCells. */
export function toExtendedValue(value: CellValue): sheets_v4.Schema$ExtendedValue | undefined {
  if (value === null) return undefined;
  if (isFormula(value)) return { formulaValue: value.formula };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: value };
}

/** An ExtendedValue from updateCells as a stored value (formulas are kept as typed). */
export function fromExtendedValue(value: sheets_v4.Schema$ExtendedValue | undefined | null): CellValue {
  if (!value) return null;
  if (typeof value.formulaValue === 'string') return value.formulaValue === '' ? null : { formula: value.formulaValue };
  if (typeof value.numberValue === 'number') return value.numberValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (typeof value.stringValue === 'string') return value.stringValue === '' ? null : value.stringValue;
  if (value.errorValue) return value.errorValue.type ?? '#ERROR!';
  return null;
}
