// The ranking index: the counters a ranking key adds one to, and a member's standing read back from a few counters.
import { NOT_COMPLETED_MINUTES } from './ranking';

const MINUTES_PER_DAY = 1440;

/**
 * Where a ranking key is counted. Every member counts in its `top` (grade and points). A member who
 * completed the year also counts in the day of its top, then in the minute of that day: three levels
 * of at most 4,000, 695 and 1,440 counters, so a standing needs a fixed number of small counters
 * however many members the year has. (Members of one top either all completed or none did: only
 * completion gives a grade above Chưa đạt.)
 * @example rankCell(1_939_000_010) // { top: 1939, day: 0, minute: 10 }
 */
export interface RankCell {
  top: number;
  day: number | null;
  minute: number | null;
}

export function rankCell(key: number): RankCell {
  const top = Math.floor(key / 1e6);
  const minutes = key - top * 1e6;
  if (minutes >= NOT_COMPLETED_MINUTES) return { top, day: null, minute: null };
  return { top, day: Math.floor(minutes / MINUTES_PER_DAY), minute: minutes % MINUTES_PER_DAY };
}

/** One counter of the index and how much it changes. */
export type RankCounter =
  | { level: 'top'; top: number }
  | { level: 'day'; top: number; day: number }
  | { level: 'minute'; top: number; day: number; minute: number };

export interface RankDelta {
  counter: RankCounter;
  by: 1 | -1;
}

function countersOf(key: number): RankCounter[] {
  const { top, day, minute } = rankCell(key);
  const counters: RankCounter[] = [{ level: 'top', top }];
  if (day !== null && minute !== null) counters.push({ level: 'day', top, day }, { level: 'minute', top, day, minute });
  return counters;
}

/**
 * What changes in the index when a member's key goes from `before` to `after` (undefined: not counted).
 * Nothing when the key is unchanged, so most submissions (evidence still pending) touch no counter.
 */
export function rankDeltas(before: number | undefined, after: number | undefined): RankDelta[] {
  if (before === after) return [];
  return [
    ...(before === undefined ? [] : countersOf(before).map((counter) => ({ counter, by: -1 as const }))),
    ...(after === undefined ? [] : countersOf(after).map((counter) => ({ counter, by: 1 as const }))),
  ];
}

/** The counters a standing is read from: every top (summed over its shards), the days of the member's top, the minutes of its day. */
export interface RankCounts {
  tops: ReadonlyMap<number, number>;
  days: ReadonlyMap<number, number>;
  minutes: ReadonlyMap<number, number>;
}

export interface RankStanding {
  /** 1 + the members ranked strictly better: equal keys share a rank, as in the Kết quả sheet. */
  rank: number;
  /** Other members with the same rank. */
  tiedWith: number;
  /** Members counted in the year. */
  total: number;
}

function sumBelow(counts: ReadonlyMap<number, number>, limit: number): number {
  let sum = 0;
  for (const [at, n] of counts) if (at < limit) sum += n;
  return sum;
}

/**
 * A member's standing from the counters of its key; undefined when the index does not count the key
 * (a journey stored before the index existed, until the next sync counts it).
 */
export function standingOf(key: number, counts: RankCounts): RankStanding | undefined {
  const { top, day, minute } = rankCell(key);
  let better = sumBelow(counts.tops, top);
  let same = counts.tops.get(top) ?? 0;
  if (day !== null && minute !== null) {
    better += sumBelow(counts.days, day) + sumBelow(counts.minutes, minute);
    same = counts.minutes.get(minute) ?? 0;
  }
  if (same <= 0) return undefined;
  const total = [...counts.tops.values()].reduce((a, b) => a + b, 0);
  return { rank: better + 1, tiedWith: same - 1, total };
}
