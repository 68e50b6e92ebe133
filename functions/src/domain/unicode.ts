// Well-formed Unicode: strings with lone UTF-16 surrogates cannot be stored (Firestore refuses invalid UTF-8).

/** True when `text` has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  // In a `u` regex a surrogate pair is one code point, so this class matches lone surrogates only.
  return !/[\uD800-\uDFFF]/u.test(text);
}

/**
 * The fields of a JSON value holding text that is not well-formed, as dotted paths (`links.2`);
 * a broken object key counts as its own field.
 */
export function illFormedFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return isWellFormed(value) ? [] : [path || 'body'];
  if (Array.isArray(value)) return value.flatMap((item, i) => illFormedFields(item, path ? `${path}.${i}` : String(i)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      return isWellFormed(key) ? illFormedFields(item, field) : [path || 'body'];
    });
  }
  return [];
}
