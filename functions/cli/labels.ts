// The Vietnamese labels the CLI prints for grades, statuses, decisions and submission kinds.
// The kind, status and decision labels are local copies of what the queue sheets show; they are due to move into a shared contract module.
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

export const DECISION_LABELS: Record<string, string> = {
  pending: 'Chờ đánh giá',
  approved: 'Đạt',
  rejected: 'Không đạt',
  needs_info: 'Cần bổ sung',
};

export const KIND_LABELS: Record<string, string> = {
  config: 'Kế hoạch năm',
  registration: 'Đăng ký',
  evidence: 'Minh chứng',
  evaluation: 'Đánh giá',
  party_status: 'Kết nạp Đảng',
};

export const INBOX_STATUS_LABELS: Record<string, string> = { refused: 'Bị từ chối', accepted: 'Đã nhận', received: 'Đang xử lý' };
