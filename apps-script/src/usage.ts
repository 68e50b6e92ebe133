// How much trigger run time the script used today: each trigger run adds its duration to a per-day property, which the
// menu shows against the daily quota (90 minutes for a consumer account, 6 hours for Google Workspace).
import { EXECUTION_LIMIT_MS } from './execution';
import { withScriptLock } from './lock';
import { deleteWithPrefix, props, propertiesWithPrefix } from './store';
import { TIME_ZONE } from './time';
import { log } from './log';

export const CONSUMER_DAILY_MINUTES = 90;
export const WORKSPACE_DAILY_MINUTES = 360;
const USAGE_PREFIX = 'journey.usage.';

export interface DayUsage {
  /** Milliseconds of trigger run time, all handlers. */
  ms: number;
  runs: number;
  /** Per handler: [ms, runs]. */
  h: Record<string, [number, number]>;
  /** Runs Apps Script stopped at its 6-minute limit (counted at 6 minutes each). */
  stopped?: number;
}

/** The day in Ho Chi Minh City (the quota resets daily; the committee reads days there). */
export function dayOf(ms: number): string {
  return Utilities.formatDate(new Date(ms), TIME_ZONE, 'yyyy-MM-dd');
}

function parse(text: string | null): DayUsage {
  if (text === null) return { ms: 0, runs: 0, h: {} };
  try {
    const value = JSON.parse(text) as Partial<DayUsage>;
    return {
      ms: typeof value.ms === 'number' ? value.ms : 0,
      runs: typeof value.runs === 'number' ? value.runs : 0,
      h: typeof value.h === 'object' ? value.h : {},
      ...(typeof value.stopped === 'number' ? { stopped: value.stopped } : {}),
    };
  } catch {
    return { ms: 0, runs: 0, h: {} };
  }
}

export function readUsage(day: string): DayUsage {
  return parse(props().getProperty(USAGE_PREFIX + day));
}

/** Adds runs to a day's record (under the lock held by the caller). */
function addRuns(day: string, handler: string, ms: number, runs: number, stopped: number): void {
  const text = props().getProperty(USAGE_PREFIX + day);
  const usage = parse(text);
  usage.ms += ms;
  usage.runs += runs;
  const [handlerMs, handlerRuns] = usage.h[handler] ?? [0, 0];
  usage.h[handler] = [handlerMs + ms, handlerRuns + runs];
  if (stopped > 0) usage.stopped = (usage.stopped ?? 0) + stopped;
  props().setProperty(USAGE_PREFIX + day, JSON.stringify(usage));
  if (text === null)
    deleteWithPrefix(
      USAGE_PREFIX,
      new Set([USAGE_PREFIX + day, USAGE_PREFIX + dayOf(Date.parse(`${day}T12:00:00+07:00`) - 86_400_000)]),
    );
}

/**
 * Adds one trigger run; never throws (a failure to count must not fail the trigger). Keeps today and yesterday. A long
 * run marked as running (markRunning) has its mark removed here.
 */
export function recordRun(handler: string, startedMs: number, endedMs: number, runningKey?: string): void {
  try {
    withScriptLock(
      () => {
        addRuns(dayOf(startedMs), handler, Math.max(0, endedMs - startedMs), 1, 0);
        if (runningKey !== undefined) props().deleteProperty(runningKey);
      },
      { waitMs: 5_000, proceedUnlocked: true },
    );
  } catch (error) {
    log.warn(`Không ghi được thời gian chạy của ${handler}: ${String(error)}`);
  }
}

const RUNNING_PREFIX = 'journey.running.';

/**
 * A long run (poller, drain, setup, continuation) marks itself as running when it starts, because Apps Script may stop
 * it at 6 minutes before it can count itself: the mark then stays, and the next long run counts it — 6 minutes, the
 * time Apps Script charged — and removes it (countStoppedRuns). Returns the mark's key, for recordRun.
 */
export function markRunning(handler: string, startedMs: number): string {
  const key = `${RUNNING_PREFIX}${startedMs.toString(36)}.${Math.floor(Math.random() * 1e6).toString(36)}`;
  try {
    props().setProperty(key, JSON.stringify({ handler, startedMs }));
  } catch (error) {
    log.warn(`Không đánh dấu được lượt chạy ${handler}: ${String(error)}`);
  }
  return key;
}

/** Counts the long runs that Apps Script stopped (their mark outlived their 6 minutes); returns how many. */
export function countStoppedRuns(nowMs: number): number {
  const marks = propertiesWithPrefix(RUNNING_PREFIX);
  const stopped = Object.entries(marks).flatMap(([key, text]) => {
    try {
      const value = JSON.parse(text) as { handler?: unknown; startedMs?: unknown };
      const startedMs = typeof value.startedMs === 'number' ? value.startedMs : 0;
      return nowMs - startedMs > EXECUTION_LIMIT_MS + 60_000
        ? [{ key, handler: typeof value.handler === 'string' ? value.handler : '?', startedMs }]
        : [];
    } catch {
      return [{ key, handler: '?', startedMs: nowMs }];
    }
  });
  if (stopped.length === 0) return 0;
  try {
    withScriptLock(
      () => {
        for (const run of stopped) {
          addRuns(dayOf(run.startedMs), run.handler, EXECUTION_LIMIT_MS, 1, 1);
          props().deleteProperty(run.key);
        }
      },
      { waitMs: 5_000, proceedUnlocked: true },
    );
  } catch (error) {
    log.warn(`Không ghi được thời gian của các lượt bị dừng: ${String(error)}`);
  }
  return stopped.length;
}

/** What the menu shows, in Vietnamese. */
export function usageText(nowMs: number): string {
  const today = readUsage(dayOf(nowMs));
  const minutes = today.ms / 60_000;
  const share = (limit: number): string => `${((minutes / limit) * 100).toFixed(1)} %`;
  const lines = [
    `Hôm nay (${dayOf(nowMs)}), các trình kích hoạt đã chạy ${String(today.runs)} lượt, tổng ${minutes.toFixed(1)} phút` +
      (today.stopped
        ? ` (trong đó ${String(today.stopped)} lượt bị Apps Script dừng ở giới hạn 6 phút, mỗi lượt tính 6 phút):`
        : ':'),
    `• ${share(CONSUMER_DAILY_MINUTES)} hạn mức ${String(CONSUMER_DAILY_MINUTES)} phút/ngày của tài khoản Google thường;`,
    `• ${share(WORKSPACE_DAILY_MINUTES)} hạn mức ${String(WORKSPACE_DAILY_MINUTES / 60)} giờ/ngày của Google Workspace.`,
  ];
  const handlers = Object.entries(today.h).sort((a, b) => b[1][0] - a[1][0]);
  if (handlers.length > 0) {
    lines.push('', 'Theo từng việc:');
    for (const [handler, [ms, runs]] of handlers)
      lines.push(`• ${handler}: ${String(runs)} lượt, ${(ms / 60_000).toFixed(1)} phút`);
  }
  const yesterday = readUsage(dayOf(nowMs - 86_400_000));
  if (yesterday.runs > 0)
    lines.push('', `Hôm qua: ${String(yesterday.runs)} lượt, ${(yesterday.ms / 60_000).toFixed(1)} phút.`);
  lines.push(
    '',
    'Thời gian đo từ lúc hàm bắt đầu đến lúc kết thúc; Google còn tính thêm thời gian khởi động mỗi lượt (vài phần mười giây).',
  );
  return lines.join('\n');
}
