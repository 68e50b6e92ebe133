// Reading the outbox (GET …/mail, the CLI) and draining it (the task callback).
import { MAIL_STATUSES, type MailStatus } from '../../domain/mail';
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

export function isMailStatus(value: string | null): value is MailStatus {
  return value !== null && (MAIL_STATUSES as readonly string[]).includes(value);
}

export async function listMail(ctx: AppContext, year: number, status?: MailStatus): Promise<MailView[]> {
  if (!ctx.mail) return [];
  const mails = await ctx.mail.store.list(year, status);
  return mails.map((m) => ({
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
}

export async function drainMail(ctx: AppContext): Promise<DrainReport | undefined> {
  return ctx.mail ? drainOutbox(ctx.mail, ctx.clock) : undefined;
}
