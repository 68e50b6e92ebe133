// The ranking index: counters moved by each change of a member's key give every member the rank the Kết quả sheet gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rankCell,
  rankDeltas,
  standingOf,
  type RankCounter,
  type RankCounts,
  type RankDelta,
} from '../../../functions/src/domain/rank-index';
import { rankKey, rankMembers } from '../../../functions/src/domain/ranking';
import { GRADE_ORDER, type Grade } from '../../../functions/src/domain/results';
import { YEAR } from './fixtures';

/** The index as a plain map of counters, changed only through `rankDeltas`, as the store changes its documents. */
class MemoryIndex {
  private readonly counters = new Map<string, number>();

  private static id(c: RankCounter): string {
    return c.level === 'top'
      ? `t${c.top}`
      : c.level === 'day'
        ? `d${c.top}/${c.day}`
        : `m${c.top}/${c.day}/${c.minute}`;
  }

  apply(deltas: readonly RankDelta[]): void {
    for (const { counter, by } of deltas)
      this.counters.set(MemoryIndex.id(counter), (this.counters.get(MemoryIndex.id(counter)) ?? 0) + by);
  }

  /** What the store reads for one key: every top, the days of its top, the minutes of its day. */
  countsFor(key: number): RankCounts {
    const { top, day } = rankCell(key);
    const pick = (pattern: RegExp): Map<number, number> =>
      new Map(
        [...this.counters].flatMap(([id, n]): [number, number][] => {
          const m = pattern.exec(id);
          return m?.[1] ? [[Number(m[1]), n]] : [];
        }),
      );
    return {
      tops: pick(/^t(\d+)$/),
      days: pick(new RegExp(`^d${top}/(\\d+)$`)),
      minutes: pick(new RegExp(`^m${top}/${day ?? -1}/(\\d+)$`)),
    };
  }
}

interface Member {
  grade: Grade;
  points: number;
  completedAt: string | null;
}

const memberArb: fc.Arbitrary<Member> = fc
  .record({
    grade: fc.constantFrom<Grade>(...GRADE_ORDER),
    points: fc.integer({ min: 0, max: 80 }),
    // A few distinct instants so that ties on completion happen, across days and minutes of the year.
    minute: fc.integer({ min: 0, max: 400 * 1440 }),
  })
  .map(({ grade, points, minute }) => ({
    grade,
    points: grade === 'chua_dat' ? Math.min(points, 40) : points,
    completedAt:
      grade === 'chua_dat' ? null : new Date(Date.UTC(YEAR, 0, 1) + (minute - (minute % 7)) * 60_000).toISOString(),
  }));

const keyOf = (m: Member): number => rankKey(YEAR, { result: m });

describe('rankCell', () => {
  it.each([
    [
      'a member who has not completed counts in its top only',
      rankKey(YEAR, { result: { grade: 'chua_dat', points: 18, completedAt: null } }),
      { top: 3981, day: null, minute: null },
    ],
    [
      'completed ten minutes into the year',
      rankKey(YEAR, { result: { grade: 'tot', points: 60, completedAt: '2019-01-01T00:10:00Z' } }),
      { top: 1939, day: 0, minute: 10 },
    ],
    [
      'completed on 2 February at 01:30 UTC',
      rankKey(YEAR, { result: { grade: 'xuat_sac', points: 70, completedAt: '2019-02-02T01:30:00Z' } }),
      { top: 929, day: 32, minute: 90 },
    ],
  ])('%s', (_rule, key, cell) => {
    expect(rankCell(key)).toEqual(cell);
  });
});

describe('rankDeltas', () => {
  it('changes nothing when the key stays the same (evidence still pending)', () => {
    expect(rankDeltas(1_939_000_010, 1_939_000_010)).toEqual([]);
  });

  it('moves a member who completes from the not-completed top to three counters of the new key', () => {
    const before = rankKey(YEAR, { result: { grade: 'chua_dat', points: 30, completedAt: null } });
    const after = rankKey(YEAR, { result: { grade: 'dat', points: 36, completedAt: '2019-06-01T03:00:00Z' } });
    const deltas = rankDeltas(before, after);
    expect(deltas.filter((d) => d.by === -1).map((d) => d.counter.level)).toEqual(['top']);
    expect(deltas.filter((d) => d.by === 1).map((d) => d.counter.level)).toEqual(['top', 'day', 'minute']);
  });
});

describe('standingOf', () => {
  it('gives each member 1 + the members with a strictly better key, the members tied with it, and the total', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 1, maxLength: 60 }), (members) => {
        const index = new MemoryIndex();
        for (const m of members) index.apply(rankDeltas(undefined, keyOf(m)));
        for (const m of members) {
          const key = keyOf(m);
          const better = members.filter((o) => keyOf(o) < key).length;
          const same = members.filter((o) => keyOf(o) === key).length;
          expect(standingOf(key, index.countsFor(key))).toEqual({
            rank: better + 1,
            tiedWith: same - 1,
            total: members.length,
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stays right while members change their results, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 2, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), memberArb), { maxLength: 40 }),
        (initial, changes) => {
          const members = [...initial];
          const index = new MemoryIndex();
          for (const m of members) index.apply(rankDeltas(undefined, keyOf(m)));
          for (const [at, next] of changes) {
            const i = at % members.length;
            const current = members[i];
            if (!current) continue;
            index.apply(rankDeltas(keyOf(current), keyOf(next)));
            members[i] = next;
          }
          const m = members[0];
          if (!m) return;
          const key = keyOf(m);
          expect(standingOf(key, index.countsFor(key))?.rank).toBe(members.filter((o) => keyOf(o) < key).length + 1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is undefined for a key the index does not count (a journey stored before the index existed)', () => {
    const index = new MemoryIndex();
    const counted = rankKey(YEAR, { result: { grade: 'tot', points: 60, completedAt: '2019-05-01T00:00:00Z' } });
    index.apply(rankDeltas(undefined, counted));
    const missing = rankKey(YEAR, { result: { grade: 'dat', points: 40, completedAt: '2019-05-02T00:00:00Z' } });
    expect(standingOf(missing, index.countsFor(missing))).toBeUndefined();
  });

  it('orders keys as rankMembers ranks, apart from the name tie-break', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 2, maxLength: 40 }), (members) => {
        const ranked = rankMembers(
          members.map((m, i) => ({ memberId: `m${i}`, fullName: 'Nguyễn Văn A', unitId: 'U', result: m })),
        );
        const keys = ranked.map((r) => keyOf(r.result));
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });
});
