// Sending what the day's budget allows, best priority first; a failed send waits and is retried; what does not fit waits for tomorrow.
import { displayDate, localDate } from '../../domain/dates';
import type { Letter } from '../../domain/letter';
import { budgetDay, MAIL_KIND_LABELS, nextBudgetDay, retryAt } from '../../domain/mail';
import { MailSendError, type OutboxMail } from '../../ports';
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
  return report;
}

async function drainRun(
  mail: MailServices,
  clock: () => Date,
  limits: DrainLimits,
  years: Set<number>,
  signal?: AbortSignal,
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0, deferred: 0, next: null };
  const { mailer, store } = mail;
  if (!mailer) {
    mail.log('mail: no sending account configured; mail stays queued');
    return report;
  }
  const started = clock().getTime();
  const schedule = async (at: Date): Promise<void> => {
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
      if (claim.exhausted) {
        const tomorrow = nextBudgetDay(now);
        const deferred = await store.deferDue(now, tomorrow);
        report.deferred += deferred.deferred;
        for (const year of deferred.years) years.add(year);
        await schedule(tomorrow);
      } else {
        const next = await store.nextDue();
        if (next) await schedule(next.getTime() > now.getTime() ? next : now);
      }
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
        const letter = await letterOf(mail, unit);
        const raw = await mail.composer.compose({
          from: mail.sender,
          to: leader.to,
          letter,
          messageId: leader.messageId,
          date: clock(),
          headers: {
            'X-Journey-Mail-Id': leader.id,
            'X-Journey-Kind': leader.kind,
            'X-Journey-Kind-Label': MAIL_KIND_LABELS[leader.kind],
            'X-Journey-Period': leader.period,
            // RFC 3834: automatic mail; well-behaved auto-responders do not answer it.
            'Auto-Submitted': 'auto-generated',
          },
        });
        const { providerId } = await mailer.send({ raw, to: leader.to, id: leader.id });
        await store.markSent(unit, clock(), providerId);
        report.sent += 1;
      } catch (error) {
        const permanent = error instanceof MailSendError ? error.permanent : false;
        const reason = error instanceof Error ? error.message : String(error);
        const attempts = leader.attempts + 1;
        const retry = permanent ? null : retryAt(clock(), attempts);
        await store.markFailed(
          unit,
          retry ? reason : `${reason} (đã thử ${String(attempts)} lần, không thử lại tự động)`,
          retry,
          day,
        );
        report.failed += 1;
        mail.log(
          `mail: sending ${leader.id} (${MAIL_KIND_LABELS[leader.kind]}) failed${retry ? `, retried at ${retry.toISOString()}` : ''}`,
          error,
        );
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
