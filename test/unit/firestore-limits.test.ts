// Firestore's document limits as the store measures them: sizes as Google's storage-size page computes them, index
// entries of the automatic single-field indexes minus the project's exemptions, and the same exemptions as firestore.indexes.json.
import { readFileSync } from 'node:fs';
import { FieldValue } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import {
  assertWithinLimits,
  documentNameSize,
  documentSize,
  COMPOSITE_INDEXES,
  FIELD_OVERRIDES,
  TTL_POLICIES,
  fieldCount,
  FIRESTORE_LIMITS,
  indexEntries,
  limitCodeOfMessage,
  utf8Bytes,
} from '../../functions/src/adapters/firestore/limits';
import { DocumentLimitError } from '../../functions/src/ports';

const keys = (n: number, value: unknown = 1): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${String(i)}`, value]));

describe('document size, as https://firebase.google.com/docs/firestore/storage-size computes it', () => {
  it("gives Google's own example: users/jeff/tasks/my_task_id is 147 bytes", () => {
    expect(documentNameSize('users/jeff/tasks/my_task_id')).toBe(44);
    const task = { type: 'Personal', done: false, priority: 1, description: 'Learn Cloud Firestore' };
    expect(documentSize('users/jeff/tasks/my_task_id', task)).toBe(147);
  });

  it('counts UTF-8 bytes (Vietnamese letters are 2–3 bytes), maps as documents, arrays as the sum of their values', () => {
    expect(utf8Bytes('Nguyễn')).toBe(Buffer.byteLength('Nguyễn'));
    expect(utf8Bytes('😀a')).toBe(5);
    const base = documentSize('c/d', {});
    expect(base).toBe(2 + 2 + 16 + 32);
    expect(documentSize('c/d', { m: { a: 'xy' } }) - base).toBe(2 + (2 + 3));
    expect(documentSize('c/d', { a: ['xy', 1, null, true] }) - base).toBe(2 + 3 + 8 + 1 + 1);
    expect(documentSize('c/d', { t: new Date(), n: FieldValue.increment(1) }) - base).toBe(2 + 8 + 2 + 8);
  });
});

describe('index entries and fields', () => {
  it('a scalar has 2 entries; a map 2 plus its subfields; an array 2 plus one per distinct element', () => {
    expect(indexEntries('c/d', { a: 1, b: 'x' }, [])).toBe(4);
    expect(indexEntries('c/d', { m: keys(3) }, [])).toBe(2 + 6);
    expect(indexEntries('c/d', { a: ['x', 'y', 'x'] }, [])).toBe(2 + 2);
    // An array inside a map has only its array-contains entries.
    expect(indexEntries('c/d', { m: { a: ['x', 'y'] } }, [])).toBe(2 + 2);
  });

  it('an exempted field (indexes: []) and its subfields have none', () => {
    const overrides = [{ collectionGroup: 'c', fieldPath: 'm', indexes: [] }];
    expect(indexEntries('c/d', { m: keys(100), a: 1 }, overrides)).toBe(2);
    expect(indexEntries('other/d', { m: keys(100), a: 1 }, overrides)).toBe(2 + 200 + 2);
    expect(indexEntries('y/2019/c/d', { m: { deep: keys(5) } }, overrides)).toBe(0);
  });

  it('counts every map subfield as a field, array elements not', () => {
    expect(fieldCount({ a: 1, m: { b: 1, c: { d: 1 } }, l: [1, 2, 3] })).toBe(6);
  });
});

describe('assertWithinLimits', () => {
  it('accepts a document of exactly 1 MiB and refuses one byte more (document_too_large)', () => {
    const path = 'years/2019/sheets/big';
    const fill = FIRESTORE_LIMITS.documentBytes - documentSize(path, { a: '', b: '' });
    const half = 'x'.repeat(fill / 2);
    expect(assertWithinLimits(path, { a: half, b: half }).bytes).toBe(FIRESTORE_LIMITS.documentBytes);
    expect(() => assertWithinLimits(path, { a: half, b: `${half}x` })).toThrow(
      expect.objectContaining({ code: 'document_too_large', path }),
    );
  });

  it('refuses one value of more than 1 MiB - 89 bytes (1,048,487), as Google’s emulator does, in a map or an array too', () => {
    const path = 'years/2019/sheets/long';
    expect(assertWithinLimits(path, { text: 'x'.repeat(FIRESTORE_LIMITS.fieldValueBytes) }).bytes).toBeLessThan(
      FIRESTORE_LIMITS.documentBytes,
    );
    for (const data of [
      { text: 'x'.repeat(1_048_488) },
      { m: { text: 'é'.repeat(524_244) } },
      { list: [new Uint8Array(1_048_488)] },
    ]) {
      expect(() => assertWithinLimits(path, data)).toThrow(
        expect.objectContaining({ code: 'document_too_large', path }),
      );
    }
  });

  it('refuses more than 40,000 index entries unless the field is exempt', () => {
    const tags = Array.from({ length: 39_999 }, (_, i) => `t${String(i)}`);
    expect(() => assertWithinLimits('years/2019/other/x', { tags })).toThrow(
      expect.objectContaining({ code: 'too_many_index_entries' }),
    );
    expect(assertWithinLimits('years/2019/sheets/x', { rows: tags }).indexEntries).toBe(0);
  });

  it('refuses more than 20,000 fields, exempt or not', () => {
    expect(assertWithinLimits('years/2019/sheets/x', { rows: keys(19_999) }).fields).toBe(20_000);
    expect(() => assertWithinLimits('years/2019/sheets/x', { rows: keys(20_000) })).toThrow(
      expect.objectContaining({ code: 'too_many_fields' }),
    );
  });

  it('refuses reserved, empty and over-long field names, and bad ids', () => {
    expect(() => assertWithinLimits('c/d', { __name__: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_field_name' }),
    );
    expect(() => assertWithinLimits('c/d', { m: { '': 1 } })).toThrow(
      expect.objectContaining({ code: 'invalid_field_name' }),
    );
    expect(() => assertWithinLimits('c/d', { ['x'.repeat(1501)]: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid_field_name' }),
    );
    expect(() => assertWithinLimits('c/__x__', { a: 1 })).toThrow(DocumentLimitError);
  });

  it("reads Firestore's INVALID_ARGUMENT messages as codes", () => {
    expect(
      limitCodeOfMessage(
        "Document 'projects/p/databases/(default)/documents/a/b' cannot be written because its size (1,100,000 bytes) exceeds the maximum allowed size of 1,048,576 bytes.",
      ),
    ).toBe('document_too_large');
    expect(limitCodeOfMessage('too many index entries for entity')).toBe('too_many_index_entries');
    expect(limitCodeOfMessage('The value of property "text" is longer than 1048487 bytes.')).toBe('document_too_large');
    expect(limitCodeOfMessage('something else')).toBe('invalid_document');
  });
});

describe('firestore.indexes.json', () => {
  const file = JSON.parse(readFileSync(new URL('../../firestore.indexes.json', import.meta.url), 'utf8')) as {
    fieldOverrides: unknown[];
    indexes: unknown[];
  };

  it('declares exactly the exemptions the store counts with, and the TTL policies', () => {
    const overrides = file.fieldOverrides as {
      collectionGroup: string;
      fieldPath: string;
      indexes: unknown[];
      ttl?: boolean;
    }[];
    expect(
      overrides.map(({ collectionGroup, fieldPath, indexes }) => ({ collectionGroup, fieldPath, indexes })),
    ).toEqual(FIELD_OVERRIDES);
    expect(
      overrides.filter((o) => o.ttl === true).map(({ collectionGroup, fieldPath }) => ({ collectionGroup, fieldPath })),
    ).toEqual(TTL_POLICIES);
  });

  it('declares exactly the composite indexes the store counts with', () => {
    expect(file.indexes).toEqual(COMPOSITE_INDEXES);
  });

  it('counts one entry per composite index a document has every field of', () => {
    const entry = { year: 2019, status: 'refused', receivedAt: '2019-01-01T00:00:00Z' };
    // 3 fields × 2 single-field entries, plus inbox's two composite indexes.
    expect(indexEntries('inbox/k', entry)).toBe(6 + 2);
    expect(indexEntries('inbox/k', { year: 2019, receivedAt: 'x' })).toBe(4 + 1);
    expect(indexEntries('other/k', entry)).toBe(6);
  });
});
