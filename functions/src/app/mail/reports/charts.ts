// What the reports' charts show, computed from the snapshot (pure): a unit's or the bloc's progress, the phase's funnel.
import type { YearConfig } from '../../../domain/config';
import { percent, type Chart } from '../../../domain/letter';
import type { PartyDates } from '../../../domain/phase-funnel';
import { GRADE_LABELS, GRADE_ORDER } from '../../../domain/results';
import type { JourneyDoc } from '../../../model';
import type { PhaseYear } from './snapshot';

type Bar = Chart['panels'][number]['bars'][number];

/** Per task of the plan: how many of the members registered for it (every member for BB) have done it. */
function taskBars(config: YearConfig, members: readonly JourneyDoc[]): Bar[] {
  return config.tasks.map((t) => {
    const registered = members.filter((m) => {
      const status = m.result.tasks[t.code]?.status;
      return t.group === 'BB' ? status !== 'not_registered' : status !== undefined && status !== 'not_registered';
    });
    const done = registered.filter((m) => m.result.tasks[t.code]?.status === 'done').length;
    return { label: t.code, value: done, of: registered.length, text: `${String(done)}/${String(registered.length)}` };
  });
}

/** The task the fewest of its registered members have done (by share), to name in the reading. */
function laggingTask(bars: readonly Bar[]): Bar | undefined {
  const share = (b: Bar): number => b.value / (b.of ?? 1);
  return bars
    .filter((b) => (b.of ?? 0) > 0)
    .reduce<Bar | undefined>((worst, b) => {
      if (worst === undefined || share(b) < share(worst)) return b;
      return worst;
    }, undefined);
}

/**
 * The quarterly and annual reports' chart: completion by task (of those registered) and the grades, for `whose`
 * members (a unit's or the bloc's), with a one-line reading.
 */
export function progressChart(config: YearConfig, members: readonly JourneyDoc[], whose: string): Chart {
  const total = members.length;
  const completed = members.filter((m) => m.result.completed).length;
  const good = members.filter((m) => m.result.grade === 'xuat_sac' || m.result.grade === 'tot').length;
  const tasks = taskBars(config, members);
  const lagging = laggingTask(tasks);
  const reading = [
    `${String(completed)}/${String(total)} đoàn viên đã hoàn thành hành trình năm`,
    `${String(good)} xếp loại Tốt trở lên`,
    ...(lagging && lagging.value < (lagging.of ?? 0)
      ? [`nhiệm vụ ít người hoàn thành nhất: ${lagging.label} (${lagging.text})`]
      : []),
  ].join('; ');
  return {
    title: `Tiến độ của đoàn viên ưu tú ${whose}`,
    reading: `${reading}.`,
    panels: [
      { title: 'Hoàn thành theo nhiệm vụ (số đã hoàn thành/số đăng ký)', scale: total, bars: tasks },
      {
        title: 'Xếp loại hiện tại (số đoàn viên)',
        scale: total,
        bars: GRADE_ORDER.map((g, i) => {
          const count = members.filter((m) => m.result.grade === g).length;
          return {
            label: GRADE_LABELS[g],
            value: count,
            of: total,
            text: `${String(count)} (${percent(count, total)})`,
            shade: i,
          };
        }),
      },
    ],
  };
}

/** One year of the phase: who registered, completed, was introduced to the Party and admitted (by any year's record). */
function yearBars(year: PhaseYear, party: ReadonlyMap<string, PartyDates>): Bar[] {
  const registered = year.journeys.length;
  const completed = year.journeys.filter((j) => j.result.completed).length;
  const introduced = year.journeys.filter((j) => party.get(j.memberId)?.introducedAt).length;
  const admitted = year.journeys.filter((j) => party.get(j.memberId)?.admittedAt).length;
  const share = (n: number): string => `${String(n)} (${percent(n, registered)})`;
  return [
    { label: 'Đăng ký', value: registered, text: String(registered), shade: 0 },
    { label: 'Hoàn thành', value: completed, text: share(completed), shade: 1 },
    { label: 'Giới thiệu kết nạp', value: introduced, text: share(introduced), shade: 2 },
    { label: 'Kết nạp Đảng', value: admitted, text: share(admitted), shade: 3 },
  ];
}

/** The phase report's chart: per year, registered → completed → introduced → admitted, on one scale. */
export function phaseFunnelChart(
  years: readonly PhaseYear[],
  party: ReadonlyMap<string, PartyDates>,
  totals: { distinct: number; introduced: number; admitted: number },
): Chart {
  const scale = Math.max(0, ...years.map((y) => y.journeys.length));
  return {
    title: 'Từ đăng ký đến kết nạp Đảng qua các năm',
    reading:
      `${String(totals.admitted)}/${String(totals.distinct)} đoàn viên ưu tú của giai đoạn đã được kết nạp Đảng` +
      ` (${percent(totals.admitted, totals.distinct)}), ${String(totals.introduced)} được giới thiệu kết nạp; ` +
      'mỗi năm tính những người tham gia năm đó.',
    panels: years.map((y) => ({ title: `Năm ${String(y.year)}`, scale, bars: yearBars(y, party) })),
  };
}
