// The audit trail (`audit/{id}`): who changed what, appended with the change.
import type { AuditEntry } from '../model';

/** The audit trail inside a transaction. */
export interface AuditTx {
  appendAudit(entry: AuditEntry): void;
}

export interface AuditStore {
  /** A change made outside a transaction (registering spreadsheets, starting a sync, queueing a report). */
  recordAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}
