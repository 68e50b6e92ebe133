// Journeys (`years/{year}/journeys/{memberId}`): a member's year, counted in the year's ranking index.
import type { RankStanding } from '../domain/rank-index';
import type { JourneyDoc } from '../model';

export interface JourneyReads {
  getJourney(year: number, memberId: string): Promise<JourneyDoc | undefined>;
}

/** Journeys inside a transaction. */
export interface JourneyTx extends JourneyReads {
  /**
   * Stores a journey, which must have been read first in this transaction: the ranking index moves the
   * member from the key it counted to the new one in the same transaction.
   */
  putJourney(doc: JourneyDoc): void;
}

export interface JourneyStore extends JourneyReads {
  listJourneys(year: number): Promise<JourneyDoc[]>;
}

/** The ranking index: counters kept with each journey's writes. */
export interface RankingStore {
  /** Where a ranking key stands among the year's members, from the ranking index: a fixed number of small reads. */
  rankStanding(year: number, key: number): Promise<RankStanding | undefined>;
  /** Counts in the ranking index every journey of the year it does not count yet (stored before it existed); answers how many. */
  indexRanking(year: number): Promise<number>;
}
