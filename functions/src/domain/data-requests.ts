// A member's requests about their own data (correction, withdrawal of consent) and the days the law gives to answer them.
//
// Law No. 91/2025/QH15 on Personal Data Protection (in force 1 January 2026) gives the data subject the rights to have
// their data corrected and to withdraw consent; Decree No. 356/2025/ND-CP (same date) sets the time limits: the
// controller acknowledges a request within 2 working days, completes a withdrawal of consent (or a restriction or
// objection) within 15 days, and an access or correction request within 10 days (an extension, once, must be told to
// the member). Sources read: the decree's summaries by Fraser (frasersvn.com, 19/01/2026), CDLAF (cdlaf.vn) and
// VnExpress (08/01/2026, citing Decree 356 Art. 5(2) and Art. 10). Days are counted as calendar days from the day the
// request arrived in Vietnam, the stricter reading.
import { addDays, format, parseISO } from 'date-fns';
import { localDate, type IsoDate } from './dates';

export const DATA_REQUEST_KINDS = ['correction', 'withdrawal'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

/** `received` until the committee answers; `in_progress` when it says it is working on it; then done or declined. */
export const DATA_REQUEST_STATUSES = ['received', 'in_progress', 'done', 'declined'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** The statuses a committee answer may set. */
export const ANSWER_STATUSES = ['in_progress', 'done', 'declined'] as const;

/** Days the committee has to complete a request, from the day it arrived (Decree 356/2025/ND-CP). */
export const ANSWER_DAYS: Record<DataRequestKind, number> = { correction: 10, withdrawal: 15 };

/** What a member may write in a correction request, and the committee in an answer. */
export const REQUEST_TEXT_MAX = 2_000;
export const ANSWER_TEXT_MAX = 2_000;

export const DATA_REQUEST_KIND_LABELS: Record<DataRequestKind, string> = {
  correction: 'Yêu cầu chỉnh sửa dữ liệu',
  withdrawal: 'Rút lại sự đồng ý xử lý dữ liệu',
};

export const DATA_REQUEST_STATUS_LABELS: Record<DataRequestStatus, string> = {
  received: 'Đã nhận, chờ xử lý',
  in_progress: 'Đang xử lý',
  done: 'Đã thực hiện',
  declined: 'Không thực hiện',
};

/** Whether the committee still owes an answer. */
export function isOpen(status: DataRequestStatus): boolean {
  return status === 'received' || status === 'in_progress';
}

/**
 * The last day to complete a request of `kind` that arrived at `receivedAt`: its Vietnam day plus the decree's days.
 * @example requestDeadline('correction', new Date('2026-12-05T18:00:00Z')) // '2026-12-16' (arrived 06/12 in Vietnam)
 */
export function requestDeadline(kind: DataRequestKind, receivedAt: Date): IsoDate {
  return format(addDays(parseISO(localDate(receivedAt)), ANSWER_DAYS[kind]), 'yyyy-MM-dd');
}

/**
 * Whole days from `today` to `deadline` (negative once it has passed).
 * @example daysLeft('2026-12-16', '2026-12-06') // 10
 */
export function daysLeft(deadline: IsoDate, today: IsoDate): number {
  return Math.round((parseISO(deadline).getTime() - parseISO(today).getTime()) / 86_400_000);
}
