// The outbox (`mail/{id}`, `mailContent/{key}`, `mailBudget/{day}`): one document per e-mail, the day's budget
// counter, and the letters they carry.
import type { Letter } from '../domain/letter';
import type { MailKind, MailStatus, Priority } from '../domain/mail';
import type { Page, PageRequest } from './paging';

/** An e-mail to queue: one recipient, an id derived from what it is about, so a repeat queues nothing new. */
export interface MailDraft {
  id: string;
  year: number;
  kind: MailKind;
  /** `2019-W05`, `2019-Q2`, `2019`, `2018-2022`; a notice's is the day it was queued. */
  period: string;
  to: string;
  priority: Priority;
  subject: string;
  letter: Letter;
  /** When several recipients get the same letter (a unit's report), it is stored once under this key; null: kept with the mail. */
  contentKey: string | null;
}

/** An e-mail as the outbox holds it: the draft's fields (its letter kept apart), and how its sending went. */
export interface OutboxMail extends Omit<MailDraft, 'letter'> {
  status: MailStatus;
  reason: string | null;
  attempts: number;
  queuedAt: string;
  /** When it may go (a retry's time, or the next day when deferred). */
  dueAt: string;
  sentAt: string | null;
  /** Whether it still waits to go (queued, deferred, or failed and retried at `dueAt`). */
  retrying: boolean;
  /** The `Message-ID` header: the same on a resend, so a mailbox shows one message. */
  messageId: string;
  /** Notices merged into one message name the mail that carried them. */
  mergedInto: string | null;
}

/** Mail that may be sent now, claimed for one sender: what the budget allowed, in send units (merged notices together). */
export interface MailClaim {
  units: OutboxMail[][];
  /** The day's budget is used up: nothing more goes today. */
  exhausted: boolean;
}

export interface MailBudgetUse {
  day: string;
  used: number;
}

export interface MailCounts {
  queued: number;
  sent: number;
  deferred: number;
  failed: number;
}

/** The outbox inside a store transaction, for a notice stored with the submission that caused it. */
export interface OutboxTx {
  /** Whether an e-mail with this id was ever queued (read before the first write, like every read). */
  mailExists(id: string): Promise<boolean>;
  /** Queues an e-mail with the change (a member's notice): stored, or not at all, with the submission. */
  queueMail(draft: MailDraft, now: Date): void;
}

/** Queueing and reading the outbox. */
export interface OutboxQueue {
  /**
   * Queues every draft not queued before (create-if-absent, in transactions) with its shared content. Drafts past
   * `fitToday` (how many may still go today) are stored deferred to `nextDay`. Answers the ids created and existing.
   */
  queue(
    drafts: readonly MailDraft[],
    now: Date,
    fitToday: number,
    nextDay: Date,
  ): Promise<{ created: string[]; existing: string[] }>;
  /** Which of these ids were queued before (for a dry run). */
  existing(ids: readonly string[]): Promise<Set<string>>;
  letter(mail: OutboxMail): Promise<Letter | undefined>;
  /** One page of the year's mail by time queued (`newest`: newest first): its reads are the page's. */
  page(year: number, request: PageRequest<MailStatus> & { newest?: boolean }): Promise<Page<OutboxMail>>;
  counts(year: number): Promise<MailCounts>;
  /**
   * Every e-mail addressed to `to` (a member's own copy of their data), with the letter when it is the mail's own (a
   * notice) rather than shared: an equality query on the recipient, its reads that person's mail.
   */
  mailTo(to: string): Promise<(OutboxMail & { letter: Letter | null })[]>;
}

/** Sending from the outbox: the day's budget, claims, outcomes. */
export interface OutboxSending {
  /** Mail waiting and due now with this priority or a higher one (a smaller number), for the budget's outlook. */
  dueCount(now: Date, upToPriority: Priority): Promise<number>;
  budgetUse(day: string): Promise<MailBudgetUse>;
  /**
   * Claims up to `max` send units of due mail, best priority first, counting each against the day's budget `limit`
   * in the same transaction. A claim expires after `claimMs`: mail claimed by a sender that died goes again.
   */
  claim(request: { now: Date; day: string; limit: number; max: number; claimMs: number }): Promise<MailClaim>;
  markSent(unit: readonly OutboxMail[], at: Date, providerId: string | null): Promise<void>;
  /** A failed send: retried at `retryAt`, or kept failed when null; its place in the day's budget is given back. */
  markFailed(unit: readonly OutboxMail[], reason: string, retryAt: Date | null, day: string): Promise<void>;
  /** Claimed mail not sent (the run stopped early): waits again as before; its budget given back. */
  release(units: readonly (readonly OutboxMail[])[], day: string): Promise<void>;
  /** Due mail that does not fit today: deferred to `nextDay`. Answers how many, and the years they belong to. */
  deferDue(now: Date, nextDay: Date): Promise<{ deferred: number; years: number[] }>;
  /** When the next waiting mail falls due (a retry, the next day), or undefined when nothing waits. */
  nextDue(): Promise<Date | undefined>;
}

/** The Firestore outbox: one document per e-mail, the day's budget counter, and the letters they carry. */
export interface MailStore extends OutboxQueue, OutboxSending {}
