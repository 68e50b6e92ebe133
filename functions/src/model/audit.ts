// An entry of the audit trail (`audit/{id}`): who changed what, with which role, and from where.
import { z } from 'zod';
import { ROLES } from './role';

export const AuditEntrySchema = z.object({
  at: z.string(),
  /** Whom the change is about or who decided it (the member, the evaluator), else the caller's name. */
  actor: z.string(),
  /** The role the request was let in with (API.md "Roles"). */
  role: z.enum(ROLES).nullable(),
  /** Who made the change: the administrator's e-mail, `Apps Script triggers`, `Cloud Tasks`, `local secret`. */
  by: z.string(),
  action: z.string(),
  target: z.string(),
  source: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
