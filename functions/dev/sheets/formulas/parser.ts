// Reads formula text (`=COUNTIFS('Kết quả'!$D$2:$D,$A2,…)`) into the syntax tree the evaluator computes.
//
// @borgar/fx tokenizes and parses (Excel's grammar, with Google's open-ended ranges such as
// `$D$2:$D` allowed as "ternary" ranges); this module maps its tree onto the stand-in's smaller
// one and refuses what the stand-in does not compute (arrays, error literals, LAMBDA, …), which
// Google would show some value for but the stand-in shows as #ERROR!.
import { parse, tokenize, type AstExpression } from '@borgar/fx';
import { A1ParseError, parseA1, type GridBounds, type ParsedRange } from '../model/a1';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

export type Ast =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  /** A cell or range; `sheet` undefined means the formula's own tab. */
  | { kind: 'ref'; sheet: string | undefined; bounds: GridBounds; singleCell: boolean }
  /** A bare word that is no cell, function or boolean: a named range, which the stand-in does not have. */
  | { kind: 'name'; name: string }
  /** An argument left out, as in `IF(A1,,1)`. */
  | { kind: 'missing' }
  | { kind: 'unary'; op: '-' | '+'; arg: Ast }
  | { kind: 'percent'; arg: Ast }
  | { kind: 'binary'; op: BinaryOp; left: Ast; right: Ast }
  | { kind: 'call'; name: string; args: Ast[] };

/** Text that is not a formula the stand-in reads; Google shows such a cell as #ERROR!. */
export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaSyntaxError';
  }
}

const BINARY_OPS: ReadonlySet<string> = new Set<BinaryOp>([
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<>',
  '<',
  '>',
  '<=',
  '>=',
]);

/**
 * Parses a formula as stored (with its leading `=`).
 * @example parseFormula('=RANK(X5,X$2:X,1)') // { kind: 'call', name: 'RANK', args: [ref X5, ref X2:X, 1] }
 * @throws FormulaSyntaxError for text this parser does not read.
 */
export function parseFormula(formula: string): Ast {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  if (body.trim() === '') throw new FormulaSyntaxError('Empty formula.');
  let tree: AstExpression;
  try {
    // Google's open-ended ranges (A2:A, B2:2) are what fx calls ternary ranges.
    tree = parse(tokenize(body, { allowTernary: true }));
  } catch (error) {
    throw new FormulaSyntaxError(error instanceof Error ? error.message : String(error));
  }
  return toAst(tree);
}

function toAst(node: AstExpression): Ast {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') return { kind: 'number', value: node.value };
      if (typeof node.value === 'boolean') return { kind: 'boolean', value: node.value };
      return { kind: 'string', value: node.value };
    case 'ReferenceIdentifier':
      return reference(node.value);
    case 'UnaryExpression': {
      const [operand] = node.arguments;
      if (!operand) break;
      if (node.operator === '%') return { kind: 'percent', arg: toAst(operand) };
      if (node.operator === '-' || node.operator === '+')
        return { kind: 'unary', op: node.operator, arg: toAst(operand) };
      break;
    }
    case 'BinaryExpression': {
      const [left, right] = node.arguments;
      if (!left || !right || !BINARY_OPS.has(node.operator)) break;
      return { kind: 'binary', op: node.operator as BinaryOp, left: toAst(left), right: toAst(right) };
    }
    case 'CallExpression':
      if (node.callee.type !== 'Identifier') break;
      return {
        kind: 'call',
        name: node.callee.name.toUpperCase(),
        args: node.arguments.map((arg) => (arg === null ? { kind: 'missing' } : toAst(arg))),
      };
    default:
      break;
  }
  throw new FormulaSyntaxError(`The local stand-in does not compute ${describe(node)}.`);
}

/**
 * A reference as the Sheets API reads A1 text (model/a1.ts): fx stops at Excel's grid (XFD, row
 * 1,048,576) and calls anything past it a name, while Google's grid runs to ZZZ and 10,000,000 rows.
 */
function reference(text: string): Ast {
  let parsed: ParsedRange;
  try {
    parsed = parseA1(text);
  } catch (error) {
    // A name on a sheet (`Tab!total`) or a table column: neither exists in the stand-in.
    if (error instanceof A1ParseError) return { kind: 'name', name: text };
    throw error;
  }
  if (!parsed.bounds) return { kind: 'name', name: text };
  const ref = text.slice(text.lastIndexOf('!') + 1);
  return { kind: 'ref', sheet: parsed.sheetName, bounds: parsed.bounds, singleCell: !ref.includes(':') };
}

function describe(node: AstExpression): string {
  switch (node.type) {
    case 'UnaryExpression':
    case 'BinaryExpression':
      return `the operator '${node.operator}'`;
    case 'ArrayExpression':
      return 'array literals';
    case 'ErrorLiteral':
      return `the error literal ${node.value}`;
    default:
      return node.type;
  }
}
