// Every kind of Firestore document a city-sized year leaves — 50,000 members with 10 entries each, 200 queues, the plan
// with 50,000 nominees and its inbox entry — stays under half of each of Firestore's limits, measured as the store measures.
import { describe, expect, it } from 'vitest';
import { FIRESTORE_LIMITS } from '../../functions/src/adapters/firestore/limits';
import { CITY, cityDocuments } from '../bench/scale-documents';

describe('a year of 50,000 members and 10 entries each', () => {
  it('has no document over half of 1 MiB, 40,000 index entries or 20,000 fields', () => {
    const measured = cityDocuments(CITY);
    expect(measured.length).toBeGreaterThan(200);
    const over = measured.filter(
      (m) =>
        m.bytes > FIRESTORE_LIMITS.documentBytes / 2 ||
        m.indexEntries > FIRESTORE_LIMITS.indexEntries / 2 ||
        m.fields > FIRESTORE_LIMITS.fields / 2,
    );
    expect(
      over.map(
        (m) => `${m.path}: ${String(m.bytes)} bytes, ${String(m.indexEntries)} entries, ${String(m.fields)} fields`,
      ),
    ).toEqual([]);
    // The row positions of the busiest queue are spread over all their shards (none left in the head).
    const queue = measured.filter((m) => m.path.includes('rows-queue-BTV_DOAN_KHOI~'));
    expect(queue).toHaveLength(64);
    expect(Math.min(...queue.map((m) => m.fields))).toBeGreaterThan(7_000);
  }, 180_000);
});
