// How much trigger run time the script used today: each trigger run adds its duration to a per-day property, which the
// menu shows against the daily quota (90 minutes for a consumer account, 6 hours for Google Workspace).
import { withScriptLock } from './lock';
import { deleteWithPrefix, props } from './store';
import { TIME_ZONE } from './time';

export const CONSUMER_DAILY_MINUTES = 90;
export const WORKSPACE_DAILY_MINUTES = 360;
const USAGE_PREFIX = 'journey.usage.';

export interface DayUsage {
  /** Milliseconds of trigger run time, all handlers. */
  ms: number;
  runs: number;
  /** Per handler: [ms, runs]. */
  h: Record<string, [number, number]>;
}

/** The day in Ho Chi Minh City (the quota resets daily; the committee reads days there). */
export function dayOf(ms: number): string {
  return Utilities.formatDate(new Date(ms), TIME_ZONE, 'yyyy-MM-dd');
}

function parse(text: string | null): DayUsage {
  if (text === null) return { ms: 0, runs: 0, h: {} };
  try {
    const value = JSON.parse(text) as Partial<DayUsage>;
    return { ms: typeof value.ms === 'number' ? value.ms : 0, runs: typeof value.runs === 'number' ? value.runs : 0, h: typeof value.h === 'object' ? value.h : {} };
  } catch {
    return { ms: 0, runs: 0, h: {} };
  }
}

export function readUsage(day: string): DayUsage {
  return parse(props().getProperty(USAGE_PREFIX + day));
}

/** Adds one trigger run; never throws (a failure to count must not fail the trigger). Keeps today and yesterday. */
export function recordRun(handler: string, startedMs: number, endedMs: number): void {
  try {
    withScriptLock(
      () => {
        const day = dayOf(startedMs);
        const text = props().getProperty(USAGE_PREFIX + day);
        const usage = parse(text);
        const ms = Math.max(0, endedMs - startedMs);
        usage.ms += ms;
        usage.runs += 1;
        const [handlerMs, handlerRuns] = usage.h[handler] ?? [0, 0];
        usage.h[handler] = [handlerMs + ms, handlerRuns + 1];
        props().setProperty(USAGE_PREFIX + day, JSON.stringify(usage));
        if (text === null) deleteWithPrefix(USAGE_PREFIX, new Set([USAGE_PREFIX + day, USAGE_PREFIX + dayOf(startedMs - 86_400_000)]));
      },
      { waitMs: 5_000, proceedUnlocked: true },
    );
  } catch (error) {
    console.warn(`Không ghi được thời gian chạy của ${handler}: ${String(error)}`);
  }
}

/** What the menu shows, in Vietnamese. */
export function usageText(nowMs: number): string {
  const today = readUsage(dayOf(nowMs));
  const minutes = today.ms / 60_000;
  const share = (limit: number): string => `${((minutes / limit) * 100).toFixed(1)} %`;
  const lines = [
    `Hôm nay (${dayOf(nowMs)}), các trình kích hoạt đã chạy ${String(today.runs)} lượt, tổng ${minutes.toFixed(1)} phút:`,
    `• ${share(CONSUMER_DAILY_MINUTES)} hạn mức ${String(CONSUMER_DAILY_MINUTES)} phút/ngày của tài khoản Google thường;`,
    `• ${share(WORKSPACE_DAILY_MINUTES)} hạn mức ${String(WORKSPACE_DAILY_MINUTES / 60)} giờ/ngày của Google Workspace.`,
  ];
  const handlers = Object.entries(today.h).sort((a, b) => b[1][0] - a[1][0]);
  if (handlers.length > 0) {
    lines.push('', 'Theo từng việc:');
    for (const [handler, [ms, runs]] of handlers) lines.push(`• ${handler}: ${String(runs)} lượt, ${(ms / 60_000).toFixed(1)} phút`);
  }
  const yesterday = readUsage(dayOf(nowMs - 86_400_000));
  if (yesterday.runs > 0) lines.push('', `Hôm qua: ${String(yesterday.runs)} lượt, ${(yesterday.ms / 60_000).toFixed(1)} phút.`);
  lines.push('', 'Thời gian đo từ lúc hàm bắt đầu đến lúc kết thúc; Google còn tính thêm thời gian khởi động mỗi lượt (vài phần mười giây).');
  return lines.join('\n');
}
