// The Vietnamese labels the CLI prints for grades, statuses, decisions and submission kinds.
// Decisions and submission kinds are named as the sheets name them, from the shared contract.
import { DECISION_LABELS as SHEET_DECISIONS, QUEUE_STATUS, SUBMISSION_KIND_LABELS } from '../src/contract/queue-sheet';
import { GRADE_LABELS, type Grade } from '../src/domain/results';

export function gradeLabel(grade: string): string {
  return GRADE_LABELS[grade as Grade] ?? grade;
}

export const TASK_STATUS_LABELS: Record<string, string> = {
  not_registered: 'Không đăng ký',
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

/** An entry's status as the member route gives it: pending, or the decision. */
export const DECISION_LABELS: Record<string, string> = { pending: QUEUE_STATUS.pending, ...SHEET_DECISIONS };

export const KIND_LABELS: Record<string, string> = SUBMISSION_KIND_LABELS;

/** Width of the kind column: the longest label. */
export const KIND_WIDTH = Math.max(...Object.values(SUBMISSION_KIND_LABELS).map((label) => label.length));

export const INBOX_STATUS_LABELS: Record<string, string> = {
  refused: 'Bị từ chối',
  accepted: 'Đã nhận',
  received: 'Đang xử lý',
};
