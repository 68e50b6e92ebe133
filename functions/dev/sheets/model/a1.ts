// A1 notation as the Sheets API reads it: 'Kết quả'!A2:C into zero-based bounds, and back again.
import { columnIndex as sharedColumnIndex, columnLetter } from '../../../src/contract/a1';

/** Zero-based, end-exclusive bounds; an undefined side is open (runs to the edge of the grid). */
export interface GridBounds {
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

/**
 * A parsed range. `sheetName` undefined means "the first sheet" (the text had no sheet part);
 * `bounds` undefined means "the whole sheet" (the text was only a sheet name).
 */
export interface ParsedRange {
  sheetName: string | undefined;
  bounds: GridBounds | undefined;
}

/** Thrown for text that is not A1 notation; the stand-in answers it as Google does. */
export class A1ParseError extends Error {
  constructor(readonly input: string) {
    super(`Unable to parse range: ${input}`);
    this.name = 'A1ParseError';
  }
}

/** Sheets' own limit: columns run from A to ZZZ (18,278). */
export const MAX_COLUMNS = 18_278;
const MAX_ROWS = 10_000_000;

interface CellPart {
  col?: number;
  row?: number;
}

/**
 * Reads a range the way the Sheets API does.
 * @example parseA1("'Kết quả'!A2:C") // { sheetName: 'Kết quả', bounds: { startRow: 1, startCol: 0, endCol: 3 } }
 * @example parseA1('2:5') // { sheetName: undefined, bounds: { startRow: 1, endRow: 5 } }
 * @example parseA1('Sheet1') // { sheetName: 'Sheet1', bounds: undefined }
 */
export function parseA1(input: string): ParsedRange {
  const text = input.trim();
  if (text === '') throw new A1ParseError(input);

  if (text.startsWith("'")) {
    const { name, rest } = readQuotedName(text, input);
    if (rest === '') return { sheetName: name, bounds: undefined };
    if (!rest.startsWith('!') || rest.length === 1) throw new A1ParseError(input);
    return { sheetName: name, bounds: parseBoundsOrThrow(rest.slice(1), input) };
  }

  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const name = text.slice(0, bang);
    const ref = text.slice(bang + 1);
    if (name === '' || ref === '') throw new A1ParseError(input);
    return { sheetName: name, bounds: parseBoundsOrThrow(ref, input) };
  }

  // No sheet part: a cell reference on the first sheet, or else the name of a sheet.
  const bounds = parseBounds(text);
  if (bounds) return { sheetName: undefined, bounds };
  return { sheetName: text, bounds: undefined };
}

function readQuotedName(text: string, input: string): { name: string; rest: string } {
  let name = '';
  let i = 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === "'") {
      if (text.charAt(i + 1) === "'") {
        name += "'";
        i += 2;
        continue;
      }
      if (name === '') throw new A1ParseError(input);
      return { name, rest: text.slice(i + 1) };
    }
    name += ch;
    i += 1;
  }
  throw new A1ParseError(input);
}

function parseBoundsOrThrow(ref: string, input: string): GridBounds {
  const bounds = parseBounds(ref);
  if (!bounds) throw new A1ParseError(input);
  return bounds;
}

/** Parses the part after `!`; undefined when it is not a cell reference. */
export function parseBounds(ref: string): GridBounds | undefined {
  const parts = ref.split(':');
  if (parts.length === 1) {
    const cell = parseCell(parts[0] ?? '');
    if (cell?.col === undefined || cell.row === undefined) return undefined;
    return { startRow: cell.row, endRow: cell.row + 1, startCol: cell.col, endCol: cell.col + 1 };
  }
  if (parts.length !== 2) return undefined;
  const left = parseCell(parts[0] ?? '');
  const right = parseCell(parts[1] ?? '');
  if (!left || !right) return undefined;

  // 'A:5' or '5:A' pairs a bare column with a bare row: not a range.
  if (isBareColumn(left) && isBareRow(right)) return undefined;
  if (isBareRow(left) && isBareColumn(right)) return undefined;
  const rows = span(left.row, right.row);
  const cols = span(left.col, right.col);
  // An axis no side names ('A:C' has no rows) stays open in both directions.
  const bounds: GridBounds = {};
  if (rows?.start !== undefined) bounds.startRow = rows.start;
  if (rows?.end !== undefined) bounds.endRow = rows.end;
  if (cols?.start !== undefined) bounds.startCol = cols.start;
  if (cols?.end !== undefined) bounds.endCol = cols.end;
  return bounds;
}

type Span = { start?: number; end?: number } | undefined;

const isBareColumn = (part: CellPart): boolean => part.row === undefined;
const isBareRow = (part: CellPart): boolean => part.col === undefined;

/** One axis of a two-part reference: both given (ordered), one given (half-open), or none. */
function span(a: number | undefined, b: number | undefined): Span {
  if (a !== undefined && b !== undefined) return { start: Math.min(a, b), end: Math.max(a, b) + 1 };
  if (a !== undefined) return { start: a };
  if (b !== undefined) return { end: b + 1 };
  return undefined;
}

const CELL = /^\$?([A-Za-z]*)\$?(\d*)$/;

function parseCell(text: string): CellPart | undefined {
  const match = CELL.exec(text);
  if (!match) return undefined;
  const letters = match[1] ?? '';
  const digits = match[2] ?? '';
  if (letters === '' && digits === '') return undefined;
  const part: CellPart = {};
  if (letters !== '') {
    const col = columnIndex(letters);
    if (col === undefined) return undefined;
    part.col = col;
  }
  if (digits !== '') {
    const row = Number(digits);
    if (!Number.isSafeInteger(row) || row < 1 || row > MAX_ROWS) return undefined;
    part.row = row - 1;
  }
  return part;
}

/** 'A' → 0, 'Z' → 25, 'AA' → 26; undefined past ZZZ. */
export function columnIndex(letters: string): number | undefined {
  const index = sharedColumnIndex(letters);
  return index !== undefined && index < MAX_COLUMNS ? index : undefined;
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA' (the A1 helper the function's views use too). */
export const columnLetters = columnLetter;

/** Quotes a sheet name when Google would: anything but plain letters, digits and underscores. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z0-9_]+$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replaceAll("'", "''")}'`;
}

/** A cell's A1 name from zero-based indexes: (0, 0) → 'A1'. */
export function cellName(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * Writes closed bounds back as Google does: a single cell alone, otherwise corner to corner.
 * @example formatRange('Kết quả', { startRow: 0, endRow: 3, startCol: 0, endCol: 3 }) // "'Kết quả'!A1:C3"
 */
export function formatRange(
  sheetTitle: string,
  bounds: { startRow: number; endRow: number; startCol: number; endCol: number },
): string {
  const first = cellName(bounds.startRow, bounds.startCol);
  const lastRow = Math.max(bounds.startRow, bounds.endRow - 1);
  const lastCol = Math.max(bounds.startCol, bounds.endCol - 1);
  const last = cellName(lastRow, lastCol);
  const ref = first === last ? first : `${first}:${last}`;
  return `${quoteSheetName(sheetTitle)}!${ref}`;
}
