// Party admission (SPEC §2): the funnel per unit nominated → registered → completed → camp → introduced → admitted, and its dates.
import { describe, expect, it } from 'vitest';
import { partyFunnel, type FunnelMember } from '../../../functions/src/domain/funnel';
import { checkPartyStatus } from '../../../functions/src/domain/party';
import { makeConfig, PEOPLE, UNIT } from './fixtures';
import { must } from '../../helpers';

const config = makeConfig();

function member(email: string, unitId: string, patch: Partial<FunnelMember> = {}): FunnelMember {
  return {
    email,
    unitId,
    registered: true,
    completed: false,
    camp: false,
    introducedAt: null,
    admittedAt: null,
    ...patch,
  };
}

const members: FunnelMember[] = [
  // Sở Nội vụ (no nominee list): three members recorded.
  member(PEOPLE.an, UNIT.snv, { completed: true, camp: true, introducedAt: '2019-11-20', admittedAt: '2020-03-03' }),
  member(PEOPLE.binh, UNIT.snv, { completed: true, introducedAt: '2019-12-01' }),
  member('cuong.snv@example.vn', UNIT.snv),
  // Sở Tư pháp (nominees: lan, minh): only lan registered.
  member(PEOPLE.lan, UNIT.stp, {
    completed: true,
    camp: true,
    introducedAt: '2019-11-25',
    admittedAt: '2020-02-03',
  }),
  // A member of a unit that is not in this year's roster is not counted anywhere.
  member('la@khac.vn', 'don-vi-khac', { completed: true, admittedAt: '2020-01-01' }),
];
const rows = partyFunnel(config, members);
const row = (unitId: string) =>
  must(
    rows.find((r) => r.unitId === unitId),
    unitId,
  );

describe('party funnel per unit', () => {
  it('has one row per unit of the year, in roster order, with the unit name', () => {
    expect(rows.map((r) => [r.unitId, r.unitName])).toEqual(config.units.map((u) => [u.id, u.name]));
  });

  it('a unit without a nominee list counts its recorded members as nominated', () => {
    expect(row(UNIT.snv)).toEqual({
      unitId: UNIT.snv,
      unitName: 'Đoàn Sở Nội vụ',
      nominated: 3,
      registered: 3,
      completed: 2,
      camp: 1,
      introduced: 2,
      admitted: 1,
      admissionRate: 1 / 3,
    });
  });

  it('a unit with a nominee list counts its nominees, even those who never registered', () => {
    expect(row(UNIT.stp)).toMatchObject({
      nominated: 2,
      registered: 1,
      completed: 1,
      camp: 1,
      introduced: 1,
      admitted: 1,
      admissionRate: 0.5,
    });
  });

  it('nominees are counted once whatever the case of their e-mail', () => {
    const dup = makeConfig({
      units: config.units.map((u) =>
        u.id === UNIT.stp ? { ...u, nominees: [PEOPLE.lan, PEOPLE.lan.toUpperCase(), PEOPLE.minh] } : u,
      ),
    });
    expect(must(partyFunnel(dup, members).find((r) => r.unitId === UNIT.stp)).nominated).toBe(2);
  });

  it('a unit with nobody nominated or recorded has zeros and no admission rate', () => {
    expect(row(UNIT.syt)).toMatchObject({
      nominated: 0,
      registered: 0,
      completed: 0,
      camp: 0,
      introduced: 0,
      admitted: 0,
      admissionRate: null,
    });
  });

  it('members recorded but not registered count as nominated only', () => {
    const [first] = partyFunnel(makeConfig(), [member('x@snv.vn', UNIT.snv, { registered: false })]);
    expect(first).toMatchObject({ nominated: 1, registered: 0, admissionRate: 0 });
  });

  it('the admission rate is admitted / nominated, the rate the plan aims to raise', () => {
    for (const r of rows) if (r.admissionRate !== null) expect(r.admissionRate).toBeCloseTo(r.admitted / r.nominated);
  });
});

describe('party status dates: admission never before the introduction for admission', () => {
  it.each([
    [
      'admitted before introduced',
      { introducedAt: '2019-12-01', admittedAt: '2019-11-30' },
      {},
      ['admitted_before_introduced'],
    ],
    ['admitted the day of the introduction', { introducedAt: '2019-12-01', admittedAt: '2019-12-01' }, {}, []],
    ['introduced only', { introducedAt: '2019-12-01' }, {}, []],
    ['admitted only', { admittedAt: '2020-03-03' }, {}, []],
    [
      'admitted before an introduction stored earlier',
      { admittedAt: '2019-11-30' },
      { introducedAt: '2019-12-01' },
      ['admitted_before_introduced'],
    ],
    [
      'a new introduction after a stored admission',
      { introducedAt: '2020-04-01' },
      { admittedAt: '2020-03-03' },
      ['admitted_before_introduced'],
    ],
  ])('%s → %j', (_what, input, stored, expected) => {
    const violations = checkPartyStatus(input, stored);
    expect(violations.map((v) => v.code)).toEqual(expected);
    for (const v of violations) expect(v.field).toBe('admittedAt');
  });
});
