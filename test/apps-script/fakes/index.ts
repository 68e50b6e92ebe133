// Every Apps Script service the bundle uses, faked and wired together, ready to be the globals of a vm sandbox.
import { FakeClock, fakeDateClass } from './clock';
import { createConsole, type FakeConsole } from './console';
import { FakeDrive } from './drive';
import { FakeFormApp } from './forms';
import { manifestScopes } from './identity';
import {
  createCacheService,
  createLockService,
  createPropertiesService,
  FakeCache,
  FakeLock,
  FakeProperties,
  FakeUserProperties,
} from './properties';
import { FakeRuntime, type AccountKind } from './runtime';
import { FakeScriptApp, FakeSession } from './script-app';
import { sheetsApi, type SheetsApiCalls } from './sheets-api';
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
  /**
   * The account the script runs as: `consumer` (a gmail.com account; the default) or `workspace` with its domain.
   * Decides what an edit event says of the editor, which Forms settings exist, and the daily quotas.
   */
  account?: { kind: 'consumer' } | { kind: 'workspace'; domain: string };
  /** Charge each service call its time (runtime.ts), so executions take as long as in Apps Script (default false). */
  costs?: boolean;
  /** The OAuth scopes the accounts granted (default: those apps-script/appsscript.json asks for). */
  scopes?: readonly string[];
}

export interface Fakes {
  clock: FakeClock;
  props: FakeProperties;
  /** Each account's User Properties (`userProps.of(email)`); an execution reads only its own account's. */
  userProps: FakeUserProperties;
  /** The account that owns the script (and runs executions unless `runtime.as(...)` says otherwise). */
  owner: string;
  cache: FakeCache;
  lock: FakeLock;
  forms: FakeFormApp;
  sheets: FakeSpreadsheetApp;
  drive: FakeDrive;
  scripts: FakeScriptApp;
  session: FakeSession;
  fetch: FakeUrlFetchApp;
  /** Sheets API calls made with the script's token (one per spreadsheet read), and those refused for the quota. */
  sheetsApi: SheetsApiCalls;
  /** Executions, their time and the daily quotas, as Apps Script runs them. */
  runtime: FakeRuntime;
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
  const account = options.account ?? { kind: 'consumer' };
  const kind: AccountKind = account.kind;
  const runtime = new FakeRuntime(clock, kind, options.costs ?? false, owner);
  const props = new FakeProperties();
  const userProps = new FakeUserProperties();
  const currentUser = (): string => runtime.user;
  const cache = new FakeCache(clock);
  const lock = new FakeLock();
  // Apps Script releases the script lock when an execution ends, however it ends.
  runtime.onEnd = () => {
    lock.held = false;
  };
  const forms = new FakeFormApp(clock);
  forms.account = kind;
  const sheets = new FakeSpreadsheetApp(owner, () => clock.nowMs);
  sheets.account = { kind, domain: account.kind === 'workspace' ? account.domain : null };
  const drive = new FakeDrive(sheets);
  const scripts = new FakeScriptApp();
  scripts.now = () => clock.nowMs;
  scripts.user = currentUser;
  scripts.scopes = options.scopes ?? manifestScopes();
  const session = new FakeSession('', currentUser);
  const sheetsApiCalls: SheetsApiCalls = { batchGet: 0, refused: 0, times: [] };
  const fetch = new FakeUrlFetchApp(options.fetch ?? unreachable, sheetsApi(sheets, sheetsApiCalls));
  const log = createConsole(options.echo);
  const globals: Record<string, unknown> = {
    Date: fakeDateClass(clock),
    console: log.console,
    Logger: log.Logger,
    PropertiesService: createPropertiesService(props, userProps, currentUser),
    CacheService: createCacheService(cache),
    LockService: createLockService(lock),
    Utilities: createUtilities(clock, runtime),
    FormApp: forms.global(),
    SpreadsheetApp: sheets.global(),
    ScriptApp: scripts.global(),
    Session: session.global(),
    UrlFetchApp: fetch.global(),
    ...(options.noDrive ? {} : { Drive: drive.global() }),
  };
  return {
    clock,
    props,
    userProps,
    owner,
    cache,
    lock,
    forms,
    sheets,
    drive,
    scripts,
    session,
    fetch,
    sheetsApi: sheetsApiCalls,
    runtime,
    log,
    globals,
  };
}
