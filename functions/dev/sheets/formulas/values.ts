// What formulas compute with: values, Google's error values, ranges read once per pass, and Google's coercions.
import { formattedValue } from '../model/cell-values';

export type ErrorCode = '#DIV/0!' | '#N/A' | '#REF!' | '#NAME?' | '#VALUE!' | '#NUM!' | '#ERROR!';

/** An error value (`#N/A`, …) with the explanation Google shows when the cell is hovered. */
export class FormulaError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/** One computed value: `null` is an empty cell (a reference to nothing), not the text "". */
export type Value = number | string | boolean | null | FormulaError;

export const isError = (value: unknown): value is FormulaError => value instanceof FormulaError;

/**
 * A rectangle of cells, read once per evaluation pass and shared by every formula naming it.
 * `rows × cols` is its size on the grid (open ends closed at the grid's edge); `values` holds
 * only the rows that can hold data (row-major), the rest is empty.
 */
export class RangeData {
  private sorted: Float64Array | undefined;
  private foldedTexts: (string | undefined)[] | undefined;

  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly values: readonly Value[],
  ) {}

  get size(): number {
    return this.rows * this.cols;
  }

  /** Value `i` in reading order; past the stored rows every cell is empty. */
  at(i: number): Value {
    return this.values[i] ?? null;
  }

  /** The numbers of the range, ascending (text, booleans, empties and errors left out). */
  sortedNumbers(): Float64Array {
    if (!this.sorted) {
      const numbers: number[] = [];
      for (const value of this.values) if (typeof value === 'number') numbers.push(value);
      this.sorted = Float64Array.from(numbers).sort();
    }
    return this.sorted;
  }

  /** Lower-cased text of value `i` (undefined when it is not text), for case-insensitive matching. */
  folded(i: number): string | undefined {
    if (!this.foldedTexts)
      this.foldedTexts = this.values.map((value) => (typeof value === 'string' ? fold(value) : undefined));
    return this.foldedTexts[i];
  }
}

/** Case folding for Google's case-insensitive text comparisons. */
export function fold(text: string): string {
  return text.toLowerCase();
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Text that reads as a number ("8.5", " 12 "), or undefined. */
export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMERIC_TEXT.test(trimmed) ? Number(trimmed) : undefined;
}

/** A value as a number, as arithmetic coerces it: empty is 0, TRUE is 1, numeric text is read. */
export function toNumber(value: Value): number | FormulaError {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isError(value)) return value;
  if (value.trim() === '') return 0;
  const parsed = numberFromText(value);
  if (parsed !== undefined) return parsed;
  return new FormulaError(
    '#VALUE!',
    `Expects number values. But '${value}' is a text and cannot be coerced to a number.`,
  );
}

/** A value as a condition: numbers are true unless 0, "TRUE"/"FALSE" text is read, other text is #VALUE!. */
export function toBoolean(value: Value): boolean | FormulaError {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (isError(value)) return value;
  const upper = value.trim().toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE' || upper === '') return false;
  return new FormulaError(
    '#VALUE!',
    `Expects boolean values. But '${value}' is a text and cannot be coerced to a boolean.`,
  );
}

/** A value as text, as `&` joins it. */
export function toText(value: Exclude<Value, FormulaError>): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : formattedValue(value);
}

const TYPE_ORDER = { number: 0, string: 1, boolean: 2 } as const;

/**
 * Orders two values as Google's comparison operators do: an empty cell takes the other side's
 * type (0, "", FALSE); otherwise numbers < text < booleans, and text compares case-insensitively.
 */
export function compareValues(a: Exclude<Value, FormulaError>, b: Exclude<Value, FormulaError>): number {
  if (a === null && b === null) return 0;
  const left = a ?? emptyLike(b);
  const right = b ?? emptyLike(a);
  if (typeof left !== typeof right) {
    return TYPE_ORDER[typeof left as keyof typeof TYPE_ORDER] - TYPE_ORDER[typeof right as keyof typeof TYPE_ORDER];
  }
  if (typeof left === 'string' && typeof right === 'string') {
    const x = fold(left);
    const y = fold(right);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(left);
  const y = Number(right);
  return x < y ? -1 : x > y ? 1 : 0;
}

function emptyLike(other: Exclude<Value, FormulaError>): number | string | boolean {
  if (typeof other === 'string') return '';
  if (typeof other === 'boolean') return false;
  return 0;
}
