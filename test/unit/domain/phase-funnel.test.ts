// The party funnel across the phase: each member once, in the unit and year of first participation, admitted in any later year.
import { describe, expect, it } from 'vitest';
import {
  phaseFunnel,
  type Participation,
  type PartyDates,
  type PhaseFunnelRow,
} from '../../../functions/src/domain/phase-funnel';

const none: PartyDates = { introducedAt: null, admittedAt: null };

describe('phaseFunnel', () => {
  it('counts a member of 2019 and 2020 admitted in 2021 once, in the unit and year of first participation', () => {
    const rows = phaseFunnel(
      [
        { memberId: 'an', year: 2020, unitId: 'STP' },
        { memberId: 'an', year: 2019, unitId: 'SNV' },
      ],
      new Map([['an', { introducedAt: '2020-11-12', admittedAt: '2021-05-19' }]]),
    );
    expect(rows).toEqual([{ unitId: 'SNV', firstYear: 2019, members: 1, introduced: 1, admitted: 1 }]);
  });

  it.each<[string, Participation[], [string, PartyDates][], PhaseFunnelRow[]]>([
    [
      'members without a party record count as neither introduced nor admitted',
      [{ memberId: 'a', year: 2019, unitId: 'SNV' }],
      [],
      [{ unitId: 'SNV', firstYear: 2019, members: 1, introduced: 0, admitted: 0 }],
    ],
    [
      'introduced without being admitted (yet)',
      [
        { memberId: 'a', year: 2019, unitId: 'SNV' },
        { memberId: 'b', year: 2019, unitId: 'SNV' },
      ],
      [
        ['a', { introducedAt: '2019-11-12', admittedAt: null }],
        ['b', none],
      ],
      [{ unitId: 'SNV', firstYear: 2019, members: 2, introduced: 1, admitted: 0 }],
    ],
    [
      'rows by first year then unit, each member in one row only',
      [
        { memberId: 'a', year: 2020, unitId: 'SNV' },
        { memberId: 'b', year: 2018, unitId: 'STP' },
        { memberId: 'b', year: 2019, unitId: 'STP' },
        { memberId: 'c', year: 2019, unitId: 'LDLD' },
        { memberId: 'd', year: 2019, unitId: 'SNV' },
      ],
      [['b', { introducedAt: '2019-11-01', admittedAt: '2020-03-02' }]],
      [
        { unitId: 'STP', firstYear: 2018, members: 1, introduced: 1, admitted: 1 },
        { unitId: 'LDLD', firstYear: 2019, members: 1, introduced: 0, admitted: 0 },
        { unitId: 'SNV', firstYear: 2019, members: 1, introduced: 0, admitted: 0 },
        { unitId: 'SNV', firstYear: 2020, members: 1, introduced: 0, admitted: 0 },
      ],
    ],
  ])('%s', (_rule, participations, party, expected) => {
    expect(phaseFunnel(participations, new Map(party))).toEqual(expected);
  });

  it('an empty phase has no rows', () => {
    expect(phaseFunnel([], new Map())).toEqual([]);
  });
});
