// How Apps Script runs the bundle: each trigger or menu call is one execution, each service call costs time, and
// Google enforces its limits — an execution is stopped at 6 minutes (no `finally`, no catch: nothing it does after that
// reaches any service), and the daily quotas of Script Properties and UrlFetch refuse calls past their count.
import type { FakeClock } from './clock';

/**
 * Milliseconds each kind of Apps Script service call costs an execution. Google publishes none; these are at or above
 * what the Apps Script executions log commonly shows (conservative, so a run that fits here fits in production).
 */
export const CALL_MS = {
  /** Starting an execution (V8 start, loading the project). */
  run: 300,
  propertyRead: 20,
  propertyWrite: 30,
  /** getProperties() / getKeys(): the whole store in one call. */
  propertyList: 50,
  lock: 20,
  cache: 20,
  getProjectTriggers: 100,
  /** Creating or deleting a trigger. */
  triggerChange: 200,
  /** One request with UrlFetchApp.fetch. */
  urlFetch: 500,
  /** One UrlFetchApp.fetchAll: parallel, so the slowest request plus a little per request. */
  fetchAll: 600,
  fetchAllPerRequest: 50,
  driveList: 500,
  openSpreadsheet: 1500,
  createSpreadsheet: 2500,
  /** A read or write of a range, a tab looked up or added, in an open spreadsheet. */
  spreadsheetCall: 100,
  getEditors: 300,
  /** Adding an editor (Drive sends the invitation). */
  addEditor: 800,
  formOpen: 300,
  formCreate: 1500,
  /** One change to a form or one of its items. */
  formCall: 40,
  formResponses: 300,
  ui: 50,
} as const;

export type CallKind = keyof typeof CALL_MS;

/** Apps Script stops an execution after 6 minutes. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/** Daily quotas (calls a day) of the services counted, per account type (Google's quotas page). */
export const DAILY_QUOTAS = {
  consumer: { properties: 50_000, urlFetch: 20_000 },
  workspace: { properties: 500_000, urlFetch: 100_000 },
} as const;

export type AccountKind = keyof typeof DAILY_QUOTAS;
export type QuotaService = keyof (typeof DAILY_QUOTAS)['consumer'];

/** What Apps Script throws into the code of an execution it stops (the execution log shows this). */
export class ExecutionStopped extends Error {
  constructor(readonly handler: string) {
    super('Exceeded maximum execution time');
    this.name = 'ExecutionStopped';
  }
}

export interface ExecutionRecord {
  handler: string;
  startedMs: number;
  endedMs: number;
  outcome: 'ok' | 'error' | 'stopped';
}

interface Current {
  handler: string;
  startedMs: number;
  stopped: boolean;
}

/** The execution running now (one at a time: the sandbox is synchronous); service fakes charge it. */
const running: { runtime: FakeRuntime | null } = { runtime: null };

/**
 * Charges the running execution for `count` calls of a kind (test code outside an execution costs nothing), and
 * stops it once it has run 6 minutes: that call and every later one throw, so neither `finally` blocks nor catch
 * handlers of the bundle can reach a service any more.
 */
export function charge(kind: CallKind, count = 1): void {
  running.runtime?.charge(kind, count);
}

/** Counts a call against its daily quota (inside an execution only). */
export function countQuota(service: QuotaService, count = 1): void {
  running.runtime?.countQuota(service, count);
}

/** True while an execution of the bundle runs. */
export function inExecution(): boolean {
  return running.runtime !== null;
}

export class FakeRuntime {
  /** Every execution so far, in order. */
  readonly executions: ExecutionRecord[] = [];
  /**
   * Calls counted against the daily quotas, per account, day (UTC date of the fake clock) and service: Google counts
   * them per user, so another editor's executions spend their own quota, not the installing account's.
   */
  readonly dailyByUser = new Map<string, Map<string, Record<QuotaService, number>>>();
  /**
   * The account executions run as now (Session.getEffectiveUser): the owner by default; a trigger runs as the account
   * that installed it, a menu item as the person who clicks it (`as`).
   */
  user: string;
  /** Service calls made inside executions, by kind. */
  readonly calls: Record<CallKind, number> = Object.fromEntries(Object.keys(CALL_MS).map((k) => [k, 0])) as Record<
    CallKind,
    number
  >;
  private current: Current | null = null;
  /** Runs when an execution ends, however it ends (Apps Script releases the script lock then). */
  onEnd: () => void = () => undefined;

  constructor(
    readonly clock: FakeClock,
    public account: AccountKind,
    /** Charge time per call (off: the clock only moves when the test moves it). */
    public costs: boolean,
    /** The account that owns the script and, unless a test says otherwise, runs its executions. */
    readonly owner = 'bantochuc@doankhoi.example.vn',
  ) {
    this.user = owner;
  }

  /** The owner's daily counts (the account the script's triggers run as). */
  get daily(): Map<string, Record<QuotaService, number>> {
    return this.dailyOf(this.owner);
  }

  dailyOf(user: string): Map<string, Record<QuotaService, number>> {
    let days = this.dailyByUser.get(user);
    if (!days) {
      days = new Map();
      this.dailyByUser.set(user, days);
    }
    return days;
  }

  /** Runs `fn` (entry points called in it) as `user`: another editor at the spreadsheet, or a trigger's owner. */
  as<T>(user: string, fn: () => T): T {
    const before = this.user;
    this.user = user;
    try {
      return fn();
    } finally {
      this.user = before;
    }
  }

  /** Runs one execution of `handler`: Apps Script's limits apply until it returns. */
  execute<T>(handler: string, fn: () => T): T {
    if (this.current || running.runtime) return fn();
    const current: Current = { handler, startedMs: this.clock.nowMs, stopped: false };
    this.current = current;
    running.runtime = this;
    let outcome: ExecutionRecord['outcome'] = 'ok';
    try {
      this.charge('run', 1);
      const result = fn();
      if (current.stopped) throw new ExecutionStopped(handler);
      return result;
    } catch (error) {
      if (current.stopped) {
        outcome = 'stopped';
        throw new ExecutionStopped(handler);
      }
      outcome = 'error';
      throw error;
    } finally {
      this.current = null;
      running.runtime = null;
      this.executions.push({ handler, startedMs: current.startedMs, endedMs: this.clock.nowMs, outcome });
      this.onEnd();
    }
  }

  charge(kind: CallKind, count: number): void {
    const current = this.current;
    if (!current) return;
    if (current.stopped) throw new Error('Exception: Exceeded maximum execution time');
    this.calls[kind] += count;
    if (this.costs) this.clock.advance(CALL_MS[kind] * count);
    if (this.clock.nowMs - current.startedMs > EXECUTION_LIMIT_MS) {
      current.stopped = true;
      this.clock.nowMs = current.startedMs + EXECUTION_LIMIT_MS;
      throw new Error('Exception: Exceeded maximum execution time');
    }
  }

  /** Time passing inside the execution (Utilities.sleep), with the same stop. */
  sleep(ms: number): void {
    const current = this.current;
    if (!current) return;
    if (current.stopped) throw new Error('Exception: Exceeded maximum execution time');
    this.clock.advance(ms);
    if (this.clock.nowMs - current.startedMs > EXECUTION_LIMIT_MS) {
      current.stopped = true;
      this.clock.nowMs = current.startedMs + EXECUTION_LIMIT_MS;
      throw new Error('Exception: Exceeded maximum execution time');
    }
  }

  countQuota(service: QuotaService, count: number): void {
    if (!this.current) return;
    const day = new Date(this.clock.nowMs).toISOString().slice(0, 10);
    const daily = this.dailyOf(this.user);
    const used = daily.get(day) ?? { properties: 0, urlFetch: 0 };
    const limit = DAILY_QUOTAS[this.account][service];
    if (used[service] + count > limit) {
      throw new Error(
        `Exception: Service invoked too many times for one day: ${service === 'properties' ? 'properties' : 'urlfetch'}.`,
      );
    }
    used[service] += count;
    daily.set(day, used);
  }

  /** Test view: the longest execution, in ms. */
  longest(handler?: string): number {
    return Math.max(
      0,
      ...this.executions
        .filter((e) => handler === undefined || e.handler === handler)
        .map((e) => e.endedMs - e.startedMs),
    );
  }
}
