// The interfaces the use cases need: the store, the clock, and whoever keeps views (sheets) up to date.
import type { RankStanding } from './domain/rank-index';
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
  /**
   * Stores a journey, which must have been read first in this transaction: the ranking index moves the
   * member from the key it counted to the new one in the same transaction.
   */
  putJourney(doc: JourneyDoc): void;
  putEvidence(doc: EvidenceDoc): void;
  putInbox(doc: InboxDoc): void;
  appendAudit(entry: AuditEntry): void;
  /** The views' own small documents (registry, row positions), read and written in the transaction. */
  getViewState(year: number, name: string): Promise<unknown>;
  /** Several of the views' documents in one round trip, in the order of `names` (undefined where absent). */
  getViewStates(year: number, names: readonly string[]): Promise<unknown[]>;
  putViewState(year: number, name: string, data: Record<string, unknown>): void;
  /** Records, with the change itself, which view rows must be rewritten: nothing is lost if the process dies. */
  enqueueViewWork(items: readonly ViewWork[]): void;
  getBookLinkVersion(memberId: string): Promise<number>;
  /** Kept on the member's record; the member's other writes never reset it. */
  putBookLinkVersion(memberId: string, version: number): void;
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
  /** Where a ranking key stands among the year's members, from the ranking index: a fixed number of small reads. */
  rankStanding(year: number, key: number): Promise<RankStanding | undefined>;
  /** Counts in the ranking index every journey of the year it does not count yet (stored before it existed); answers how many. */
  indexRanking(year: number): Promise<number>;
  /** A member's journey-book link version: 0 until first raised (raising it revokes every earlier link). */
  getBookLinkVersion(memberId: string): Promise<number>;
  /** The members whose link version was raised, with it; every other member is at 0. */
  listBookLinkVersions(): Promise<ReadonlyMap<string, number>>;
  listEvidence(year: number): Promise<EvidenceDoc[]>;
  listEvidenceInQueue(year: number, queue: string): Promise<EvidenceDoc[]>;
  listInbox(year: number, status?: InboxDoc['status']): Promise<InboxDoc[]>;
  /** The status of each inbox entry among `keys` that exists (one batched read, bodies not read). */
  inboxStatuses(keys: readonly string[]): Promise<ReadonlyMap<string, InboxDoc['status']>>;
  listAudit(limit: number): Promise<AuditEntry[]>;
  /** Small documents the views keep for themselves (spreadsheet registry, row positions), by name. */
  getViewState(year: number, name: string): Promise<unknown>;
  putViewState(year: number, name: string, data: Record<string, unknown>): Promise<void>;
  enqueueViewWork(items: readonly ViewWork[]): Promise<void>;
  /** Pending view work for one spreadsheet, or for every spreadsheet when `spreadsheet` is null. */
  listViewWork(spreadsheet: SpreadsheetKey | null, limit: number): Promise<QueuedViewWork[]>;
  deleteViewWork(ids: readonly string[]): Promise<void>;
}

/** A spreadsheet the views keep: the year's master spreadsheet, or one evaluator queue's. */
export type SpreadsheetKey = { kind: 'master'; year: number } | { kind: 'queue'; year: number; queue: string };

/** What a view row shows: a member (Kết quả), a refused submission (Lỗi) or an evidence entry (a queue). */
export interface ViewItem {
  kind: 'member' | 'refused' | 'evidence';
  id: string;
}

/** A view row to rewrite: which spreadsheet, and which item on it. */
export interface ViewWork {
  spreadsheet: SpreadsheetKey;
  item: ViewItem;
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
  /**
   * Called after the change is committed and awaited before the answer (Cloud Run throttles the
   * CPU once a response is sent): schedules the writes. Never throws: the work is stored already.
   */
  changed(change: Change): Promise<void>;
}

/** Writes a spreadsheet's stored work now; `full` rebuilds it entirely. */
export type FlushSpreadsheet = (spreadsheet: SpreadsheetKey, full: boolean) => Promise<void>;

/** Decides when each spreadsheet is written: in this process locally, by Cloud Tasks in production. */
export interface FlushScheduler {
  /** Asks for a flush of `spreadsheet` soon; resolves once the request is durable (e.g. the task exists). */
  request(spreadsheet: SpreadsheetKey, full: boolean): Promise<void>;
  /** Resolves when nothing this process was asked to schedule is still waiting. */
  idle(): Promise<void>;
}

/**
 * Tells whether a request was sent by the platform on the function's own behalf (Cloud Tasks, Cloud Scheduler),
 * from its `Authorization` header: such callbacks carry an identity minted when they are sent, not a signature made
 * when they were scheduled.
 */
export interface InvokerCheck {
  isInvoker(authorization: string | undefined): Promise<boolean>;
}

/** A spreadsheet as the registry lists it (API.md `GET /sheets`). */
export interface SpreadsheetListing {
  spreadsheetId: string;
  url: string;
  sheetName?: string;
}

export interface SheetsListing {
  master: SpreadsheetListing | null;
  queues: Record<string, SpreadsheetListing>;
}

/** Spreadsheets created elsewhere (Apps Script `setup()`), as `PUT /sheets` registers them. */
export interface SheetsRegistration {
  master: { spreadsheetId: string; url?: string | undefined };
  queues: Record<string, { spreadsheetId: string; sheetName: string; url?: string | undefined }>;
}

/** The spreadsheets kept as views of the store: what the sheet routes and the task callbacks need. */
export interface SheetViews extends ChangeListener {
  /** Rebuilds every spreadsheet of the year now. */
  sync(year: number): Promise<{ spreadsheets: number }>;
  list(year: number): Promise<SheetsListing>;
  register(year: number, registration: SheetsRegistration): Promise<void>;
  /** Writes one spreadsheet's stored work (a task callback). */
  flush(spreadsheet: SpreadsheetKey, full: boolean): Promise<void>;
  /** Schedules every spreadsheet that still has stored work (after a restart); answers how many. */
  resume(): Promise<number>;
}

/** Signed links to members' journey books, for the committee's Kết quả tab. */
export interface BookLinks {
  /** A link per member; none when the function has no public address to link to. */
  forMembers(year: number, memberIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** Raised by the views when the spreadsheets cannot be written now (`retryable`) or at all. */
export class ViewsUnavailableError extends Error {
  override readonly name: string = 'ViewsUnavailableError';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Raised by a store when storage cannot be reached: nothing was stored, the caller retries. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** Which of Firestore's per-document limits a write would break. */
export type DocumentLimitCode = 'document_too_large' | 'too_many_index_entries' | 'too_many_fields' | 'invalid_field_name' | 'invalid_document';

/**
 * Raised by a store when Firestore would refuse (or refused, INVALID_ARGUMENT) a document: too large, too many index
 * entries or fields, a bad field name. Nothing of the write was stored; sending it again would fail the same way.
 */
export class DocumentLimitError extends Error {
  override readonly name = 'DocumentLimitError';

  constructor(
    readonly code: DocumentLimitCode,
    /** The document's path. */
    readonly path: string,
    message: string,
    /** What was measured, when the store measured it itself. */
    readonly measure?: { bytes: number; indexEntries: number; fields: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
