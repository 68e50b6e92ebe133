// The "Thư" tab of the master spreadsheet: the year's outbox by state, the day's sending budget, and the failed mail
// with its reasons. Rewritten whole (a few hundred cells at most) and at most every MAIL_TAB_EVERY_MS.
import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import { displayDate, displayInstant } from '../domain/dates';
import { budgetDay, MAIL_KIND_LABELS, MAIL_STATUS_LABELS, MAIL_STATUSES } from '../domain/mail';
import type { MailBudgetUse, MailCounts, MailStore, OutboxMail, Store } from '../ports';
import type { Row } from './cells';
import { boldRow, updateRows } from './requests';
import { gridRowsFor } from './state';
import { resetTab, type TabState } from './tabs';
import { masterSheet } from './work';

export const MAIL_TAB = 'Thư';

export const MAIL_TAB_COLUMNS = ['Trạng thái', 'Số thư', 'Ghi chú', '', '', '', ''] as const;
export const MAIL_FAILURE_COLUMNS = [
  'Người nhận',
  'Loại thư',
  'Kỳ',
  'Tiêu đề',
  'Lý do',
  'Số lần thử',
  'Thử lại lúc',
] as const;

/** Failed mail listed on the tab, newest first; the rest are counted (the outbox route lists them all). */
export const MAIL_TAB_FAILURES = 200;

/**
 * How often, at most, the tab is rewritten: each rewrite is a Sheets write request, so a day of sending costs at
 * most 720 of them (under 1 % of the per-minute quota), and the tab is never more than this late.
 */
export const MAIL_TAB_EVERY_MS = 2 * 60_000;

/** What the tab is read from: the outbox and the day's budget. */
export interface MailTabSource {
  store: MailStore;
  dailyBudget: number;
}

export interface MailTabFacts {
  year: number;
  counts: MailCounts;
  budget: MailBudgetUse;
  dailyBudget: number;
  /** The newest failed mail, at most `MAIL_TAB_FAILURES` (`counts.failed` says how many there are in all). */
  failures: readonly OutboxMail[];
  at: Date;
}

const count = (n: number): string => n.toLocaleString('vi-VN');

const NOTES: Record<(typeof MAIL_STATUSES)[number], string> = {
  queued: 'Đang chờ đến lượt gửi trong hạn mức hôm nay.',
  sent: '',
  deferred: 'Vượt hạn mức trong ngày: tự động gửi từ 00:00 ngày hôm sau theo thứ tự ưu tiên, không thư nào bị bỏ.',
  failed: 'Xem danh sách bên dưới: thư lỗi tạm thời được tự động thử lại.',
};

/** The tab's rows below its header: counts by state, the day's budget, when it was read, then the failed mail. */
export function mailTabRows(facts: MailTabFacts): { rows: Row[]; failureHeader: number } {
  const { counts, budget, dailyBudget, at } = facts;
  const rows: Row[] = MAIL_STATUSES.map((status) => [
    MAIL_STATUS_LABELS[status],
    counts[status],
    counts[status] > 0 ? NOTES[status] : '',
  ]);
  const share = dailyBudget > 0 ? Math.round((budget.used / dailyBudget) * 1000) / 10 : 0;
  rows.push(['Tổng cộng', MAIL_STATUSES.reduce((n, s) => n + counts[s], 0), `Thư của năm ${String(facts.year)}.`]);
  rows.push([]);
  rows.push([
    `Hạn mức hôm nay (${displayDate(budget.day)})`,
    budget.used,
    `Đã dùng ${count(budget.used)}/${count(dailyBudget)} thư (${share.toLocaleString('vi-VN')} %), tính chung mọi năm; hạn mức đặt lại lúc 00:00.`,
  ]);
  rows.push([
    'Cập nhật lúc',
    displayInstant(at),
    'Bảng này do hệ thống ghi, cập nhật vài phút một lần; mọi sửa đổi sẽ bị ghi đè.',
  ]);
  rows.push([]);
  const failureHeader = rows.length + 1;
  rows.push([...MAIL_FAILURE_COLUMNS]);
  const failures = [...facts.failures].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt) || a.id.localeCompare(b.id));
  if (failures.length === 0) rows.push(['Không có thư nào gửi lỗi.']);
  for (const mail of failures.slice(0, MAIL_TAB_FAILURES)) {
    rows.push([
      mail.to,
      MAIL_KIND_LABELS[mail.kind],
      mail.period,
      mail.subject,
      mail.reason ?? '',
      mail.attempts,
      mail.retrying
        ? displayInstant(new Date(mail.dueAt))
        : 'Không tự thử lại: xin kiểm tra địa chỉ người nhận trong kế hoạch năm hoặc trong đăng ký của đoàn viên.',
    ]);
  }
  const shown = Math.min(failures.length, MAIL_TAB_FAILURES);
  if (counts.failed > shown) {
    rows.push([
      `Còn ${count(counts.failed - shown)} thư lỗi cũ hơn không hiện ở đây; danh sách đầy đủ: GET /v1/years/${String(facts.year)}/mail?status=failed.`,
    ]);
  }
  return { rows, failureHeader };
}

/** Reads what the tab shows: four counts, the budget counter and the year's newest failed mail. */
export async function readMailTab(source: MailTabSource, year: number, at: Date): Promise<MailTabFacts> {
  // The newest page only: the tab is rewritten every few minutes, and its reads stay the same however many failed.
  const [counts, budget, failures] = await Promise.all([
    source.store.counts(year),
    source.store.budgetUse(budgetDay(at)),
    source.store.page(year, { status: 'failed', limit: MAIL_TAB_FAILURES, newest: true }),
  ]);
  return { year, counts, budget, dailyBudget: source.dailyBudget, failures: failures.items, at };
}

/** The whole tab as batchUpdate requests: one write whether it comes with row updates or a full sync. */
export function mailTabRequests(
  sheetId: number,
  info: TabState | undefined,
  facts: MailTabFacts,
): sheets_v4.Schema$Request[] {
  const { rows, failureHeader } = mailTabRows(facts);
  const width = MAIL_TAB_COLUMNS.length;
  return [
    ...resetTab(sheetId, info, gridRowsFor(rows.length + 1), width),
    boldRow(sheetId, 0),
    boldRow(sheetId, failureHeader),
    updateRows(sheetId, 0, [[...MAIL_TAB_COLUMNS], ...rows], width),
  ];
}

// ---------- When the tab is rewritten: a small state document per year, `views/{year}/mail`.

const MAIL_TAB_STATE = 'mail';

const MailTabStateSchema = z.object({
  /** When a flush last read the outbox for the tab. */
  shownAt: z.string().nullable().default(null),
  /** When a rewrite was last asked for; one is waiting while this is later than `shownAt`. */
  askedAt: z.string().nullable().default(null),
});
type MailTabState = z.infer<typeof MailTabStateSchema>;

async function readState(read: (year: number, name: string) => Promise<unknown>, year: number): Promise<MailTabState> {
  const parsed = MailTabStateSchema.safeParse(await read(year, MAIL_TAB_STATE));
  return parsed.success ? parsed.data : { shownAt: null, askedAt: null };
}

/** A rewrite asked for that did not happen this long after it was due (its task lost) is asked for again. */
const ASK_EXPIRES_MS = 10 * 60_000;

function waiting(state: MailTabState, now: Date): boolean {
  if (state.askedAt === null) return false;
  if (state.shownAt !== null && state.askedAt <= state.shownAt) return false;
  return now.getTime() - Date.parse(state.askedAt) < MAIL_TAB_EVERY_MS + ASK_EXPIRES_MS;
}

/**
 * The outbox of `year` changed: asks for the tab to be rewritten, unless a rewrite is already waiting (it will read
 * the outbox as it is then). Answers in how many milliseconds the master spreadsheet should be flushed (at least
 * MAIL_TAB_EVERY_MS after the last rewrite), or null when nothing is to be scheduled. A plain read first, so a burst
 * of submissions reads one small document each and writes it once per interval.
 */
export async function askMailTab(store: Store, year: number, now: Date): Promise<number | null> {
  if (waiting(await readState((y, n) => store.getViewState(y, n), year), now)) return null;
  return store.transaction(`view:${year}:${MAIL_TAB_STATE}`, async (tx) => {
    const state = await readState((y, n) => tx.getViewState(y, n), year);
    if (waiting(state, now)) return null;
    tx.putViewState(year, MAIL_TAB_STATE, { ...state, askedAt: now.toISOString() });
    tx.enqueueViewWork([{ spreadsheet: masterSheet(year), item: { kind: 'mail', id: 'outbox' } }]);
    const due = state.shownAt === null ? now.getTime() : Date.parse(state.shownAt) + MAIL_TAB_EVERY_MS;
    return Math.max(0, due - now.getTime());
  });
}

/** Records that the tab is read now (before reading), so a change after this point asks for another rewrite. */
export async function markMailTabShown(store: Store, year: number, now: Date): Promise<void> {
  await store.transaction(`view:${year}:${MAIL_TAB_STATE}`, async (tx) => {
    const state = await readState((y, n) => tx.getViewState(y, n), year);
    tx.putViewState(year, MAIL_TAB_STATE, { ...state, shownAt: now.toISOString() });
  });
}
