// Ranking of the year's members and the "Lá Trung Quân" camp nominations (SPEC §2 Results).
import type { Rules } from './config';
import { GRADE_ORDER, type Grade, type JourneyResult } from './results';
import { vietnameseCollator } from './text';

export interface RankCandidate {
  memberId: string;
  fullName: string;
  unitId: string;
  result: Pick<JourneyResult, 'grade' | 'points' | 'completedAt'>;
}

export type Ranked<T extends RankCandidate> = T & { rank: number };

/**
 * Orders members by grade, then points, then the earliest completion, then name in Vietnamese
 * collation, then id, and numbers them 1..n. Every member gets a distinct rank.
 */
export function rankMembers<T extends RankCandidate>(members: readonly T[]): Ranked<T>[] {
  const gradeIndex = (g: Grade): number => GRADE_ORDER.indexOf(g);
  const completion = (c: string | null): number => (c === null ? Number.POSITIVE_INFINITY : Date.parse(c));
  return [...members]
    .sort(
      (a, b) =>
        gradeIndex(a.result.grade) - gradeIndex(b.result.grade) ||
        b.result.points - a.result.points ||
        compareNumbers(completion(a.result.completedAt), completion(b.result.completedAt)) ||
        vietnameseCollator.compare(a.fullName, b.fullName) ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    )
    .map((m, i) => ({ ...m, rank: i + 1 }));
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The top `campQuota` members of grade Tốt or better, in ranking order, at most `campPerUnitMax`
 * from one base union when that cap is set. The committee confirms them in the sheet.
 */
export function nominateForCamp<T extends RankCandidate>(ranked: readonly Ranked<T>[], rules: Pick<Rules, 'campQuota' | 'campPerUnitMax'>): Ranked<T>[] {
  const perUnit = new Map<string, number>();
  const nominees: Ranked<T>[] = [];
  for (const member of ranked) {
    if (nominees.length >= rules.campQuota) break;
    if (member.result.grade !== 'xuat_sac' && member.result.grade !== 'tot') continue;
    const taken = perUnit.get(member.unitId) ?? 0;
    if (rules.campPerUnitMax !== null && taken >= rules.campPerUnitMax) continue;
    perUnit.set(member.unitId, taken + 1);
    nominees.push(member);
  }
  return nominees;
}
