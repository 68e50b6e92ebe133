// What each tab of the year's spreadsheets shows: headers and row builders, pure functions of stored documents.
import { GROUP_LABELS, ROLE_LABELS } from '../domain/catalogue';
import type { YearConfig } from '../domain/config';
import { displayDate, displayInstant } from '../domain/dates';
import { effectiveDecision } from '../domain/evaluation';
import { evidenceExtras } from '../domain/evidence';
import { rankKey } from '../domain/ranking';
import { GRADE_LABELS, GRADE_ORDER } from '../domain/results';
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../model';
import { columnLetter, quoteTab } from '../contract/a1';
import {
  DECISION_CHOICES,
  DECISION_LABELS,
  QUEUE_HEADERS,
  queueStatusText,
  SUBMISSION_KIND_LABELS,
  TABS,
} from '../contract/queue-sheet';
import { fitCell, type Row } from './cells';

const isoToDisplay = (iso: string | null): string => (iso ? displayInstant(new Date(iso)) : '');

// ---------- Kết quả: one row per member, in a stable order; rank is a formula so others' rows never need rewriting.

export function resultsColumns(config: YearConfig): string[] {
  return [
    'Mã đoàn viên',
    'Họ và tên',
    'Email',
    'Cơ sở Đoàn',
    'Tổ',
    ...config.tasks.map((t) => t.code),
    'Số nhiệm vụ hoàn thành',
    'Hoàn thành năm',
    'Ngày hoàn thành',
    'Xếp loại',
    'Điểm',
    'Xếp hạng',
    'Khóa xếp hạng',
    'Ngày giới thiệu kết nạp',
    'Ngày kết nạp',
    // Last, so the columns other tabs' formulas refer to keep their letters.
    'Sổ hành trình',
  ];
}

/** Column index of a Kết quả header (used by formulas of other tabs). */
export function resultsColumn(config: YearConfig, header: string): string {
  return columnLetter(resultsColumns(config).indexOf(header));
}

export function resultsRow(
  config: YearConfig,
  journey: JourneyDoc,
  rowNumber: number,
  groupName: (id: string | null) => string,
  unitName: (id: string) => string,
  bookUrl = '',
): Row {
  const tasks = config.tasks.map((t) => {
    const progress = journey.result.tasks[t.code];
    if (!progress || progress.status === 'not_registered') return '—';
    if (progress.status === 'done') return '✓';
    return `${progress.approved}/${progress.required}`;
  });
  const done = journey.result.done.BB + journey.result.done.RL + journey.result.done.TT;
  const keyColumn = resultsColumn(config, 'Khóa xếp hạng');
  return [
    journey.memberId,
    journey.fullName,
    journey.email,
    unitName(journey.unitId),
    groupName(journey.groupId),
    ...tasks,
    done,
    journey.result.completed ? 'Có' : 'Chưa',
    journey.result.completedAt ? displayInstant(new Date(journey.result.completedAt)).slice(0, 10) : '',
    GRADE_LABELS[journey.result.grade],
    journey.result.points,
    { formula: `=RANK(${keyColumn}${rowNumber},${keyColumn}$2:${keyColumn},1)` },
    rankKey(config.year, journey),
    journey.party.introducedAt ? displayDate(journey.party.introducedAt) : '',
    journey.party.admittedAt ? displayDate(journey.party.admittedAt) : '',
    // A plain value: Sheets shows a cell holding only an address as a link, and no formula is needed.
    bookUrl,
  ];
}

// ---------- Tổng hợp: per base union and group, counted by formulas over Kết quả (no writes per submission).

export const SUMMARY_COLUMNS = [
  'Đơn vị',
  'Loại',
  'Số đoàn viên',
  'Hoàn thành',
  'Xuất sắc',
  'Tốt',
  'Đạt',
  'Chưa đạt',
  'Tỷ lệ hoàn thành',
];

export function summaryRows(config: YearConfig): Row[] {
  const results = quoteTab(TABS.results);
  const unitCol = resultsColumn(config, 'Cơ sở Đoàn');
  const groupCol = resultsColumn(config, 'Tổ');
  const doneCol = resultsColumn(config, 'Hoàn thành năm');
  const gradeCol = resultsColumn(config, 'Xếp loại');
  const range = (col: string): string => `${results}!$${col}$2:$${col}`;
  const row = (name: string, kind: string, col: string, r: number): Row => [
    name,
    kind,
    { formula: `=COUNTIF(${range(col)},$A${r})` },
    { formula: `=COUNTIFS(${range(col)},$A${r},${range(doneCol)},"Có")` },
    ...GRADE_ORDER.map((g) => ({ formula: `=COUNTIFS(${range(col)},$A${r},${range(gradeCol)},"${GRADE_LABELS[g]}")` })),
    { formula: `=IF(C${r}=0,"",D${r}/C${r})` },
  ];
  const rows: Row[] = [];
  config.units.forEach((u) => rows.push(row(u.name, 'Cơ sở Đoàn', unitCol, rows.length + 2)));
  config.groups.forEach((g) => rows.push(row(g.name, 'Tổ', groupCol, rows.length + 2)));
  return rows;
}

// ---------- Lỗi: every refused submission with its reasons, as received.

/** Characters of a refused body shown on Lỗi: a 60,000-character name must not make every full sync huge. */
export const RAW_BODY_SHOWN = 2_000;

export const ERROR_COLUMNS = ['Thời điểm nhận', 'Loại', 'Email', 'Lý do', 'Mã lỗi', 'Nội dung đã gửi', 'Mã hồ sơ'];

export function errorRow(item: InboxDoc): Row {
  return [
    isoToDisplay(item.receivedAt),
    SUBMISSION_KIND_LABELS[item.kind],
    item.email ?? '',
    item.errors.map((e) => e.message).join('\n'),
    item.errors.map((e) => e.code).join(', '),
    // Enough to recognise what was sent; the inbox keeps it whole (GET /inbox, the CLI).
    fitCell(item.raw, RAW_BODY_SHOWN),
    item.key,
  ];
}

// ---------- Đề cử hội trại: a snapshot of the nominations, refreshed by a full sync, with a box to confirm.

// ---------- Kết nạp Đảng: the funnel per base union, by formulas over Kết quả and the camp list.

export const PARTY_COLUMNS = [
  'Cơ sở Đoàn',
  'Được giới thiệu tham gia',
  'Đăng ký',
  'Hoàn thành',
  'Dự hội trại',
  'Được giới thiệu kết nạp',
  'Được kết nạp',
  'Tỷ lệ kết nạp',
];

export function partyRows(config: YearConfig): Row[] {
  const results = quoteTab(TABS.results);
  const camp = quoteTab(TABS.camp);
  const col = (header: string): string => {
    const c = resultsColumn(config, header);
    return `${results}!$${c}$2:$${c}`;
  };
  return config.units.map((u, i) => {
    const r = i + 2;
    const registered = { formula: `=COUNTIF(${col('Cơ sở Đoàn')},$A${r})` };
    return [
      u.name,
      u.nominees ? u.nominees.length : { formula: `=C${r}` },
      registered,
      { formula: `=COUNTIFS(${col('Cơ sở Đoàn')},$A${r},${col('Hoàn thành năm')},"Có")` },
      { formula: `=COUNTIF(${camp}!$D$2:$D,$A${r})` },
      { formula: `=COUNTIFS(${col('Cơ sở Đoàn')},$A${r},${col('Ngày giới thiệu kết nạp')},"<>")` },
      { formula: `=COUNTIFS(${col('Cơ sở Đoàn')},$A${r},${col('Ngày kết nạp')},"<>")` },
      { formula: `=IF(B${r}=0,"",G${r}/B${r})` },
    ];
  });
}

// ---------- Cấu hình: a read-only mirror of the year's plan.

export function configRows(config: YearConfig): Row[] {
  const c = config.calendar;
  const r = config.rules;
  const rows: Row[] = [
    ['Năm', config.year],
    ['Giai đoạn', config.phase],
    [],
    ['Lịch', ''],
    ['Mở đăng ký', displayDate(c.registrationOpens)],
    ['Hết hạn đăng ký', displayDate(c.registrationCloses)],
    ['Hết hạn đăng ký bổ sung', displayDate(c.amendmentCloses)],
    ['Bắt đầu rèn luyện', displayDate(c.activityStarts)],
    ['Kết thúc rèn luyện', displayDate(c.activityEnds)],
    ['Hết hạn đánh giá', displayDate(c.evaluationCloses)],
    [],
    ['Quy định', ''],
    ['Số nhiệm vụ rèn luyện tối thiểu', r.minTraining],
    ['Số nhiệm vụ thử thách tối thiểu', r.minChallenge],
    ['Điểm mỗi nhiệm vụ bắt buộc / rèn luyện / thử thách', `${r.weights.BB} / ${r.weights.RL} / ${r.weights.TT}`],
    ['Điểm cộng mỗi lượt vượt mức (tối đa)', `${r.extraPerEntry} (${r.extraCap})`],
    ['Số đề cử hội trại (tối đa mỗi cơ sở)', `${r.campQuota} (${r.campPerUnitMax ?? 'không giới hạn'})`],
    ['Số chữ tối thiểu của bài viết BB3', `trên ${r.minEssayWords}`],
    ['Tháng sinh hoạt chủ điểm (RL1)', r.themedMonths.join(', ')],
    [],
    ['Mã nhiệm vụ', 'Nhóm', 'Nhiệm vụ', 'Số lượt tối thiểu', 'Đơn vị xác nhận'],
    ...config.tasks.map((t): Row => [
      t.code,
      GROUP_LABELS[t.group],
      t.title,
      t.minEntries,
      t.confirmedBy.map((role) => ROLE_LABELS[role]).join(' hoặc '),
    ]),
    [],
    ['Mã cơ sở Đoàn', 'Cơ sở Đoàn', 'Cụm'],
    ...config.units.map((u): Row => [u.id, u.name, u.cluster ?? '']),
    [],
    ['Mã tổ', 'Tổ', 'Cụm', 'Tổ trưởng', 'Giám sát viên'],
    ...config.groups.map((g): Row => [g.id, g.name, g.cluster ?? '', g.leader, g.supervisor]),
  ];
  return rows;
}

// ---------- Hàng chờ: one row per evidence entry waiting in a queue; the evaluator picks a decision, comments, and picks
// their own e-mail among the queue's evaluators (`evaluators`, from the plan) so the decision names who made it.

export function queueRow(
  config: YearConfig,
  evidence: EvidenceDoc,
  groupName: (id: string | null) => string,
  unitName: (id: string) => string,
  evaluators: readonly string[],
): Row {
  const latest = effectiveDecision(evidence.decisions.map((d) => ({ ...d, editedAt: new Date(d.editedAt) })));
  const task = config.tasks.find((t) => t.code === evidence.task);
  const extra = evidenceExtras(evidence);
  const cells: Record<keyof typeof QUEUE_HEADERS, Row[number]> = {
    evidenceId: evidence.evidenceId,
    submittedAt: isoToDisplay(evidence.submittedAt),
    fullName: evidence.fullName,
    email: evidence.email,
    unit: unitName(evidence.unitId),
    group: groupName(evidence.groupId),
    task: task ? `${task.code} — ${task.title}` : evidence.task,
    activityDate: displayDate(evidence.activityDate),
    description: fitCell(evidence.description),
    links: evidence.links.join('\n'),
    // The BB3 essay in full after its word count: the evaluator judges what was written, not only how long it is.
    extra: fitCell([...extra, ...(evidence.essay ? ['', evidence.essay] : [])].join('\n')),
    status: queueStatusText(latest?.decision ?? null),
    decision: { value: latest ? DECISION_LABELS[latest.decision] : '', dropdown: DECISION_CHOICES },
    comment: latest?.comment ?? '',
    // A dropdown needs at least one choice: a queue the plan lists nobody for gets a plain cell.
    confirmer:
      evaluators.length > 0
        ? { value: latest?.evaluatorEmail ?? '', dropdown: evaluators }
        : (latest?.evaluatorEmail ?? ''),
    reviewer: latest ? [latest.evaluatorEmail, latest.queue].filter(Boolean).join(' · ') : '',
  };
  return (Object.keys(QUEUE_HEADERS) as (keyof typeof QUEUE_HEADERS)[]).map((column) => cells[column]);
}

/** Names for ids as people know them. */
export function namers(config: YearConfig): {
  unitName: (id: string) => string;
  groupName: (id: string | null) => string;
} {
  const units = new Map(config.units.map((u) => [u.id, u.name]));
  const groups = new Map(config.groups.map((g) => [g.id, g.name]));
  return {
    unitName: (id) => units.get(id) ?? id,
    groupName: (id) => (id === null ? '' : (groups.get(id) ?? id)),
  };
}
