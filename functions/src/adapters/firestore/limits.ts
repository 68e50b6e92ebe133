// Firestore's per-document limits, measured the way Google documents them, so every mode (production, the embedded
// emulator, `npm start`'s journal) refuses exactly the documents production would refuse.
//
// Sizes (https://firebase.google.com/docs/firestore/storage-size): a string is its UTF-8 bytes + 1; a document name is
// the size of each collection and document id on its path + 16; a field is its name (a string) + its value; booleans
// and nulls 1, numbers and timestamps 8, geopoints 16, bytes their length, references their document name, arrays the
// sum of their values, maps the sum of their fields; a document is its name + its fields + 32.
//
// Index entries (https://firebase.google.com/docs/firestore/query-data/index-overview, automatic single-field indexes):
// a field that is neither array nor map has an ascending and a descending entry; a map has both for the whole map value,
// then its subfields recursively (an array subfield only its array-contains entries); an array field has both for the
// whole array plus one array-contains entry per distinct element. A field exempted in firestore.indexes.json
// (`fieldOverrides` with `indexes: []`) has none, nor have its subfields. Each composite index of the document's
// collection group adds one entry when the document has every field it names.
//
// Limits (https://firebase.google.com/docs/firestore/quotas): 1 MiB a document, 1 MiB - 89 bytes (1,048,487) a field value
// (Google's emulator refuses a longer string: "The value of property … is longer than 1048487 bytes"), 40,000 index entries a document,
// 20,000 fields a document (each map subfield counts), field names of at most 1,500 bytes that do not match __.*__,
// fields nested at most 20 deep, document ids of at most 1,500 bytes, neither `.` nor `..` nor __.*__.
import { DocumentLimitError, type DocumentLimitCode } from '../../ports';

export const FIRESTORE_LIMITS = {
  documentBytes: 1_048_576,
  fieldValueBytes: 1_048_487,
  indexEntries: 40_000,
  fields: 20_000,
  fieldNameBytes: 1_500,
  depth: 20,
  idBytes: 1_500,
} as const;

export interface IndexConfig {
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
}

/** One entry of `fieldOverrides` in firestore.indexes.json. */
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: IndexConfig[];
}

/**
 * The single-field index exemptions this project declares: the same list as `fieldOverrides` in
 * firestore.indexes.json (a unit test keeps them equal; `npm run deploy` applies that file). Only fields never queried
 * that hold many keys or elements: the views' row positions and spreadsheet registry, the plan (units, groups), a
 * journey's entries and an evidence entry's decisions.
 */
export const FIELD_OVERRIDES: readonly FieldOverride[] = [
  { collectionGroup: 'sheets', fieldPath: 'rows', indexes: [] },
  { collectionGroup: 'sheets', fieldPath: 'queues', indexes: [] },
  { collectionGroup: 'years', fieldPath: 'config', indexes: [] },
  { collectionGroup: 'configVersions', fieldPath: 'config', indexes: [] },
  { collectionGroup: 'journeys', fieldPath: 'entries', indexes: [] },
  { collectionGroup: 'evidence', fieldPath: 'decisions', indexes: [] },
];

/** One composite index of firestore.indexes.json (`indexes`): the listings' queries need these. */
export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: { fieldPath: string; order: 'ASCENDING' | 'DESCENDING' }[];
}

const ascending = (...paths: string[]): CompositeIndex['fields'] =>
  paths.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' }));

/**
 * The composite indexes this project declares: the same list as `indexes` in firestore.indexes.json (a unit test keeps
 * them equal). Each serves a listing's page: its equality filters (year, status), then the time it is ordered by (the
 * document id follows implicitly); the Thư tab reads the newest failed mail first.
 */
export const COMPOSITE_INDEXES: readonly CompositeIndex[] = [
  { collectionGroup: 'inbox', queryScope: 'COLLECTION', fields: ascending('year', 'receivedAt') },
  { collectionGroup: 'inbox', queryScope: 'COLLECTION', fields: ascending('year', 'status', 'receivedAt') },
  { collectionGroup: 'mail', queryScope: 'COLLECTION', fields: ascending('year', 'queuedAt') },
  { collectionGroup: 'mail', queryScope: 'COLLECTION', fields: ascending('year', 'status', 'queuedAt') },
  {
    collectionGroup: 'mail',
    queryScope: 'COLLECTION',
    fields: [...ascending('year', 'status'), { fieldPath: 'queuedAt', order: 'DESCENDING' }],
  },
];

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
function kindOf(value: unknown): Kind {
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

const RESERVED = /^__.*__$/;

function checkId(path: string): void {
  for (const segment of path.split('/')) {
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      RESERVED.test(segment) ||
      utf8Bytes(segment) > FIRESTORE_LIMITS.idBytes
    ) {
      throw new DocumentLimitError(
        'invalid_document',
        path,
        `Firestore cannot store a document at "${path}": "${segment.slice(0, 80)}" is not a valid id`,
      );
    }
  }
}

function checkNames(path: string, data: Record<string, unknown>, depth: number): void {
  for (const [name, value] of Object.entries(data)) {
    if (name === '' || RESERVED.test(name) || utf8Bytes(name) > FIRESTORE_LIMITS.fieldNameBytes) {
      throw new DocumentLimitError(
        'invalid_field_name',
        path,
        `Firestore cannot store the field "${name.slice(0, 80)}" of ${path}: names must be 1 to 1,500 bytes and not __…__`,
      );
    }
    checkDepth(path, value, depth + 1);
  }
}

function checkDepth(path: string, value: unknown, depth: number): void {
  if (depth > FIRESTORE_LIMITS.depth) {
    throw new DocumentLimitError(
      'invalid_document',
      path,
      `Firestore cannot store ${path}: fields nest more than ${FIRESTORE_LIMITS.depth} deep`,
    );
  }
  const kind = kindOf(value);
  if (kind === 'map') checkNames(path, value as Record<string, unknown>, depth);
  else if (kind === 'array') for (const element of value as unknown[]) checkDepth(path, element, depth + 1);
  else if (kind === 'string' || kind === 'bytes') {
    const bytes = kind === 'string' ? utf8Bytes(value as string) : (value as Uint8Array).byteLength;
    if (bytes > FIRESTORE_LIMITS.fieldValueBytes) {
      throw new DocumentLimitError(
        'document_too_large',
        path,
        `A value of ${path} would be ${bytes.toLocaleString('en')} bytes, more than Firestore's 1,048,487 for one field value`,
      );
    }
  }
}

/**
 * Throws DocumentLimitError when Firestore would refuse to store `data` at `path`; answers the measure otherwise.
 * For a write merged into an existing document, what is checked is the part written (the merged documents of this
 * project — a member's record, the ranking counters — have a small fixed shape).
 */
export function assertWithinLimits(
  path: string,
  data: Record<string, unknown>,
  overrides: readonly FieldOverride[] = FIELD_OVERRIDES,
): DocumentMeasure {
  checkId(path);
  // First: it stops at Firestore's 20 levels, so the walks that measure below never recurse deeper than that.
  checkNames(path, data, 0);
  const measure = measureDocument(path, data, overrides);
  if (measure.bytes > FIRESTORE_LIMITS.documentBytes) {
    throw new DocumentLimitError(
      'document_too_large',
      path,
      `Document ${path} would be ${measure.bytes.toLocaleString('en')} bytes, more than Firestore's ${FIRESTORE_LIMITS.documentBytes.toLocaleString('en')}`,
      measure,
    );
  }
  if (measure.fields > FIRESTORE_LIMITS.fields) {
    throw new DocumentLimitError(
      'too_many_fields',
      path,
      `Document ${path} would have ${measure.fields.toLocaleString('en')} fields, more than Firestore's 20,000`,
      measure,
    );
  }
  if (measure.indexEntries > FIRESTORE_LIMITS.indexEntries) {
    throw new DocumentLimitError(
      'too_many_index_entries',
      path,
      `Document ${path} would have ${measure.indexEntries.toLocaleString('en')} index entries, more than Firestore's 40,000`,
      measure,
    );
  }
  return measure;
}

/** What Firestore's INVALID_ARGUMENT says, as our code (its messages name the limit; anything else is invalid_document). */
export function limitCodeOfMessage(message: string): DocumentLimitCode {
  const text = message.toLowerCase();
  if (text.includes('index entries') || text.includes('too many indexed')) return 'too_many_index_entries';
  if (
    text.includes('exceeds the maximum allowed size') ||
    text.includes('is longer than') ||
    text.includes('maximum size') ||
    text.includes('too big') ||
    text.includes('too large')
  ) {
    return 'document_too_large';
  }
  if (text.includes('too many fields')) return 'too_many_fields';
  if (text.includes('field name') || text.includes('field path')) return 'invalid_field_name';
  return 'invalid_document';
}
