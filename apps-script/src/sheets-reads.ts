// The Sheets API's read quota, kept by the script: Google allows 60 read requests a minute per user (the script's
// account), and answers 429 past that. Every read the poller makes with the Sheets API (a queue tab, a "Đề cử" tab)
// waits its turn here: at most JOURNEY_SHEETS_READS_PER_MINUTE (default 50) in any 60 seconds, counted across
// executions (the times of the last minute's reads are kept in one small property), and none at all until the time a
// 429's Retry-After gives. A read that has no turn is left for the next run — never replaced by opening the spreadsheet
// with SpreadsheetApp, which would only spend the run's time on the same quota.
import { props } from './store';

const KEY = 'journey.sheetsReads';
const WINDOW_MS = 60 * 1000;
/** Without a Retry-After, a 429 holds reads back this long (the quota is per minute). */
export const DEFAULT_RETRY_AFTER_MS = 60 * 1000;

export class ReadPace {
  private changed = false;

  private constructor(
    readonly perMinute: number,
    private times: number[],
    private blockedUntil: number,
  ) {}

  /** The pace as the last runs left it. */
  static load(perMinute: number): ReadPace {
    const text = props().getProperty(KEY) ?? '';
    const [blocked = '', list = ''] = text.split('|');
    const times =
      list === ''
        ? []
        : list
            .split(',')
            .map((t) => parseInt(t, 36))
            .filter((t) => Number.isFinite(t));
    const until = parseInt(blocked, 36);
    return new ReadPace(perMinute, times, Number.isFinite(until) ? until : 0);
  }

  /** Reads that may start now. */
  available(nowMs: number): number {
    if (nowMs < this.blockedUntil) return 0;
    const recent = this.times.filter((t) => nowMs - t < WINDOW_MS).length;
    return Math.max(0, this.perMinute - recent);
  }

  /** When the next read may start (now, when one is available). */
  nextAt(nowMs: number): number {
    if (nowMs < this.blockedUntil) return this.blockedUntil;
    const recent = this.times.filter((t) => nowMs - t < WINDOW_MS).sort((a, b) => a - b);
    if (recent.length < this.perMinute) return nowMs;
    return (recent[recent.length - this.perMinute] ?? nowMs) + WINDOW_MS;
  }

  /** Records `count` reads made at `nowMs`. */
  took(count: number, nowMs: number): void {
    if (count <= 0) return;
    this.times = [...this.times.filter((t) => nowMs - t < WINDOW_MS), ...Array.from({ length: count }, () => nowMs)];
    this.changed = true;
  }

  /** Google refused a read (429): no read before `untilMs`. */
  blockUntil(untilMs: number): void {
    if (untilMs <= this.blockedUntil) return;
    this.blockedUntil = untilMs;
    this.changed = true;
  }

  /** Saved after each batch of reads (one property), so the next execution keeps the pace. */
  save(nowMs: number): void {
    if (!this.changed) return;
    const recent = this.times.filter((t) => nowMs - t < WINDOW_MS);
    props().setProperty(
      KEY,
      `${this.blockedUntil > nowMs ? this.blockedUntil.toString(36) : ''}|${recent.map((t) => t.toString(36)).join(',')}`,
    );
    this.changed = false;
  }
}

/** The wait a 429 asks for: its Retry-After (seconds or an HTTP date), or a minute. */
export function retryAfterMs(headers: Readonly<Record<string, unknown>>, nowMs: number): number {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
  const value =
    typeof entry?.[1] === 'string' ? entry[1].trim() : typeof entry?.[1] === 'number' ? String(entry[1]) : '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) && at > nowMs ? at - nowMs : DEFAULT_RETRY_AFTER_MS;
}
