// Document data between the emulator's protobuf values and plain JSON, the form local persistence keeps on disk.

/** One value as the emulator's generated protobuf classes expose it (`has_*` getters tell which field is set). */
export interface ProtoValue {
  has_null_value: boolean;
  has_boolean_value: boolean;
  boolean_value: boolean;
  has_integer_value: boolean;
  integer_value: number;
  has_double_value: boolean;
  double_value: number;
  has_string_value: boolean;
  string_value: string;
  has_array_value: boolean;
  array_value: { values: ProtoValue[] };
  has_map_value: boolean;
  map_value: { fields: Map<string, ProtoValue> };
  has_timestamp_value: boolean;
  timestamp_value: { seconds: number; nanos: number };
}

/** The same value as `Value.fromObject` reads it. */
export type ValueObject =
  | { null_value: 0 }
  | { boolean_value: boolean }
  | { integer_value: number }
  | { double_value: number }
  | { string_value: string }
  | { array_value: { values: ValueObject[] } }
  | { map_value: { fields: Record<string, ValueObject> } }
  | { timestamp_value: { seconds: number; nanos: number } };

/**
 * Document data: what the store writes is plain JSON (instants are ISO strings), but for the timestamps Firestore's
 * TTL policies need (the access log's `expireAt`): those are kept as `{"$timestamp": "<ISO instant>"}`, a map no
 * document of the store holds otherwise (no field of it is named `$timestamp`).
 */
export type DocumentData = Record<string, unknown>;

/** The key of a timestamp's JSON form. */
export const TIMESTAMP_KEY = '$timestamp';

/** A timestamp as local persistence keeps it, or undefined when `value` is not one. */
export function timestampOf(value: unknown): Date | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const text = (value as Record<string, unknown>)[TIMESTAMP_KEY];
  if (keys.length !== 1 || typeof text !== 'string') return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Thrown for bytes, references and geo points: the store never writes them, and plain JSON could not tell them
 * apart from strings and maps on the way back.
 */
export class UnsupportedValueError extends Error {}

export function plainFromProto(value: ProtoValue): unknown {
  if (value.has_null_value) return null;
  if (value.has_boolean_value) return value.boolean_value;
  if (value.has_integer_value) return value.integer_value;
  if (value.has_double_value) {
    if (!Number.isFinite(value.double_value))
      throw new UnsupportedValueError(`${String(value.double_value)} has no JSON form`);
    return value.double_value;
  }
  if (value.has_string_value) return value.string_value;
  if (value.has_array_value) return value.array_value.values.map(plainFromProto);
  if (value.has_map_value) return dataFromProto(value.map_value.fields);
  if (value.has_timestamp_value) {
    // Millisecond precision, as the store writes them (a JavaScript Date).
    const { seconds, nanos } = value.timestamp_value;
    return { [TIMESTAMP_KEY]: new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString() };
  }
  throw new UnsupportedValueError(
    'only JSON values (null, booleans, numbers, strings, arrays, maps) and timestamps are kept locally',
  );
}

// Object.fromEntries defines own properties, so a key such as `__proto__` stays data.
export function dataFromProto(fields: Map<string, ProtoValue>): DocumentData {
  return Object.fromEntries([...fields].map(([key, value]) => [key, plainFromProto(value)]));
}

/** As firebase-admin encodes a JavaScript value, so a replayed document reads back exactly as it was written. */
export function valueFromPlain(value: unknown): ValueObject {
  if (value === null) return { null_value: 0 };
  if (typeof value === 'boolean') return { boolean_value: value };
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? { integer_value: value } : { double_value: value };
  if (typeof value === 'string') return { string_value: value };
  if (Array.isArray(value)) return { array_value: { values: value.map(valueFromPlain) } };
  const timestamp = timestampOf(value);
  if (timestamp) {
    const ms = timestamp.getTime();
    return { timestamp_value: { seconds: Math.floor(ms / 1000), nanos: (((ms % 1000) + 1000) % 1000) * 1e6 } };
  }
  if (typeof value === 'object') return { map_value: { fields: fieldsFromData(value as DocumentData) } };
  throw new UnsupportedValueError(`a ${typeof value} has no Firestore form`);
}

export function fieldsFromData(data: DocumentData): Record<string, ValueObject> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, valueFromPlain(value)]));
}
