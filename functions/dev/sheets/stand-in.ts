// The local Google Sheets stand-in: state, stats, faults and persistence behind one `handle(req, res, subPath)`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector, type FaultOptions } from './model/faults';
import type { SpreadsheetModel } from './model/spreadsheet';
import { createPersister, loadSpreadsheets } from './model/persistence';
import { DEFAULT_USER } from './rest/caller';
import { resolveLimits, type SheetsLimits } from './rest/limits';
import { createRouter } from './rest/router';
import { WriteQuota } from './rest/write-quota';
import { StatsRecorder, type SheetsStats } from './model/stats';

export interface SheetsStandInOptions {
  /** Folder for `sheets.json`; loaded now, saved on flush() and shortly after writes. None: memory only. */
  dataDir?: string;
  clock?: () => Date;
  /** Origin people reach the server at (e.g. http://localhost:8080), for spreadsheetUrl. */
  publicUrl?: string;
  /** Hears about the stand-in's own bugs, which callers only see as Google's bare 500. */
  onError?: (error: unknown) => void;
  /** Google's limits to enforce; each left out keeps Google's number (rest/limits.ts GOOGLE_LIMITS). */
  limits?: Partial<SheetsLimits>;
  /** Who calls when a request has no `Authorization: Bearer <user>` header; default DEFAULT_USER. */
  defaultUser?: string;
}

export interface SheetsStandIn {
  /**
   * Answers one request. `subPath` is the path after `/_local/sheets`, still percent-encoded as in
   * `req.url` (e.g. `/v4/spreadsheets/abc/values/K%E1%BA%BFt%20qu%E1%BA%A3!A1:C3`); the query
   * string is read from `req.url`. Never rejects: every failure becomes an answer.
   */
  handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void>;
  stats(): SheetsStats;
  resetStats(): void;
  injectFaults(options: FaultOptions): void;
  clearFaults(): void;
  /** Drops every spreadsheet (and, once saved, the file's content) and forgets the writes the quota counted. */
  reset(): void;
  /** Saves to `dataDir` now; a no-op without one. */
  flush(): Promise<void>;
  /** The live models: tests may read them, and should not change them. */
  listSpreadsheets(): SpreadsheetModel[];
  getSpreadsheet(spreadsheetId: string): SpreadsheetModel | undefined;
}

export function createSheetsStandIn(options: SheetsStandInOptions = {}): SheetsStandIn {
  const store = new Map<string, SpreadsheetModel>();
  if (options.dataDir !== undefined) {
    for (const ss of loadSpreadsheets(options.dataDir)) store.set(ss.spreadsheetId, ss);
  }
  const stats = new StatsRecorder();
  const faults = new FaultInjector();
  const limits = resolveLimits(options.limits);
  const quota = new WriteQuota(limits);
  const persister = createPersister(options.dataDir, () => [...store.values()]);
  const handle = createRouter({
    store,
    stats,
    faults,
    limits,
    quota,
    defaultUser: options.defaultUser ?? DEFAULT_USER,
    now: options.clock ?? (() => new Date()),
    publicUrl: options.publicUrl,
    changed: () => {
      persister.schedule();
    },
    onError: options.onError ?? (() => undefined),
  });

  return {
    handle,
    stats: () => stats.snapshot(),
    resetStats: () => {
      stats.reset();
    },
    injectFaults: (fault) => {
      faults.inject(fault);
    },
    clearFaults: () => {
      faults.clear();
    },
    reset: () => {
      store.clear();
      quota.reset();
      persister.schedule();
    },
    flush: () => persister.flush(),
    listSpreadsheets: () => [...store.values()],
    getSpreadsheet: (id) => store.get(id),
  };
}
