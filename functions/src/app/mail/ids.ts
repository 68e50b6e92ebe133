// E-mail ids derived from what a mail is about, so a trigger firing twice or a report run twice queues nothing new.
import { createHash } from 'node:crypto';
import type { MailKind } from '../../domain/mail';
import { normalizeName } from '../../domain/text';

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 20);

/**
 * A report's mail to one recipient: (kind, period, recipient), and the scope when one recipient may get several
 * (the reports of two units to one party committee member).
 * @example reportMailId('quarterly', '2019-Q2', 'capuy.stp@example.vn', 'STP') // 'quarterly-2019-Q2-…'
 */
export function reportMailId(kind: MailKind, period: string, recipient: string, scope = ''): string {
  return `${kind}-${period}-${digest(`${kind}\u0000${period}\u0000${scope}\u0000${normalizeName(recipient)}`)}`;
}

/**
 * A member's one routine mail of a week: the weekly summary and the reminder share it, so a member never gets both
 * in one week (SPEC §7: at most one routine e-mail per recipient per week, plus notices).
 */
export function memberWeekMailId(week: string, recipient: string): string {
  return `member-${week}-${digest(`member\u0000${week}\u0000${normalizeName(recipient)}`)}`;
}

/** A notice about a submission: the submission's own key, so a repeat of it never queues a second notice. */
export function noticeMailId(inboxKey: string): string {
  return `notice-${inboxKey}`;
}

/**
 * The key of the notice telling a member a base union nominated them: one per list edit and nominee, so an edit
 * delivered twice tells nobody twice, and a member removed then nominated again is told again.
 */
export function nominationNoticeKey(year: number, unitId: string, editId: string, email: string): string {
  return `nominated-${String(year)}-${digest(`${unitId}\u0000${editId}\u0000${normalizeName(email)}`)}`;
}

/** The key of a letter several recipients share (a unit's quarterly report to each of its party committee). */
export function contentKey(kind: MailKind, period: string, scope: string): string {
  return `${kind}-${period}-${digest(`${kind}\u0000${period}\u0000${scope}`)}`;
}

/** Well-formed enough to send to: one address, no spaces, a domain with a dot. */
export function isSendableAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(value);
}
