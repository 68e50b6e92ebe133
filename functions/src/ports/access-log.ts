// The access log: each read of one member's personal data — who or which link, when, what (Law 91/2025/QH15). Kept for
// a set period (the adapter stamps each entry's expiry), then deleted by the store itself.
import type { Page, PageRequest } from './paging';

/** One read of a member's data. `by` names the caller (an administrator's e-mail, a role, the member's link). */
export interface AccessEntry {
  memberId: string;
  /** ISO-8601 instant of the read. */
  at: string;
  by: string;
  /** What was read, e.g. `journey 2019`, `member across the phase`, `journey book 2019`. */
  what: string;
}

export interface AccessLogStore {
  /** Appends one entry: one small document, never a shared one. */
  recordAccess(entry: AccessEntry): Promise<void>;
  /** Every entry kept for the member, newest first. */
  accessLogOf(memberId: string): Promise<AccessEntry[]>;
}

/** The member's entries one page at a time, newest first (the route's listing). */
export interface AccessLogPages {
  pageAccessLog(memberId: string, request: PageRequest<never>): Promise<Page<AccessEntry>>;
}
