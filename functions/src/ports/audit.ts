// The audit trail (`audit/{id}`): who changed what, appended with the change.
import type { AuditEntry } from '../model';

/** The audit trail inside a transaction. */
export interface AuditTx {
  appendAudit(entry: AuditEntry): void;
}

export interface AuditStore {
  listAudit(limit: number): Promise<AuditEntry[]>;
}
