// The party funnel across the phase (SPEC §2, plan I.1): each member once, in the unit and year they first took part, admitted whenever.

/** One member's journey in one year: who, which year, in which base union. */
export interface Participation {
  memberId: string;
  year: number;
  unitId: string;
}

/** A member's party status, whatever year recorded it. */
export interface PartyDates {
  introducedAt: string | null;
  admittedAt: string | null;
}

/** The members who first took part in `firstYear` in `unitId`, and how many of them were introduced and admitted since. */
export interface PhaseFunnelRow {
  unitId: string;
  firstYear: number;
  members: number;
  introduced: number;
  admitted: number;
}

/**
 * Counts each member once, in the unit and year of their first participation; an introduction or admission recorded in
 * any year counts for that row (admission often comes a year or two after the journey). Rows by first year, then unit id.
 * @example phaseFunnel([{ memberId: 'm', year: 2019, unitId: 'A' }, { memberId: 'm', year: 2020, unitId: 'B' }],
 *   new Map([['m', { introducedAt: '2020-11-12', admittedAt: '2021-05-19' }]]))
 *   // [{ unitId: 'A', firstYear: 2019, members: 1, introduced: 1, admitted: 1 }]
 */
export function phaseFunnel(
  participations: readonly { memberId: string; year: number; unitId: string }[],
  party: ReadonlyMap<string, { introducedAt: string | null; admittedAt: string | null }>,
): { unitId: string; firstYear: number; members: number; introduced: number; admitted: number }[] {
  const first = new Map<string, Participation>();
  for (const p of participations) {
    const earlier = first.get(p.memberId);
    if (!earlier || p.year < earlier.year) first.set(p.memberId, p);
  }
  const rows = new Map<string, PhaseFunnelRow>();
  for (const { memberId, year, unitId } of first.values()) {
    const key = `${String(year)}\u0000${unitId}`;
    const row = rows.get(key) ?? { unitId, firstYear: year, members: 0, introduced: 0, admitted: 0 };
    const status = party.get(memberId);
    row.members += 1;
    if (status?.introducedAt) row.introduced += 1;
    if (status?.admittedAt) row.admitted += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.firstYear - b.firstYear || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0),
  );
}
