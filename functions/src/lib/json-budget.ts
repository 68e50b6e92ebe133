// A depth and width budget checked on JSON text in one pass, before it is parsed: nothing that walks a value ever sees an over-budget one.

export interface JsonBudget {
  /** Arrays and objects nested inside one another, the outermost counting 1. */
  maxDepth: number;
  /** Members of one object. */
  maxKeys: number;
}

/** A top-level member whose value is a string, number, boolean or null, as its JSON text. */
export interface TopLevelMember {
  key: string;
  value: string;
}

export interface JsonMeasure {
  verdict: 'within' | 'too_deep' | 'too_many_keys';
  /**
   * The top-level object's members with plain values, in order (at most `TOP_LEVEL_MEMBERS`), found on the way:
   * enough to tell whom and which year a refused body concerns without parsing it.
   */
  topLevel: TopLevelMember[];
}

const TOP_LEVEL_MEMBERS = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Measures `text` as JSON without building it: a loop over its characters with a stack as deep as the budget, so
 * its cost is linear in the text and bounded in memory whatever the nesting. Text that is not JSON is measured as far
 * as it goes (JSON.parse refuses it afterwards).
 * @example measureJson('[[[1]]]', { maxDepth: 2, maxKeys: 10 }).verdict // 'too_deep'
 */
export function measureJson(text: string, budget: JsonBudget): JsonMeasure {
  // Per open container: -1 for an array, else the members of the object seen so far.
  const members = new Int32Array(budget.maxDepth + 1);
  let depth = 0;
  let inString = false;
  const topLevel: TopLevelMember[] = [];
  // Inside the top-level object: where the current member's key and plain value start and end (-1: not yet).
  let topObject = false;
  let keyStart = -1;
  let keyEnd = -1;
  let valueStart = -1;
  let nested = false;

  const closeMember = (end: number): void => {
    if (keyEnd >= 0 && valueStart >= 0 && !nested && topLevel.length < TOP_LEVEL_MEMBERS) {
      const key = parseKey(text.slice(keyStart, keyEnd));
      if (key !== undefined) topLevel.push({ key, value: text.slice(valueStart, end).trim() });
    }
    keyStart = keyEnd = valueStart = -1;
    nested = false;
  };

  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) {
        inString = false;
        if (topObject && depth === 1 && keyStart >= 0 && keyEnd < 0) keyEnd = i + 1;
      }
      continue;
    }
    if (isSpace(code)) continue;
    const atTop = topObject && depth === 1;
    switch (code) {
      case QUOTE:
        inString = true;
        if (atTop) {
          if (keyStart < 0) keyStart = i;
          else if (keyEnd >= 0 && valueStart < 0) valueStart = i;
        }
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth === budget.maxDepth) return { verdict: 'too_deep', topLevel };
        if (atTop) nested = true;
        if (depth === 0 && code === OPEN_OBJECT) topObject = true;
        members[depth] = code === OPEN_OBJECT ? 0 : -1;
        depth += 1;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (atTop) closeMember(i);
        if (depth > 0) depth -= 1;
        break;
      case COMMA: {
        if (atTop) closeMember(i);
        const top = depth - 1;
        if (top >= 0 && (members[top] ?? -1) >= 0) {
          const count = (members[top] ?? 0) + 1;
          // n commas separate n + 1 members.
          if (count + 1 > budget.maxKeys) return { verdict: 'too_many_keys', topLevel };
          members[top] = count;
        }
        break;
      }
      case COLON:
        break;
      default:
        // The first character of a number, true, false or null.
        if (atTop && keyEnd >= 0 && valueStart < 0) valueStart = i;
    }
  }
  return { verdict: 'within', topLevel };
}

function parseKey(quoted: string): string | undefined {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The plain values among `members` that are valid JSON (a string, number, boolean or null), as an object. */
export function plainObjectOf(members: readonly TopLevelMember[]): Record<string, string | number | boolean | null> {
  const object: Record<string, string | number | boolean | null> = {};
  for (const { key, value } of members) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed === null || typeof parsed === 'string' || typeof parsed === 'number' || typeof parsed === 'boolean') {
        Object.defineProperty(object, key, { value: parsed, enumerable: true, writable: true, configurable: true });
      }
    } catch {
      // Not a plain value (malformed text): left out.
    }
  }
  return object;
}
