// Reads formula text (`=COUNTIFS('Kết quả'!$D$2:$D,$A2,…)`) into a syntax tree: a tokenizer, then recursive descent.
import { parseBounds, type GridBounds } from '../model/a1';

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

/** Text that is not a formula this parser reads; Google shows such a cell as #ERROR!. */
export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaSyntaxError';
  }
}

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ref'; sheet: string | undefined; bounds: GridBounds; singleCell: boolean }
  | { type: 'word'; value: string }
  | { type: 'op'; value: string }
  | { type: 'end' };

const NUMBER = /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const WORD = /[\p{L}_][\p{L}\p{N}_.]*/uy;
const SHEET_WORD = /[\p{L}\p{N}_.]+(?=!)/uy;
const REF_SIDE = String.raw`(?:\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+)`;
const REF = new RegExp(`${REF_SIDE}(?::${REF_SIDE})?`, 'y');
/** What may not follow a reference: more of a word, or a `(` making it a function name. */
const WORD_CHAR = /[\p{L}\p{N}_.$(]/u;
const OPERATORS = ['<=', '>=', '<>', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', '(', ')', ','];

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** A cell or range reference at `at` (after any sheet prefix), or undefined when the text there is none. */
function readRef(text: string, at: number): { bounds: GridBounds; singleCell: boolean; end: number } | undefined {
  const ref = matchAt(REF, text, at);
  if (ref === undefined) return undefined;
  const end = at + ref.length;
  if (WORD_CHAR.test(text.charAt(end))) return undefined;
  const bounds = parseBounds(ref);
  if (!bounds) return undefined;
  return { bounds, singleCell: !ref.includes(':'), end };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FormulaSyntaxError('Unterminated string.');
        const c = text.charAt(j);
        if (c === '"') {
          if (text.charAt(j + 1) !== '"') break;
          value += '"';
          j += 2;
        } else {
          value += c;
          j += 1;
        }
      }
      tokens.push({ type: 'string', value });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name ('' is a quote inside it), then ! and a reference.
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FormulaSyntaxError('Unterminated sheet name.');
        const c = text.charAt(j);
        if (c === "'") {
          if (text.charAt(j + 1) !== "'") break;
          name += "'";
          j += 2;
        } else {
          name += c;
          j += 1;
        }
      }
      if (name === '' || text.charAt(j + 1) !== '!') throw new FormulaSyntaxError('A quoted sheet name must be followed by !.');
      const ref = readRef(text, j + 2);
      if (!ref) throw new FormulaSyntaxError(`No reference after '${name}'!.`);
      tokens.push({ type: 'ref', sheet: name, bounds: ref.bounds, singleCell: ref.singleCell });
      i = ref.end;
      continue;
    }
    const sheetWord = matchAt(SHEET_WORD, text, i);
    if (sheetWord !== undefined) {
      const ref = readRef(text, i + sheetWord.length + 1);
      if (!ref) throw new FormulaSyntaxError(`No reference after ${sheetWord}!.`);
      tokens.push({ type: 'ref', sheet: sheetWord, bounds: ref.bounds, singleCell: ref.singleCell });
      i = ref.end;
      continue;
    }
    // A bare row number ("5") is no reference (parseBounds wants a column), so it reads as a number below.
    const ref = readRef(text, i);
    if (ref) {
      tokens.push({ type: 'ref', sheet: undefined, bounds: ref.bounds, singleCell: ref.singleCell });
      i = ref.end;
      continue;
    }
    const number = matchAt(NUMBER, text, i);
    if (number !== undefined) {
      tokens.push({ type: 'number', value: Number(number) });
      i += number.length;
      continue;
    }
    const word = matchAt(WORD, text, i);
    if (word !== undefined) {
      tokens.push({ type: 'word', value: word });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (op === undefined) throw new FormulaSyntaxError(`Unexpected character '${ch}'.`);
    tokens.push({ type: 'op', value: op });
    i += op.length;
  }
  tokens.push({ type: 'end' });
  return tokens;
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '<', '>', '<=', '>=']);
const CONCAT: ReadonlySet<string> = new Set(['&']);
const ADDITIVE: ReadonlySet<string> = new Set(['+', '-']);
const MULTIPLICATIVE: ReadonlySet<string> = new Set(['*', '/']);
const POWER: ReadonlySet<string> = new Set(['^']);

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Ast {
    const ast = this.comparison();
    if (this.peek().type !== 'end') throw new FormulaSyntaxError('Unexpected text after the formula.');
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? { type: 'end' };
  }

  private next(): Token {
    const token = this.peek();
    this.at += 1;
    return token;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new FormulaSyntaxError(`Expected '${value}'.`);
    this.at += 1;
  }

  /** Operators of one precedence level, left to right. */
  private level(ops: ReadonlySet<string>, operand: () => Ast): Ast {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || !ops.has(token.value)) return left;
      this.at += 1;
      left = { kind: 'binary', op: token.value as BinaryOp, left, right: operand() };
    }
  }

  private comparison(): Ast {
    return this.level(COMPARISONS, () => this.concat());
  }

  private concat(): Ast {
    return this.level(CONCAT, () => this.additive());
  }

  private additive(): Ast {
    return this.level(ADDITIVE, () => this.multiplicative());
  }

  private multiplicative(): Ast {
    return this.level(MULTIPLICATIVE, () => this.power());
  }

  private power(): Ast {
    return this.level(POWER, () => this.unary());
  }

  /** Unary minus binds tighter than ^, as in Sheets: -2^2 is 4. */
  private unary(): Ast {
    const token = this.peek();
    if (token.type === 'op' && (token.value === '-' || token.value === '+')) {
      this.at += 1;
      return { kind: 'unary', op: token.value, arg: this.unary() };
    }
    let ast = this.primary();
    while (this.isOp('%')) {
      this.at += 1;
      ast = { kind: 'percent', arg: ast };
    }
    return ast;
  }

  private primary(): Ast {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'ref':
        return { kind: 'ref', sheet: token.sheet, bounds: token.bounds, singleCell: token.singleCell };
      case 'word': {
        if (this.isOp('(')) {
          this.at += 1;
          return { kind: 'call', name: token.value.toUpperCase(), args: this.args() };
        }
        const upper = token.value.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
        return { kind: 'name', name: token.value };
      }
      case 'op':
        if (token.value === '(') {
          const inner = this.comparison();
          this.expectOp(')');
          return inner;
        }
        throw new FormulaSyntaxError(`Unexpected '${token.value}'.`);
      case 'end':
        throw new FormulaSyntaxError('The formula ends too early.');
    }
  }

  /** Arguments after `(`, through the closing `)`; an empty slot is a missing argument. */
  private args(): Ast[] {
    const args: Ast[] = [];
    if (this.isOp(')')) {
      this.at += 1;
      return args;
    }
    for (;;) {
      args.push(this.isOp(',') || this.isOp(')') ? { kind: 'missing' } : this.comparison());
      if (this.isOp(',')) {
        this.at += 1;
        continue;
      }
      this.expectOp(')');
      return args;
    }
  }
}

/**
 * Parses a formula as stored (with its leading `=`).
 * @example parseFormula('=RANK(X5,X$2:X,1)') // { kind: 'call', name: 'RANK', args: [ref X5, ref X2:X, 1] }
 * @throws FormulaSyntaxError for text this parser does not read.
 */
export function parseFormula(formula: string): Ast {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  if (body.trim() === '') throw new FormulaSyntaxError('Empty formula.');
  return new Parser(tokenize(body)).parse();
}
