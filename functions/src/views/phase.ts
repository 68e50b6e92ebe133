// The "Giai đoạn" tab of the master spreadsheet: the party funnel across the phase, shown on the latest year's master.
import { phaseBounds } from '../domain/phase';
import { phaseFunnel } from '../domain/phase-funnel';
import type { Store } from '../ports';
import type { YearConfig } from '../domain/config';
import type { Row } from './cells';

export const PHASE_TAB = 'Giai đoạn';

export const PHASE_COLUMNS = [
  'Năm tham gia đầu tiên',
  'Cơ sở Đoàn',
  'Số đoàn viên',
  'Được giới thiệu kết nạp',
  'Được kết nạp',
  'Tỷ lệ kết nạp',
];

/** Column of the admission rate, formatted as a percentage. */
export const PHASE_RATE_COLUMN = PHASE_COLUMNS.indexOf('Tỷ lệ kết nạp');

const rate = (r: number): Row[number] => ({ formula: `=IF(C${r}=0,"",E${r}/C${r})` });

/**
 * The rows of Giai đoạn for `config`'s master: on the latest year of the phase that has a plan, every member of the
 * phase once, in the base union and year of their first journey, with the introductions and admissions recorded since
 * (any year), then a total per year and for the phase; on an earlier year's master, a line pointing to the latest.
 * A snapshot taken at each full sync: it reads every journey of the phase's years so far and their members' records.
 */
export async function phaseRows(store: Store, config: YearConfig): Promise<Row[]> {
  const bounds = phaseBounds(config.phase);
  if (!bounds) return [];
  if (config.year < bounds.last && (await store.getYear(config.year + 1))) {
    return [
      [
        `Xem tab "${PHASE_TAB}" trong bảng tổng hợp của năm mới nhất: số liệu cả giai đoạn ${config.phase} được cập nhật ở đó.`,
      ],
    ];
  }
  const years = Array.from({ length: config.year - bounds.first + 1 }, (_, i) => bounds.first + i);
  const read = await Promise.all(
    years.map((y) =>
      Promise.all([
        store.listJourneys(y),
        store.listMembersOf(y),
        y === config.year ? config : store.getYear(y).then((d) => d?.config),
      ]),
    ),
  );
  const party = new Map(read.flatMap(([, members]) => members.map((m) => [m.memberId, m.party] as const)));
  const participations = read.flatMap(([journeys]) =>
    journeys.map((j) => ({ memberId: j.memberId, year: j.year, unitId: j.unitId })),
  );
  // A unit is named as the plan of its members' first year named it (units may be renamed or leave the bloc later).
  const names = new Map(
    read.flatMap(([, , plan]) =>
      (plan?.units ?? []).map((u) => [`${String(plan?.year)}\u0000${u.id}`, u.name] as const),
    ),
  );

  // Within a year, units in the order of the latest plan (then any unit it no longer has).
  const order = new Map(config.units.map((u, i) => [u.id, i]));
  const place = (unitId: string): number => order.get(unitId) ?? config.units.length;
  const funnel = phaseFunnel(participations, party).sort(
    (a, b) => a.firstYear - b.firstYear || place(a.unitId) - place(b.unitId),
  );
  const rows: Row[] = [];
  const totals: Row[] = [];
  for (const year of years) {
    const ofYear = funnel.filter((f) => f.firstYear === year);
    if (ofYear.length === 0) continue;
    for (const f of ofYear)
      rows.push([
        year,
        names.get(`${String(year)}\u0000${f.unitId}`) ?? f.unitId,
        f.members,
        f.introduced,
        f.admitted,
        rate(rows.length + 2),
      ]);
    const sum = (key: 'members' | 'introduced' | 'admitted'): number => ofYear.reduce((n, f) => n + f[key], 0);
    totals.push([year, `Cộng năm ${String(year)}`, sum('members'), sum('introduced'), sum('admitted')]);
  }
  if (rows.length === 0) return [];
  rows.push([]);
  for (const total of totals) rows.push([...total, rate(rows.length + 2)]);
  const all = (column: number): number => totals.reduce((n, t) => n + Number(t[column]), 0);
  rows.push([
    `${String(bounds.first)}–${String(config.year)}`,
    'Cả giai đoạn',
    all(2),
    all(3),
    all(4),
    rate(rows.length + 2),
  ]);
  return rows;
}
