// The spreadsheet functions the stand-in computes: RANK, COUNTIF(S), IF, IFERROR, SUM, COUNT, COUNTA, AND, OR, NOT.
import { formattedValue } from '../model/cell-values';
import { criterionMatcher, type Matcher } from './criteria';
import { FormulaError, RangeData, isError, toBoolean, toNumber, type Value } from './values';

/** A function's arguments, evaluated only when asked for (IF computes one branch). */
export interface Args {
  readonly length: number;
  /** Argument `i` as one value; a range wider than one cell is #VALUE!. */
  scalar(i: number): Value;
  /** Argument `i` as a range; a single value is a range of one cell. */
  range(i: number): RangeData | FormulaError;
  /** Argument `i` as written: a range stays a range, anything else is its value. */
  operand(i: number): Value | RangeData;
}

export interface FunctionSpec {
  min: number;
  max: number;
  run(args: Args): Value;
}

/** Google's message when a function gets too few or too many arguments (shown as #N/A). */
export function arityError(name: string, spec: FunctionSpec, got: number): FormulaError {
  let expected: string;
  if (spec.min === spec.max) expected = `${spec.min}`;
  else if (spec.max === Infinity) expected = `at least ${spec.min}`;
  else expected = `between ${spec.min} and ${spec.max}`;
  return new FormulaError(
    '#N/A',
    `Wrong number of arguments to ${name}. Expected ${expected} arguments, but got ${got} arguments.`,
  );
}

/** Index of the first element >= value (or > value when `after`), in an ascending array. */
function bound(sorted: Float64Array, value: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = sorted[mid] ?? 0;
    if (probe < value || (after && probe === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** RANK(value, data, [is_ascending]): equal values share the best rank; a value not in data is #N/A. */
function rank(args: Args): Value {
  const value = toNumber(args.scalar(0));
  if (isError(value)) return value;
  const data = args.range(1);
  if (isError(data)) return data;
  let ascending = false;
  if (args.length > 2) {
    const order = toNumber(args.scalar(2));
    if (isError(order)) return order;
    ascending = order !== 0;
  }
  const sorted = data.sortedNumbers();
  const below = bound(sorted, value, false);
  const upTo = bound(sorted, value, true);
  if (upTo === below)
    return new FormulaError('#N/A', `Did not find value '${formattedValue(value)}' in RANK evaluation.`);
  return ascending ? below + 1 : sorted.length - upTo + 1;
}

/** Counts the positions where every range's cell meets its criterion; the ranges must be the same shape. */
function countMatching(name: string, ranges: readonly RangeData[], matchers: readonly Matcher[]): Value {
  const first = ranges[0];
  if (!first) return 0;
  if (ranges.some((r) => r.rows !== first.rows || r.cols !== first.cols)) {
    return new FormulaError('#VALUE!', `Array arguments to ${name} are of different size.`);
  }
  const stored = ranges.reduce((most, r) => Math.max(most, r.values.length), 0);
  let count = 0;
  for (let i = 0; i < stored; i += 1) {
    let all = true;
    for (let k = 0; k < ranges.length && all; k += 1) {
      const range = ranges[k];
      const matcher = matchers[k];
      if (range && matcher) all = matcher(range.at(i), range.folded(i));
    }
    if (all) count += 1;
  }
  // Past the stored rows every cell is empty: they count only if every criterion takes an empty cell.
  if (first.size > stored && matchers.every((m) => m(null, undefined))) count += first.size - stored;
  return count;
}

function countIfs(name: string, args: Args): Value {
  if (args.length % 2 !== 0)
    return new FormulaError(
      '#N/A',
      `Wrong number of arguments to ${name}. Expected an even number of arguments, but got ${args.length} arguments.`,
    );
  const ranges: RangeData[] = [];
  const matchers: Matcher[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const range = args.range(i);
    if (isError(range)) return range;
    const criterion = args.scalar(i + 1);
    if (isError(criterion)) return criterion;
    ranges.push(range);
    matchers.push(criterionMatcher(criterion));
  }
  return countMatching(name, ranges, matchers);
}

/** Every value of the arguments, ranges spread out; `fromRange` tells which came from a range. */
function* spread(args: Args): Generator<{ value: Value; fromRange: boolean }> {
  for (let i = 0; i < args.length; i += 1) {
    const operand = args.operand(i);
    if (operand instanceof RangeData) {
      for (const value of operand.values) yield { value, fromRange: true };
    } else {
      yield { value: operand, fromRange: false };
    }
  }
}

function sum(args: Args): Value {
  let total = 0;
  for (const { value, fromRange } of spread(args)) {
    if (isError(value)) return value;
    if (fromRange) {
      // Ranges add their numbers only; text and booleans in cells are skipped.
      if (typeof value === 'number') total += value;
      continue;
    }
    const number = toNumber(value);
    if (isError(number)) return number;
    total += number;
  }
  return total;
}

/** AND / OR: booleans and numbers count, text and empty cells in ranges are skipped. */
function logical(name: string, args: Args, combine: (a: boolean, b: boolean) => boolean): Value {
  let result: boolean | undefined;
  for (const { value, fromRange } of spread(args)) {
    if (isError(value)) return value;
    if (value === null || (fromRange && typeof value === 'string')) continue;
    const bool = toBoolean(value);
    if (isError(bool)) return bool;
    result = result === undefined ? bool : combine(result, bool);
  }
  return result ?? new FormulaError('#VALUE!', `${name} has no valid input data.`);
}

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['RANK', { min: 2, max: 3, run: rank }],
  ['RANK.EQ', { min: 2, max: 3, run: rank }],
  ['COUNTIF', { min: 2, max: 2, run: (args) => countIfs('COUNTIF', args) }],
  ['COUNTIFS', { min: 2, max: Infinity, run: (args) => countIfs('COUNTIFS', args) }],
  [
    'IF',
    {
      min: 2,
      max: 3,
      run: (args) => {
        const condition = toBoolean(args.scalar(0));
        if (isError(condition)) return condition;
        if (condition) return args.scalar(1);
        return args.length > 2 ? args.scalar(2) : false;
      },
    },
  ],
  [
    'IFERROR',
    {
      min: 1,
      max: 2,
      run: (args) => {
        const value = args.scalar(0);
        if (!isError(value)) return value;
        return args.length > 1 ? args.scalar(1) : null;
      },
    },
  ],
  ['SUM', { min: 1, max: Infinity, run: sum }],
  [
    'COUNT',
    {
      min: 1,
      max: Infinity,
      run: (args) => {
        let count = 0;
        for (const { value } of spread(args)) if (typeof value === 'number') count += 1;
        return count;
      },
    },
  ],
  [
    'COUNTA',
    {
      min: 1,
      max: Infinity,
      run: (args) => {
        let count = 0;
        for (const { value } of spread(args)) if (value !== null) count += 1;
        return count;
      },
    },
  ],
  ['AND', { min: 1, max: Infinity, run: (args) => logical('AND', args, (a, b) => a && b) }],
  ['OR', { min: 1, max: Infinity, run: (args) => logical('OR', args, (a, b) => a || b) }],
  [
    'NOT',
    {
      min: 1,
      max: 1,
      run: (args) => {
        const value = toBoolean(args.scalar(0));
        return isError(value) ? value : !value;
      },
    },
  ],
]);
