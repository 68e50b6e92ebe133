// Properties of the scoring (SPEC §2 Results) checked on random journeys: approvals never hurt, arrival order never matters.
import { seededRandom } from '../../../functions/dev/seeded-random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, DecisionKind } from '../../../functions/src/domain/evaluation';
import { rankMembers } from '../../../functions/src/domain/ranking';
import {
  GRADE_ORDER,
  scoreJourney,
  type JourneyResult,
  type RegisteredJourney,
  type ScoredEntry,
} from '../../../functions/src/domain/results';
import { ALL_CODES, makeConfig, RL_CODES, TT_CODES } from './fixtures';

const config = makeConfig();
const START = Date.parse('2019-02-01T00:00:00+07:00');
const DAY = 86_400_000;

/** A few activity dates only, so that BB2 sessions often share a date. */
const activityDate = fc
  .integer({ min: 0, max: 11 })
  .map((i) => `2019-${String(2 + (i % 9)).padStart(2, '0')}-${i < 9 ? '10' : '20'}`);
const decisionKind = fc.constantFrom<DecisionKind>('approved', 'approved', 'rejected', 'needs_info');
/** Decision times on a coarse grid, so that equal instants (ties broken by edit id) happen too. */
const editedAt = fc.integer({ min: 0, max: 400 }).map((hours) => new Date(START + hours * 3_600_000));

const registration: fc.Arbitrary<RegisteredJourney> = fc.record({
  training: fc.subarray([...RL_CODES], { minLength: 0 }),
  challenge: fc.subarray([...TT_CODES], { minLength: 0 }),
});

const rawEntry = fc.record({
  task: fc.constantFrom(...ALL_CODES),
  activityDate,
  decisions: fc.array(fc.record({ editedAt, decision: decisionKind }), { maxLength: 3 }),
});

/** Entries whose decisions get unique edit ids, as stored decisions have. */
const entries: fc.Arbitrary<ScoredEntry[]> = fc.array(rawEntry, { maxLength: 30 }).map((list) =>
  list.map((e, i) => ({
    ...e,
    decisions: e.decisions.map((d, j): Decision => ({ ...d, editId: `edit-${String(i)}-${String(j)}` })),
  })),
);

const gradeRank = (r: JourneyResult): number => GRADE_ORDER.indexOf(r.grade);
const latestTime = (list: readonly ScoredEntry[]): number =>
  Math.max(START, ...list.flatMap((e) => e.decisions.map((d) => d.editedAt.getTime())));

/** A deterministic shuffle driven by a seed (mulberry32), so fast-check can replay a failure. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}

describe('approving one more entry never lowers points or grade', () => {
  it('adding an approved entry for a registered task', () => {
    fc.assert(
      fc.property(registration, entries, fc.nat(), activityDate, (registered, list, pick, date) => {
        const codes = [
          ...config.tasks.filter((t) => t.group === 'BB').map((t) => t.code),
          ...registered.training,
          ...registered.challenge,
        ];
        const task = codes[pick % codes.length] ?? 'BB1';
        const before = scoreJourney(config, registered, list);
        const extra: ScoredEntry = {
          task,
          activityDate: date,
          decisions: [{ editId: 'edit-extra', editedAt: new Date(latestTime(list) + DAY), decision: 'approved' }],
        };
        const after = scoreJourney(config, registered, [...list, extra]);
        expect(after.points).toBeGreaterThanOrEqual(before.points);
        expect(gradeRank(after)).toBeLessThanOrEqual(gradeRank(before));
        if (before.completed) {
          expect(after.completed).toBe(true);
          expect(after.completedAt).toBe(before.completedAt);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('flipping a pending entry (no decision or "needs info") to approved', () => {
    fc.assert(
      fc.property(registration, entries, fc.nat(), (registered, list, pick) => {
        const before = scoreJourney(config, registered, list);
        const pendingIndexes = list.flatMap((e, i) => {
          const latest = [...e.decisions].sort(
            (a, b) => b.editedAt.getTime() - a.editedAt.getTime() || (a.editId < b.editId ? 1 : -1),
          )[0];
          return latest === undefined || latest.decision === 'needs_info' ? [i] : [];
        });
        fc.pre(pendingIndexes.length > 0);
        const index = pendingIndexes[pick % pendingIndexes.length] ?? 0;
        const flipped = list.map((e, i) =>
          i === index
            ? {
                ...e,
                decisions: [
                  ...e.decisions,
                  { editId: 'edit-flip', editedAt: new Date(latestTime(list) + DAY), decision: 'approved' as const },
                ],
              }
            : e,
        );
        const after = scoreJourney(config, registered, flipped);
        expect(after.points).toBeGreaterThanOrEqual(before.points);
        expect(gradeRank(after)).toBeLessThanOrEqual(gradeRank(before));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the order entries and decisions arrive in never changes the result', () => {
  it('shuffling entries and the decisions inside each entry gives the same result', () => {
    fc.assert(
      fc.property(registration, entries, fc.nat(), (registered, list, seed) => {
        const reordered = shuffled(list, seed).map((e, i) => ({
          ...e,
          decisions: shuffled(e.decisions, seed + i + 1),
        }));
        expect(scoreJourney(config, registered, reordered)).toEqual(scoreJourney(config, registered, list));
      }),
      { numRuns: 300 },
    );
  });

  it('ranking many members does not depend on the order they arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(registration, entries), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (journeys, seed) => {
          const members = journeys.map(([registered, list], i) => ({
            memberId: `m-${String(i).padStart(2, '0')}`,
            fullName: ['Anh', 'Ánh', 'Đỗ', 'Dương', 'Giang'][i % 5] ?? 'An',
            unitId: 'SNV',
            result: scoreJourney(config, registered, list),
          }));
          const order = (list: typeof members): string[] => rankMembers(list).map((m) => m.memberId);
          expect(order(shuffled(members, seed))).toEqual(order(members));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('invariants of every result', () => {
  it('completedAt is set exactly when the year is completed, and is one of the approval instants; grade Đạt or better needs completion', () => {
    fc.assert(
      fc.property(registration, entries, (registered, list) => {
        const result = scoreJourney(config, registered, list);
        expect(result.completedAt !== null).toBe(result.completed);
        if (result.completedAt !== null) {
          const approvals = list.flatMap((e) =>
            e.decisions.filter((d) => d.decision === 'approved').map((d) => d.editedAt.toISOString()),
          );
          expect(approvals).toContain(result.completedAt);
        }
        expect(result.grade === 'chua_dat').toBe(!result.completed);
        const { weights, extraCap } = config.rules;
        expect(result.points).toBeLessThanOrEqual(3 * weights.BB + 6 * weights.RL + 3 * weights.TT + extraCap);
        expect(result.points).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
