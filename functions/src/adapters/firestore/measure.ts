// How Firestore measures a document: its size in bytes, its index entries and its fields, as limits.ts describes.
import { COMPOSITE_INDEXES, FIELD_OVERRIDES, type CompositeIndex, type FieldOverride } from './indexes';

export interface DocumentMeasure {
  /** Bytes as Firestore counts them (name + fields + 32). */
  bytes: number;
  indexEntries: number;
  fields: number;
}

export function utf8Bytes(text: string): number {
  // UTF-8 bytes of UTF-16 text without allocating (a lone surrogate, which Firestore refuses anyway, counts 3).
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const stringSize = (text: string): number => utf8Bytes(text) + 1;

/** Size of a document name: each collection and document id of the path, + 16. */
export function documentNameSize(path: string): number {
  return path.split('/').reduce((sum, segment) => sum + stringSize(segment), 0) + 16;
}

/** The collection group of a document path (its last collection id). */
export function collectionGroupOf(path: string): string {
  const segments = path.split('/');
  return segments[segments.length - 2] ?? '';
}

type Kind =
  | 'skip'
  | 'null'
  | 'boolean'
  | 'number'
  | 'string'
  | 'bytes'
  | 'timestamp'
  | 'geopoint'
  | 'reference'
  | 'array'
  | 'map'
  | 'sentinel';

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** What Firestore stores for a value the Admin SDK is given (class instances recognised by shape, not by import). */
export function kindOf(value: unknown): Kind {
  if (value === undefined) return 'skip';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      break;
    default:
      return 'skip';
  }
  const object = value;
  if (Array.isArray(object)) return 'array';
  if (object instanceof Date) return 'timestamp';
  if (object instanceof Uint8Array) return 'bytes';
  if (isPlainObject(object)) return 'map';
  const name = object.constructor.name;
  if (name === 'Timestamp') return 'timestamp';
  if (name === 'GeoPoint') return 'geopoint';
  if (name === 'DocumentReference') return 'reference';
  if ('methodName' in object || name.endsWith('Transform') || name.endsWith('FieldValue')) return 'sentinel';
  return 'map';
}

function valueSize(value: unknown): number {
  const kind = kindOf(value);
  switch (kind) {
    case 'skip':
      return 0;
    case 'null':
    case 'boolean':
      return 1;
    case 'number':
    case 'timestamp':
      return 8;
    case 'geopoint':
      return 16;
    case 'string':
      return stringSize(value as string);
    case 'bytes':
      return (value as Uint8Array).byteLength;
    case 'reference':
      return documentNameSize((value as { path: string }).path);
    case 'array':
      return (value as unknown[]).reduce<number>((sum, v) => sum + valueSize(v), 0);
    case 'map':
      return mapSize(value as Record<string, unknown>);
    case 'sentinel': {
      // increment, serverTimestamp: a number or a timestamp once applied; delete: nothing.
      const method = (value as { methodName?: string }).methodName ?? '';
      return method.includes('delete') ? 0 : 8;
    }
  }
}

function mapSize(map: Record<string, unknown>): number {
  let size = 0;
  for (const [name, v] of Object.entries(map)) if (v !== undefined) size += stringSize(name) + valueSize(v);
  return size;
}

/** Firestore's size of a document written at `path` with `data`. */
export function documentSize(path: string, data: Record<string, unknown>): number {
  return documentNameSize(path) + mapSize(data) + 32;
}

/** Entries an override grants a value of each kind (an absent override: the automatic ascending and descending). */
function modesOf(override: FieldOverride | undefined): { ordered: number; contains: boolean } {
  if (!override) return { ordered: 2, contains: true };
  const scoped = override.indexes.filter((i) => i.queryScope === 'COLLECTION');
  return {
    ordered: scoped.filter((i) => i.order !== undefined).length,
    contains: scoped.some((i) => i.arrayConfig === 'CONTAINS'),
  };
}

function distinctCount(values: readonly unknown[]): number {
  return new Set(values.map((v) => (typeof v === 'string' ? `s${v}` : `j${JSON.stringify(v) ?? ''}`))).size;
}

/**
 * Index entries of a document: single-field ones with the project's exemptions for its collection group, and one per
 * composite index of that group whose every field the document has (none of them names an array).
 */
export function indexEntries(
  path: string,
  data: Record<string, unknown>,
  overrides: readonly FieldOverride[] = FIELD_OVERRIDES,
  composites: readonly CompositeIndex[] = COMPOSITE_INDEXES,
): number {
  const group = collectionGroupOf(path);
  const own = new Map(overrides.filter((o) => o.collectionGroup === group).map((o) => [o.fieldPath, o]));
  // A map subfield inherits its closest ancestor's override.
  const count = (value: unknown, fieldPath: string, inherited: FieldOverride | undefined, inMap: boolean): number => {
    const override = own.get(fieldPath) ?? inherited;
    const { ordered, contains } = modesOf(override);
    const kind = kindOf(value);
    if (kind === 'skip') return 0;
    if (kind === 'array') {
      const elements = contains ? distinctCount(value as unknown[]) : 0;
      return (inMap ? 0 : ordered) + elements;
    }
    if (kind === 'map') {
      let entries = ordered;
      for (const [name, sub] of Object.entries(value as Record<string, unknown>))
        entries += count(sub, `${fieldPath}.${name}`, override, true);
      return entries;
    }
    return ordered;
  };
  let total = 0;
  for (const [name, value] of Object.entries(data)) total += count(value, name, undefined, false);
  for (const index of composites) {
    if (index.collectionGroup === group && index.fields.every((f) => kindOf(data[f.fieldPath]) !== 'skip')) total += 1;
  }
  return total;
}

/** Fields of a document: every top-level field and every map subfield (array elements are values, not fields). */
export function fieldCount(data: Record<string, unknown>): number {
  let fields = 0;
  for (const value of Object.values(data)) {
    if (value === undefined) continue;
    fields += 1;
    if (kindOf(value) === 'map') fields += fieldCount(value as Record<string, unknown>);
  }
  return fields;
}

export function measureDocument(
  path: string,
  data: Record<string, unknown>,
  overrides: readonly FieldOverride[] = FIELD_OVERRIDES,
): DocumentMeasure {
  return {
    bytes: documentSize(path, data),
    indexEntries: indexEntries(path, data, overrides),
    fields: fieldCount(data),
  };
}
