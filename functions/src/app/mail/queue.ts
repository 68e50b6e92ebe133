// Queueing e-mails once: create-if-absent by id, deferred past today's budget, then the sending scheduled before the answer.
import { budgetDay, nextBudgetDay, type MailKind, type Priority } from '../../domain/mail';
import { isPseudonymousAddress } from '../../domain/erasure';
import type { MailDraft } from '../../ports';
import type { MailServices } from './context';

/** The answer of `POST /v1/years/{year}/reports/{kind}` (API.md "Reports and e-mail"). */
export interface ReportAnswer {
  kind: MailKind;
  period: string;
  queued: number;
  alreadySent: number;
  deferred: number;
  messages: { id: string; to: string; subject: string }[];
}

/**
 * Queues the drafts not queued before. The day's remaining budget, less the mail already waiting ahead of them, says
 * how many may still go today; the rest is stored deferred to tomorrow (never dropped). With `dryRun` nothing is
 * stored and the answer shows what would be queued.
 */
export async function queueDrafts(
  mail: MailServices,
  now: Date,
  report: { kind: MailKind; period: string },
  drafts: readonly MailDraft[],
  dryRun: boolean,
): Promise<ReportAnswer> {
  // An erased member's pseudonymous address is never written to.
  const ordered = drafts.filter((d) => !isPseudonymousAddress(d.to)).sort((a, b) => a.priority - b.priority);
  const worst = ordered.reduce<Priority>((p, d) => (d.priority > p ? d.priority : p), 0);
  const used = (await mail.store.budgetUse(budgetDay(now))).used;
  const ahead = await mail.store.dueCount(now, worst);
  const fitToday = Math.max(0, mail.dailyBudget - used - ahead);
  const describe = (d: MailDraft) => ({ id: d.id, to: d.to, subject: d.subject });
  if (dryRun) {
    const existing = await mail.store.existing(ordered.map((d) => d.id));
    const fresh = ordered.filter((d) => !existing.has(d.id));
    return {
      ...report,
      queued: fresh.length,
      alreadySent: existing.size,
      deferred: Math.max(0, fresh.length - fitToday),
      messages: fresh.map(describe),
    };
  }
  const { created, existing } = await mail.store.queue(ordered, now, fitToday, nextBudgetDay(now));
  // Awaited: the sending is scheduled (a Cloud Task exists) before the answer, never after it.
  const made = new Set(created);
  if (created.length > 0) {
    await mail.scheduler.request();
    for (const year of new Set(ordered.filter((d) => made.has(d.id)).map((d) => d.year)))
      await mail.outboxChanged?.(year);
  }
  return {
    ...report,
    queued: created.length,
    alreadySent: existing.length,
    deferred: Math.max(0, created.length - fitToday),
    messages: ordered.filter((d) => made.has(d.id)).map(describe),
  };
}
