// Sending what the day's budget allows, best priority first; a failed send waits and is retried; what does not fit waits for tomorrow.
import { displayDate, localDate } from '../../domain/dates';
import type { Letter } from '../../domain/letter';
import { budgetDay, MAIL_KIND_LABELS, nextBudgetDay, retryAt } from '../../domain/mail';
import { MailSendError, type Mailer, type OutboxMail } from '../../ports';
import type { MailServices } from './context';

export interface DrainLimits {
  /** Messages one run sends at most; then it asks for another run (a Cloud Task has 10 minutes). */
  maxMessages: number;
  maxMs: number;
  /** Send units claimed per transaction: the budget counter is written once per batch, not per message. */
  batch: number;
  /** How long a claim holds: mail claimed by a sender that died goes again after it. */
  claimMs: number;
}

export const DRAIN_LIMITS: DrainLimits = { maxMessages: 300, maxMs: 120_000, batch: 10, claimMs: 10 * 60_000 };

export interface DrainReport {
  sent: number;
  failed: number;
  deferred: number;
  /** When the next run was asked for, if one was. */
  next: string | null;
}

/** Several notices to one person, when the budget is short: one message listing each of them. */
export function mergeNotices(letters: readonly Letter[], day: string): Letter {
  const [first] = letters;
  if (!first || letters.length === 1)
    return first ?? { subject: '', preheader: '', greeting: '', blocks: [], closing: [], attachments: [] };
  return {
    subject: `Hành trình “Người Cộng sản trẻ”: ${String(letters.length)} thông báo ngày ${displayDate(day)}`,
    preheader: letters.map((l) => l.subject).join(' · '),
    greeting: first.greeting,
    blocks: [
      {
        kind: 'paragraph',
        text: `Hôm nay hệ thống có ${String(letters.length)} thông báo cho bạn, gộp trong một thư:`,
      },
      ...letters.flatMap((l) => [{ kind: 'heading' as const, text: l.subject }, ...l.blocks]),
    ],
    closing: first.closing,
    attachments: letters.flatMap((l) => l.attachments),
  };
}

async function letterOf(mail: MailServices, unit: readonly OutboxMail[]): Promise<Letter> {
  const letters: Letter[] = [];
  for (const m of unit) {
    const letter = await mail.store.letter(m);
    if (!letter) throw new MailSendError(`Không tìm thấy nội dung của thư ${m.id}`, true);
    letters.push(letter);
  }
  // The day in Vietnam: a notice queued at 06:30 there is queued on the previous day in UTC.
  const first = unit[0];
  return mergeNotices(letters, first ? localDate(new Date(first.queuedAt)) : '');
}

/**
 * Sends due mail until nothing is due, the day's budget is used up, or the run's limits are reached, then asks for
 * the next run (at once, at the next retry, or tomorrow). When the mail service fails, the run stops: that mail
 * waits with its retry time, the rest of the batch goes back in line, and nothing is lost. Then tells the views which
 * years' outboxes moved.
 */
export async function drainOutbox(
  mail: MailServices,
  clock: () => Date,
  limits: DrainLimits = DRAIN_LIMITS,
  signal?: AbortSignal,
): Promise<DrainReport> {
  const years = new Set<number>();
  const report = await drainRun(mail, clock, limits, years, signal);
  for (const year of years) await mail.outboxChanged?.(year);
  // Without a sending account nothing moves; the composition says so once, not at every drain.
  if (mail.mailer)
    mail.log({ severity: 'INFO', message: 'mail drained', fields: { ...report, years: [...years].map(String) } });
  return report;
}

type Schedule = (at: Date) => Promise<void>;

async function drainRun(
  mail: MailServices,
  clock: () => Date,
  limits: DrainLimits,
  years: Set<number>,
  signal?: AbortSignal,
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0, deferred: 0, next: null };
  const { mailer, store } = mail;
  if (!mailer) return report;
  const started = clock().getTime();
  const schedule: Schedule = async (at) => {
    report.next = at.toISOString();
    await mail.scheduler.request(at);
  };
  for (;;) {
    // Stopping (the local server shutting down): what is stored waits for the next start.
    if (signal?.aborted) return report;
    const now = clock();
    if (report.sent + report.failed >= limits.maxMessages || now.getTime() - started >= limits.maxMs) {
      await schedule(now);
      return report;
    }
    const day = budgetDay(now);
    const claim = await store.claim({ now, day, limit: mail.dailyBudget, max: limits.batch, claimMs: limits.claimMs });
    if (claim.units.length === 0) {
      report.deferred += await afterLastClaim(mail, claim.exhausted, now, years, schedule);
      return report;
    }
    for (const [index, unit] of claim.units.entries()) {
      const [leader] = unit;
      if (!leader) continue;
      years.add(leader.year);
      if (signal?.aborted) {
        await store.release(claim.units.slice(index), day);
        return report;
      }
      try {
        await sendUnit(mail, mailer, unit, leader, clock);
        report.sent += 1;
      } catch (error) {
        report.failed += 1;
        const { permanent, retry } = await recordFailure(mail, unit, leader, error, day, clock);
        if (!permanent) {
          // The service itself is failing: the rest of the batch waits in line again, the next run comes at the retry.
          await store.release(claim.units.slice(index + 1), day);
          const next = await store.nextDue();
          await schedule(next ?? retry ?? clock());
          return report;
        }
      }
    }
  }
}

/**
 * Nothing more to claim. Past the day's budget, what is due moves to tomorrow and the next run is tomorrow (answers
 * how many moved); otherwise the next run comes when the next mail is due, if any.
 */
async function afterLastClaim(
  mail: MailServices,
  exhausted: boolean,
  now: Date,
  years: Set<number>,
  schedule: Schedule,
): Promise<number> {
  if (exhausted) {
    const tomorrow = nextBudgetDay(now);
    const deferred = await mail.store.deferDue(now, tomorrow);
    for (const year of deferred.years) years.add(year);
    await schedule(tomorrow);
    return deferred.deferred;
  }
  const next = await mail.store.nextDue();
  if (next) await schedule(next.getTime() > now.getTime() ? next : now);
  return 0;
}

/** The headers every message of the outbox carries (a sent copy rewritten by an erasure too). */
export function mailHeaders(mail: Pick<OutboxMail, 'id' | 'kind' | 'period'>): Record<string, string> {
  return {
    'X-Journey-Mail-Id': mail.id,
    'X-Journey-Kind': mail.kind,
    'X-Journey-Kind-Label': MAIL_KIND_LABELS[mail.kind],
    'X-Journey-Period': mail.period,
    // RFC 3834: automatic mail; well-behaved auto-responders do not answer it.
    'Auto-Submitted': 'auto-generated',
  };
}

/** Composes one unit (a mail, or a member's notices merged) as its leader's message, sends it, and marks it sent. */
async function sendUnit(
  mail: MailServices,
  mailer: Mailer,
  unit: readonly OutboxMail[],
  leader: OutboxMail,
  clock: () => Date,
): Promise<void> {
  const letter = await letterOf(mail, unit);
  const raw = await mail.composer.compose({
    from: mail.sender,
    to: leader.to,
    letter,
    messageId: leader.messageId,
    date: clock(),
    headers: mailHeaders(leader),
  });
  const { providerId } = await mailer.send({ raw, to: leader.to, id: leader.id });
  await mail.store.markSent(unit, clock(), providerId);
}

/**
 * Stores a failed send with its reason and when it is retried (never for a permanent failure, nor after the last
 * attempt), and logs it. A failure that is not permanent is the mail service's own: the run stops.
 */
async function recordFailure(
  mail: MailServices,
  unit: readonly OutboxMail[],
  leader: OutboxMail,
  error: unknown,
  day: string,
  clock: () => Date,
): Promise<{ permanent: boolean; retry: Date | null }> {
  const permanent = error instanceof MailSendError ? error.permanent : false;
  const reason = error instanceof Error ? error.message : String(error);
  const attempts = leader.attempts + 1;
  const retry = permanent ? null : retryAt(clock(), attempts);
  await mail.store.markFailed(
    unit,
    retry ? reason : `${reason} (đã thử ${String(attempts)} lần, không thử lại tự động)`,
    retry,
    day,
  );
  mail.log({
    severity: permanent ? 'ERROR' : 'WARNING',
    message: 'mail: sending failed',
    error,
    fields: { mailId: leader.id, kind: leader.kind, retryAt: retry?.toISOString() ?? null },
  });
  return { permanent, retry };
}
