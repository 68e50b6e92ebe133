// Registering and amending a journey book (SPEC §2 calendar and catalogue, flow 1): every rule, with Vietnam-time instants.
import { describe, expect, it } from 'vitest';
import {
  checkRegistration,
  type RegisteredTasks,
  type RegistrationCheck,
} from '../../../functions/src/domain/registration';
import { GROUP, makeConfig, PEOPLE, registrationInput, UNIT, vn } from './fixtures';

const config = makeConfig();

function codes(check: RegistrationCheck): string[] {
  return check.ok ? [] : check.violations.map((v) => v.code);
}

function onlyViolation(check: RegistrationCheck, code: string): { field: string; message: string } {
  expect(codes(check)).toEqual([code]);
  if (check.ok) throw new Error('expected a refusal');
  const [first] = check.violations;
  if (!first) throw new Error('no violation');
  return first;
}

describe('registration window: January, in Asia/Ho_Chi_Minh (SPEC §2 calendar)', () => {
  it.each([
    ['the first minute of 01/01 in Vietnam (still 31/12 in UTC)', new Date('2018-12-31T17:00:00Z'), true],
    ['mid-January', vn('2019-01-15T09:30'), true],
    ['the last minute of 31/01 in Vietnam', new Date('2019-01-31T16:59:00Z'), true],
    ['31/12/2018 23:59 in Vietnam, the day before it opens', new Date('2018-12-31T16:59:00Z'), false],
    ['2019-01-31T17:30:00Z, which is 01/02 00:30 in Vietnam', new Date('2019-01-31T17:30:00Z'), false],
    ['01/02 at noon, the day after it closes', vn('2019-02-01T12:00'), false],
    ['a year later, in January 2020', vn('2020-01-15T09:00'), false],
  ])('%s → open: %s', (_when, submittedAt, open) => {
    const check = checkRegistration(registrationInput({ submittedAt }), config);
    if (open) expect(check).toMatchObject({ ok: true });
    else {
      const v = onlyViolation(check, 'registration_closed');
      expect(v.field).toBe('submittedAt');
      expect(v.message).toContain('01/01/2019');
      expect(v.message).toContain('31/01/2019');
    }
  });

  it('the window follows the config, not constants', () => {
    const late = makeConfig({
      calendar: { registrationOpens: '2019-02-01', registrationCloses: '2019-02-28', amendmentCloses: '2019-06-30' },
    });
    expect(checkRegistration(registrationInput({ submittedAt: vn('2019-02-20') }), late).ok).toBe(true);
    expect(codes(checkRegistration(registrationInput({ submittedAt: vn('2019-01-20') }), late))).toEqual([
      'registration_closed',
    ]);
  });
});

describe('late registration window opened by the committee', () => {
  it('for one member (matched without case): open for that member until its date, closed the day after and for others', () => {
    const withLate = makeConfig({
      lateRegistrations: [{ email: 'An.SNV@Example.vn', until: '2019-02-15' }],
    });
    expect(checkRegistration(registrationInput({ submittedAt: vn('2019-02-15T23:00') }), withLate).ok).toBe(true);
    expect(codes(checkRegistration(registrationInput({ submittedAt: vn('2019-02-16T00:10') }), withLate))).toEqual([
      'registration_closed',
    ]);
    expect(
      codes(checkRegistration(registrationInput({ submittedAt: vn('2019-02-10'), email: PEOPLE.binh }), withLate)),
    ).toEqual(['registration_closed']);
  });

  it('for a whole unit: open for its members, closed for other units', () => {
    const withLate = makeConfig({ lateRegistrations: [{ unitId: UNIT.syt, until: '2019-02-20' }] });
    const syt = registrationInput({ email: PEOPLE.em, unit: UNIT.syt, submittedAt: vn('2019-02-20T08:00') });
    expect(checkRegistration(syt, withLate).ok).toBe(true);
    expect(codes(checkRegistration({ ...syt, unit: UNIT.snv, email: PEOPLE.an }, withLate))).toEqual([
      'registration_closed',
    ]);
  });
});

describe('membership of a known unit, group and nominee list', () => {
  it.each([
    ['its id', UNIT.snv],
    ['its id in another case', 'snv'],
    ['its display name', 'Đoàn Sở Nội vụ'],
    ['its display name with other case and extra spaces', '  đoàn  SỞ nội   vụ '],
    ['its display name in decomposed Unicode (NFD)', 'Đoàn Sở Nội vụ'.normalize('NFD')],
  ])('a known unit is found by %s', (_how, unit) => {
    const check = checkRegistration(registrationInput({ unit }), config);
    expect(check).toMatchObject({ ok: true, registration: { unitId: UNIT.snv } });
  });

  it('an unknown unit is refused naming what was typed', () => {
    const v = onlyViolation(
      checkRegistration(registrationInput({ unit: 'Đoàn Sở Công Thương' }), config),
      'unknown_unit',
    );
    expect(v.field).toBe('unit');
    expect(v.message).toContain('Đoàn Sở Công Thương');
  });

  it('a known group is found by name; an unknown group is refused', () => {
    expect(checkRegistration(registrationInput({ group: 'tổ 1 - CỤM nội chính' }), config)).toMatchObject({
      ok: true,
      registration: { groupId: GROUP.to1 },
    });
    const v = onlyViolation(checkRegistration(registrationInput({ group: 'Tổ 9' }), config), 'unknown_group');
    expect(v.field).toBe('group');
    expect(v.message).toContain('Tổ 9');
  });

  it('no group gives groupId null; an empty group answer counts as no group', () => {
    expect(checkRegistration(registrationInput(), config)).toMatchObject({ ok: true, registration: { groupId: null } });
    expect(checkRegistration(registrationInput({ group: '  ' }), config)).toMatchObject({
      ok: true,
      registration: { groupId: null },
    });
  });

  it('nominee list: a nominee may register (e-mail case ignored), anyone else of that unit is refused', () => {
    const nominee = registrationInput({ unit: UNIT.stp, email: PEOPLE.lan.toUpperCase() });
    expect(checkRegistration(nominee, config).ok).toBe(true);
    const v = onlyViolation(checkRegistration({ ...nominee, email: 'khach.stp@example.vn' }, config), 'not_nominated');
    expect(v.message).toContain('Đoàn Sở Tư pháp');
  });

  it('a unit without a nominee list accepts any member', () => {
    expect(checkRegistration(registrationInput({ email: 'batky.snv@example.vn' }), config).ok).toBe(true);
  });

  it('group required when RL6 (confirmed by the group) is chosen', () => {
    const rl6 = registrationInput({ trainingTasks: ['RL1', 'RL2', 'RL6'] });
    const v = onlyViolation(checkRegistration(rl6, config), 'group_required');
    expect(v.field).toBe('group');
    expect(v.message).toContain('RL6');
    expect(checkRegistration({ ...rl6, group: GROUP.to2 }, config)).toMatchObject({
      ok: true,
      registration: { groupId: GROUP.to2 },
    });
  });
});

describe('task choice: all BB, ≥ minTraining RL, ≥ minChallenge TT, codes of the plan', () => {
  it('an accepted registration lists the chosen codes and every BB task as mandatory', () => {
    const check = checkRegistration(
      registrationInput({ trainingTasks: ['RL1', 'RL2', 'RL3', 'RL5'], challengeTasks: ['TT1', 'TT4'] }),
      config,
    );
    expect(check).toEqual({
      ok: true,
      registration: {
        unitId: UNIT.snv,
        groupId: null,
        training: ['RL1', 'RL2', 'RL3', 'RL5'],
        challenge: ['TT1', 'TT4'],
        mandatory: ['BB1', 'BB2', 'BB3'],
        amendment: false,
      },
    });
  });

  it('fewer than minTraining (3) RL tasks is refused, saying how many are needed and given', () => {
    const v = onlyViolation(
      checkRegistration(registrationInput({ trainingTasks: ['RL1', 'RL2'] }), config),
      'too_few_training_tasks',
    );
    expect(v.field).toBe('trainingTasks');
    expect(v.message).toContain('3');
    expect(v.message).toContain('2');
  });

  it('a task chosen twice counts once toward minTraining', () => {
    expect(codes(checkRegistration(registrationInput({ trainingTasks: ['RL1', 'RL1', 'RL2'] }), config))).toEqual([
      'too_few_training_tasks',
    ]);
  });

  it('fewer than minChallenge (1) TT task is refused', () => {
    const v = onlyViolation(
      checkRegistration(registrationInput({ challengeTasks: [] }), config),
      'too_few_challenge_tasks',
    );
    expect(v.field).toBe('challengeTasks');
  });

  it('the minimums come from the config (minTraining 2 accepts two RL tasks)', () => {
    const relaxed = makeConfig({ rules: { minTraining: 2 } });
    expect(checkRegistration(registrationInput({ trainingTasks: ['RL1', 'RL2'] }), relaxed).ok).toBe(true);
  });

  it.each([
    ['RL9', 'trainingTasks'],
    ['TT2', 'challengeTasks'],
    ['Hiến máu nhân đạo', 'trainingTasks'],
  ])('unknown code %s is refused in %s (the plan has no TT2)', (code, field) => {
    const input =
      field === 'trainingTasks'
        ? registrationInput({ trainingTasks: ['RL1', 'RL2', 'RL3', code] })
        : registrationInput({ challengeTasks: ['TT1', code] });
    const v = onlyViolation(checkRegistration(input, config), 'unknown_task');
    expect(v.field).toBe(field);
    expect(v.message).toContain(code);
  });

  it('codes given as form labels ("RL2 — Tham gia …") or in lower case are understood', () => {
    const check = checkRegistration(
      registrationInput({
        trainingTasks: [
          'RL1 — Phụ trách sinh hoạt chi đoàn chủ điểm hoặc định kỳ',
          'RL2 — Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội',
          'rl3',
        ],
        challengeTasks: ['TT1: Sinh hoạt Câu lạc bộ lý luận trẻ cấp Khối'],
      }),
      config,
    );
    expect(check).toMatchObject({ ok: true, registration: { training: ['RL1', 'RL2', 'RL3'], challenge: ['TT1'] } });
  });

  it('a TT code in the RL list is refused as the wrong group (and does not count as RL)', () => {
    const check = checkRegistration(registrationInput({ trainingTasks: ['RL1', 'RL2', 'RL3', 'TT3'] }), config);
    const v = onlyViolation(check, 'wrong_task_group');
    expect(v.field).toBe('trainingTasks');
    expect(v.message).toContain('TT3');
    expect(v.message).toContain('rèn luyện');
    expect(
      codes(checkRegistration(registrationInput({ trainingTasks: ['RL1', 'RL2', 'TT3'] }), config)).sort(),
    ).toEqual(['too_few_training_tasks', 'wrong_task_group']);
  });

  it('an RL or BB code in the TT list is refused as the wrong group', () => {
    const check = checkRegistration(registrationInput({ challengeTasks: ['TT1', 'RL4', 'BB1'] }), config);
    expect(codes(check)).toEqual(['wrong_task_group', 'wrong_task_group']);
    expect(check.ok ? [] : check.violations.map((v) => v.field)).toEqual(['challengeTasks', 'challengeTasks']);
  });
});

describe('amendment: tasks added, never removed, until amendmentCloses (30/06)', () => {
  const existing: RegisteredTasks = {
    unitId: UNIT.snv,
    groupId: null,
    training: ['RL1', 'RL2', 'RL3'],
    challenge: ['TT1'],
  };

  it('an amendment that adds tasks in May is accepted and marked as an amendment', () => {
    const input = registrationInput({
      submittedAt: vn('2019-05-10'),
      trainingTasks: ['RL1', 'RL2', 'RL3', 'RL4'],
      challengeTasks: ['TT1', 'TT3'],
    });
    expect(checkRegistration(input, config, existing)).toMatchObject({
      ok: true,
      registration: { training: ['RL1', 'RL2', 'RL3', 'RL4'], challenge: ['TT1', 'TT3'], amendment: true },
    });
  });

  it('an amendment that removes a task is refused with task_removed naming it, on the field of its group', () => {
    const input = registrationInput({
      submittedAt: vn('2019-05-10'),
      trainingTasks: ['RL1', 'RL2', 'RL4'],
      challengeTasks: ['TT3'],
    });
    const check = checkRegistration(input, config, existing);
    expect(codes(check)).toEqual(['task_removed', 'task_removed']);
    const violations = check.ok ? [] : check.violations;
    expect(violations.map((v) => v.field)).toEqual(['trainingTasks', 'challengeTasks']);
    expect(violations[0]?.message).toContain('RL3');
    expect(violations[1]?.message).toContain('TT1');
  });

  it.each([
    ['30/06 23:59 in Vietnam', new Date('2019-06-30T16:59:00Z'), true],
    ['2019-06-30T17:30:00Z, which is 01/07 00:30 in Vietnam', new Date('2019-06-30T17:30:00Z'), false],
    ['in August', vn('2019-08-01'), false],
  ])('an amendment at %s → accepted: %s', (_when, submittedAt, accepted) => {
    const input = registrationInput({ submittedAt, trainingTasks: ['RL1', 'RL2', 'RL3', 'RL4'] });
    const check = checkRegistration(input, config, existing);
    if (accepted) expect(check.ok).toBe(true);
    else expect(onlyViolation(check, 'amendment_closed').message).toContain('30/06/2019');
  });
});

describe('every violated rule is returned at once', () => {
  it('closed window, unknown unit, unknown group, too few RL and TT, an unknown code', () => {
    const check = checkRegistration(
      {
        submittedAt: vn('2019-03-01'),
        email: PEOPLE.an,
        unit: 'Đơn vị lạ',
        group: 'Tổ lạ',
        trainingTasks: ['RL1', 'RL99'],
        challengeTasks: [],
      },
      config,
    );
    expect(codes(check).sort()).toEqual(
      [
        'registration_closed',
        'too_few_challenge_tasks',
        'too_few_training_tasks',
        'unknown_group',
        'unknown_task',
        'unknown_unit',
      ].sort(),
    );
  });

  it('an amendment after the deadline that also removes a task and needs a group reports all three', () => {
    const existing: RegisteredTasks = {
      unitId: UNIT.snv,
      groupId: null,
      training: ['RL1', 'RL2', 'RL3'],
      challenge: ['TT1'],
    };
    const check = checkRegistration(
      registrationInput({ submittedAt: vn('2019-07-02'), trainingTasks: ['RL1', 'RL2', 'RL6'] }),
      config,
      existing,
    );
    expect(codes(check).sort()).toEqual(['amendment_closed', 'group_required', 'task_removed']);
  });
});
