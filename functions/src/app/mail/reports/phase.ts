// The phase summary (plan IV.3, December 2022): per year and unit across the phase's years, and the party funnel; PDF.
import type { YearConfig } from '../../../domain/config';
import { displayDate, localDate } from '../../../domain/dates';
import { percent, type Block, type Letter } from '../../../domain/letter';
import { PRIORITY } from '../../../domain/mail';
import { phaseFunnel, type PartyDates } from '../../../domain/phase-funnel';
import { GRADE_LABELS, GRADE_ORDER } from '../../../domain/results';
import type { JourneyDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import { contentKey, reportMailId } from '../ids';
import { committeeRecipients } from './annual';
import { asOf, CLOSING, fileName, officialDocument, PROGRAMME } from './common';
import type { ReportInput } from './run';

interface YearData {
  year: number;
  config: YearConfig;
  journeys: JourneyDoc[];
}

export async function phaseDrafts({ ctx, config, period, now }: ReportInput): Promise<MailDraft[]> {
  const first = Number(period.label.slice(0, 4));
  const last = Number(period.label.slice(5));
  const years: YearData[] = [];
  for (let year = first; year <= last; year += 1) {
    const doc = year === config.year ? { config } : await ctx.store.getYear(year);
    if (!doc) continue;
    years.push({ year, config: doc.config, journeys: await ctx.store.listJourneys(year) });
  }
  const unitName = (id: string): string => {
    for (const y of [...years].reverse()) {
      const unit = y.config.units.find((u) => u.id === id);
      if (unit) return unit.name;
    }
    return id;
  };
  // The latest party status each member's journeys hold (admission is a life event: any year's record counts).
  const party = new Map<string, PartyDates>();
  for (const y of years) {
    for (const j of y.journeys) {
      const known = party.get(j.memberId);
      party.set(j.memberId, {
        introducedAt: j.party.introducedAt ?? known?.introducedAt ?? null,
        admittedAt: j.party.admittedAt ?? known?.admittedAt ?? null,
      });
    }
  }
  const funnel = phaseFunnel(
    years.flatMap((y) => y.journeys.map((j) => ({ memberId: j.memberId, year: y.year, unitId: j.unitId }))),
    party,
  );
  const distinct = party.size;
  const introduced = [...party.values()].filter((p) => p.introducedAt !== null).length;
  const admitted = [...party.values()].filter((p) => p.admittedAt !== null).length;
  const byYear: Block = {
    kind: 'table',
    columns: [
      { title: 'Năm', width: 30 },
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Tham gia', align: 'right' },
      { title: 'Hoàn thành', align: 'right' },
      ...GRADE_ORDER.map((g) => ({ title: GRADE_LABELS[g], align: 'right' as const })),
      { title: 'Tỷ lệ hoàn thành', align: 'right' },
    ],
    rows: years.flatMap((y) =>
      y.config.units.map((u) => {
        const members = y.journeys.filter((j) => j.unitId === u.id);
        const completed = members.filter((j) => j.result.completed).length;
        return [
          y.year,
          u.name,
          members.length,
          completed,
          ...GRADE_ORDER.map((g) => members.filter((j) => j.result.grade === g).length),
          percent(completed, members.length),
        ];
      }),
    ),
    empty: 'Chưa có năm nào của giai đoạn có dữ liệu.',
  };
  const funnelTable: Block = {
    kind: 'table',
    columns: [
      { title: 'Năm tham gia đầu tiên' },
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Đoàn viên', align: 'right' },
      { title: 'Được giới thiệu kết nạp', align: 'right' },
      { title: 'Được kết nạp', align: 'right' },
      { title: 'Tỷ lệ kết nạp', align: 'right' },
    ],
    rows: funnel.map((f) => [
      f.firstYear,
      unitName(f.unitId),
      f.members,
      f.introduced,
      f.admitted,
      percent(f.admitted, f.members),
    ]),
    empty: 'Chưa có dữ liệu.',
  };
  const day = localDate(asOf(period, now));
  const facts = [
    { label: 'Các năm có dữ liệu', value: years.map((y) => String(y.year)).join(', ') || '—' },
    { label: 'Đoàn viên ưu tú tham gia (mỗi người tính một lần)', value: String(distinct) },
    {
      label: 'Lượt tham gia theo năm',
      value: years.map((y) => `${String(y.year)}: ${String(y.journeys.length)}`).join(' · ') || '—',
    },
    { label: 'Được giới thiệu kết nạp Đảng', value: `${String(introduced)} (${percent(introduced, distinct)})` },
    { label: 'Được kết nạp Đảng', value: `${String(admitted)} (${percent(admitted, distinct)})` },
  ];
  const document = officialDocument({
    day,
    title: 'BÁO CÁO',
    subtitle: `Tổng kết ${PROGRAMME} ${period.title}`,
    landscape: true,
    recipients: ['Thường trực Thành Đoàn', 'Thường trực Đảng ủy Khối', 'Cấp ủy cơ sở', 'Cơ sở Đoàn'],
    sections: [
      {
        heading: 'I. KẾT QUẢ CHUNG',
        blocks: [
          {
            kind: 'paragraph',
            text: `Thực hiện Kế hoạch số 44-KH/ĐTN, Ban Thường vụ Đoàn Khối báo cáo tổng kết ${PROGRAMME} ${period.title} (số liệu đến ngày ${displayDate(day)}):`,
          },
          { kind: 'facts', items: facts },
        ],
      },
      { heading: 'II. KẾT QUẢ THEO NĂM VÀ CƠ SỞ ĐOÀN', blocks: [byYear] },
      {
        heading: 'III. KẾT NẠP ĐẢNG THEO NĂM THAM GIA ĐẦU TIÊN',
        blocks: [
          {
            kind: 'paragraph',
            text: 'Mỗi đoàn viên được tính một lần, ở cơ sở Đoàn và năm lần đầu tham gia hành trình.',
          },
          funnelTable,
        ],
      },
    ],
  });
  const subject = `Báo cáo tổng kết ${period.title} — ${PROGRAMME}`;
  const letter: Letter = {
    subject,
    preheader: `${String(distinct)} đoàn viên ưu tú tham gia, ${String(admitted)} được kết nạp Đảng; báo cáo PDF đính kèm.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Tổng kết ${PROGRAMME} ${period.title}, số liệu đến ngày ${displayDate(day)}. Bản báo cáo để in và ký được đính kèm (PDF).`,
      },
      { kind: 'facts', items: facts },
      { kind: 'progress', label: 'Đoàn viên ưu tú được kết nạp Đảng', done: admitted, total: distinct },
      { kind: 'heading', text: 'Kết nạp Đảng theo năm tham gia đầu tiên' },
      funnelTable,
    ],
    closing: CLOSING,
    attachments: [{ filename: fileName('Báo cáo tổng kết', period.title), document }],
  };
  const key = contentKey('phase', period.label, String(config.year));
  return committeeRecipients(config).map((to) => ({
    id: reportMailId('phase', period.label, to),
    year: config.year,
    kind: 'phase',
    period: period.label,
    to,
    priority: PRIORITY.report,
    subject,
    letter,
    contentKey: key,
  }));
}
