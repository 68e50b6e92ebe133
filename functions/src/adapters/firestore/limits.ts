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
import { FIELD_OVERRIDES, type FieldOverride } from './indexes';
import { kindOf, measureDocument, utf8Bytes, type DocumentMeasure } from './measure';

export {
  COMPOSITE_INDEXES,
  FIELD_OVERRIDES,
  TTL_POLICIES,
  type CompositeIndex,
  type FieldOverride,
  type IndexConfig,
} from './indexes';
export {
  collectionGroupOf,
  documentNameSize,
  documentSize,
  fieldCount,
  indexEntries,
  measureDocument,
  utf8Bytes,
  type DocumentMeasure,
} from './measure';

export const FIRESTORE_LIMITS = {
  documentBytes: 1_048_576,
  fieldValueBytes: 1_048_487,
  indexEntries: 40_000,
  fields: 20_000,
  fieldNameBytes: 1_500,
  depth: 20,
  idBytes: 1_500,
} as const;

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
