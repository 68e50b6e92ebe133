// What a member still needs for completion, Tốt and Xuất sắc, with the plan's dates; and where they stand for the camp.
import { describe, expect, it } from 'vitest';
import { campOutlook, gradeOutlook, type OutlookStep } from '../../../functions/src/domain/outlook';
import { scoreJourney } from '../../../functions/src/domain/results';
import { approved, entry, makeConfig, STANDARD_REGISTRATION } from './fixtures';

const config = makeConfig();

/** Every task of the standard registration done except those listed, approved on distinct dates. */
function resultWithout(missing: readonly string[], registered = STANDARD_REGISTRATION) {
  const codes = ['BB1', 'BB2', 'BB3', ...registered.training, ...registered.challenge].filter(
    (c) => !missing.includes(c),
  );
  const entries = codes.flatMap((code) => {
    const times = code === 'BB2' ? 4 : code === 'RL2' ? 2 : 1;
    return Array.from({ length: times }, (_, i) =>
      entry(code, `2019-0${3 + i}-1${i}`, approved(`2019-0${5 + i}-01T09:00`)),
    );
  });
  return scoreJourney(config, registered, entries);
}

const kinds = (steps: readonly OutlookStep[]): string[] =>
  steps.map((s) => (s.kind === 'task' ? s.code : `${s.kind}:${s.group}:${s.count}`));

describe('gradeOutlook', () => {
  it('lists every BB task and the RL and TT tasks short of the minimum for completion, with the activity deadline', () => {
    const [completion] = gradeOutlook(
      config,
      STANDARD_REGISTRATION,
      resultWithout(['BB2', 'RL1', 'TT1']),
      '2019-05-01',
    );
    expect(completion?.reached).toBe(false);
    expect(kinds(completion?.steps ?? [])).toEqual(['BB2', 'choose:RL:1', 'choose:TT:1']);
    expect(completion?.steps.every((s) => s.by === '2019-10-31' && !s.late)).toBe(true);
  });

  it('counts what is left of a task: BB2 with one session approved needs three more on distinct dates', () => {
    const result = scoreJourney(config, STANDARD_REGISTRATION, [
      entry('BB2', '2019-03-10', approved('2019-03-20T09:00')),
    ]);
    const step = gradeOutlook(config, STANDARD_REGISTRATION, result, '2019-04-01')[0]?.steps.find(
      (s) => s.kind === 'task' && s.code === 'BB2',
    );
    expect(step).toMatchObject({ kind: 'task', remaining: 3, distinctDates: true });
  });

  it('for Tốt needs every registered task; for Xuất sắc one more RL and TT to register before the amendment window closes', () => {
    const registered = { training: ['RL1', 'RL2', 'RL3', 'RL6'], challenge: ['TT1'] };
    const outlook = gradeOutlook(config, registered, resultWithout(['RL6'], registered), '2019-05-01');
    expect(outlook.map((g) => [g.grade, g.reached])).toEqual([
      ['dat', true],
      ['tot', false],
      ['xuat_sac', false],
    ]);
    expect(kinds(outlook[1]?.steps ?? [])).toEqual(['RL6']);
    // Four RL registered is one beyond the minimum already; TT needs a second task registered.
    expect(kinds(outlook[2]?.steps ?? [])).toEqual(['RL6', 'register:TT:1']);
    expect(outlook[2]?.steps.at(-1)).toMatchObject({ by: '2019-06-30', late: false });
  });

  it('marks steps whose date has passed as late', () => {
    const outlook = gradeOutlook(config, STANDARD_REGISTRATION, resultWithout(['RL3']), '2019-07-15');
    const excellent = outlook[2]?.steps ?? [];
    expect(excellent.find((s) => s.kind === 'register')).toMatchObject({ late: true });
    expect(excellent.find((s) => s.kind === 'task')).toMatchObject({ code: 'RL3', late: false });
  });

  it('has nothing left for a member graded Xuất sắc', () => {
    const registered = { training: ['RL1', 'RL2', 'RL3', 'RL6'], challenge: ['TT1', 'TT3'] };
    const outlook = gradeOutlook(config, registered, resultWithout([], registered), '2019-09-01');
    expect(outlook.every((g) => g.reached && g.steps.length === 0)).toBe(true);
  });
});

describe('campOutlook', () => {
  it.each([
    ['Đạt is never nominated', 'dat', 3, { kind: 'grade_too_low' }],
    ['Tốt ranked inside the quota', 'tot', 30, { kind: 'within_quota', quota: 30, perUnitMax: null }],
    ['Xuất sắc ranked outside the quota', 'xuat_sac', 31, { kind: 'outside_quota', quota: 30 }],
    ['Tốt with no rank yet', 'tot', undefined, { kind: 'outside_quota', quota: 30 }],
  ] as const)('%s', (_rule, grade, rank, expected) => {
    expect(campOutlook(grade, rank, config.rules)).toEqual(expected);
  });
});
