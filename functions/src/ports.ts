// The interfaces the use cases need: the store, the clock, and whoever keeps views (sheets) up to date.
import type { Letter } from './domain/letter';
import type { MailKind, MailStatus, Priority } from './domain/mail';
import type { RankStanding } from './domain/rank-index';
import type { AuditEntry, EvidenceDoc, InboxDoc, JourneyDoc, MemberDoc, NominationsDoc, YearDoc } from './model';

/** Where a page of a listing ended: its last entry's time and document id (the listing's order); the next page starts after it. */
export interface PagePosition {
  at: string;
  id: string;
}

/** One page of a listing, oldest first (or newest first when asked): `limit` entries at most, after `after`. */
export interface PageRequest<S extends string> {
  status?: S | undefined;
  limit: number;
  after?: PagePosition | undefined;
}

/** A page and where the next one starts (null on the last page). */
export interface Page<T> {
  items: T[];
  next: PagePosition | null;
}

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
  getNominations(year: number, unitId: string): Promise<NominationsDoc | undefined>;
  putNominations(doc: NominationsDoc): void;
  /** Records, with the change itself, which view rows must be rewritten: nothing is lost if the process dies. */
  enqueueViewWork(items: readonly ViewWork[]): void;
  getBookLinkVersion(memberId: string): Promise<number>;
  /** Kept on the member's record; the member's other writes never reset it. */
  putBookLinkVersion(memberId: string, version: number): void;
  /** Whether an e-mail with this id was ever queued (read before the first write, like every read). */
  mailExists(id: string): Promise<boolean>;
  /** Queues an e-mail with the change (a member's notice): stored, or not at all, with the submission. */
  queueMail(draft: MailDraft, now: Date): void;
}

export interface Store {
  /**
   * Runs `work` in a transaction. Work for the same `lockKey` (a member) is also serialised inside
   * this process, which is what keeps concurrent decisions correct on the embedded emulator.
   */
  transaction<T>(lockKey: string, work: (tx: StoreTx) => Promise<T>): Promise<T>;
  getYear(year: number): Promise<YearDoc | undefined>;
  /** One stored version of the year's plan (`years/{year}/configVersions/{n}`). */
  getYearVersion(year: number, version: number): Promise<YearDoc | undefined>;
  getInbox(key: string): Promise<InboxDoc | undefined>;
  /** Stores a submission as received, before anything else looks at it. */
  putInbox(doc: InboxDoc): Promise<void>;
  getJourney(year: number, memberId: string): Promise<JourneyDoc | undefined>;
  getEvidence(year: number, evidenceId: string): Promise<EvidenceDoc | undefined>;
  getMember(memberId: string): Promise<MemberDoc | undefined>;
  /** The members who took part in `year` (their record lists it), with their party status across the phase. */
  listMembersOf(year: number): Promise<MemberDoc[]>;
  listJourneys(year: number): Promise<JourneyDoc[]>;
  /** A base union's own nominee list for the year, and every such list of the year. */
  getNominations(year: number, unitId: string): Promise<NominationsDoc | undefined>;
  listNominations(year: number): Promise<NominationsDoc[]>;
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
  /** Every inbox entry of the year (a full sync, a weekly digest); listings read pages instead. */
  listInbox(year: number, status?: InboxDoc['status']): Promise<InboxDoc[]>;
  /** One page of the year's inbox by time received: its reads are the page's, whatever the year's size. */
  pageInbox(year: number, request: PageRequest<InboxDoc['status']>): Promise<Page<InboxDoc>>;
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

/**
 * What a view row shows: a member (Kết quả), a refused submission (Lỗi) or an evidence entry (a queue); or `sync`,
 * the line of the master spreadsheet that shows the progress of the last sync (id: the sync run's id); or `mail`, the
 * master spreadsheet's "Thư" tab (id: `outbox`).
 */
export interface ViewItem {
  kind: 'member' | 'refused' | 'evidence' | 'sync' | 'mail';
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
  | { kind: 'refused'; year: number | null; inboxKey: string }
  /** A base union's own nominee list changed (its "Đề cử" tab and the master's figures show it from the next full sync). */
  | { kind: 'nominations'; year: number; unitId: string }
  /** The year's outbox changed (mail queued, sent, failed or deferred): the master's "Thư" tab shows it within minutes. */
  | { kind: 'mail'; year: number };

export interface ChangeListener {
  /** The view rows a change makes stale; stored in the same transaction as the change. */
  workFor(change: Change): ViewWork[];
  /**
   * Called after the change is committed and awaited before the answer (Cloud Run throttles the
   * CPU once a response is sent): schedules the writes. Never throws: the work is stored already.
   */
  changed(change: Change): Promise<void>;
}

/** What one flush of a spreadsheet writes besides its stored work. */
export interface FlushOrder {
  /** Rebuilds the whole spreadsheet. */
  full: boolean;
  /** The sync runs (`POST /sync`) this full rebuild counts for: their progress records it when it ends. */
  syncIds?: readonly string[];
  /**
   * Not before this long from now. A sync spreads its rebuilds at the pace, so that the tasks of rows written meanwhile
   * (and its own progress line) run between them rather than after all of them. The in-process scheduler has no
   * need of it: it lets row writes go first.
   */
  delayMs?: number;
}

/** Writes a spreadsheet's stored work now, and what `order` adds. */
export type FlushSpreadsheet = (spreadsheet: SpreadsheetKey, order: FlushOrder) => Promise<void>;

/** Decides when each spreadsheet is written: in this process locally, by Cloud Tasks in production. */
export interface FlushScheduler {
  /**
   * Asks for a flush of `spreadsheet` soon; resolves once the request is durable (e.g. the task exists): true, or
   * false when it could not be made (logged; stored work then waits for the next change or a resume).
   */
  request(spreadsheet: SpreadsheetKey, order: FlushOrder): Promise<boolean>;
  /** Resolves when nothing this process was asked to schedule is still waiting. */
  idle(): Promise<void>;
}

/** A sync run as `POST /v1/years/{year}/sync` starts it: every spreadsheet of the year scheduled for a full rebuild. */
export interface SyncStarted {
  syncId: string;
  startedAt: string;
  /** Spreadsheets of the year, each rebuilt by the run. */
  spreadsheets: number;
  /** Of those, how many were scheduled (a task created); the others count as failed. */
  scheduled: number;
}

/** How far the year's last sync run has got (`GET /v1/years/{year}/sync`), from a small document it keeps up to date. */
export interface SyncProgress {
  syncId: string;
  startedAt: string;
  /** When the last spreadsheet was written; null while the run goes on. */
  finishedAt: string | null;
  spreadsheets: number;
  /** Spreadsheets rebuilt. */
  done: number;
  /** Spreadsheets whose last attempt failed (or could not be scheduled); retried until written. */
  failed: number;
  /** Sheets write requests the run has sent so far (each 2 MB part counts). */
  writes: number;
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
  /**
   * Schedules a full rebuild of every spreadsheet of the year (a task each in production) and records the run's
   * progress; resolves once every rebuild is scheduled, long before they are written.
   */
  startSync(year: number): Promise<SyncStarted>;
  /** The year's last sync run as recorded; undefined when none was ever started. */
  syncProgress(year: number): Promise<SyncProgress | undefined>;
  list(year: number): Promise<SheetsListing>;
  register(year: number, registration: SheetsRegistration): Promise<void>;
  /** Writes one spreadsheet's stored work (a task callback), and what `order` adds. */
  flush(spreadsheet: SpreadsheetKey, order: FlushOrder): Promise<void>;
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

// ---------- E-mail: the outbox in the store, the message composer, the mailer, and who schedules the sending.

/** An e-mail to queue: one recipient, an id derived from what it is about, so a repeat queues nothing new. */
export interface MailDraft {
  id: string;
  year: number;
  kind: MailKind;
  /** `2019-W05`, `2019-Q2`, `2019`, `2018-2022`; a notice's is the day it was queued. */
  period: string;
  to: string;
  priority: Priority;
  subject: string;
  letter: Letter;
  /** When several recipients get the same letter (a unit's report), it is stored once under this key; null: kept with the mail. */
  contentKey: string | null;
}

/** An e-mail as the outbox holds it: the draft's fields (its letter kept apart), and how its sending went. */
export interface OutboxMail extends Omit<MailDraft, 'letter'> {
  status: MailStatus;
  reason: string | null;
  attempts: number;
  queuedAt: string;
  /** When it may go (a retry's time, or the next day when deferred). */
  dueAt: string;
  sentAt: string | null;
  /** Whether it still waits to go (queued, deferred, or failed and retried at `dueAt`). */
  retrying: boolean;
  /** The `Message-ID` header: the same on a resend, so a mailbox shows one message. */
  messageId: string;
  /** Notices merged into one message name the mail that carried them. */
  mergedInto: string | null;
}

/** Mail that may be sent now, claimed for one sender: what the budget allowed, in send units (merged notices together). */
export interface MailClaim {
  units: OutboxMail[][];
  /** The day's budget is used up: nothing more goes today. */
  exhausted: boolean;
}

export interface MailBudgetUse {
  day: string;
  used: number;
}

export interface MailCounts {
  queued: number;
  sent: number;
  deferred: number;
  failed: number;
}

/** The Firestore outbox: one document per e-mail, the day's budget counter, and the letters they carry. */
export interface MailStore {
  /**
   * Queues every draft not queued before (create-if-absent, in transactions) with its shared content. Drafts past
   * `fitToday` (how many may still go today) are stored deferred to `nextDay`. Answers the ids created and existing.
   */
  queue(
    drafts: readonly MailDraft[],
    now: Date,
    fitToday: number,
    nextDay: Date,
  ): Promise<{ created: string[]; existing: string[] }>;
  /** Which of these ids were queued before (for a dry run). */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /** Mail waiting and due now with this priority or a higher one (a smaller number), for the budget's outlook. */
  dueCount(now: Date, upToPriority: Priority): Promise<number>;
  budgetUse(day: string): Promise<MailBudgetUse>;
  /**
   * Claims up to `max` send units of due mail, best priority first, counting each against the day's budget `limit`
   * in the same transaction. A claim expires after `claimMs`: mail claimed by a sender that died goes again.
   */
  claim(request: { now: Date; day: string; limit: number; max: number; claimMs: number }): Promise<MailClaim>;
  markSent(unit: readonly OutboxMail[], at: Date, providerId: string | null): Promise<void>;
  /** A failed send: retried at `retryAt`, or kept failed when null; its place in the day's budget is given back. */
  markFailed(unit: readonly OutboxMail[], reason: string, retryAt: Date | null, day: string): Promise<void>;
  /** Claimed mail not sent (the run stopped early): waits again as before; its budget given back. */
  release(units: readonly (readonly OutboxMail[])[], day: string): Promise<void>;
  /** Due mail that does not fit today: deferred to `nextDay`. Answers how many, and the years they belong to. */
  deferDue(now: Date, nextDay: Date): Promise<{ deferred: number; years: number[] }>;
  /** When the next waiting mail falls due (a retry, the next day), or undefined when nothing waits. */
  nextDue(): Promise<Date | undefined>;
  letter(mail: OutboxMail): Promise<Letter | undefined>;
  /** One page of the year's mail by time queued (`newest`: newest first): its reads are the page's. */
  page(year: number, request: PageRequest<MailStatus> & { newest?: boolean }): Promise<Page<OutboxMail>>;
  counts(year: number): Promise<MailCounts>;
}

/** Builds the bytes of one message (MIME): HTML with a plain-text alternative, PDFs attached. */
export interface MessageComposer {
  compose(message: {
    from: { name: string; address: string };
    to: string;
    letter: Letter;
    messageId: string;
    date: Date;
    headers: Record<string, string>;
  }): Promise<Buffer>;
}

/** Sends one built message to one recipient. */
export interface Mailer {
  send(message: { raw: Buffer; to: string; id: string }): Promise<{ providerId: string | null }>;
}

/** A send that failed: `permanent` when trying again cannot help (a refused address), else retried with backoff. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';

  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Decides when the outbox is drained: a Cloud Task in production, a timer in this process locally. */
export interface MailScheduler {
  /** Asks for a drain at `at` (now when absent); resolves once the request is durable (the task exists). */
  request(at?: Date): Promise<void>;
  /** Resolves when no drain asked for up to now is still running or waiting (tests, the demo). */
  idle(): Promise<void>;
  /** Stops draining in this process: the running drain ends after its current message, nothing new starts. */
  stop?(): Promise<void>;
}

/** Which of Firestore's per-document limits a write would break. */
export type DocumentLimitCode =
  'document_too_large' | 'too_many_index_entries' | 'too_many_fields' | 'invalid_field_name' | 'invalid_document';

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
