// E-mail as the plan sends it: the kinds, their priority within the daily budget, the sending accounts' quotas, retry delays.
import { TZDate } from '@date-fns/tz';
import { localDate, TIME_ZONE, type IsoDate } from './dates';

/** Reports a person or a schedule asks for (API.md "Reports and e-mail"). */
export const REPORT_KINDS = ['digest', 'quarterly', 'annual', 'camp', 'reminders', 'members', 'phase'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * Every kind of e-mail: the reports, the short notice each submission and decision gives the member, and the
 * committee's account of what the retention job erased.
 */
export const MAIL_KINDS = ['notice', ...REPORT_KINDS, 'retention'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_STATUSES = ['queued', 'sent', 'deferred', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

/**
 * Who goes first when the day's budget is short (0 first): decision and refusal notices, then evaluators' reminders,
 * then the committee's digests and reports, then members' routine mail (weekly summary, reminders to members).
 */
export const PRIORITY = { notice: 0, evaluator: 1, report: 2, member: 3 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];
export const PRIORITIES: readonly Priority[] = [0, 1, 2, 3];

export const PRIORITY_LABELS: Record<Priority, string> = {
  0: 'Thông báo cho đoàn viên',
  1: 'Nhắc người đánh giá',
  2: 'Bản tin và báo cáo',
  3: 'Thư định kỳ cho đoàn viên',
};

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  notice: 'Thông báo',
  digest: 'Bản tin tuần',
  quarterly: 'Báo cáo quý',
  annual: 'Báo cáo đánh giá năm',
  camp: 'Đề cử hội trại',
  reminders: 'Nhắc việc',
  members: 'Thư tóm tắt hành trình',
  phase: 'Báo cáo tổng kết giai đoạn',
  retention: 'Xoá dữ liệu hết hạn lưu trữ',
};

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  queued: 'Chờ gửi',
  sent: 'Đã gửi',
  deferred: 'Hoãn sang ngày sau',
  failed: 'Gửi lỗi',
};

/** The sending account: a Google Workspace mailbox (service account with delegation) or a consumer Gmail account. */
export const ACCOUNT_TYPES = ['workspace', 'consumer'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Messages a day Gmail accepts from the account (Workspace through the Gmail API; a consumer account about 500). */
export const DAILY_QUOTA: Record<AccountType, number> = { workspace: 2_000, consumer: 500 };

/** The share of the quota the budget uses by default, leaving room for people writing from the same mailbox. */
export const BUDGET_SHARE = 0.8;

/** @example defaultDailyBudget('workspace') // 1600 */
export function defaultDailyBudget(account: AccountType): number {
  return Math.floor(DAILY_QUOTA[account] * BUDGET_SHARE);
}

/** Waits after the n-th failed attempt (1-based), in minutes; after the last the mail stays failed until someone looks. */
export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 5, 15, 60, 180, 360, 720, 1_440];
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * When a mail that failed `attempts` times is tried again, or null when it is not retried any more.
 * @example retryAt(new Date('2019-05-01T00:00:00Z'), 1) // 2019-05-01T00:01:00Z
 */
export function retryAt(now: Date, attempts: number): Date | null {
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

/** The budget's day: the calendar date in Vietnam. */
export function budgetDay(now: Date): IsoDate {
  return localDate(now);
}

/**
 * The first instant of the next budget day (00:00 in Asia/Ho_Chi_Minh), when deferred mail may go.
 * @example nextBudgetDay(new Date('2019-05-01T10:00:00Z')) // 2019-05-01T17:00:00Z (00:00 on 02/05 in Vietnam)
 */
export function nextBudgetDay(now: Date): Date {
  const local = new TZDate(now.getTime(), TIME_ZONE);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 0, 0, 0, TIME_ZONE).getTime());
}

/** A mail waiting to go, as the drain chooses among them. */
export interface Waiting {
  id: string;
  kind: MailKind;
  to: string;
  priority: Priority;
  /** Notices queued the same (Vietnam) day for the same person may be merged when the budget is short. */
  day: IsoDate;
}

/** One message to send: usually one mail; several notices to one person merged into one when the budget is short. */
export type SendUnit = readonly Waiting[];

/**
 * Chooses what to send from the waiting mail, best first, within `capacity` messages. When more mail waits than the
 * budget holds (`short`), notices to the same person on the same day go as one message.
 * @example planSends([a, b], 1, false) // [[a]]
 */
export function planSends(candidates: readonly Waiting[], capacity: number, short: boolean): SendUnit[] {
  const ordered = [...candidates].sort((a, b) => a.priority - b.priority);
  const units: Waiting[][] = [];
  const noticeUnit = new Map<string, Waiting[]>();
  for (const mail of ordered) {
    const key = `${mail.to}\u0000${mail.day}`;
    const joined = short && mail.kind === 'notice' ? noticeUnit.get(key) : undefined;
    if (joined) {
      joined.push(mail);
      continue;
    }
    if (units.length >= capacity) continue;
    const unit = [mail];
    units.push(unit);
    if (mail.kind === 'notice') noticeUnit.set(key, unit);
  }
  return units;
}
