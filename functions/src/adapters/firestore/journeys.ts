// Journeys (`years/{year}/journeys/{memberId}`) and the ranking index their writes keep up to date.
import type { Transaction } from 'firebase-admin/firestore';
import { rankDeltas } from '../../domain/rank-index';
import { rankKey } from '../../domain/ranking';
import { JourneyDocSchema, type JourneyDoc } from '../../model';
import type { FirestoreIo, Writer } from './io';
import { paths } from './paths';
import { INDEXED_KEY_FIELD, readRankStanding, writeRankDeltas, type Increment } from './rank-index';

/** A journey as read, with the key the ranking index counts it under (undefined: not counted). */
export interface JourneyRead {
  doc: JourneyDoc | undefined;
  indexedKey: number | undefined;
}

export function firestoreJourneys(io: FirestoreIo) {
  return {
    readJourney: async (year: number, memberId: string, tx?: Transaction): Promise<JourneyRead> => {
      const snapshot = await io.get(paths.journey(year, memberId), tx);
      const key: unknown = snapshot.get(INDEXED_KEY_FIELD);
      return {
        doc: snapshot.exists ? JourneyDocSchema.parse(snapshot.data()) : undefined,
        indexedKey: typeof key === 'number' ? key : undefined,
      };
    },
    /** Stores a journey, moving it in the ranking index from the key it was counted under; answers its new key. */
    putJourney: (writer: Writer, increment: Increment, doc: JourneyDoc, indexedKey: number | undefined): number => {
      const key = rankKey(doc.year, doc);
      io.counters.writes += writeRankDeltas(
        io.db,
        writer,
        increment,
        doc.year,
        doc.memberId,
        rankDeltas(indexedKey, key),
      );
      io.set(writer, paths.journey(doc.year, doc.memberId), { ...doc, [INDEXED_KEY_FIELD]: key });
      return key;
    },
    listJourneys: (year: number): Promise<JourneyDoc[]> =>
      io.list(io.db.collection(paths.journeys(year)), JourneyDocSchema),
    rankStanding: async (year: number, key: number) => {
      const { standing, reads } = await readRankStanding(io.db, year, key);
      io.counters.reads += reads;
      return standing;
    },
    /** The members whose journey the ranking index does not count under its current key. */
    unindexedJourneys: async (year: number): Promise<string[]> => {
      const docs = await io.query(io.db.collection(paths.journeys(year)));
      return docs
        .filter((d) => d.get(INDEXED_KEY_FIELD) !== rankKey(year, JourneyDocSchema.parse(d.data())))
        .map((d) => d.id);
    },
  };
}
