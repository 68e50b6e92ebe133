// The October evaluation report to the committee: results per unit, grades, the ranking, camp nominations, the party funnel; PDF.
import { displayDate, localDate, type IsoDate } from '../../../domain/dates';
import { partyFunnel, type FunnelRow } from '../../../domain/funnel';
import { percent, type Block, type Letter, type OfficialDocument } from '../../../domain/letter';
import { nominateForCamp, rankMembers, type Ranked } from '../../../domain/ranking';
import { GRADE_LABELS, GRADE_ORDER } from '../../../domain/results';
import type { YearConfig } from '../../../domain/config';
import type { JourneyDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import {
  asOf,
  CLOSING,
  committeeDrafts,
  type Fact,
  fileName,
  gradeCell,
  namesOf,
  officialDocument,
  PROGRAMME,
  tasksDone,
  tasksNeeded,
} from './common';
import { progressChart } from './charts';
import { journeyAt } from '../../journey';
import type { ReportSnapshot } from './snapshot';

/** Members listed by rank in the report; the Kết quả tab has everyone. */
export const RANKING_SHOWN = 100;

export function unitResultsBlock(config: YearConfig, journeys: readonly JourneyDoc[]): Block {
  return {
    kind: 'table',
    columns: [
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Tham gia', align: 'right' },
      { title: 'Hoàn thành', align: 'right' },
      ...GRADE_ORDER.map((g) => ({ title: GRADE_LABELS[g], align: 'right' as const })),
      { title: 'Tỷ lệ hoàn thành', align: 'right' },
    ],
    rows: config.units.map((u) => {
      const members = journeys.filter((j) => j.unitId === u.id);
      const completed = members.filter((j) => j.result.completed).length;
      return [
        u.name,
        members.length,
        completed,
        ...GRADE_ORDER.map((g) => members.filter((j) => j.result.grade === g).length),
        percent(completed, members.length),
      ];
    }),
  };
}

type RankedMember = Ranked<Pick<JourneyDoc, 'memberId' | 'fullName' | 'unitId' | 'result'> & { journey: JourneyDoc }>;

/** The year's ranking, the camp's nominees and the party funnel, from the journeys as they stood. */
interface AnnualFigures {
  journeys: JourneyDoc[];
  ranked: RankedMember[];
  camp: RankedMember[];
  funnel: FunnelRow[];
  completed: number;
}

function annualFigures(config: YearConfig, journeys: JourneyDoc[]): AnnualFigures {
  const ranked = rankMembers(
    journeys.map((j) => ({
      memberId: j.memberId,
      fullName: j.fullName,
      unitId: j.unitId,
      result: j.result,
      journey: j,
    })),
  );
  const camp = nominateForCamp(ranked, config.rules);
  const inCamp = new Set(camp.map((c) => c.memberId));
  const funnel = partyFunnel(
    config,
    journeys.map((j) => ({
      email: j.email,
      unitId: j.unitId,
      registered: true,
      completed: j.result.completed,
      camp: inCamp.has(j.memberId),
      introducedAt: j.party.introducedAt,
      admittedAt: j.party.admittedAt,
    })),
  );
  const completed = journeys.filter((j) => j.result.completed).length;
  return { journeys, ranked, camp, funnel, completed };
}

function annualFacts({ journeys, camp, completed }: AnnualFigures): Fact[] {
  return [
    { label: 'Đoàn viên ưu tú tham gia', value: String(journeys.length) },
    { label: 'Hoàn thành hành trình năm', value: `${String(completed)} (${percent(completed, journeys.length)})` },
    ...GRADE_ORDER.map((g) => ({
      label: `Xếp loại ${GRADE_LABELS[g]}`,
      value: String(journeys.filter((j) => j.result.grade === g).length),
    })),
    { label: 'Đề cử dự hội trại “Lá Trung Quân”', value: String(camp.length) },
  ];
}

/** The first RANKING_SHOWN members by rank, and a note pointing to the Kết quả tab when there are more. */
function rankingBlocks(config: YearConfig, ranked: readonly RankedMember[]): Block[] {
  const names = namesOf(config);
  const ranking: Block = {
    kind: 'table',
    columns: [
      { title: 'Hạng', align: 'right', width: 28 },
      { title: 'Họ và tên', width: 110 },
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Nhiệm vụ', align: 'center' },
      { title: 'Xếp loại' },
      { title: 'Điểm', align: 'right' },
    ],
    rows: ranked
      .slice(0, RANKING_SHOWN)
      .map((r) => [
        r.rank,
        r.fullName,
        names.unit(r.unitId),
        `${String(tasksDone(r.journey, config))}/${String(tasksNeeded(config))}`,
        gradeCell(r.result.grade),
        r.result.points,
      ]),
    empty: 'Chưa có đoàn viên nào.',
  };
  const more =
    ranked.length > RANKING_SHOWN
      ? [
          {
            kind: 'paragraph' as const,
            text: `Danh sách trên gồm ${String(RANKING_SHOWN)} đoàn viên đứng đầu; thẻ Kết quả của bảng tổng hợp có đủ ${String(ranked.length)} đoàn viên.`,
            tone: 'muted' as const,
          },
        ]
      : [];
  return [ranking, ...more];
}

function campBlock(config: YearConfig, camp: readonly RankedMember[]): Block {
  const names = namesOf(config);
  return {
    kind: 'table',
    columns: [
      { title: 'STT', align: 'right', width: 24 },
      { title: 'Họ và tên', width: 110 },
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Xếp loại' },
      { title: 'Điểm', align: 'right' },
      { title: 'Hạng', align: 'right' },
    ],
    rows: camp.map((c, i) => [
      i + 1,
      c.fullName,
      names.unit(c.unitId),
      gradeCell(c.result.grade),
      c.result.points,
      c.rank,
    ]),
    empty: 'Chưa có đoàn viên đủ điều kiện (xếp loại Tốt trở lên).',
  };
}

function funnelBlock(funnel: readonly FunnelRow[]): Block {
  return {
    kind: 'table',
    columns: [
      { title: 'Cơ sở Đoàn', width: 120 },
      { title: 'Được giới thiệu', align: 'right' },
      { title: 'Đăng ký', align: 'right' },
      { title: 'Hoàn thành', align: 'right' },
      { title: 'Dự trại', align: 'right' },
      { title: 'Giới thiệu kết nạp', align: 'right' },
      { title: 'Kết nạp', align: 'right' },
      { title: 'Tỷ lệ kết nạp', align: 'right' },
    ],
    rows: funnel.map((f) => [
      f.unitName,
      f.nominated,
      f.registered,
      f.completed,
      f.camp,
      f.introduced,
      f.admitted,
      f.admissionRate === null ? '—' : percent(f.admitted, f.nominated),
    ]),
  };
}

/** The report to print and sign: five sections, from the general results to the party's development. */
function annualDocument(config: YearConfig, day: IsoDate, figures: AnnualFigures): OfficialDocument {
  return officialDocument({
    day,
    title: 'BÁO CÁO',
    subtitle: `Kết quả đánh giá ${PROGRAMME} năm ${String(config.year)}`,
    charts: [progressChart(config, figures.journeys, 'toàn Khối')],
    recipients: ['Thường trực Đảng ủy Khối', 'Thành Đoàn: Ban Tổ chức', 'Cấp ủy cơ sở', 'Cơ sở Đoàn'],
    sections: [
      {
        heading: 'I. KẾT QUẢ CHUNG',
        blocks: [
          {
            kind: 'paragraph',
            text: `Thực hiện Kế hoạch số 44-KH/ĐTN, Ban Thường vụ Đoàn Khối báo cáo kết quả đánh giá năm ${String(config.year)} (số liệu đến ngày ${displayDate(day)}):`,
          },
          { kind: 'facts', items: annualFacts(figures) },
        ],
      },
      { heading: 'II. KẾT QUẢ THEO CƠ SỞ ĐOÀN', blocks: [unitResultsBlock(config, figures.journeys)] },
      { heading: 'III. XẾP HẠNG', blocks: rankingBlocks(config, figures.ranked) },
      { heading: 'IV. ĐỀ CỬ DỰ HỘI TRẠI “LÁ TRUNG QUÂN”', blocks: [campBlock(config, figures.camp)] },
      { heading: 'V. CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN', blocks: [funnelBlock(figures.funnel)] },
    ],
  });
}

/** The e-mail: the figures and tables the committee reads first, the signed report attached. */
function annualLetter(config: YearConfig, day: IsoDate, figures: AnnualFigures): Letter {
  const { journeys, camp, completed } = figures;
  return {
    subject: `Báo cáo đánh giá năm ${String(config.year)} — ${PROGRAMME}`,
    preheader: `${String(completed)}/${String(journeys.length)} đoàn viên hoàn thành; ${String(camp.length)} đề cử dự trại; báo cáo PDF đính kèm.`,
    greeting: 'Kính gửi Ban Thường vụ Đoàn Khối,',
    blocks: [
      {
        kind: 'paragraph',
        text: `Kết quả đánh giá ${PROGRAMME} năm ${String(config.year)}, số liệu đến ngày ${displayDate(day)}. Bản báo cáo để in và ký được đính kèm (PDF).`,
      },
      { kind: 'facts', items: annualFacts(figures) },
      { kind: 'progress', label: 'Đoàn viên đã hoàn thành hành trình năm', done: completed, total: journeys.length },
      { kind: 'heading', text: 'Kết quả theo cơ sở Đoàn' },
      unitResultsBlock(config, journeys),
      { kind: 'heading', text: 'Đề cử dự hội trại' },
      campBlock(config, camp),
      { kind: 'heading', text: 'Phát triển đảng viên' },
      funnelBlock(figures.funnel),
    ],
    closing: CLOSING,
    attachments: [
      {
        filename: fileName('Báo cáo đánh giá', `năm ${String(config.year)}`),
        document: annualDocument(config, day, figures),
      },
    ],
  };
}

export function annualDrafts({ config, period, now, journeys: stored }: ReportSnapshot): MailDraft[] {
  const at = asOf(period, now);
  const journeys = stored.map((j) => journeyAt(config, j, at)).filter((j): j is JourneyDoc => j !== undefined);
  const figures = annualFigures(config, journeys);
  return committeeDrafts('annual', config, period, annualLetter(config, localDate(at), figures));
}
