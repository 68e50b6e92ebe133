// Whose nominee list is in force for a base union: the one the function received last, the plan's or the sheet's; neither overwrites the other.
import { describe, expect, it } from 'vitest';
import { effectiveNominees, withNomineesInForce, type SheetList } from '../../../functions/src/domain/nominations';
import { makeConfig, PEOPLE, UNIT } from './fixtures';

const sheet = (receivedAt: string, ...emails: string[]): SheetList => ({
  nominees: emails.map((email) => ({ fullName: 'X', email })),
  receivedAt,
});

describe('effectiveNominees', () => {
  it.each([
    [
      'no list anywhere: no restriction',
      undefined,
      undefined,
      undefined,
      { source: 'none', emails: undefined, conflict: false },
    ],
    [
      'only the plan',
      ['A@x.vn'],
      '2019-01-02T00:00:00Z',
      undefined,
      { source: 'plan', emails: ['a@x.vn'], conflict: false },
    ],
    [
      'only the sheet',
      undefined,
      undefined,
      sheet('2019-01-05T00:00:00Z', 'b@x.vn'),
      { source: 'sheet', emails: ['b@x.vn'], conflict: false },
    ],
    [
      'the sheet received after the plan changed the list',
      ['a@x.vn'],
      '2019-01-02T00:00:00Z',
      sheet('2019-01-05T00:00:00Z', 'b@x.vn'),
      { source: 'sheet', emails: ['b@x.vn'], conflict: true },
    ],
    [
      'the plan changed the list after the sheet was received',
      ['a@x.vn'],
      '2019-01-06T00:00:00Z',
      sheet('2019-01-05T00:00:00Z', 'b@x.vn'),
      { source: 'plan', emails: ['a@x.vn'], conflict: true },
    ],
    [
      'the same people in both, in another order and case',
      ['A@x.vn', 'b@x.vn'],
      '2019-01-06T00:00:00Z',
      sheet('2019-01-05T00:00:00Z', 'b@x.vn', 'a@x.vn'),
      { source: 'plan', emails: ['a@x.vn', 'b@x.vn'], conflict: false },
    ],
    [
      'an emptied list in force (a rollover) until the sheet nominates',
      [],
      '2020-01-01T00:00:00Z',
      undefined,
      { source: 'plan', emails: [], conflict: false },
    ],
  ] as const)('%s', (_rule, plan, planSetAt, own, expected) => {
    expect(effectiveNominees(plan, planSetAt, own)).toEqual(expected);
  });
});

describe('withNomineesInForce', () => {
  it('replaces only the units whose own list is in force', () => {
    const config = makeConfig();
    const inForce = withNomineesInForce(
      config,
      { [UNIT.stp]: '2019-01-01T00:00:00Z' },
      new Map([[UNIT.snv, sheet('2019-01-05T00:00:00Z', PEOPLE.an)]]),
    );
    expect(inForce.units.map((u) => [u.id, u.nominees])).toEqual([
      [UNIT.snv, [PEOPLE.an]],
      [UNIT.stp, [PEOPLE.lan, PEOPLE.minh]],
      [UNIT.syt, undefined],
    ]);
    expect(config.units[0]?.nominees).toBeUndefined();
  });
});
