// COUNTIF/COUNTIFS criteria as Google reads them: "Có", 5, "<>", "<>Có", ">5", "<=3", "", and * ? ~ wildcards.
import { fold, numberFromText, type FormulaError, type Value } from './values';

/** Tests one cell of a range: its value, and its lower-cased text when it is text. */
export type Matcher = (value: Value, folded: string | undefined) => boolean;

type Op = '=' | '<>' | '<' | '>' | '<=' | '>=';

const OPERATOR = /^(<=|>=|<>|<|>|=)/;

const isBlank: Matcher = (value) => value === null || value === '';

function order(op: Exclude<Op, '=' | '<>'>, sign: number): boolean {
  switch (op) {
    case '<':
      return sign < 0;
    case '>':
      return sign > 0;
    case '<=':
      return sign <= 0;
    case '>=':
      return sign >= 0;
  }
}

const sign = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `=` and `<>` from an equality test; the ordering operators from a comparison of same-typed cells. */
function build(
  op: Op,
  equals: Matcher,
  compare: (value: Value, folded: string | undefined) => number | undefined,
): Matcher {
  if (op === '=') return equals;
  if (op === '<>') return (value, folded) => !equals(value, folded);
  return (value, folded) => {
    const result = compare(value, folded);
    return result !== undefined && order(op, result);
  };
}

/** `*` any run of characters, `?` one character, `~` makes the next one literal; whole-text, case-insensitive. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern.charAt(i);
    const next = pattern.charAt(i + 1);
    if (ch === '~' && (next === '*' || next === '?' || next === '~')) {
      source += escapeRegExp(next);
      i += 1;
    } else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'su');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * The test a criterion stands for. Text criteria may start with an operator; without one they
 * mean equality. Numbers match numbers (and text spelling the same), text matches text
 * case-insensitively, "" and "=" match empty cells, "<>" matches every non-empty cell, and
 * "<>x" matches everything that is not x (empty cells included).
 * @example criterionMatcher('>5')(7, undefined) // true
 * @example criterionMatcher('có')('Có', 'có') // true
 */
export function criterionMatcher(criterion: Exclude<Value, FormulaError>): Matcher {
  if (criterion === null) return isBlank;
  if (typeof criterion === 'number') return numberMatcher('=', criterion, fold(String(criterion)));
  if (typeof criterion === 'boolean') return booleanMatcher('=', criterion);
  const operator = OPERATOR.exec(criterion)?.[1];
  const op: Op = (operator as Op | undefined) ?? '=';
  const rest = criterion.slice(operator?.length ?? 0);
  if (rest === '') {
    if (op === '=') return isBlank;
    if (op === '<>') return (value, folded) => !isBlank(value, folded);
    return () => false;
  }
  const number = numberFromText(rest);
  if (number !== undefined) return numberMatcher(op, number, fold(rest));
  const upper = rest.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return booleanMatcher(op, upper === 'TRUE');
  return textMatcher(op, rest);
}

function numberMatcher(op: Op, number: number, text: string): Matcher {
  return build(
    op,
    (value, folded) => value === number || (folded !== undefined && folded.trim() === text.trim()),
    (value) => (typeof value === 'number' ? sign(value, number) : undefined),
  );
}

function booleanMatcher(op: Op, bool: boolean): Matcher {
  return build(
    op,
    (value, folded) => value === bool || folded === String(bool),
    (value) => (typeof value === 'boolean' ? sign(Number(value), Number(bool)) : undefined),
  );
}

function textMatcher(op: Op, text: string): Matcher {
  const target = fold(text);
  const pattern = /[*?~]/.test(text) ? wildcard(target) : undefined;
  const equals: Matcher = pattern
    ? (_value, folded) => folded !== undefined && pattern.test(folded)
    : (_value, folded) => folded === target;
  return build(op, equals, (_value, folded) => (folded === undefined ? undefined : sign(folded, target)));
}
