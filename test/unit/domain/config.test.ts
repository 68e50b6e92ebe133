// The year's plan as data (SPEC §2): defaults from the plan, partial configs merged, invalid configs refused with a path.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TASKS, type Role } from '../../../functions/src/domain/catalogue';
import { defaultCalendar, findTask } from '../../../functions/src/domain/config';
import { ALL_CODES, configInput, makeConfig, PEOPLE, refused, resolved, UNIT, YEAR } from './fixtures';
import { must } from '../../helpers';

describe('defaults of the year config (SPEC §2 "defaults of a per-year config")', () => {
  it.each([2019, 2021])(
    'calendar comes from the year %i: register 1/1–31/1, amend until 30/6, act 1/2–31/10, evaluate until 31/10',
    (year) => {
      const config = resolved({ ...configInput(), year });
      expect(config.calendar).toEqual({
        registrationOpens: `${year}-01-01`,
        registrationCloses: `${year}-01-31`,
        amendmentCloses: `${year}-06-30`,
        activityStarts: `${year}-02-01`,
        activityEnds: `${year}-10-31`,
        evaluationCloses: `${year}-10-31`,
      });
      expect(defaultCalendar(year)).toEqual(config.calendar);
    },
  );

  it('rules: ≥3 RL, ≥1 TT, points BB 10 / RL 6 / TT 8, +1 per extra entry capped at 5, camp top 30 with no unit cap, essay > 1,000 words, themed months 3, 4, 9, 10', () => {
    const { rules } = makeConfig();
    expect(rules.minTraining).toBe(3);
    expect(rules.minChallenge).toBe(1);
    expect(rules.weights).toEqual({ BB: 10, RL: 6, TT: 8 });
    expect(rules.extraPerEntry).toBe(1);
    expect(rules.extraCap).toBe(5);
    expect(rules.campQuota).toBe(30);
    expect(rules.campPerUnitMax).toBeNull();
    expect(rules.minEssayWords).toBe(1000);
    expect([...rules.themedMonths].sort((a, b) => a - b)).toEqual([3, 4, 9, 10]);
    expect(rules.acceptedRatings.map((r) => r.toLowerCase())).toContain('lao động tiên tiến');
  });

  it("catalogue: all 12 tasks with the plan's codes, in the plan's order, and no TT2", () => {
    const { tasks } = makeConfig();
    expect(tasks.map((t) => t.code)).toEqual(ALL_CODES);
    expect(tasks).toHaveLength(12);
    expect(tasks.map((t) => t.code)).not.toContain('TT2');
    expect(DEFAULT_TASKS.map((t) => t.code)).toEqual(ALL_CODES);
  });

  it.each([
    ['BB1', 'BB'],
    ['BB2', 'BB'],
    ['BB3', 'BB'],
    ['RL1', 'RL'],
    ['RL2', 'RL'],
    ['RL3', 'RL'],
    ['RL4', 'RL'],
    ['RL5', 'RL'],
    ['RL6', 'RL'],
    ['TT1', 'TT'],
    ['TT3', 'TT'],
    ['TT4', 'TT'],
  ])('catalogue group: %s is in group %s', (code, group) => {
    expect(must(findTask(makeConfig(), code)).group).toBe(group);
  });

  it.each([
    ['BB1', 1, false],
    ['BB2', 4, true],
    ['BB3', 1, false],
    ['RL1', 1, false],
    ['RL2', 2, false],
    ['RL3', 1, false],
    ['RL4', 1, false],
    ['RL5', 1, false],
    ['RL6', 1, false],
    ['TT1', 1, false],
    ['TT3', 1, false],
    ['TT4', 1, false],
  ])('rule to be done: %s needs %i approved entries (distinct dates: %s)', (code, minEntries, distinctDates) => {
    const task = must(findTask(makeConfig(), code));
    expect(task.minEntries).toBe(minEntries);
    expect(task.distinctDates).toBe(distinctDates);
  });

  it.each<[string, Role[]]>([
    ['BB1', ['CAP_UY']],
    ['BB2', ['BTV_DOAN_KHOI', 'CAP_UY']],
    ['BB3', ['BTV_DOAN_KHOI']],
    ['RL1', ['BCH_CO_SO']],
    ['RL2', ['BCH_CO_SO']],
    ['RL3', ['BTV_DOAN_KHOI']],
    ['RL4', ['BTV_DOAN_KHOI']],
    ['RL5', ['BTV_DOAN_KHOI']],
    ['RL6', ['TO']],
    ['TT1', ['BTV_DOAN_KHOI']],
    ['TT3', ['BTV_DOAN_KHOI', 'CAP_UY']],
    ['TT4', ['BTV_DOAN_KHOI']],
  ])('confirmed by (SPEC task table): %s is confirmed by %j', (code, roles) => {
    expect([...must(findTask(makeConfig(), code)).confirmedBy].sort()).toEqual([...roles].sort());
  });

  it('evidence requirements: BB1 initiative and rating, BB3 essay, RL1 meeting kind, RL3 attachment, none elsewhere', () => {
    const config = makeConfig();
    const requirements = Object.fromEntries(
      config.tasks.map((t) => [
        t.code,
        Object.keys(t.requires).filter((k) => t.requires[k as keyof typeof t.requires]),
      ]),
    );
    expect(requirements).toEqual({
      BB1: ['initiativeAndRating'],
      BB2: [],
      BB3: ['essay'],
      RL1: ['meetingKind'],
      RL2: [],
      RL3: ['attachment'],
      RL4: [],
      RL5: [],
      RL6: [],
      TT1: [],
      TT3: [],
      TT4: [],
    });
  });

  it('every task has a Vietnamese title and the plan wording as description', () => {
    for (const task of makeConfig().tasks) {
      expect(task.title.length).toBeGreaterThan(5);
      expect(task.description.length).toBeGreaterThan(task.title.length);
    }
  });

  it('roster: groups and late windows default to empty, units keep evaluators, nominees and report lists', () => {
    const config = resolved({ ...configInput(), groups: undefined });
    expect(config.groups).toEqual([]);
    expect(config.lateRegistrations).toEqual([]);
    const stp = must(config.units.find((u) => u.id === UNIT.stp));
    expect(stp.nominees).toEqual([PEOPLE.lan, PEOPLE.minh]);
    expect(must(config.units.find((u) => u.id === UNIT.snv)).nominees).toBeUndefined();
    expect(makeConfig().groups.map((g) => g.id)).toEqual(['TO1', 'TO2']);
  });

  it('roster: a unit without evaluators gets empty evaluator lists; e-mails are stored trimmed and lower-case', () => {
    const input = configInput();
    const config = resolved({
      ...input,
      units: [{ id: 'moi', name: 'Đoàn cơ sở mới' }],
      committee: { BTV_DOAN_KHOI: ['  Btv@Example.VN '], digestTo: [] },
    });
    expect(must(config.units[0]).evaluators).toEqual({ BCH_CO_SO: [], CAP_UY: [] });
    expect(config.committee.BTV_DOAN_KHOI).toEqual([PEOPLE.btv]);
  });
});

describe('partial configs are merged onto the defaults ("Hàng năm xây dựng và ban hành kế hoạch")', () => {
  it('one calendar field replaces only that field', () => {
    const config = makeConfig({ calendar: { amendmentCloses: '2019-07-15' } });
    expect(config.calendar).toEqual({ ...defaultCalendar(YEAR), amendmentCloses: '2019-07-15' });
  });

  it('one weight replaces only that weight', () => {
    const config = makeConfig({ rules: { weights: { RL: 7 } } });
    expect(config.rules.weights).toEqual({ BB: 10, RL: 7, TT: 8 });
    expect(config.rules.minTraining).toBe(3);
    expect(config.rules.extraCap).toBe(5);
  });

  it('rules fields (camp quota, per-unit cap) replace only themselves', () => {
    const config = makeConfig({ rules: { campQuota: 20, campPerUnitMax: 3 } });
    expect(config.rules.campQuota).toBe(20);
    expect(config.rules.campPerUnitMax).toBe(3);
    expect(config.rules.weights).toEqual({ BB: 10, RL: 6, TT: 8 });
  });

  it('a task override by code changes only the fields given, keeps its place and the other tasks', () => {
    const config = makeConfig({ tasks: [{ code: 'RL2', minEntries: 3 }] });
    const rl2 = must(findTask(config, 'RL2'));
    const defaultRl2 = must(DEFAULT_TASKS.find((t) => t.code === 'RL2'));
    expect(rl2).toEqual({ ...defaultRl2, minEntries: 3 });
    expect(config.tasks.map((t) => t.code)).toEqual(ALL_CODES);
    expect(must(findTask(config, 'BB2')).minEntries).toBe(4);
  });

  it('a task override may change who confirms it', () => {
    const config = makeConfig({ tasks: [{ code: 'RL5', confirmedBy: ['BCH_CO_SO'] }] });
    expect(must(findTask(config, 'RL5')).confirmedBy).toEqual(['BCH_CO_SO']);
  });

  it('a new, complete task is added after the defaults', () => {
    const config = makeConfig({
      tasks: [
        {
          code: 'TT5',
          group: 'TT',
          title: 'Tham gia Hội trại "Lá Trung Quân"',
          description: 'Tham gia Hội trại truyền thống "Lá Trung Quân".',
          minEntries: 1,
          distinctDates: false,
          confirmedBy: ['BTV_DOAN_KHOI'],
          requires: {},
        },
      ],
    });
    expect(config.tasks.map((t) => t.code)).toEqual([...ALL_CODES, 'TT5']);
    expect(must(findTask(config, 'TT5')).group).toBe('TT');
  });

  it('a new task given only in part is refused with a path into tasks', () => {
    const issues = refused({ ...configInput(), tasks: [{ code: 'TT5', minEntries: 1 }] });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path.startsWith('tasks.'))).toBe(true);
  });

  it('findTask returns undefined for a code the year does not have', () => {
    expect(findTask(makeConfig(), 'TT2')).toBeUndefined();
  });
});

describe('invalid configs are refused with the path of the wrong field', () => {
  const base = configInput();
  it.each<[string, Record<string, unknown>, string]>([
    ['a date that does not exist', { calendar: { registrationOpens: '2019-02-30' } }, 'calendar.registrationOpens'],
    ['a date not written YYYY-MM-DD', { calendar: { activityEnds: '31/10/2019' } }, 'calendar.activityEnds'],
    [
      'a window that closes before it opens',
      { calendar: { registrationOpens: '2019-02-01', registrationCloses: '2019-01-31' } },
      'calendar.registrationCloses',
    ],
    [
      'an activity window that ends before it starts',
      { calendar: { activityStarts: '2019-10-01', activityEnds: '2019-09-30' } },
      'calendar.activityEnds',
    ],
    [
      'evaluation closing before the activity window ends',
      { calendar: { evaluationCloses: '2019-10-15' } },
      'calendar.evaluationCloses',
    ],
    ['a duplicate unit id', { units: [...base.units, { ...must(base.units[0]), name: 'Trùng mã' }] }, 'units'],
    [
      'a duplicate group id',
      { groups: [...(base.groups ?? []), { ...must(base.groups?.[0]), name: 'Trùng mã' }] },
      'groups',
    ],
    [
      'an unknown role confirming a task',
      { tasks: [{ code: 'RL4', confirmedBy: ['BAN_TO_CHUC_HOI_THI'] }] },
      'tasks.0.confirmedBy.0',
    ],
    ['minTraining larger than the RL catalogue', { rules: { minTraining: 7 } }, 'rules.minTraining'],
    ['minChallenge larger than the TT catalogue', { rules: { minChallenge: 4 } }, 'rules.minChallenge'],
    ['a negative weight', { rules: { weights: { TT: -1 } } }, 'rules.weights.TT'],
    ['a malformed phase', { phase: '2018' }, 'phase'],
    ['no units at all', { units: [] }, 'units'],
    ['a unit id with spaces', { units: [{ id: 'so noi vu', name: 'Đoàn Sở Nội vụ' }] }, 'units.0.id'],
    [
      'a bad e-mail in the committee',
      { committee: { BTV_DOAN_KHOI: ['khong-phai-email'], digestTo: [] } },
      'committee.BTV_DOAN_KHOI.0',
    ],
    ['a task code not shaped like BB1', { tasks: [{ code: 'Nhiệm vụ 1', minEntries: 1 }] }, 'tasks.0.code'],
  ])('refuses %s (path %s)', (_what, patch, path) => {
    const issues = refused({ ...base, ...patch });
    expect(issues.map((i) => i.path)).toContain(path);
    for (const issue of issues) expect(issue.message).not.toBe('');
  });

  it('names calendar fields in Vietnamese, never by their English keys', () => {
    const issues = refused({
      ...base,
      calendar: { registrationOpens: '2019-02-01', registrationCloses: '2019-01-31' },
    });
    const message = issues.find((i) => i.path === 'calendar.registrationCloses')?.message ?? '';
    expect(message).toBe('Ngày hết hạn đăng ký không được trước ngày mở đăng ký');
  });

  it('refuses a body that is not an object, and a config without a year', () => {
    expect(refused('không phải cấu hình').length).toBeGreaterThan(0);
    const withoutYear: Record<string, unknown> = { ...base };
    delete withoutYear.year;
    expect(refused(withoutYear).map((i) => i.path)).toContain('year');
  });

  it('reports every problem at once', () => {
    const issues = refused({
      ...base,
      rules: { minTraining: 9, minChallenge: 9 },
      units: [...base.units, must(base.units[0])],
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['rules.minTraining', 'rules.minChallenge', 'units']),
    );
  });
});
