// The party funnel across a phase's years: each member counted once, in the unit and year they first took part.

export interface PhaseParticipation {
  memberId: string;
  year: number;
  unitId: string;
}

export interface PartyDates {
  introducedAt: string | null;
  admittedAt: string | null;
}

export interface PhaseFunnelRow {
  unitId: string;
  firstYear: number;
  members: number;
  introduced: number;
  admitted: number;
}

/**
 * Per unit and year of first participation: how many members started there, how many of them were since introduced
 * for admission to the Party, and how many admitted. Sorted by year, then unit.
 * @example phaseFunnel([{ memberId: 'a', year: 2019, unitId: 'STP' }], new Map([['a', { introducedAt: '2019-11-02', admittedAt: null }]]))
 * // [{ unitId: 'STP', firstYear: 2019, members: 1, introduced: 1, admitted: 0 }]
 */
export function phaseFunnel(
  participations: readonly PhaseParticipation[],
  party: ReadonlyMap<string, PartyDates>,
): PhaseFunnelRow[] {
  const first = new Map<string, PhaseParticipation>();
  for (const p of participations) {
    const seen = first.get(p.memberId);
    if (!seen || p.year < seen.year) first.set(p.memberId, p);
  }
  const rows = new Map<string, PhaseFunnelRow>();
  for (const p of first.values()) {
    const key = `${p.year}\u0000${p.unitId}`;
    const row = rows.get(key) ?? { unitId: p.unitId, firstYear: p.year, members: 0, introduced: 0, admitted: 0 };
    const status = party.get(p.memberId);
    row.members += 1;
    if (status?.introducedAt) row.introduced += 1;
    if (status?.admittedAt) row.admitted += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.firstYear - b.firstYear || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}
