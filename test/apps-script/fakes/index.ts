// Every Apps Script service the bundle uses, faked and wired together, ready to be the globals of a vm sandbox.
import { FakeClock, fakeDateClass } from './clock';
import { createConsole, type FakeConsole } from './console';
import { FakeDrive } from './drive';
import { FakeFormApp } from './forms';
import { createCacheService, createLockService, createPropertiesService, FakeCache, FakeLock, FakeProperties } from './properties';
import { FakeScriptApp, FakeSession } from './script-app';
import { sheetsApi } from './sheets-api';
import { FakeSpreadsheetApp } from './spreadsheets';
import { FakeUrlFetchApp, type FetchHandler } from './url-fetch';
import { createUtilities } from './utilities';

export interface FakeOptions {
  /** Answers UrlFetchApp calls; default: every call fails like an unreachable host. */
  fetch?: FetchHandler;
  /** Start of the fake clock (ms since epoch). */
  nowMs?: number;
  /** The account the script runs as (owner of what it creates). */
  owner?: string;
  /** Echo the bundle's console to stderr (debugging). */
  echo?: boolean;
  /** Leave the advanced Drive service out (as a project that does not enable it). */
  noDrive?: boolean;
}

export interface Fakes {
  clock: FakeClock;
  props: FakeProperties;
  cache: FakeCache;
  lock: FakeLock;
  forms: FakeFormApp;
  sheets: FakeSpreadsheetApp;
  drive: FakeDrive;
  scripts: FakeScriptApp;
  session: FakeSession;
  fetch: FakeUrlFetchApp;
  /** Sheets API calls made with the script's token (one per spreadsheet read). */
  sheetsApi: { batchGet: number };
  log: FakeConsole;
  /** The globals of the sandbox, named as in Apps Script. */
  globals: Record<string, unknown>;
}

const unreachable: FetchHandler = (request) => {
  throw new Error(`Exception: Address unavailable: ${request.url}`);
};

export function createFakes(options: FakeOptions = {}): Fakes {
  const owner = options.owner ?? 'bantochuc@doankhoi.example.vn';
  const clock = new FakeClock(options.nowMs ?? Date.UTC(2019, 0, 15, 1, 30));
  const props = new FakeProperties();
  const cache = new FakeCache(clock);
  const lock = new FakeLock();
  const forms = new FakeFormApp(clock);
  const sheets = new FakeSpreadsheetApp(owner, () => clock.nowMs);
  const drive = new FakeDrive(sheets);
  const scripts = new FakeScriptApp();
  const session = new FakeSession('', owner);
  const sheetsApiCalls = { batchGet: 0 };
  const fetch = new FakeUrlFetchApp(options.fetch ?? unreachable, sheetsApi(sheets, sheetsApiCalls));
  const log = createConsole(options.echo);
  const globals: Record<string, unknown> = {
    Date: fakeDateClass(clock),
    console: log.console,
    Logger: log.Logger,
    PropertiesService: createPropertiesService(props),
    CacheService: createCacheService(cache),
    LockService: createLockService(lock),
    Utilities: createUtilities(clock),
    FormApp: forms.global(),
    SpreadsheetApp: sheets.global(),
    ScriptApp: scripts.global(),
    Session: session.global(),
    UrlFetchApp: fetch.global(),
    ...(options.noDrive ? {} : { Drive: drive.global() }),
  };
  return { clock, props, cache, lock, forms, sheets, drive, scripts, session, fetch, sheetsApi: sheetsApiCalls, log, globals };
}
