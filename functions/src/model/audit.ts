// An entry of the audit trail (`audit/{id}`): who changed what, and from where.
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  source: string;
  detail: Record<string, unknown>;
}
