// The quarterly report of each base union to its party committee (plan III.2): that unit's members only, each task, PDF attached.
import type { YearConfig } from '../../../domain/config';
import { displayDate, localDate, type IsoDate } from '../../../domain/dates';
import type { Letter, OfficialDocument } from '../../../domain/letter';
import type { Period } from '../../../domain/periods';
import { vietnameseCollator } from '../../../domain/text';
import type { JourneyDoc } from '../../../model';
import type { MailDraft } from '../../../ports';
import {
  asOf,
  CLOSING,
  type Fact,
  fileName,
  gradeCounts,
  memberTable,
  namesOf,
  officialDocument,
  PROGRAMME,
  progressCell,
  gradeCell,
  reportDrafts,
} from './common';
import { progressChart } from './charts';
import { journeyAt } from '../../journey';
import type { ReportSnapshot } from './snapshot';

type Unit = YearConfig['units'][number];

/** One unit's report: its members as they stood at `at` (by name), what it covers and how many entries wait. */
interface UnitReport {
  config: YearConfig;
  period: Period;
  unit: Unit;
  day: IsoDate;
  members: JourneyDoc[];
  completed: number;
  facts: Fact[];
}

function unitReport({ config, period, journeys, evidence }: ReportSnapshot, unit: Unit, at: Date): UnitReport {
  const members = journeys
    .filter((j) => j.unitId === unit.id)
    .map((j) => journeyAt(config, j, at))
    .filter((j): j is NonNullable<typeof j> => j !== undefined)
    .sort((a, b) => vietnameseCollator.compare(a.fullName, b.fullName));
  const completed = members.filter((m) => m.result.completed).length;
  const waiting = evidence.filter(
    (e) => e.unitId === unit.id && e.submittedAt <= at.toISOString() && e.status === 'pending',
  ).length;
  const facts = [
    { label: 'Số đoàn viên ưu tú tham gia', value: String(members.length) },
    { label: 'Đã hoàn thành hành trình năm', value: `${String(completed)}/${String(members.length)}` },
    { label: 'Xếp loại hiện tại', value: gradeCounts(members) },
    { label: 'Minh chứng đang chờ đánh giá', value: String(waiting) },
  ];
  return { config, period, unit, day: localDate(at), members, completed, facts };
}

/** The report to print and sign, to the unit's party committee: the situation, each member's tasks, the requests. */
function unitDocument({ config, period, unit, day, members, facts }: UnitReport): OfficialDocument {
  return officialDocument({
    day,
    title: 'BÁO CÁO',
    subtitle: `Tiến độ ${PROGRAMME} ${period.title} của đoàn viên ưu tú ${unit.name}`,
    landscape: true,
    charts: [progressChart(config, members, unit.name)],
    recipients: [`Cấp ủy ${unit.name}`, `BCH ${unit.name}`, 'Thường trực Đoàn Khối'],
    sections: [
      {
        heading: 'I. TÌNH HÌNH CHUNG',
        blocks: [
          {
            kind: 'paragraph',
            text: `Thực hiện Kế hoạch số 44-KH/ĐTN, Ban Thường vụ Đoàn Khối thông tin đến cấp ủy kết quả rèn luyện của đoàn viên ưu tú ${unit.name} tính đến ngày ${displayDate(day)}:`,
          },
          { kind: 'facts', items: facts },
        ],
      },
      {
        heading: 'II. KẾT QUẢ CỦA TỪNG ĐOÀN VIÊN',
        blocks: [
          {
            kind: 'paragraph',
            text: 'Mỗi cột là một nhiệm vụ: "Xong" là đã hoàn thành; "a/b" là số lượt đã được xác nhận trên số lượt cần; "—" là không đăng ký.',
          },
          memberTable(config, members, false),
        ],
      },
      {
        heading: 'III. ĐỀ NGHỊ',
        blocks: [
          {
            kind: 'paragraph',
            text:
              'Đề nghị cấp ủy quan tâm, theo dõi và tạo điều kiện để đoàn viên ưu tú hoàn thành các nhiệm vụ còn lại trước ngày ' +
              displayDate(config.calendar.activityEnds) +
              '; cho ý kiến đánh giá nhiệm vụ chuyên môn (BB1) trong hàng chờ của cấp ủy.',
          },
        ],
      },
    ],
  });
}

function unitLetter(report: UnitReport): Letter {
  const { config, period, unit, day, members, completed, facts } = report;
  const names = namesOf(config);
  return {
    subject: `Báo cáo ${period.title} — ${unit.name}: tiến độ ${PROGRAMME}`,
    preheader: `${String(completed)}/${String(members.length)} đoàn viên đã hoàn thành; báo cáo PDF đính kèm.`,
    greeting: `Kính gửi Cấp ủy ${unit.name},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Ban Thường vụ Đoàn Khối trân trọng gửi báo cáo ${period.title} về tiến độ ${PROGRAMME} của đoàn viên ưu tú ${unit.name}, tính đến ngày ${displayDate(day)}. Bản báo cáo để in và ký được đính kèm (PDF).`,
      },
      { kind: 'facts', items: facts },
      { kind: 'progress', label: 'Đoàn viên đã hoàn thành hành trình năm', done: completed, total: members.length },
      {
        kind: 'table',
        columns: [{ title: 'Họ và tên' }, { title: 'Tổ' }, { title: 'Tiến độ' }, { title: 'Xếp loại' }],
        rows: members.map((m) => [
          m.fullName,
          names.group(m.groupId),
          progressCell(m, config),
          gradeCell(m.result.grade),
        ]),
        empty: 'Chưa có đoàn viên nào của đơn vị đăng ký.',
      },
    ],
    closing: CLOSING,
    attachments: [{ filename: fileName('Báo cáo', period.title, unit.name), document: unitDocument(report) }],
  };
}

export function quarterlyDrafts(snapshot: ReportSnapshot): MailDraft[] {
  const { config, period, now, units } = snapshot;
  const at = asOf(period, now);
  return config.units
    .filter((u) => units.has(u.id))
    .flatMap((unit) =>
      reportDrafts('quarterly', config, period, unitLetter(unitReport(snapshot, unit, at)), unit.reportTo, unit.id),
    );
}
