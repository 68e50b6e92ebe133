// Reading the outbox (GET …/mail, the CLI) and draining it (the task callback).
import type { MailStatus } from '../../domain/mail';
import type { Page, PageRequest } from '../../ports';
import type { AppContext } from '../context';
import { drainOutbox, type DrainReport } from './drain';

/** One e-mail as `GET /v1/years/{year}/mail` answers it (API.md). */
export interface MailView {
  id: string;
  kind: string;
  period: string;
  to: string;
  subject: string;
  status: MailStatus;
  reason?: string;
  queuedAt: string;
  sentAt?: string;
  /** Beyond API.md: when it may go (a retry, the next day), whether it still waits to go, and the message that carried it when merged. */
  dueAt: string;
  retrying: boolean;
  attempts: number;
  mergedInto?: string;
}

/** One page of the year's e-mails, oldest queued first. */
export async function listMail(
  ctx: AppContext,
  year: number,
  request: PageRequest<MailStatus>,
): Promise<Page<MailView>> {
  if (!ctx.mail) return { items: [], next: null };
  const page = await ctx.mail.store.page(year, request);
  const items = page.items.map((m) => ({
    id: m.id,
    kind: m.kind,
    period: m.period,
    to: m.to,
    subject: m.subject,
    status: m.status,
    ...(m.reason === null ? {} : { reason: m.reason }),
    queuedAt: m.queuedAt,
    ...(m.sentAt === null ? {} : { sentAt: m.sentAt }),
    dueAt: m.dueAt,
    retrying: m.retrying,
    attempts: m.attempts,
    ...(m.mergedInto === null ? {} : { mergedInto: m.mergedInto }),
  }));
  return { items, next: page.next };
}

export async function drainMail(ctx: AppContext): Promise<DrainReport | undefined> {
  return ctx.mail ? drainOutbox(ctx.mail, ctx.clock) : undefined;
}
