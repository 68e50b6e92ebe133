// The audit entry of a change an operator asked for (not a submission): who, with which role, did what to what.
import type { AuditEntry } from '../model';
import type { Caller } from './context';

export function callerAudit(
  caller: Caller,
  at: string,
  change: { action: string; target: string; detail?: Record<string, unknown> },
): AuditEntry {
  return {
    at,
    actor: caller.name,
    role: caller.role,
    by: caller.identity,
    action: change.action,
    target: change.target,
    source: `${caller.name} ${caller.address}`.trim(),
    detail: change.detail ?? {},
  };
}
