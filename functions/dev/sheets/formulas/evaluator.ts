// Computes formula cells as Google Sheets shows them, for one read of a spreadsheet (an evaluation pass).
//
// The stand-in stores formulas as typed and computes them only when someone reads: values.get,
// the local page and its charts each make a FormulaEvaluator, ask it for cells, and drop it. Within
// a pass every formula is computed once, and every range is read (and, for RANK, sorted) once, so
// a 10,000-row column of RANK(X5,X$2:X,1) costs one sort and 10,000 binary searches.
//
// Why not a formula library here: fast-formula-parser (no RANK or COUNTIFS, case-sensitive
// Vietnamese criteria), hot-formula-parser (no sheet names, no open-ended ranges) and
// @formulajs/formulajs (RANK.EQ is #VALUE! when the data holds text, and sorts per call: 0.1 s a
// row on 10,000 rows; criteria miss blanks, booleans and ~ escapes) each failed most of
// test/unit/sheets-formulas.test.ts. Only the parsing is a library's (@borgar/fx, in parser.ts).
import type { sheets_v4 } from '@googleapis/sheets';
import { MAX_COLUMNS, type GridBounds } from '../model/a1';
import { formattedValue } from '../model/cell-values';
import { FUNCTIONS, arityError, type Args } from './functions';
import { FormulaSyntaxError, parseFormula, type Ast, type BinaryOp } from './parser';
import {
  FormulaError,
  RangeData,
  compareValues,
  isError,
  toNumber,
  toText,
  type ErrorCode,
  type Value,
} from './values';
import { findTabByTitle, getCell, isFormula, type SpreadsheetModel, type TabModel } from '../model/spreadsheet';

export { FormulaError, type ErrorCode, type Value } from './values';

const IN_PROGRESS = Symbol('in progress');

/** Formulas reading formulas reading formulas…: deeper than this the stand-in gives up on the cell. */
const MAX_DEPTH = 200;

/** Parsed formulas, shared by every pass (trees are never changed); emptied when it grows past the limit. */
const PARSED = new Map<string, Ast | FormulaError>();
const PARSE_CACHE_LIMIT = 50_000;

const CIRCULAR = 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.';

export class FormulaEvaluator {
  private readonly computed = new Map<TabModel, Map<number, Value | typeof IN_PROGRESS>>();
  private readonly ranges = new Map<string, RangeData>();
  private readonly building = new Set<string>();
  private depth = 0;

  constructor(private readonly ss: SpreadsheetModel) {}

  /** What a cell shows: a literal as stored, a formula's result as computed (once per pass). */
  value(tab: TabModel, row: number, col: number): Value {
    const stored = getCell(tab.values, row, col);
    if (!isFormula(stored)) return stored;
    let cells = this.computed.get(tab);
    if (!cells) {
      cells = new Map();
      this.computed.set(tab, cells);
    }
    const key = row * MAX_COLUMNS + col;
    const known = cells.get(key);
    if (known === IN_PROGRESS) return new FormulaError('#REF!', CIRCULAR);
    if (known !== undefined) return known;
    if (this.depth >= MAX_DEPTH) {
      return new FormulaError('#ERROR!', `The local stand-in follows formula references at most ${MAX_DEPTH} deep.`);
    }
    cells.set(key, IN_PROGRESS);
    this.depth += 1;
    let result: Value;
    try {
      result = this.evaluate(stored.formula, tab);
    } finally {
      this.depth -= 1;
    }
    cells.set(key, result);
    return result;
  }

  /** A formula's result as if it sat on `tab` (references without a sheet name point there). */
  evaluate(formula: string, tab: TabModel): Value {
    const ast = this.parse(formula);
    return isError(ast) ? ast : this.scalar(ast, tab);
  }

  private parse(formula: string): Ast | FormulaError {
    let ast = PARSED.get(formula);
    if (ast === undefined) {
      try {
        ast = parseFormula(formula);
      } catch (error) {
        if (!(error instanceof FormulaSyntaxError)) throw error;
        ast = new FormulaError('#ERROR!', `Formula parse error. ${error.message}`);
      }
      if (PARSED.size >= PARSE_CACHE_LIMIT) PARSED.clear();
      PARSED.set(formula, ast);
    }
    return ast;
  }

  private scalar(node: Ast, tab: TabModel): Value {
    const operand = this.operand(node, tab);
    if (!(operand instanceof RangeData)) return operand;
    if (operand.size === 1) return operand.at(0);
    return new FormulaError('#VALUE!', 'An array value could not be found.');
  }

  private operand(node: Ast, tab: TabModel): Value | RangeData {
    switch (node.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return node.value;
      case 'missing':
        return null;
      case 'name':
        return new FormulaError('#NAME?', `Unknown range name: '${node.name}'.`);
      case 'ref': {
        const target = this.tab(node.sheet, tab);
        if (isError(target)) return target;
        if (!node.singleCell) return this.range(target, node.bounds);
        return this.value(target, node.bounds.startRow ?? 0, node.bounds.startCol ?? 0);
      }
      case 'unary': {
        const number = toNumber(this.scalar(node.arg, tab));
        if (isError(number)) return number;
        return node.op === '-' ? -number : number;
      }
      case 'percent': {
        const number = toNumber(this.scalar(node.arg, tab));
        return isError(number) ? number : number / 100;
      }
      case 'binary':
        return this.binary(node.op, node.left, node.right, tab);
      case 'call':
        return this.call(node.name, node.args, tab);
    }
  }

  private tab(sheet: string | undefined, own: TabModel): TabModel | FormulaError {
    if (sheet === undefined) return own;
    const found =
      findTabByTitle(this.ss, sheet) ??
      this.ss.tabs.find((t) => t.properties.title.toLowerCase() === sheet.toLowerCase());
    return found ?? new FormulaError('#REF!', `Unresolved sheet name '${sheet}'.`);
  }

  /** A range read once per pass: open sides closed at the grid's edge, formula cells computed. */
  private range(tab: TabModel, bounds: GridBounds): RangeData | FormulaError {
    const { rowCount, columnCount } = tab.properties.gridProperties;
    const startRow = bounds.startRow ?? 0;
    const startCol = bounds.startCol ?? 0;
    const endRow = Math.max(startRow, Math.min(bounds.endRow ?? rowCount, rowCount));
    const endCol = Math.max(startCol, Math.min(bounds.endCol ?? columnCount, columnCount));
    const key = `${tab.properties.sheetId}:${startRow}:${endRow}:${startCol}:${endCol}`;
    const cached = this.ranges.get(key);
    if (cached) return cached;
    if (this.building.has(key)) return new FormulaError('#REF!', CIRCULAR);
    this.building.add(key);
    const values: Value[] = [];
    try {
      const storedEnd = Math.min(endRow, tab.values.length);
      for (let row = startRow; row < storedEnd; row += 1) {
        for (let col = startCol; col < endCol; col += 1) values.push(this.value(tab, row, col));
      }
    } finally {
      this.building.delete(key);
    }
    const range = new RangeData(endRow - startRow, endCol - startCol, values);
    this.ranges.set(key, range);
    return range;
  }

  private binary(op: BinaryOp, leftNode: Ast, rightNode: Ast, tab: TabModel): Value {
    const left = this.scalar(leftNode, tab);
    if (isError(left)) return left;
    const right = this.scalar(rightNode, tab);
    if (isError(right)) return right;
    switch (op) {
      case '&':
        return toText(left) + toText(right);
      case '=':
        return compareValues(left, right) === 0;
      case '<>':
        return compareValues(left, right) !== 0;
      case '<':
        return compareValues(left, right) < 0;
      case '>':
        return compareValues(left, right) > 0;
      case '<=':
        return compareValues(left, right) <= 0;
      case '>=':
        return compareValues(left, right) >= 0;
      default:
        return arithmetic(op, left, right);
    }
  }

  private call(name: string, nodes: readonly Ast[], tab: TabModel): Value {
    const spec = FUNCTIONS.get(name);
    if (!spec) return new FormulaError('#NAME?', `Unknown function: '${name}'.`);
    if (nodes.length < spec.min || nodes.length > spec.max) return arityError(name, spec, nodes.length);
    const args: Args = {
      length: nodes.length,
      scalar: (i) => {
        const node = nodes[i];
        return node ? this.scalar(node, tab) : null;
      },
      operand: (i) => {
        const node = nodes[i];
        return node ? this.operand(node, tab) : null;
      },
      range: (i) => {
        const node = nodes[i];
        if (node?.kind === 'ref') {
          // Even a one-cell reference is a range here: COUNTIF(A1,"x") counts, it does not pass on A1's error.
          const target = this.tab(node.sheet, tab);
          return isError(target) ? target : this.range(target, node.bounds);
        }
        const operand = node ? this.operand(node, tab) : null;
        if (operand instanceof RangeData || isError(operand)) return operand;
        return new RangeData(1, 1, [operand]);
      },
    };
    return spec.run(args);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '^', leftValue: Value, rightValue: Value): Value {
  const left = toNumber(leftValue);
  if (isError(left)) return left;
  const right = toNumber(rightValue);
  if (isError(right)) return right;
  let result: number;
  switch (op) {
    case '+':
      result = left + right;
      break;
    case '-':
      result = left - right;
      break;
    case '*':
      result = left * right;
      break;
    case '/':
      if (right === 0) return new FormulaError('#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.');
      result = left / right;
      break;
    case '^':
      result = left ** right;
      break;
  }
  return Number.isFinite(result) ? result : new FormulaError('#NUM!', 'The result is not a finite number.');
}

// ---- showing computed values ----

/** A computed value as values.get returns it: errors as their code, numbers typed unless formatted. */
export function renderComputed(
  value: Value,
  option: 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE',
  format?: sheets_v4.Schema$CellFormat | null,
): string | number | boolean | null {
  if (value === null) return null;
  if (isError(value)) return value.code;
  if (option === 'UNFORMATTED_VALUE') return value;
  return formattedValue(value, format);
}

/** The text a person sees in the cell. */
export function displayText(value: Value, format?: sheets_v4.Schema$CellFormat | null): string {
  if (value === null) return '';
  return isError(value) ? value.code : formattedValue(value, format);
}

const ERROR_TYPES: Readonly<Record<ErrorCode, string>> = {
  '#DIV/0!': 'DIVIDE_BY_ZERO',
  '#N/A': 'N_A',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#VALUE!': 'VALUE',
  '#NUM!': 'NUM',
  '#ERROR!': 'ERROR',
};

/** A computed value as the effectiveValue / formattedValue of spreadsheets.get grid data. */
export function computedCellData(
  value: Value,
  format?: sheets_v4.Schema$CellFormat | null,
): Pick<sheets_v4.Schema$CellData, 'effectiveValue' | 'formattedValue'> {
  if (value === null) return {};
  if (isError(value))
    return {
      effectiveValue: { errorValue: { type: ERROR_TYPES[value.code], message: value.message } },
      formattedValue: value.code,
    };
  const effectiveValue: sheets_v4.Schema$ExtendedValue =
    typeof value === 'number'
      ? { numberValue: value }
      : typeof value === 'boolean'
        ? { boolValue: value }
        : { stringValue: value };
  return { effectiveValue, formattedValue: formattedValue(value, format) };
}
