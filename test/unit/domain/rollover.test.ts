// A new year's plan from an earlier one (API.md "Years and the phase"): dates moved, catalogue and roster kept, nominees emptied.
import { describe, expect, it } from 'vitest';
import { addYears } from '../../../functions/src/domain/dates';
import { defaultCalendar, isInPhase, isShortFirstYear, phaseBounds } from '../../../functions/src/domain/phase';
import { rolloverPlan } from '../../../functions/src/domain/rollover';
import type { YearConfig } from '../../../functions/src/domain/config';
import { configInput, makeConfig, resolved, UNIT } from './fixtures';
import { must } from '../../helpers';

function rolled(from: YearConfig, year: number): YearConfig {
  const result = rolloverPlan(from, year);
  if (!result.ok) throw new Error(`rollover refused: ${JSON.stringify(result.issues)}`);
  return result.config;
}

describe('addYears: the same calendar date a number of years later', () => {
  it.each([
    ['2019-01-31', 1, '2020-01-31'],
    ['2020-02-29', 1, '2021-02-28'],
    ['2020-02-29', 4, '2024-02-29'],
    ['2019-02-28', 1, '2020-02-28'],
    ['2021-10-31', -3, '2018-10-31'],
    ['2019-12-31', 3, '2022-12-31'],
  ] as const)('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('the phase and its years (IV.3: 2018 starts in October)', () => {
  it.each([
    ['2018-2022', { first: 2018, last: 2022 }],
    ['2022-2018', undefined],
    ['2018', undefined],
  ] as const)('phaseBounds(%s)', (phase, bounds) => {
    expect(phaseBounds(phase)).toEqual(bounds);
  });

  it.each([
    [2017, false],
    [2018, true],
    [2022, true],
    [2023, false],
  ] as const)('year %i in 2018-2022: %s', (year, inside) => {
    expect(isInPhase(year, '2018-2022')).toBe(inside);
  });

  it('only the first year of the phase is short: October to December, evaluated by 31/12', () => {
    expect(isShortFirstYear(2018, '2018-2022')).toBe(true);
    expect(isShortFirstYear(2019, '2018-2022')).toBe(false);
    expect(defaultCalendar(2018, '2018-2022')).toEqual({
      registrationOpens: '2018-10-01',
      registrationCloses: '2018-10-31',
      amendmentCloses: '2018-11-15',
      activityStarts: '2018-10-01',
      activityEnds: '2018-12-15',
      evaluationCloses: '2018-12-31',
    });
    expect(defaultCalendar(2019, '2018-2022')).toEqual(defaultCalendar(2019));
  });

  it('a 2018 plan sent with only its roster gets the short calendar and one BB2 session (the year has one quarter)', () => {
    const config = resolved({ ...configInput(), year: 2018 });
    expect(config.calendar).toEqual(defaultCalendar(2018, '2018-2022'));
    expect(must(config.tasks.find((t) => t.code === 'BB2')).minEntries).toBe(1);
    expect(must(makeConfig().tasks.find((t) => t.code === 'BB2')).minEntries).toBe(4);
  });

  it('refuses a plan for a year outside its phase, naming the year', () => {
    const result = rolloverPlan(makeConfig({ year: 2022 }), 2023);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['year']);
  });
});

describe('rolloverPlan', () => {
  it('moves a calendar the committee wrote by the difference in years, 29/02 becoming 28/02', () => {
    const from = makeConfig({
      year: 2020,
      calendar: {
        registrationOpens: '2020-01-02',
        registrationCloses: '2020-02-29',
        amendmentCloses: '2020-07-15',
        activityStarts: '2020-02-29',
      },
    });
    expect(rolled(from, 2021).calendar).toEqual({
      registrationOpens: '2021-01-02',
      registrationCloses: '2021-02-28',
      amendmentCloses: '2021-07-15',
      activityStarts: '2021-02-28',
      activityEnds: '2021-10-31',
      evaluationCloses: '2021-10-31',
    });
    expect(rolled(from, 2022).calendar.amendmentCloses).toBe('2022-07-15');
  });

  it('keeps tasks, rules, units, groups, evaluators and committee; empties the nominee lists that existed; drops late windows', () => {
    const from = makeConfig({
      rules: { campQuota: 12, campPerUnitMax: 2, weights: { RL: 7 } },
      tasks: [
        { code: 'RL2', minEntries: 3 },
        {
          code: 'TT5',
          group: 'TT',
          title: 'Thử thách mới',
          description: '',
          minEntries: 1,
          distinctDates: false,
          confirmedBy: ['BTV_DOAN_KHOI'],
          requires: {},
        },
      ],
      lateRegistrations: [{ unitId: UNIT.syt, until: '2019-02-15' }],
    });
    const next = rolled(from, 2020);
    expect(next.year).toBe(2020);
    expect(next.phase).toBe(from.phase);
    expect(next.rules).toEqual(from.rules);
    expect(next.tasks).toEqual(from.tasks);
    expect(next.groups).toEqual(from.groups);
    expect(next.committee).toEqual(from.committee);
    const withoutNominees = (units: YearConfig['units']) => units.map((u) => ({ ...u, nominees: null }));
    expect(withoutNominees(next.units)).toEqual(withoutNominees(from.units));
    // Sở Tư pháp nominated two members in 2019: it nominates anew; the units without a list stay without one.
    expect(next.units.map((u) => u.nominees)).toEqual([undefined, [], undefined]);
    expect(next.lateRegistrations).toEqual([]);
  });

  it('gives a year that took the defaults the new year’s defaults: the short 2018 does not carry October or its one BB2 session into 2019', () => {
    const short = resolved({ ...configInput(), year: 2018 });
    const next = rolled(short, 2019);
    expect(next.calendar).toEqual(defaultCalendar(2019));
    expect(must(next.tasks.find((t) => t.code === 'BB2')).minEntries).toBe(4);
    expect(next.tasks).toEqual(makeConfig().tasks);
  });

  it('keeps what the committee wrote into the short year, moved: its own calendar and its own BB2', () => {
    const short = resolved({
      ...configInput(),
      year: 2018,
      calendar: { registrationOpens: '2018-10-04' },
      tasks: [{ code: 'BB2', minEntries: 2 }],
    });
    const next = rolled(short, 2019);
    expect(next.calendar.registrationOpens).toBe('2019-10-04');
    expect(next.calendar.evaluationCloses).toBe('2019-12-31');
    expect(must(next.tasks.find((t) => t.code === 'BB2')).minEntries).toBe(2);
  });
});
