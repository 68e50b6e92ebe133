// Queries on the embedded emulator as Firestore runs them: cursors (startAt/startAfter/endAt/endBefore), offset, order by document id, and no document lacking an ordered field.
//
// @firestore-emulator/server filters, sorts by the fields named and applies `limit`, but ignores cursors and `offset`
// and cannot order by `__name__`: a listing that pages with a cursor would get its first page again and again. Its
// query is wrapped here to do what Firestore does (https://firebase.google.com/docs/firestore/query-data/query-cursors).
import type { FirestoreState } from '@firestore-emulator/server';

/** A value as the emulator's fields give it (`toV1ValueObject`) or as we read a cursor's protobuf value. */
type PlainValue = Record<string, unknown>;

interface EmulatorDocument {
  getField(path: string): { toV1ValueObject(): PlainValue } | undefined;
  getPath(): string;
}

/** The parts of a protobuf `google.firestore.v1.Value` this reads (the emulator's classes set `has_*` flags). */
interface ProtoValue {
  has_null_value?: boolean;
  has_boolean_value?: boolean;
  boolean_value?: boolean;
  has_integer_value?: boolean;
  integer_value?: number | string;
  has_double_value?: boolean;
  double_value?: number;
  has_timestamp_value?: boolean;
  timestamp_value?: { seconds?: number | string; nanos?: number };
  has_string_value?: boolean;
  string_value?: string;
  has_reference_value?: boolean;
  reference_value?: string;
}

interface ProtoCursor {
  values: ProtoValue[];
  before: boolean;
}

interface ProtoQuery {
  order_by: { field: { field_path: string }; direction: number }[];
  has_start_at: boolean;
  start_at: ProtoCursor;
  has_end_at: boolean;
  end_at: ProtoCursor;
  offset: number;
  has_limit: boolean;
  limit: { value: number };
}

const DESCENDING = 2;
const NAME = '__name__';

function plainOf(value: ProtoValue): PlainValue {
  if (value.has_null_value) return { null_value: null };
  if (value.has_boolean_value) return { boolean_value: value.boolean_value };
  if (value.has_integer_value) return { integer_value: value.integer_value };
  if (value.has_double_value) return { double_value: value.double_value };
  if (value.has_timestamp_value) return { timestamp_value: value.timestamp_value };
  if (value.has_string_value) return { string_value: value.string_value };
  if (value.has_reference_value) return { reference_value: value.reference_value };
  throw new Error(
    'the embedded Firestore supports cursors on null, boolean, number, timestamp, string and document id values',
  );
}

/** Firestore's order of types: null, booleans, numbers, timestamps, strings, bytes, references, geopoints, arrays, maps. */
const TYPE_ORDER = [
  'null_value',
  'boolean_value',
  'number',
  'timestamp_value',
  'string_value',
  'bytes_value',
  'reference_value',
  'geo_point_value',
  'array_value',
  'map_value',
];

function typeOf(value: PlainValue): string {
  const type = Object.keys(value)[0] ?? 'null_value';
  return type === 'integer_value' || type === 'double_value' ? 'number' : type;
}

function compareValues(a: PlainValue, b: PlainValue): number {
  const [ta, tb] = [typeOf(a), typeOf(b)];
  if (ta !== tb) return TYPE_ORDER.indexOf(ta) - TYPE_ORDER.indexOf(tb);
  const sign = (x: number): number => (x < 0 ? -1 : x > 0 ? 1 : 0);
  switch (ta) {
    case 'boolean_value':
      return Number(a.boolean_value) - Number(b.boolean_value);
    case 'number':
      return sign(Number(a.integer_value ?? a.double_value) - Number(b.integer_value ?? b.double_value));
    case 'timestamp_value': {
      const [x, y] = [
        a.timestamp_value as { seconds?: unknown; nanos?: unknown },
        b.timestamp_value as { seconds?: unknown; nanos?: unknown },
      ];
      return sign(Number(x.seconds ?? 0) - Number(y.seconds ?? 0)) || sign(Number(x.nanos ?? 0) - Number(y.nanos ?? 0));
    }
    case 'string_value':
    case 'reference_value': {
      const [x, y] = [String(a[ta]), String(b[ta])];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return 0;
  }
}

/** Makes the emulator's `v1Query` honour cursors, `offset`, document-id order and Firestore's exclusion of documents lacking an ordered field. */
export function completeQueries(state: FirestoreState): void {
  const emulator = state as unknown as { v1Query(parent: string, query: ProtoQuery): EmulatorDocument[] };
  const run = emulator.v1Query.bind(emulator);
  emulator.v1Query = (parent, query) => {
    const orders = query.order_by.map((o) => ({ path: o.field.field_path, descending: o.direction === DESCENDING }));
    if (orders.length === 0 && !query.has_start_at && !query.has_end_at && !(query.offset > 0))
      return run(parent, query);
    // Every match, filtered by the emulator; ordered, cut at the cursors, offset and limited here.
    const unlimited = new Proxy(query, {
      get: (target, key): unknown => (key === 'has_limit' ? false : Reflect.get(target, key)),
    });
    // Firestore breaks ties by document name, in the direction of the last order given.
    const last = orders.at(-1);
    const full = orders.some((o) => o.path === NAME)
      ? orders
      : [...orders, { path: NAME, descending: last?.descending ?? false }];
    const keyed = run(parent, unlimited)
      .filter((doc) => full.every((o) => o.path === NAME || doc.getField(o.path) !== undefined))
      .map((doc) => ({
        doc,
        key: full.map((o) =>
          o.path === NAME ? { reference_value: doc.getPath() } : (doc.getField(o.path)?.toV1ValueObject() ?? {}),
        ),
      }));
    const compare = (key: PlainValue[], other: PlainValue[]): number => {
      for (const [i, order] of full.entries()) {
        const a = key[i];
        const b = other[i];
        // A cursor may name fewer values than the query orders by: the rest do not count.
        if (a === undefined || b === undefined) return 0;
        const c = compareValues(a, b);
        if (c !== 0) return order.descending ? -c : c;
      }
      return 0;
    };
    keyed.sort((x, y) => compare(x.key, y.key));
    const cursorOf = (cursor: ProtoCursor): PlainValue[] => cursor.values.map(plainOf);
    let selected = keyed;
    if (query.has_start_at) {
      const cursor = cursorOf(query.start_at);
      selected = selected.filter(({ key }) =>
        query.start_at.before ? compare(key, cursor) >= 0 : compare(key, cursor) > 0,
      );
    }
    if (query.has_end_at) {
      const cursor = cursorOf(query.end_at);
      selected = selected.filter(({ key }) =>
        query.end_at.before ? compare(key, cursor) < 0 : compare(key, cursor) <= 0,
      );
    }
    const from = Math.max(0, query.offset);
    return selected.slice(from, query.has_limit ? from + query.limit.value : undefined).map(({ doc }) => doc);
  };
}
