// An entry of the audit trail (`audit/{id}`): who changed what, with which role, and from where.
import type { Role } from './role';

export interface AuditEntry {
  at: string;
  /** Whom the change is about or who decided it (the member, the evaluator), else the caller's name. */
  actor: string;
  /** The role the request was let in with (API.md "Roles"). */
  role: Role | null;
  /** Who made the change: the administrator's e-mail, `Apps Script triggers`, `Cloud Tasks`, `local secret`. */
  by: string;
  action: string;
  target: string;
  source: string;
  detail: Record<string, unknown>;
}
