// The outbox as stored: `mail/{id}` per e-mail, `mailContent/{key}` for a letter shared by recipients,
// `mailBudget/{day}` for the day's sending budget.
import { z } from 'zod';
import { MAIL_KINDS, MAIL_STATUSES, PRIORITIES } from '../domain/mail';

export const MailDocSchema = z.object({
  id: z.string(),
  year: z.number(),
  kind: z.enum(MAIL_KINDS),
  period: z.string(),
  to: z.string(),
  priority: z.literal(PRIORITIES),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  reason: z.string().nullable(),
  attempts: z.number(),
  queuedAt: z.string(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  messageId: z.string(),
  mergedInto: z.string().nullable(),
  contentKey: z.string().nullable(),
  /** The letter as JSON when it is the mail's own (notices); null when shared (`mailContent/{contentKey}`). */
  letter: z.string().nullable(),
  /** The (Vietnam) day it was queued: notices of one day to one person may be merged. */
  day: z.string(),
  claimedUntil: z.string().nullable(),
  providerId: z.string().nullable(),
  /** Where it waits (priority, due time, queue time, id), or past every band once it waits no more. */
  waiting: z.string().optional(),
});
export type MailDoc = z.infer<typeof MailDocSchema>;

/** `mailContent/{key}`: a letter as JSON, shared by every mail whose `contentKey` names it. */
export const MailContentDocSchema = z.object({ key: z.string(), letter: z.string() });
export type MailContentDoc = z.infer<typeof MailContentDocSchema>;

/** `mailBudget/{day}`: how many send units the (Vietnam) day has used. */
export const MailBudgetDocSchema = z.object({ day: z.string(), used: z.number() });
export type MailBudgetDoc = z.infer<typeof MailBudgetDocSchema>;
