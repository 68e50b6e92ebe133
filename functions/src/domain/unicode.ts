// Well-formed Unicode: strings with lone UTF-16 surrogates cannot be stored (Firestore refuses invalid UTF-8).

/** True when `text` has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  // In a `u` regex a surrogate pair is one code point, so this class matches lone surrogates only.
  return !/[\uD800-\uDFFF]/u.test(text);
}

/** More broken fields than this are not listed one by one (a refusal names the first ones). */
export const MAX_ILL_FORMED_FIELDS = 50;

/**
 * The fields of a JSON value holding text that is not well-formed, as dotted paths (`links.2`), in the order they
 * appear, at most `max`; a broken object key counts as its own field. A loop over an explicit stack, not recursion,
 * so no nesting can exhaust the call stack.
 * @example illFormedFields({ links: ['ok', 'x\ud800'] }) // ['links.1']
 */
export function illFormedFields(value: unknown, max = MAX_ILL_FORMED_FIELDS): string[] {
  const found: string[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (found.length < max) {
    const next = pending.pop();
    if (!next) break;
    const { value: item, path } = next;
    if (typeof item === 'string') {
      if (!isWellFormed(item)) found.push(path || 'body');
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    const entries: [string, unknown][] = Array.isArray(item)
      ? item.map((child: unknown, i) => [String(i), child])
      : Object.entries(item);
    // Reversed onto the stack, so they come off in document order; a broken key stands for its parent's field.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i] as [string, unknown];
      pending.push(
        isWellFormed(key)
          ? { value: child, path: path ? `${path}.${key}` : key }
          : { value: key, path: path || 'body' },
      );
    }
  }
  return found;
}
