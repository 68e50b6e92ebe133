// The mail rules as tables: periods, the budget's day, retry delays, who goes first, the phase funnel.
import { describe, expect, it } from 'vitest';
import {
  budgetDay,
  defaultDailyBudget,
  nextBudgetDay,
  planSends,
  retryAt,
  type Waiting,
} from '../../../functions/src/domain/mail';
import { currentPeriod, parsePeriod } from '../../../functions/src/domain/periods';
import { phaseFunnel } from '../../../functions/src/domain/phase-funnel';
import { nfc } from '../../../functions/src/domain/letter';

describe('periods', () => {
  it.each([
    ['week', '2019-W05', '2019-01-28', '2019-02-03', 'tuần 05/2019 (28/01–03/02/2019)'],
    ['week', '2020-W53', '2020-12-28', '2021-01-03', 'tuần 53/2020 (28/12–03/01/2021)'],
    ['quarter', '2019-Q2', '2019-04-01', '2019-06-30', 'quý II/2019'],
    ['quarter', '2019-Q4', '2019-10-01', '2019-12-31', 'quý IV/2019'],
    ['year', '2019', '2019-01-01', '2019-12-31', 'năm 2019'],
    ['phase', '2018-2022', '2018-01-01', '2022-12-31', 'giai đoạn 2018–2022'],
  ] as const)('%s %s runs %s to %s', (kind, label, start, end, title) => {
    expect(parsePeriod(kind, label)).toMatchObject({ label, start, end, title });
  });

  it.each([
    ['week', '2019-W53'],
    ['week', '2019-5'],
    ['quarter', '2019-Q5'],
    ['year', '19'],
    ['phase', '2022-2018'],
  ] as const)('refuses %s %s', (kind, label) => {
    expect(parsePeriod(kind, label)).toBeUndefined();
  });

  it('defaults to the period holding today, or the year’s phase', () => {
    expect(currentPeriod('week', '2019-02-01', '2018-2022').label).toBe('2019-W05');
    expect(currentPeriod('quarter', '2019-05-20', '2018-2022').label).toBe('2019-Q2');
    expect(currentPeriod('year', '2019-10-31', '2018-2022').label).toBe('2019');
    expect(currentPeriod('phase', '2019-12-15', '2018-2022').label).toBe('2018-2022');
  });
});

describe('the daily budget', () => {
  it('is 80 % of the account’s quota: 1,600 for Workspace, 400 for a consumer account', () => {
    expect(defaultDailyBudget('workspace')).toBe(1600);
    expect(defaultDailyBudget('consumer')).toBe(400);
  });

  it('counts days in Vietnam, and the next day starts at midnight there', () => {
    expect(budgetDay(new Date('2019-05-01T16:59:59Z'))).toBe('2019-05-01');
    expect(budgetDay(new Date('2019-05-01T17:00:00Z'))).toBe('2019-05-02');
    expect(nextBudgetDay(new Date('2019-05-01T10:00:00Z')).toISOString()).toBe('2019-05-01T17:00:00.000Z');
    expect(nextBudgetDay(new Date('2019-05-01T18:00:00Z')).toISOString()).toBe('2019-05-02T17:00:00.000Z');
  });

  it('retries after 1, 5, 15 minutes… then stops after the last attempt', () => {
    const now = new Date('2019-05-01T00:00:00Z');
    expect(retryAt(now, 1)?.toISOString()).toBe('2019-05-01T00:01:00.000Z');
    expect(retryAt(now, 3)?.toISOString()).toBe('2019-05-01T00:15:00.000Z');
    expect(retryAt(now, 8)?.toISOString()).toBe('2019-05-02T00:00:00.000Z');
    expect(retryAt(now, 9)).toBeNull();
  });
});

describe('who goes first', () => {
  const mail = (
    id: string,
    kind: Waiting['kind'],
    priority: Waiting['priority'],
    to = `${id}@example.vn`,
  ): Waiting => ({ id, kind, priority, to, day: '2019-05-01' });

  it('sends notices, then evaluators’ reminders, then reports, then members’ routine mail, within the capacity', () => {
    const units = planSends(
      [
        mail('summary', 'members', 3),
        mail('digest', 'digest', 2),
        mail('remind', 'reminders', 1),
        mail('notice', 'notice', 0),
      ],
      3,
      true,
    );
    expect(units.map((u) => u.map((m) => m.id))).toEqual([['notice'], ['remind'], ['digest']]);
  });

  it('merges one person’s notices of a day into one message only when the budget is short', () => {
    const waiting = [
      mail('a1', 'notice', 0, 'an@example.vn'),
      mail('b', 'notice', 0),
      mail('a2', 'notice', 0, 'an@example.vn'),
    ];
    expect(planSends(waiting, 2, true).map((u) => u.map((m) => m.id))).toEqual([['a1', 'a2'], ['b']]);
    expect(planSends(waiting, 3, false).map((u) => u.map((m) => m.id))).toEqual([['a1'], ['b'], ['a2']]);
  });
});

describe('the phase funnel', () => {
  it('counts each member once, in the unit and year they first took part', () => {
    const rows = phaseFunnel(
      [
        { memberId: 'a', year: 2019, unitId: 'STP' },
        { memberId: 'a', year: 2020, unitId: 'SNV' },
        { memberId: 'b', year: 2020, unitId: 'SNV' },
        { memberId: 'c', year: 2019, unitId: 'STP' },
      ],
      new Map([
        ['a', { introducedAt: '2020-11-02', admittedAt: '2021-06-01' }],
        ['b', { introducedAt: '2020-11-02', admittedAt: null }],
      ]),
    );
    expect(rows).toEqual([
      { unitId: 'STP', firstYear: 2019, members: 2, introduced: 1, admitted: 1 },
      { unitId: 'SNV', firstYear: 2020, members: 1, introduced: 1, admitted: 0 },
    ]);
  });
});

describe('text for the PDF', () => {
  it('is composed (NFC): decomposed input would print as boxes', () => {
    expect(nfc({ title: 'Tho\u0302\u0301ng ba\u0301o', rows: [['Nguye\u0302\u0303n']] })).toEqual({
      title: 'Thống báo',
      rows: [['Nguyễn']],
    });
  });
});
