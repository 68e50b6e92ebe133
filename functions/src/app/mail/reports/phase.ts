// The phase summary (plan IV.3, December 2022): per year and unit across the phase's years, and the party funnel; PDF.
import { displayDate, localDate, type IsoDate } from '../../../domain/dates';
import { percent, type Block, type Chart, type Letter, type OfficialDocument } from '../../../domain/letter';
import type { Period } from '../../../domain/periods';
import { phaseFunnel, type PartyDates } from '../../../domain/phase-funnel';
import { GRADE_LABELS, GRADE_ORDER } from '../../../domain/results';
import type { MailDraft } from '../../../ports';
import { asOf, CLOSING, committeeDrafts, type Fact, fileName, officialDocument, PROGRAMME } from './common';
import { phaseFunnelChart } from './charts';
import type { PhaseYear, ReportSnapshot } from './snapshot';

/** A unit's name as the latest year that has it calls it. */
function unitNames(years: readonly PhaseYear[]): (id: string) => string {
  return (id) => {
    for (const y of [...years].reverse()) {
      const unit = y.config.units.find((u) => u.id === id);
      if (unit) return unit.name;
    }
    return id;
  };
}

/** The latest party status each member's journeys hold (admission is a life event: any year's record counts). */
function partyOf(years: readonly PhaseYear[]): Map<string, PartyDates> {
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
  return party;
}

/** Per year and unit: members, completed, each grade, the completion rate. */
function byYearBlock(years: readonly PhaseYear[]): Block {
  return {
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
}

/** Members counted once across the phase: how many, how many were introduced to the Party, how many admitted. */
interface PhaseFigures {
  distinct: number;
  introduced: number;
  admitted: number;
}

function phaseFigures(party: ReadonlyMap<string, PartyDates>): PhaseFigures {
  return {
    distinct: party.size,
    introduced: [...party.values()].filter((p) => p.introducedAt !== null).length,
    admitted: [...party.values()].filter((p) => p.admittedAt !== null).length,
  };
}

function phaseFacts(years: readonly PhaseYear[], { distinct, introduced, admitted }: PhaseFigures): Fact[] {
  return [
    { label: 'Các năm có dữ liệu', value: years.map((y) => String(y.year)).join(', ') || '—' },
    { label: 'Đoàn viên ưu tú tham gia (mỗi người tính một lần)', value: String(distinct) },
    {
      label: 'Lượt tham gia theo năm',
      value: years.map((y) => `${String(y.year)}: ${String(y.journeys.length)}`).join(' · ') || '—',
    },
    { label: 'Được giới thiệu kết nạp Đảng', value: `${String(introduced)} (${percent(introduced, distinct)})` },
    { label: 'Được kết nạp Đảng', value: `${String(admitted)} (${percent(admitted, distinct)})` },
  ];
}

/** Admissions by the year and unit of each member's first journey. */
function funnelBlock(years: readonly PhaseYear[], party: ReadonlyMap<string, PartyDates>): Block {
  const unitName = unitNames(years);
  const funnel = phaseFunnel(
    years.flatMap((y) => y.journeys.map((j) => ({ memberId: j.memberId, year: y.year, unitId: j.unitId }))),
    party,
  );
  return {
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
}

/** What the summary shows, in the document and the letter alike. */
interface PhaseParts {
  period: Period;
  day: IsoDate;
  figures: PhaseFigures;
  chart: Chart;
  facts: Fact[];
  funnelTable: Block;
}

/** The summary to print and sign: the results, per year and unit, and admissions by first year. */
function phaseDocument(
  years: readonly PhaseYear[],
  { period, day, chart, facts, funnelTable }: PhaseParts,
): OfficialDocument {
  return officialDocument({
    day,
    title: 'BÁO CÁO',
    subtitle: `Tổng kết ${PROGRAMME} ${period.title}`,
    landscape: true,
    charts: [chart],
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
      { heading: 'II. KẾT QUẢ THEO NĂM VÀ CƠ SỞ ĐOÀN', blocks: [byYearBlock(years)] },
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
}

function phaseLetter(years: readonly PhaseYear[], parts: PhaseParts): Letter {
  const { period, day, facts, funnelTable } = parts;
  const { distinct, admitted } = parts.figures;
  return {
    subject: `Báo cáo tổng kết ${period.title} — ${PROGRAMME}`,
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
    attachments: [{ filename: fileName('Báo cáo tổng kết', period.title), document: phaseDocument(years, parts) }],
  };
}

export function phaseDrafts({ config, period, now, years }: ReportSnapshot): MailDraft[] {
  const party = partyOf(years);
  const figures = phaseFigures(party);
  const parts: PhaseParts = {
    period,
    day: localDate(asOf(period, now)),
    figures,
    chart: phaseFunnelChart(years, party, figures),
    facts: phaseFacts(years, figures),
    funnelTable: funnelBlock(years, party),
  };
  return committeeDrafts('phase', config, period, phaseLetter(years, parts));
}
