// Field masks ("title,gridProperties.frozenRowCount", "userEnteredFormat(textFormat,backgroundColor)", "*").

type Json = Record<string, unknown>;

/**
 * Splits a mask into paths, expanding Google's parenthesised groups.
 * @example parseFieldMask('a(b,c.d),e') // [['a','b'], ['a','c','d'], ['e']]
 */
export function parseFieldMask(mask: string): string[][] {
  const paths: string[][] = [];
  for (const part of splitTopLevel(mask)) {
    const open = part.indexOf('(');
    if (open < 0) {
      if (part !== '') paths.push(part.split('.'));
      continue;
    }
    if (!part.endsWith(')')) throw new Error(`Invalid field mask: ${mask}`);
    const prefix = part.slice(0, open).split('.');
    for (const inner of parseFieldMask(part.slice(open + 1, -1))) paths.push([...prefix, ...inner]);
  }
  return paths;
}

function splitTopLevel(mask: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of mask) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts;
}

/** Copies the masked fields from `source` onto `target`; a field absent from `source` is removed. */
export function applyFieldMask(
  target: Json,
  source: Json,
  paths: readonly (readonly string[])[],
  skipOnStar: readonly string[] = [],
): void {
  for (const path of paths) {
    if (path.length === 1 && path[0] === '*') {
      for (const key of Object.keys(target)) if (!skipOnStar.includes(key)) Reflect.deleteProperty(target, key);
      for (const [key, value] of Object.entries(source)) {
        if (!skipOnStar.includes(key) && value !== undefined && value !== null) target[key] = structuredClone(value);
      }
      continue;
    }
    setPath(target, path, getPath(source, path));
  }
}

export function getPath(source: unknown, path: readonly string[]): unknown {
  let node = source;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[key];
  }
  return node ?? undefined;
}

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) {
      if (value === undefined) return;
      node[key] = {};
    }
    node = node[key] as Json;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) Reflect.deleteProperty(node, last);
  else node[last] = structuredClone(value);
}

/** True when a mask names `field` itself, something inside it, or everything. */
export function maskTouches(paths: readonly (readonly string[])[], field: string): boolean {
  return paths.some((path) => path[0] === '*' || path[0] === field);
}
