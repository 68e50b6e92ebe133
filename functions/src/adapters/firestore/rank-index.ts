// The ranking index in Firestore: counters in a few small documents, changed by increments in the journey's own transaction.
import type { DocumentReference, DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { assertWithinLimits } from './limits';
import { rankCell, standingOf, type RankCounter, type RankDelta, type RankStanding } from '../../domain/rank-index';

/**
 * Every member counts in one of this many top-level documents (by member id), so registrations and decisions
 * of different members rarely write the same document (Firestore sustains about one write per second each).
 */
export const RANK_SHARDS = 8;

export const rankPaths = {
  collection: (year: number) => `years/${year}/ranking`,
  tops: (year: number, shard: number) => `years/${year}/ranking/tops-${shard}`,
  days: (year: number, top: number) => `years/${year}/ranking/days-${top}`,
  minutes: (year: number, top: number, day: number) => `years/${year}/ranking/minutes-${top}-${day}`,
};

/** The field on a journey document that says which key the index counts it under (absent: not counted). */
export const INDEXED_KEY_FIELD = 'rankKey';

export function shardOf(memberId: string): number {
  // Member ids end in hex digits of a hash: evenly spread.
  return Number.parseInt(memberId.slice(-1), 16) % RANK_SHARDS || 0;
}

function counterPlace(year: number, memberId: string, counter: RankCounter): { path: string; field: string } {
  switch (counter.level) {
    case 'top':
      return { path: rankPaths.tops(year, shardOf(memberId)), field: `t${counter.top}` };
    case 'day':
      return { path: rankPaths.days(year, counter.top), field: `d${counter.day}` };
    case 'minute':
      return { path: rankPaths.minutes(year, counter.top, counter.day), field: `m${counter.minute}` };
  }
}

/** Anything that can set a document with merge: a transaction or a batch. */
interface Writer {
  set(ref: DocumentReference, data: Record<string, unknown>, options: { merge: true }): unknown;
}

/** The SDK's `FieldValue.increment`, given by the store (which imports the SDK only once it is used). */
export type Increment = (by: number) => unknown;

/**
 * Writes the deltas as increments: no read needed, and increments from concurrent transactions add up
 * (also on the embedded emulator, which does not isolate transactions). Answers how many documents it wrote.
 */
export function writeRankDeltas(
  db: Firestore,
  writer: Writer,
  increment: Increment,
  year: number,
  memberId: string,
  deltas: readonly RankDelta[],
): number {
  const byDocument = new Map<string, Record<string, number>>();
  for (const { counter, by } of deltas) {
    const { path, field } = counterPlace(year, memberId, counter);
    const fields = byDocument.get(path) ?? {};
    fields[field] = (fields[field] ?? 0) + by;
    byDocument.set(path, fields);
  }
  let written = 0;
  for (const [path, fields] of byDocument) {
    const changes = Object.entries(fields).filter(([, by]) => by !== 0);
    if (changes.length === 0) continue;
    const data = Object.fromEntries(changes.map(([field, by]) => [field, increment(by)]));
    assertWithinLimits(path, data);
    writer.set(db.doc(path), data, { merge: true });
    written += 1;
  }
  return written;
}

function countsOf(snapshots: readonly (DocumentSnapshot | undefined)[], prefix: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const snapshot of snapshots) {
    const data = snapshot?.data() ?? {};
    for (const [field, value] of Object.entries(data)) {
      if (!field.startsWith(prefix) || typeof value !== 'number') continue;
      const at = Number(field.slice(prefix.length));
      if (Number.isInteger(at)) counts.set(at, (counts.get(at) ?? 0) + value);
    }
  }
  return counts;
}

/** Reads the documents a key's standing needs (the shards of tops, then its day and minute documents) in one round trip. */
export async function readRankStanding(
  db: Firestore,
  year: number,
  key: number,
): Promise<{ standing: RankStanding | undefined; reads: number }> {
  const { top, day } = rankCell(key);
  const refs = Array.from({ length: RANK_SHARDS }, (_, shard) => db.doc(rankPaths.tops(year, shard)));
  if (day !== null) refs.push(db.doc(rankPaths.days(year, top)), db.doc(rankPaths.minutes(year, top, day)));
  const snapshots = await db.getAll(...refs);
  const tops = snapshots.slice(0, RANK_SHARDS);
  const standing = standingOf(key, {
    tops: countsOf(tops, 't'),
    days: countsOf(day === null ? [] : [snapshots[RANK_SHARDS]], 'd'),
    minutes: countsOf(day === null ? [] : [snapshots[RANK_SHARDS + 1]], 'm'),
  });
  return { standing, reads: refs.length };
}
