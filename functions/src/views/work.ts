// What the views must rewrite: spreadsheets as targets, the rows a change makes stale, and what one flush carries.
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../model';
import type { Change, SpreadsheetKey, ViewWork } from '../ports';

/** The rows one flush of a spreadsheet rewrites; `full` rebuilds the whole spreadsheet. */
export interface Pending {
  full: boolean;
  members: Set<string>;
  refused: Set<string>;
  evidence: Set<string>;
  /** The master spreadsheet's line about the last sync. */
  progress: boolean;
  /** The master spreadsheet's "Thư" tab (the outbox). */
  mail: boolean;
  /** The master spreadsheet's "Yêu cầu dữ liệu" tab (members' data requests). */
  dataRequests: boolean;
}

export function pending(
  part: Partial<{
    full: boolean;
    members: string[];
    refused: string[];
    evidence: string[];
    progress: boolean;
    mail: boolean;
    dataRequests: boolean;
  }>,
): Pending {
  return {
    full: part.full ?? false,
    members: new Set(part.members),
    refused: new Set(part.refused),
    evidence: new Set(part.evidence),
    progress: part.progress ?? false,
    mail: part.mail ?? false,
    dataRequests: part.dataRequests ?? false,
  };
}

/** Whether a flush has anything to write. */
export function hasWork(work: Pending): boolean {
  return (
    work.full ||
    work.progress ||
    work.mail ||
    work.dataRequests ||
    work.members.size + work.refused.size + work.evidence.size > 0
  );
}

export const masterSheet = (year: number): SpreadsheetKey => ({ kind: 'master', year });
export const queueSheet = (year: number, queue: string): SpreadsheetKey => ({ kind: 'queue', year, queue });

/** A spreadsheet as a map key and in logs; never parsed back. */
export function sheetLabel(spreadsheet: SpreadsheetKey): string {
  return spreadsheet.kind === 'master'
    ? `master ${spreadsheet.year}`
    : `queue ${spreadsheet.year} ${spreadsheet.queue}`;
}

/** Work items read per flush: one spreadsheet write carries at most this many rows. */
export const FLUSH_BATCH = 500;

/** The rows a change makes stale, by spreadsheet. Pure: the submission stores them in its own transaction. */
export function viewWorkFor(change: Change): ViewWork[] {
  switch (change.kind) {
    case 'journey':
      return [{ spreadsheet: masterSheet(change.year), item: { kind: 'member', id: change.memberId } }];
    case 'evidence':
      return change.queues.map((queue) => ({
        spreadsheet: queueSheet(change.year, queue),
        item: { kind: 'evidence', id: change.evidenceId },
      }));
    case 'refused':
      return change.year === null
        ? []
        : [{ spreadsheet: masterSheet(change.year), item: { kind: 'refused', id: change.inboxKey } }];
    // The "Thư" tab (`mail`) is asked for at most every few minutes (views/mail-tab.ts), not once per change.
    // One item per request: a flush rewrites the whole (small) tab once, whatever number of requests it carries.
    case 'data_request':
      return [{ spreadsheet: masterSheet(change.year), item: { kind: 'data_request', id: change.requestId } }];
    case 'config':
    case 'nominations':
    case 'mail':
      return [];
  }
}

export function pendingFromWork(items: readonly ViewWork[]): Pending {
  const work = pending({});
  for (const { item } of items) {
    if (item.kind === 'member') work.members.add(item.id);
    else if (item.kind === 'refused') work.refused.add(item.id);
    else if (item.kind === 'sync') work.progress = true;
    else if (item.kind === 'mail') work.mail = true;
    else if (item.kind === 'data_request') work.dataRequests = true;
    else work.evidence.add(item.id);
  }
  return work;
}

export const sortJourneys = (items: JourneyDoc[]): JourneyDoc[] =>
  [...items].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.memberId.localeCompare(b.memberId));
export const sortInbox = (items: InboxDoc[]): InboxDoc[] =>
  [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.key.localeCompare(b.key));
export const sortEvidence = (items: EvidenceDoc[]): EvidenceDoc[] =>
  [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.evidenceId.localeCompare(b.evidenceId));
