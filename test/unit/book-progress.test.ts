// A member's year month by month, for the journey book's chart: each month's end as the journey then stood.
import { describe, expect, it } from 'vitest';
import { monthlyProgress } from '../../functions/src/app/book-progress';
import { an, lan, config } from './report-fixtures';

describe('monthlyProgress', () => {
  it('counts the tasks done per group at each month’s end, the current month as it stands, months ahead empty', () => {
    // Activities run February to October; decisions come with the entries (completingEntries).
    const progress = monthlyProgress(config, an, new Date('2019-09-20T03:00:00Z'));
    expect(progress.needed).toEqual({ BB: 3, RL: 3, TT: 1 });
    expect(progress.asOf).toBe('2019-09-20');
    expect(progress.months.map((m) => [m.month, m.done && [m.done.BB, m.done.RL, m.done.TT]])).toEqual([
      ['2019-02', [0, 0, 0]],
      ['2019-03', [1, 1, 0]],
      ['2019-04', [2, 1, 0]],
      ['2019-05', [2, 2, 0]],
      ['2019-06', [2, 2, 0]],
      ['2019-07', [2, 3, 0]],
      // BB2's fourth session (20/08) completes it.
      ['2019-08', [3, 3, 0]],
      // TT1 approved on 10/09: counted in September, which is not over.
      ['2019-09', [3, 3, 1]],
      ['2019-10', null],
    ]);
  });

  it('takes a month’s end in Vietnam: a decision at 01:00 on 01/04 there (18:00 UTC on 31/03) counts in April', () => {
    const late = {
      ...an,
      entries: an.entries.map((e) =>
        e.task === 'BB1'
          ? {
              ...e,
              submittedAt: '2019-03-31T17:30:00.000Z',
              decisions: e.decisions.map((d) => ({ ...d, editedAt: '2019-03-31T18:00:00.000Z' })),
            }
          : e,
      ),
    };
    const [, march, april] = monthlyProgress(config, late, new Date('2019-06-01T00:00:00Z')).months;
    expect(march).toEqual({ month: '2019-03', done: { BB: 0, RL: 1, TT: 0 } });
    expect(april).toEqual({ month: '2019-04', done: { BB: 2, RL: 1, TT: 0 } });
  });

  it('shows nothing done before the member registered', () => {
    // lan registered on 24/09 with no entries.
    const months = monthlyProgress(config, lan, new Date('2019-10-05T03:00:00Z')).months;
    expect(months.every((m) => m.done === null || (m.done.BB === 0 && m.done.RL === 0 && m.done.TT === 0))).toBe(true);
    expect(months.at(-1)?.done).toEqual({ BB: 0, RL: 0, TT: 0 });
    // Read after the year: its figures stand at the day evaluation closed.
    expect(monthlyProgress(config, lan, new Date('2026-12-06T03:00:00Z')).asOf).toBe(config.calendar.evaluationCloses);
  });
});
