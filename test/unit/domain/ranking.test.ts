// Ranking and camp nominations (SPEC §2 Results): grade, points, earliest completion, Vietnamese name order, id; top N of Tốt or better.
import { describe, expect, it } from 'vitest';
import { nominateForCamp, rankMembers, type RankCandidate } from '../../../functions/src/domain/ranking';
import type { Grade } from '../../../functions/src/domain/results';
import { makeConfig, UNIT } from './fixtures';

function candidate(
  memberId: string,
  patch: { name?: string; unit?: string; grade?: Grade; points?: number; completedAt?: string | null } = {},
): RankCandidate {
  return {
    memberId,
    fullName: patch.name ?? `Nguyễn Văn ${memberId}`,
    unitId: patch.unit ?? UNIT.snv,
    result: {
      grade: patch.grade ?? 'tot',
      points: patch.points ?? 56,
      completedAt: patch.completedAt === undefined ? '2019-09-10T02:00:00.000Z' : patch.completedAt,
    },
  };
}
const ids = (list: readonly RankCandidate[]): string[] => list.map((m) => m.memberId);

describe('ranking order', () => {
  it('grade first: a Tốt with fewer points ranks above a Đạt with more', () => {
    const ranked = rankMembers([
      candidate('dat', { grade: 'dat', points: 70 }),
      candidate('chua', { grade: 'chua_dat', points: 90 }),
      candidate('tot', { grade: 'tot', points: 56 }),
      candidate('xs', { grade: 'xuat_sac', points: 50 }),
    ]);
    expect(ids(ranked)).toEqual(['xs', 'tot', 'dat', 'chua']);
  });

  it('then points, more first', () => {
    expect(
      ids(
        rankMembers([candidate('a', { points: 56 }), candidate('b', { points: 61 }), candidate('c', { points: 58 })]),
      ),
    ).toEqual(['b', 'c', 'a']);
  });

  it('then the earliest date the year was completed; never completed comes last', () => {
    const ranked = rankMembers([
      candidate('late', { completedAt: '2019-10-01T03:00:00.000Z' }),
      candidate('never', { completedAt: null }),
      candidate('early', { completedAt: '2019-06-01T03:00:00.000Z' }),
      candidate('mid', { completedAt: '2019-09-10T02:00:00.000Z' }),
    ]);
    expect(ids(ranked)).toEqual(['early', 'mid', 'late', 'never']);
  });

  it('completedAt is compared as an instant, whatever offset it is written with', () => {
    const ranked = rankMembers([
      candidate('a', { completedAt: '2019-09-10T08:00:00+07:00' }),
      candidate('b', { completedAt: '2019-09-10T00:30:00Z' }),
    ]);
    expect(ids(ranked)).toEqual(['b', 'a']);
  });

  it('then name in Vietnamese collation: Anh, Ánh, Ăn, Ân, Bảo, Dương, Đỗ, Giang (Đ after D, before G)', () => {
    // Ids are chosen so that ordering by id alone would give a different answer.
    const names: [string, string][] = [
      ['Giang', 'a1'],
      ['Đỗ', 'a2'],
      ['Dương', 'a3'],
      ['Bảo', 'a4'],
      ['Ân', 'a5'],
      ['Ăn', 'a6'],
      ['Ánh', 'a7'],
      ['Anh', 'a8'],
    ];
    const ranked = rankMembers(names.map(([name, id]) => candidate(id, { name })));
    expect(ranked.map((m) => m.fullName)).toEqual(['Anh', 'Ánh', 'Ăn', 'Ân', 'Bảo', 'Dương', 'Đỗ', 'Giang']);
  });

  it('"Đỗ" sorts after "Dương" and before "Giang" in full names too', () => {
    const ranked = rankMembers([
      candidate('1', { name: 'Giang Thị Hà' }),
      candidate('2', { name: 'Đỗ Minh Khoa' }),
      candidate('3', { name: 'Dương Văn Tú' }),
    ]);
    expect(ranked.map((m) => m.fullName)).toEqual(['Dương Văn Tú', 'Đỗ Minh Khoa', 'Giang Thị Hà']);
  });

  it('"Ánh" sorts with "Anh", not after "Z" as code points would put it; the unaccented form first', () => {
    const ranked = rankMembers([
      candidate('z', { name: 'Zung' }),
      candidate('acute', { name: 'Ánh' }),
      candidate('plain', { name: 'Anh' }),
      candidate('b', { name: 'Bình' }),
    ]);
    expect(ranked.map((m) => m.fullName)).toEqual(['Anh', 'Ánh', 'Bình', 'Zung']);
  });

  it('names in decomposed Unicode (NFD) sort like their composed form', () => {
    const ranked = rankMembers([
      candidate('1', { name: 'Giang' }),
      candidate('2', { name: 'Đỗ'.normalize('NFD') }),
      candidate('3', { name: 'Dương' }),
    ]);
    expect(ids(ranked)).toEqual(['3', '2', '1']);
  });

  it('then id, when everything else is equal', () => {
    const ranked = rankMembers([
      candidate('m-3', { name: 'Trần Thị Mai' }),
      candidate('m-1', { name: 'Trần Thị Mai' }),
      candidate('m-2', { name: 'Trần Thị Mai' }),
    ]);
    expect(ids(ranked)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('ranks are 1..n and distinct; the input is not reordered', () => {
    const input = [candidate('c', { points: 50 }), candidate('a', { points: 70 }), candidate('b', { points: 60 })];
    const ranked = rankMembers(input);
    expect(ranked.map((m) => [m.memberId, m.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(ids(input)).toEqual(['c', 'a', 'b']);
  });

  it('the order does not depend on the order members arrive in', () => {
    const members = [
      candidate('1', { name: 'Lê Văn Anh', points: 60 }),
      candidate('2', { name: 'Lê Văn Ánh', points: 60 }),
      candidate('3', { grade: 'xuat_sac', points: 40 }),
      candidate('4', { completedAt: null, grade: 'chua_dat', points: 20 }),
      candidate('5', { points: 60, completedAt: '2019-05-01T00:00:00.000Z' }),
    ];
    expect(ids(rankMembers([...members].reverse()))).toEqual(ids(rankMembers(members)));
  });
});

describe('camp nominations ("Lá Trung Quân"): top N of grade Tốt or better, optional cap per base union', () => {
  const field = rankMembers([
    candidate('xs1', { grade: 'xuat_sac', points: 70, unit: UNIT.snv }),
    candidate('xs2', { grade: 'xuat_sac', points: 69, unit: UNIT.snv }),
    candidate('t1', { grade: 'tot', points: 62, unit: UNIT.snv }),
    candidate('t2', { grade: 'tot', points: 61, unit: UNIT.stp }),
    candidate('t3', { grade: 'tot', points: 60, unit: UNIT.syt }),
    candidate('d1', { grade: 'dat', points: 80, unit: UNIT.syt }),
    candidate('c1', { grade: 'chua_dat', points: 30, unit: UNIT.stp }),
  ]);

  it('the default quota (30) takes everyone of grade Tốt or better, in ranking order, never Đạt or Chưa đạt', () => {
    expect(ids(nominateForCamp(field, makeConfig().rules))).toEqual(['xs1', 'xs2', 't1', 't2', 't3']);
  });

  it('the top N only (quota 3)', () => {
    expect(ids(nominateForCamp(field, { campQuota: 3, campPerUnitMax: null }))).toEqual(['xs1', 'xs2', 't1']);
  });

  it('a cap per base union skips the extra members of a unit and fills the quota from the others', () => {
    expect(ids(nominateForCamp(field, { campQuota: 3, campPerUnitMax: 1 }))).toEqual(['xs1', 't2', 't3']);
    expect(ids(nominateForCamp(field, { campQuota: 10, campPerUnitMax: 2 }))).toEqual(['xs1', 'xs2', 't2', 't3']);
  });

  it('a quota of 0 nominates nobody; nominees keep their rank', () => {
    expect(nominateForCamp(field, { campQuota: 0, campPerUnitMax: null })).toEqual([]);
    expect(nominateForCamp(field, { campQuota: 2, campPerUnitMax: null }).map((m) => m.rank)).toEqual([1, 2]);
  });
});
