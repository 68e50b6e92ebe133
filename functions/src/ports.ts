// The interfaces the use cases need: the store, the clock, and whoever keeps views (sheets) up to date.
import type { AuditEntry, EvidenceDoc, InboxDoc, JourneyDoc, MemberDoc, YearDoc } from './model';

/** Reads and writes inside one transaction: every read happens before the first write. */
export interface StoreTx {
  getJourney(year: number, memberId: string): Promise<JourneyDoc | undefined>;
  getEvidence(year: number, evidenceId: string): Promise<EvidenceDoc | undefined>;
  getInbox(key: string): Promise<InboxDoc | undefined>;
  getMember(memberId: string): Promise<MemberDoc | undefined>;
  putMember(doc: MemberDoc): void;
  getYear(year: number): Promise<YearDoc | undefined>;
  /** Stores a new version of the year's plan, keeping every earlier version with the body as received. */
  putYear(doc: YearDoc, received: string): void;
  putJourney(doc: JourneyDoc): void;
  putEvidence(doc: EvidenceDoc): void;
  putInbox(doc: InboxDoc): void;
  appendAudit(entry: AuditEntry): void;
  /** Records, with the change itself, which view rows must be rewritten: nothing is lost if the process dies. */
  enqueueViewWork(items: readonly ViewWork[]): void;
}

export interface Store {
  /**
   * Runs `work` in a transaction. Work for the same `lockKey` (a member) is also serialised inside
   * this process, which is what keeps concurrent decisions correct on the embedded emulator.
   */
  transaction<T>(lockKey: string, work: (tx: StoreTx) => Promise<T>): Promise<T>;
  getYear(year: number): Promise<YearDoc | undefined>;
  getInbox(key: string): Promise<InboxDoc | undefined>;
  /** Stores a submission as received, before anything else looks at it. */
  putInbox(doc: InboxDoc): Promise<void>;
  getJourney(year: number, memberId: string): Promise<JourneyDoc | undefined>;
  getEvidence(year: number, evidenceId: string): Promise<EvidenceDoc | undefined>;
  getMember(memberId: string): Promise<MemberDoc | undefined>;
  listJourneys(year: number): Promise<JourneyDoc[]>;
  listEvidence(year: number): Promise<EvidenceDoc[]>;
  listEvidenceInQueue(year: number, queue: string): Promise<EvidenceDoc[]>;
  listInbox(year: number, status?: InboxDoc['status']): Promise<InboxDoc[]>;
  listAudit(limit: number): Promise<AuditEntry[]>;
  /** Small documents the views keep for themselves (spreadsheet registry, row positions), by name. */
  getViewState(year: number, name: string): Promise<unknown>;
  putViewState(year: number, name: string, data: Record<string, unknown>): Promise<void>;
  enqueueViewWork(items: readonly ViewWork[]): Promise<void>;
  /** Pending view work for one target (spreadsheet), or for all targets when `target` is null. */
  listViewWork(target: string | null, limit: number): Promise<QueuedViewWork[]>;
  deleteViewWork(ids: readonly string[]): Promise<void>;
}

/** A view row to rewrite: which spreadsheet (`target`) and which item on it (`key`, e.g. `member:m-…`). */
export interface ViewWork {
  target: string;
  key: string;
}

export interface QueuedViewWork extends ViewWork {
  id: string;
}

export type Clock = () => Date;

/** What changed after an accepted submission, for the views (sheets) to follow. */
export type Change =
  | { kind: 'config'; year: number }
  | { kind: 'journey'; year: number; memberId: string }
  | { kind: 'evidence'; year: number; memberId: string; evidenceId: string; queues: string[] }
  | { kind: 'refused'; year: number | null; inboxKey: string };

export interface ChangeListener {
  /** The view rows a change makes stale; stored in the same transaction as the change. */
  workFor(change: Change): ViewWork[];
  /** Called after the change is committed: schedule the writes. */
  changed(change: Change): void;
}

/** Raised by a store when storage cannot be reached: nothing was stored, the caller retries. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
