// What the views must rewrite: spreadsheets as targets, the rows a change makes stale, and what one flush carries.
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../model';
import type { Change, ViewWork } from '../ports';

/** The rows one flush of a spreadsheet rewrites; `full` rebuilds the whole spreadsheet. */
export interface Pending {
  full: boolean;
  members: Set<string>;
  refused: Set<string>;
  evidence: Set<string>;
}

export function pending(part: Partial<{ full: boolean; members: string[]; refused: string[]; evidence: string[] }>): Pending {
  return {
    full: part.full ?? false,
    members: new Set(part.members),
    refused: new Set(part.refused),
    evidence: new Set(part.evidence),
  };
}

export const masterTarget = (year: number): string => `master|${year}`;
export const queueTarget = (year: number, queue: string): string => `queue|${year}|${queue}`;

/** Work items read per flush: one spreadsheet write carries at most this many rows. */
export const FLUSH_BATCH = 500;

/** The rows a change makes stale, by spreadsheet. Pure: the submission stores them in its own transaction. */
export function viewWorkFor(change: Change): ViewWork[] {
  switch (change.kind) {
    case 'journey':
      return [{ target: masterTarget(change.year), key: `member:${change.memberId}` }];
    case 'evidence':
      return change.queues.map((queue) => ({ target: queueTarget(change.year, queue), key: `evidence:${change.evidenceId}` }));
    case 'refused':
      return change.year === null ? [] : [{ target: masterTarget(change.year), key: `refused:${change.inboxKey}` }];
    case 'config':
      return [];
  }
}

export function pendingFromWork(items: readonly ViewWork[]): Pending {
  const work = pending({});
  for (const { key } of items) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'member') work.members.add(id);
    else if (kind === 'refused') work.refused.add(id);
    else if (kind === 'evidence') work.evidence.add(id);
  }
  return work;
}

export const sortJourneys = (items: JourneyDoc[]): JourneyDoc[] =>
  [...items].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.memberId.localeCompare(b.memberId));
export const sortInbox = (items: InboxDoc[]): InboxDoc[] => [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.key.localeCompare(b.key));
export const sortEvidence = (items: EvidenceDoc[]): EvidenceDoc[] =>
  [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.evidenceId.localeCompare(b.evidenceId));
