// GET /v1/members/{memberId | e-mail}: one member across the phase, read from their record and one journey per year they took part in.
import { campOutlook } from '../domain/outlook';
import { rankKey } from '../domain/ranking';
import type { Grade } from '../domain/results';
import type { AppContext } from './context';
import { isMemberId, memberIdFor } from './ids';

/** One year of the member's phase (API.md "Member across the phase"). */
export interface MemberYear {
  year: number;
  unitId: string;
  grade: Grade;
  points: number;
  /**
   * Their place in the year by the ranking index: members equal in grade, points and completion time share it, as on
   * the Kết quả tab; null while the index does not count the journey yet (stored before it existed, until a sync).
   */
  rank: number | null;
  completed: boolean;
  /** Within the camp nominations by that rank: grade Tốt or better and rank ≤ the year's camp quota (domain `campOutlook`). */
  camp: boolean;
}

export interface MemberAcrossPhase {
  memberId: string;
  fullName: string;
  email: string;
  /** Oldest first. */
  years: MemberYear[];
  introducedAt: string | null;
  admittedAt: string | null;
}

/** A member id from what a caller names them by: the id itself or their e-mail; undefined when neither. */
export function memberIdOf(idOrEmail: string): string | undefined {
  const memberId = idOrEmail.includes('@') ? memberIdFor(idOrEmail) : idOrEmail;
  return isMemberId(memberId) ? memberId : undefined;
}

async function memberYear(ctx: AppContext, memberId: string, year: number): Promise<MemberYear | undefined> {
  const [journey, plan] = await Promise.all([ctx.store.getJourney(year, memberId), ctx.store.getYear(year)]);
  if (!journey) return undefined;
  const standing = await ctx.store.rankStanding(year, rankKey(year, journey));
  const { grade, points, completed } = journey.result;
  const camp = plan !== undefined && campOutlook(grade, standing?.rank, plan.config.rules).kind === 'within_quota';
  return { year, unitId: journey.unitId, grade, points, rank: standing?.rank ?? null, completed, camp };
}

/**
 * The member's record, then for each year it lists: that year's journey, plan (for the camp quota) and standing in
 * the ranking index. A fixed number of reads per year the member took part in, whatever the number of members.
 */
export async function memberAcrossPhase(ctx: AppContext, idOrEmail: string): Promise<MemberAcrossPhase | undefined> {
  const memberId = memberIdOf(idOrEmail);
  if (memberId === undefined) return undefined;
  const member = await ctx.store.getMember(memberId);
  if (!member) return undefined;
  const years = [...new Set(member.years)].sort((a, b) => a - b);
  const found = await Promise.all(years.map((year) => memberYear(ctx, memberId, year)));
  return {
    memberId,
    fullName: member.fullName,
    email: member.email,
    years: found.filter((y): y is MemberYear => y !== undefined),
    introducedAt: member.party.introducedAt,
    admittedAt: member.party.admittedAt,
  };
}
