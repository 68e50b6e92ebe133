// The adapter's own retry policy: exponential backoff with full jitter, honouring Retry-After.
import { SheetsError, toSheetsError } from './errors';

export interface RetryPolicy {
  /** Retries after the first call (so retries + 1 calls at most). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Google's advice for Sheets quotas: back off exponentially, up to about half a minute. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseDelayMs: 500, maxDelayMs: 32_000 };

export interface RetryInfo {
  operation: string;
  /** The retry about to happen, from 1. */
  attempt: number;
  delayMs: number;
  error: SheetsError;
}

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry: (info: RetryInfo) => void;
}

/**
 * The wait before retry number `attempt` (from 1): a uniform draw in [0, min(max, base·2^(attempt-1))]
 * ("full jitter", so many callers do not retry in step), but never shorter than Retry-After.
 * @example backoffDelay(3, { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.5) // 200
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}

/**
 * Runs `call`, retrying retryable failures when the operation is safe to repeat. Every failure
 * leaves as a SheetsError carrying how many calls were made.
 */
export async function withRetry<T>(
  operation: string,
  idempotent: boolean,
  call: () => Promise<T>,
  deps: RetryDeps,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (raw) {
      const error = toSheetsError(raw).withAttempts(attempt);
      if (!idempotent || !error.retryable || attempt > deps.policy.retries) throw error;
      const delayMs = backoffDelay(attempt, deps.policy, deps.random, error.retryAfterMs);
      deps.onRetry({ operation, attempt, delayMs, error });
      await deps.sleep(delayMs);
    }
  }
}
