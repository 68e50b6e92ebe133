// Short critical sections under the script lock, and leases for long jobs (drain, setup, poll) that must not hold the lock while they work.
import { JourneyError } from './errors';
import { executionDeadline, executionHandler } from './execution';
import { log } from './log';

/**
 * Runs `fn` holding the script lock. When the lock cannot be had within `waitMs`, throws a JourneyError,
 * or runs unlocked if `proceedUnlocked` (for writes that are safe anyway and must never be lost).
 */
export function withScriptLock<T>(fn: () => T, options: { waitMs?: number; proceedUnlocked?: boolean } = {}): T {
  const lock = LockService.getScriptLock();
  const locked = lock.tryLock(options.waitMs ?? 30_000);
  if (!locked && !options.proceedUnlocked) {
    throw new JourneyError('busy', 'Hệ thống đang bận xử lý một việc khác. Vui lòng thử lại sau ít phút.');
  }
  if (!locked) log.warn('Không giành được khóa của tập lệnh; vẫn ghi dữ liệu vì mỗi mục có khóa riêng.');
  try {
    return fn();
  } finally {
    if (locked) lock.releaseLock();
  }
}

const LEASE_PREFIX = 'journey.lease.';
/** Past the holder's 6-minute limit, for clocks that differ a little. */
const LEASE_MARGIN_MS = 30 * 1000;

/** A lease as stored: until when it holds (the holder's execution cannot outlive it), who took it and when. */
export interface Lease {
  until: number;
  by: string;
  at: number;
}

export function parseLease(text: string | null): Lease | null {
  if (text === null) return null;
  if (/^\d+$/.test(text)) return { until: Number(text), by: '', at: 0 };
  try {
    const value = JSON.parse(text) as Partial<Lease>;
    return typeof value.until === 'number'
      ? {
          until: value.until,
          by: typeof value.by === 'string' ? value.by : '',
          at: typeof value.at === 'number' ? value.at : 0,
        }
      : null;
  } catch {
    return null;
  }
}

/**
 * Takes the named lease unless a running execution holds it; returns false when it is taken. A lease expires when its
 * holder's execution must have ended (6 minutes from its start): a holder stopped by Apps Script never releases it
 * (no `finally` runs), and the next run after that takes it over, saying so in the log.
 */
export function acquireLease(name: string): boolean {
  return withScriptLock(() => {
    const props = PropertiesService.getScriptProperties();
    const held = parseLease(props.getProperty(LEASE_PREFIX + name));
    const nowMs = Date.now();
    if (held && held.until > nowMs) return false;
    if (held) {
      log.warn(
        `Lượt "${held.by || name}" trước đó đã bị Apps Script dừng giữa chừng (quá 6 phút) nên không trả lại quyền chạy "${name}"; lượt này tiếp tục từ chỗ đã lưu.`,
      );
    }
    const lease: Lease = { until: executionDeadline() + LEASE_MARGIN_MS, by: executionHandler(), at: nowMs };
    props.setProperty(LEASE_PREFIX + name, JSON.stringify(lease));
    return true;
  });
}

export function releaseLease(name: string): void {
  withScriptLock(
    () => {
      PropertiesService.getScriptProperties().deleteProperty(LEASE_PREFIX + name);
    },
    { proceedUnlocked: true },
  );
}

/** Leases held now (the status menu shows them), from one read of the store's values. */
export function heldLeases(
  all: Readonly<Record<string, string>>,
  nowMs: number,
): Array<{ name: string; lease: Lease }> {
  return Object.entries(all)
    .filter(([key]) => key.startsWith(LEASE_PREFIX))
    .flatMap(([key, text]) => {
      const lease = parseLease(text);
      return lease && lease.until > nowMs ? [{ name: key.slice(LEASE_PREFIX.length), lease }] : [];
    });
}
