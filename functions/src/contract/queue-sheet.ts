// The queue sheet as a contract: written by the function's views, read by the Apps Script triggers and the CLI.
// Dependency-free on purpose: esbuild bundles this very module into the Apps Script code.

/** Tab titles of the year's spreadsheets. */
export const TABS = {
  results: 'Kết quả',
  summary: 'Tổng hợp',
  errors: 'Lỗi',
  camp: 'Đề cử hội trại',
  party: 'Kết nạp Đảng',
  config: 'Cấu hình',
  queue: 'Hàng chờ',
} as const;

/** The headers of a queue tab, by what each column holds. Apps Script finds columns by this text. */
export const QUEUE_HEADERS = {
  evidenceId: 'Mã minh chứng',
  submittedAt: 'Ngày gửi',
  fullName: 'Họ và tên',
  email: 'Email',
  unit: 'Cơ sở Đoàn',
  group: 'Tổ',
  task: 'Nhiệm vụ',
  activityDate: 'Ngày hoạt động',
  description: 'Mô tả',
  links: 'Đường dẫn minh chứng',
  extra: 'Thông tin thêm',
  status: 'Trạng thái',
  decision: 'Đánh giá',
  comment: 'Nhận xét',
  /**
   * Who decides: the evaluator picks their own e-mail from the queue's evaluators (a dropdown the function writes from
   * the plan). Google names the editor of an edit only within one Workspace domain, so on other accounts this is how a
   * decision names its evaluator; where Google does name the editor, that e-mail is used instead.
   */
  confirmer: 'Người xác nhận',
  reviewer: 'Người đánh giá',
} as const;

/** The queue tab's columns, in order. */
export const QUEUE_COLUMNS: readonly string[] = Object.values(QUEUE_HEADERS);

/** Columns before "Đánh giá" are protected: evaluators only choose the decision, write the comment and name themselves. */
export const QUEUE_PROTECTED_COLUMNS = QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.decision);

export type Decision = 'approved' | 'rejected' | 'needs_info';

/** The dropdown of the "Đánh giá" column. */
export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  approved: 'Đạt',
  rejected: 'Không đạt',
  needs_info: 'Cần bổ sung',
};
export const DECISION_CHOICES: readonly string[] = Object.values(DECISION_LABELS);

/** What the function writes in "Trạng thái": pending, or the decision it recorded last. */
export const QUEUE_STATUS = {
  pending: 'Chờ đánh giá',
  processedPrefix: 'Đã xử lý: ',
  needsInfo: 'Cần bổ sung: chờ đoàn viên',
} as const;

export function queueStatusText(decision: Decision | null): string {
  if (decision === null) return QUEUE_STATUS.pending;
  if (decision === 'needs_info') return QUEUE_STATUS.needsInfo;
  return `${QUEUE_STATUS.processedPrefix}${DECISION_LABELS[decision]}`;
}

/** Text as people type it: composed Unicode, single spaces, lower case. */
export function normalizeLabel(value: unknown): string {
  return (
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
  )
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The decision a "Đánh giá" cell names, whatever its case or spacing; undefined for anything else. */
export function decisionOf(label: unknown): Decision | undefined {
  const value = normalizeLabel(label);
  return (Object.keys(DECISION_LABELS) as Decision[]).find((d) => normalizeLabel(DECISION_LABELS[d]) === value);
}

/** The decision a "Trạng thái" cell says the function recorded; null for pending and anything else. */
export function statusDecision(status: unknown): Decision | null {
  const value = normalizeLabel(status);
  const [before, ...after] = value.split(':');
  if (after.length > 0 && before?.trim() === normalizeLabel(QUEUE_STATUS.processedPrefix.replace(':', '')))
    return decisionOf(after.join(':')) ?? null;
  if (value.startsWith(normalizeLabel(DECISION_LABELS.needs_info))) return 'needs_info';
  return null;
}

export interface QueueColumns {
  evidenceId: number;
  decision: number;
  comment: number | null;
  status: number | null;
  reviewer: number | null;
  /** Null in a tab written before the column existed. */
  confirmer: number | null;
}

/** How a decision's evaluator was known, as an Evaluation says it (`evaluatorSource`). */
export const EVALUATOR_SOURCES = {
  /** Google named the account that made the edit (the trigger's owner, or the same Workspace domain). */
  account: 'account',
  /** The evaluator picked their e-mail in the confirmer column (QUEUE_HEADERS.confirmer). */
  named: 'named',
} as const;
export type EvaluatorSource = (typeof EVALUATOR_SOURCES)[keyof typeof EVALUATOR_SOURCES];

/** 1-based column of each header a reader needs, found by its text in row 1 (columns may be moved or added). */
export function findQueueColumns(headerRow: readonly unknown[]): QueueColumns | undefined {
  const index = (title: string): number =>
    headerRow.findIndex((cell) => normalizeLabel(cell) === normalizeLabel(title)) + 1;
  const optional = (title: string): number | null => {
    const column = index(title);
    return column === 0 ? null : column;
  };
  const evidenceId = index(QUEUE_HEADERS.evidenceId);
  const decision = index(QUEUE_HEADERS.decision);
  if (evidenceId === 0 || decision === 0) return undefined;
  return {
    evidenceId,
    decision,
    comment: optional(QUEUE_HEADERS.comment),
    status: optional(QUEUE_HEADERS.status),
    reviewer: optional(QUEUE_HEADERS.reviewer),
    confirmer: optional(QUEUE_HEADERS.confirmer),
  };
}

/** What kind of submission an inbox entry is, as the Lỗi tab and the CLI name it. */
export const SUBMISSION_KIND_LABELS = {
  config: 'Kế hoạch năm',
  registration: 'Đăng ký sổ hành trình',
  evidence: 'Minh chứng',
  evaluation: 'Đánh giá',
  party_status: 'Kết nạp Đảng',
  rollover: 'Chuyển sang năm mới',
  nominations: 'Đề cử của cơ sở Đoàn',
} as const;
