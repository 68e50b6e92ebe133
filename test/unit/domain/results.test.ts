// A member's year result (SPEC §2 Results): task status, completion and its instant, grade and points, all from the config.
import { describe, expect, it } from 'vitest';
import { GRADE_LABELS, scoreJourney, type Grade, type RegisteredJourney } from '../../../functions/src/domain/results';
import type { ScoredEntry } from '../../../functions/src/domain/results';
import {
  approved,
  approvedEntry,
  COMPLETED_AT,
  completingEntries,
  entry,
  makeConfig,
  needsInfo,
  rejected,
  STANDARD_REGISTRATION,
  vn,
} from './fixtures';

const config = makeConfig();
const score = (entries: readonly ScoredEntry[], registered: RegisteredJourney = STANDARD_REGISTRATION) =>
  scoreJourney(config, registered, entries);
const without = (entries: ScoredEntry[], task: string, count = 1): ScoredEntry[] => {
  let left = count;
  return entries.filter((e) => !(e.task === task && left-- > 0));
};

describe('task status: not_registered / not_started / in_progress / done', () => {
  const result = score([
    approvedEntry('BB2', '2019-02-20'),
    entry('BB3', '2019-04-10', rejected('2019-04-12T10:00')),
    approvedEntry('RL1', '2019-03-26'),
    approvedEntry('RL2', '2019-06-01'),
    entry('RL3', '2019-05-19'),
    entry('TT1', '2019-09-07', needsInfo('2019-09-08T10:00')),
    approvedEntry('RL4', '2019-07-01'),
  ]);

  it.each([
    ['BB1', 'not_started', 'registered, no entry', { approved: 0, pending: 0, required: 1 }],
    ['BB3', 'not_started', 'only a rejected entry', { approved: 0, pending: 0, required: 1 }],
    ['BB2', 'in_progress', '1 of 4 approved', { approved: 1, pending: 0, required: 4 }],
    ['RL2', 'in_progress', '1 of 2 approved', { approved: 1, pending: 0, required: 2 }],
    ['RL3', 'in_progress', 'an entry waiting for a decision', { approved: 0, pending: 1, required: 1 }],
    [
      'TT1',
      'in_progress',
      'an entry sent back for more information (Cần bổ sung)',
      { approved: 0, pending: 1, required: 1 },
    ],
    ['RL1', 'done', 'its one approved entry', { approved: 1, pending: 0, required: 1 }],
    ['RL4', 'not_registered', 'approved but never registered', { approved: 0, required: 1 }],
    ['TT4', 'not_registered', 'not registered, no entry', { approved: 0, pending: 0, required: 1 }],
  ])('%s is %s (%s)', (code, status, _why, counts) => {
    expect(result.tasks[code]).toMatchObject({ status, ...counts });
  });

  it('the result lists every task of the year', () => {
    expect(Object.keys(result.tasks)).toEqual(config.tasks.map((t) => t.code));
  });
});

describe('BB2: at least 4 approved attendances on distinct dates', () => {
  it('four approved entries on only 3 distinct dates are not done', () => {
    const result = score([
      approvedEntry('BB2', '2019-02-20'),
      approvedEntry('BB2', '2019-05-15'),
      approvedEntry('BB2', '2019-05-15', '2019-05-17T10:00'),
      approvedEntry('BB2', '2019-08-20'),
    ]);
    expect(result.tasks.BB2).toEqual({ status: 'in_progress', approved: 4, pending: 0, required: 4 });
    expect(result.done.BB).toBe(0);
  });

  it('four approved entries on 4 distinct dates are done', () => {
    const result = score(completingEntries().filter((e) => e.task === 'BB2'));
    expect(result.tasks.BB2?.status).toBe('done');
    expect(result.done.BB).toBe(1);
  });

  it('RL2 needs 2 approved entries (same date allowed: distinct dates are a BB2 rule only)', () => {
    expect(
      score([approvedEntry('RL2', '2019-06-01'), approvedEntry('RL2', '2019-06-01', '2019-06-02T08:00')]).tasks.RL2
        ?.status,
    ).toBe('done');
  });
});

describe('completion: all BB done, ≥ minTraining RL done, ≥ minChallenge TT done', () => {
  it('the completing set completes the year', () => {
    const result = score(completingEntries());
    expect(result.completed).toBe(true);
    expect(result.done).toEqual({ BB: 3, RL: 3, TT: 1 });
  });

  it.each([
    ['a BB task is not done (BB3 missing)', 'BB3'],
    ['BB2 has only 3 sessions', 'BB2'],
    ['only 2 RL tasks are done (RL2 has 1 of 2)', 'RL2'],
    ['no TT task is done', 'TT1'],
  ])('not completed when %s', (_why, task) => {
    const result = score(without(completingEntries(), task));
    expect(result.completed).toBe(false);
    expect(result.completedAt).toBeNull();
    expect(result.grade).toBe('chua_dat');
  });

  it('the minimums come from the config (minTraining 2)', () => {
    const relaxed = makeConfig({ rules: { minTraining: 2 } });
    const result = scoreJourney(
      relaxed,
      { training: ['RL1', 'RL2'], challenge: ['TT1'] },
      without(completingEntries(), 'RL3'),
    );
    expect(result.completed).toBe(true);
  });

  it('approved entries for unregistered tasks do not count toward completion', () => {
    const entries = [
      ...without(completingEntries(), 'RL3'),
      approvedEntry('RL4', '2019-07-01'),
      approvedEntry('RL5', '2019-07-02'),
    ];
    expect(score(entries).completed).toBe(false);
  });

  it('rejected entries and entries waiting for a decision do not count', () => {
    const entries = [
      ...without(completingEntries(), 'TT1'),
      entry('TT1', '2019-09-07'),
      entry('TT1', '2019-09-08', rejected('2019-09-09T10:00')),
    ];
    expect(score(entries).completed).toBe(false);
  });
});

describe('completedAt: the instant of the approval that first completed the year', () => {
  it('is the time of the last approval needed (TT1 approved 10/09 09:00 in Vietnam)', () => {
    expect(score(completingEntries()).completedAt).toBe(COMPLETED_AT);
  });

  it('approvals after completion do not move it', () => {
    const result = score([...completingEntries(), approvedEntry('RL2', '2019-09-28', '2019-10-01T10:00')]);
    expect(result.completedAt).toBe(COMPLETED_AT);
  });

  it('follows decision times, not activity dates: BB3 written in April but approved on 05/10 completes the year then', () => {
    const entries = [...without(completingEntries(), 'BB3'), approvedEntry('BB3', '2019-04-10', '2019-10-05T15:30')];
    expect(score(entries).completedAt).toBe(vn('2019-10-05T15:30').toISOString());
  });

  it('an approval later revoked by a newer rejection moves it to the approval that completes the year again', () => {
    const entries = [
      ...without(completingEntries(), 'TT1'),
      entry('TT1', '2019-09-07', approved('2019-09-10T09:00'), rejected('2019-09-20T09:00')),
      approvedEntry('TT1', '2019-09-21', '2019-09-25T14:00'),
    ];
    const result = score(entries);
    expect(result.completed).toBe(true);
    expect(result.completedAt).toBe(vn('2019-09-25T14:00').toISOString());
  });

  it('an approval revoked with nothing to replace it leaves the year not completed', () => {
    const entries = [
      ...without(completingEntries(), 'TT1'),
      entry('TT1', '2019-09-07', approved('2019-09-10T09:00'), rejected('2019-09-20T09:00')),
    ];
    const result = score(entries);
    expect(result.completed).toBe(false);
    expect(result.completedAt).toBeNull();
  });

  it('a decision made earlier but arriving later does not revoke a newer approval', () => {
    const entries = [
      ...without(completingEntries(), 'TT1'),
      entry('TT1', '2019-09-07', approved('2019-09-10T09:00'), rejected('2019-09-09T09:00')),
    ];
    expect(score(entries).completedAt).toBe(COMPLETED_AT);
  });
});

describe('grade (xếp loại)', () => {
  const extra = (...entries: ScoredEntry[]): ScoredEntry[] => [...completingEntries(), ...entries];
  it.each<[string, RegisteredJourney, ScoredEntry[], Grade]>([
    ['not completed → Chưa đạt', STANDARD_REGISTRATION, without(completingEntries(), 'BB1'), 'chua_dat'],
    [
      'completed with a registered RL4 not done → Đạt',
      { training: ['RL1', 'RL2', 'RL3', 'RL4'], challenge: ['TT1'] },
      extra(),
      'dat',
    ],
    [
      'completed with a registered TT3 not done → Đạt',
      { training: ['RL1', 'RL2', 'RL3'], challenge: ['TT1', 'TT3'] },
      extra(),
      'dat',
    ],
    ['completed, every registered task done, at the minimums → Tốt', STANDARD_REGISTRATION, extra(), 'tot'],
    [
      'one RL beyond the minimum but no TT beyond → Tốt',
      { training: ['RL1', 'RL2', 'RL3', 'RL4'], challenge: ['TT1'] },
      extra(approvedEntry('RL4', '2019-07-01')),
      'tot',
    ],
    [
      'one TT beyond the minimum but no RL beyond → Tốt',
      { training: ['RL1', 'RL2', 'RL3'], challenge: ['TT1', 'TT3'] },
      extra(approvedEntry('TT3', '2019-08-01')),
      'tot',
    ],
    [
      'every registered task done with one RL and one TT beyond the minimum → Xuất sắc',
      { training: ['RL1', 'RL2', 'RL3', 'RL4'], challenge: ['TT1', 'TT3'] },
      extra(approvedEntry('RL4', '2019-07-01'), approvedEntry('TT3', '2019-08-01')),
      'xuat_sac',
    ],
    [
      'beyond the minimum but one more registered task not done → Đạt',
      { training: ['RL1', 'RL2', 'RL3', 'RL4', 'RL5'], challenge: ['TT1', 'TT3'] },
      extra(approvedEntry('RL4', '2019-07-01'), approvedEntry('TT3', '2019-08-01')),
      'dat',
    ],
  ])('%s', (_rule, registered, entries, grade) => {
    expect(score(entries, registered).grade).toBe(grade);
  });

  it('more approved entries of the same tasks do not make a grade beyond Tốt (it counts tasks, not entries)', () => {
    expect(
      score([...completingEntries(), approvedEntry('RL2', '2019-08-01'), approvedEntry('TT1', '2019-10-01')]).grade,
    ).toBe('tot');
  });

  it('labels are the Vietnamese grade names', () => {
    expect(GRADE_LABELS).toEqual({ xuat_sac: 'Xuất sắc', tot: 'Tốt', dat: 'Đạt', chua_dat: 'Chưa đạt' });
  });
});

describe('points: done BB 10, done RL 6, done TT 8, +1 per approved entry beyond a task minimum, at most 5 in all', () => {
  const bb2Sessions = (n: number): ScoredEntry[] =>
    Array.from({ length: n }, (_, i) =>
      approvedEntry('BB2', `2019-0${String(2 + Math.floor(i / 2))}-${i % 2 === 0 ? '10' : '20'}`),
    );
  const base = (): ScoredEntry[] => completingEntries().filter((e) => e.task !== 'BB2');

  it.each<[string, ScoredEntry[], number]>([
    ['nothing done', [], 0],
    ['one BB done', [approvedEntry('BB1', '2019-03-01')], 10],
    ['one RL done', [approvedEntry('RL1', '2019-03-26')], 6],
    ['one TT done', [approvedEntry('TT1', '2019-09-07')], 8],
    ['a task in progress scores nothing', [approvedEntry('RL2', '2019-06-01')], 0],
    ['3 BB + 3 RL + 1 TT', completingEntries(), 56],
    ['RL2 with 3 approved (one beyond its 2)', [...completingEntries(), approvedEntry('RL2', '2019-08-01')], 57],
    ['BB2 with 6 sessions on distinct dates (two beyond its 4)', [...base(), ...bb2Sessions(6)], 58],
    [
      '10 extra entries are capped at 5',
      [
        ...base(),
        ...bb2Sessions(10),
        approvedEntry('RL2', '2019-08-01'),
        approvedEntry('RL2', '2019-08-02'),
        approvedEntry('RL3', '2019-09-01'),
        approvedEntry('TT1', '2019-09-20'),
      ],
      61,
    ],
    [
      'a second BB2 entry on an already counted date is not a session beyond the minimum',
      [...completingEntries(), approvedEntry('BB2', '2019-05-15', '2019-05-18T10:00')],
      56,
    ],
    [
      'approved entries of unregistered tasks score nothing',
      [...completingEntries(), approvedEntry('RL4', '2019-07-01'), approvedEntry('TT4', '2019-07-02')],
      56,
    ],
    [
      'rejected and pending extras score nothing',
      [...completingEntries(), entry('RL2', '2019-08-01', rejected('2019-08-02T10:00')), entry('RL1', '2019-09-01')],
      56,
    ],
  ])('%s → %i points', (_what, entries, points) => {
    expect(score(entries).points).toBe(points);
  });

  it('weights, the bonus per entry and the cap come from the config', () => {
    const custom = makeConfig({ rules: { weights: { BB: 5, RL: 4, TT: 2 }, extraPerEntry: 2, extraCap: 3 } });
    const one = [...completingEntries(), approvedEntry('RL2', '2019-08-01')];
    const two = [...one, approvedEntry('RL1', '2019-09-03')];
    expect(scoreJourney(custom, STANDARD_REGISTRATION, completingEntries()).points).toBe(3 * 5 + 3 * 4 + 2);
    expect(scoreJourney(custom, STANDARD_REGISTRATION, one).points).toBe(3 * 5 + 3 * 4 + 2 + 2);
    expect(scoreJourney(custom, STANDARD_REGISTRATION, two).points).toBe(3 * 5 + 3 * 4 + 2 + 3);
  });
});

describe('order independence', () => {
  it('the same entries in reverse order give the same result', () => {
    const entries = [
      ...completingEntries(),
      entry('RL2', '2019-08-01', rejected('2019-08-03T10:00'), approved('2019-08-02T10:00')),
    ];
    expect(score([...entries].reverse())).toEqual(score(entries));
  });
});

describe('one result does not depend on what was scored before', () => {
  it('gives the same result after scoring a member of a different plan and one with hundreds of entries', () => {
    const entries = [...completingEntries(), approvedEntry('RL2', '2019-08-01'), entry('RL3', '2019-09-02')];
    const first = score(entries);
    const snapshot = JSON.parse(JSON.stringify(first)) as unknown;
    // A plan with one task fewer, and a member with 300 entries (more than any room kept from before).
    const smaller = makeConfig({ tasks: config.tasks.filter((t) => t.code !== 'TT4') });
    const many = Array.from({ length: 300 }, (_, i) =>
      approvedEntry(
        i % 2 === 0 ? 'BB2' : 'RL1',
        `2019-0${String(2 + (i % 7))}-1${String(i % 10)}`,
        `2019-09-01T${String(10 + (i % 10))}:${String(10 + (i % 50))}`,
      ),
    );
    expect(scoreJourney(smaller, STANDARD_REGISTRATION, many).tasks.BB2).toMatchObject({
      status: 'done',
      approved: 150,
    });
    expect(scoreJourney(smaller, STANDARD_REGISTRATION, entries)).toEqual(snapshot);
    // The first result is left as it was, and scoring it again gives it again.
    expect(first).toEqual(snapshot);
    expect(score(entries)).toEqual(snapshot);
  });

  it('hands out task progress that cannot be changed afterwards', () => {
    const result = score(completingEntries());
    expect(Object.isFrozen(result.tasks.BB1)).toBe(true);
    expect(Object.isFrozen(result.done)).toBe(true);
  });
});
