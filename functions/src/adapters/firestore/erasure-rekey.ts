// Moving an erased member's documents from the id derived from their e-mail to the pseudonym's random id: journeys
// (with their place in the ranking index) and the member across the phase. Each move is one transaction: the old
// document is read, the new one written and the old deleted together, so a rerun after a stop finds either.
import { rankDeltas, type RankDelta } from '../../domain/rank-index';
import type { ErasureTarget } from '../../domain/erasure';
import { JourneyDocSchema, MemberDocSchema, type PartyRecord } from '../../model';
import { firestoreSdk, type FirestoreIo } from './io';
import { paths } from './paths';
import { INDEXED_KEY_FIELD, shardOf, writeRankDeltas } from './rank-index';
import { rankKey } from '../../domain/ranking';

/** What a journey and the member's record say about the person, as the pseudonym says it (party dates kept). */
function personalFields(target: ErasureTarget, party: PartyRecord) {
  const { pseudonym } = target;
  return {
    memberId: pseudonym.memberId,
    fullName: pseudonym.name,
    email: pseudonym.email,
    dateOfBirth: null,
    phone: null,
    party: { ...party, reference: party.reference === null ? null : '' },
  };
}

/** The member's journeys, each moved to the pseudonym with its personal fields emptied; answers documents written. */
export async function moveJourneys(io: FirestoreIo, target: ErasureTarget): Promise<number> {
  const { FieldValue } = await firestoreSdk();
  const increment = (by: number): unknown => FieldValue.increment(by);
  const { pseudonym } = target;
  let written = 0;
  for (const year of target.years) {
    written += await io.db.runTransaction(async (tx) => {
      const from = await io.get(paths.journey(year, target.memberId), tx);
      if (!from.exists) return 0;
      const counted: unknown = from.get(INDEXED_KEY_FIELD);
      const doc = JourneyDocSchema.parse(from.data());
      const moved = { ...doc, ...personalFields(target, doc.party) };
      const key = rankKey(year, moved);
      // Out of the index under the old id (its counter shard follows the id), into it under the new: counts unchanged.
      // The same key: only the top counters (sharded by id) move; the day and minute counters would cancel out.
      const same = counted === key;
      const still = same && shardOf(target.memberId) === shardOf(pseudonym.memberId);
      const moving = (deltas: RankDelta[]): RankDelta[] =>
        same ? deltas.filter((d) => d.counter.level === 'top') : deltas;
      let writes = 0;
      if (typeof counted === 'number' && !still)
        writes += writeRankDeltas(io.db, tx, increment, year, target.memberId, moving(rankDeltas(counted, undefined)));
      if (!still || typeof counted !== 'number')
        writes += writeRankDeltas(io.db, tx, increment, year, pseudonym.memberId, moving(rankDeltas(undefined, key)));
      io.set(tx, paths.journey(year, pseudonym.memberId), { ...moved, [INDEXED_KEY_FIELD]: key });
      tx.delete(from.ref);
      io.counters.writes += writes + 1;
      return writes + 2;
    });
  }
  return written;
}

/** The member across the phase, moved to the pseudonym with their personal fields emptied (link version kept). */
export async function moveMember(io: FirestoreIo, target: ErasureTarget): Promise<number> {
  const { pseudonym } = target;
  return io.db.runTransaction(async (tx) => {
    const from = await io.get(paths.member(target.memberId), tx);
    if (!from.exists) return 0;
    const data = from.data() ?? {};
    const doc = MemberDocSchema.parse(data);
    io.set(tx, paths.member(pseudonym.memberId), { ...data, ...doc, ...personalFields(target, doc.party) });
    tx.delete(from.ref);
    io.counters.writes += 1;
    return 2;
  });
}
