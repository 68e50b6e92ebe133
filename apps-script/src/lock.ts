// Short critical sections under the script lock, and leases for long jobs (drain, setup) that must not hold the lock while they work.
import { JourneyError } from './errors';

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
  if (!locked) console.warn('Không giành được khóa của tập lệnh; vẫn ghi dữ liệu vì mỗi mục có khóa riêng.');
  try {
    return fn();
  } finally {
    if (locked) lock.releaseLock();
  }
}

const LEASE_PREFIX = 'journey.lease.';

/** Takes the named lease for `ttlMs` unless someone holds it; returns false when it is taken. */
export function acquireLease(name: string, ttlMs: number): boolean {
  return withScriptLock(() => {
    const props = PropertiesService.getScriptProperties();
    const until = Number(props.getProperty(LEASE_PREFIX + name) ?? '0');
    const nowMs = Date.now();
    if (until > nowMs) return false;
    props.setProperty(LEASE_PREFIX + name, String(nowMs + ttlMs));
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
