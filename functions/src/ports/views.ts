// The spreadsheets kept as views of the store: what changed, when each spreadsheet is written, sync runs, the registry.
import type { SpreadsheetKey, ViewWork } from './view-work';

/** What changed after an accepted submission, for the views (sheets) to follow. */
export type Change =
  | { kind: 'config'; year: number }
  | { kind: 'journey'; year: number; memberId: string }
  | { kind: 'evidence'; year: number; memberId: string; evidenceId: string; queues: string[] }
  | { kind: 'refused'; year: number | null; inboxKey: string }
  /** A base union's own nominee list changed (its "Đề cử" tab and the master's figures show it from the next full sync). */
  | { kind: 'nominations'; year: number; unitId: string }
  /** The year's outbox changed (mail queued, sent, failed or deferred): the master's "Thư" tab shows it within minutes. */
  | { kind: 'mail'; year: number }
  /** A member's data request arrived or was answered: the master's "Yêu cầu dữ liệu" tab is rewritten with the next flush. */
  | { kind: 'data_request'; year: number; requestId: string };

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
