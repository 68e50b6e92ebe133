// The Sheets adapter's coded errors: what callers see instead of the SDK's GaxiosError.
import { ViewsUnavailableError } from '../../ports';

export type SheetsErrorCode =
  'sheets_not_found' | 'sheets_bad_request' | 'sheets_rate_limited' | 'sheets_unavailable' | 'sheets_permission_denied';

/** A Sheets failure, coded; it is the views' `ViewsUnavailableError`, so nothing above the views sees the SDK. */
export class SheetsError extends ViewsUnavailableError {
  override readonly name = 'SheetsError';

  constructor(
    readonly code: SheetsErrorCode,
    message: string,
    /** HTTP status Google answered; undefined when no answer came (network, timeout). */
    readonly status: number | undefined,
    /** Whether trying again later may succeed (rate limits, outages, network). */
    retryable: boolean,
    /** Calls made before giving up (1 when not retried). */
    readonly attempts = 1,
    /** How long Google asked to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message, retryable);
  }

  withAttempts(attempts: number): SheetsError {
    return new SheetsError(this.code, this.message, this.status, this.retryable, attempts, this.retryAfterMs);
  }
}

/** Reads an SDK failure by shape (gaxios versions differ, so no instanceof) and codes it. */
export function toSheetsError(error: unknown, now: () => number = Date.now): SheetsError {
  if (error instanceof SheetsError) return error;
  if (typeof error !== 'object' || error === null)
    return new SheetsError('sheets_bad_request', String(error), undefined, false);
  const record = error as {
    message?: unknown;
    config?: unknown;
    response?: { status?: unknown; headers?: unknown; data?: unknown };
  };
  const message = typeof record.message === 'string' ? record.message : 'Sheets request failed';
  const response = record.response;
  if (!response || typeof response.status !== 'number') {
    // gaxios errors carry their request config; one without a response never reached Google.
    if (record.config !== undefined) return new SheetsError('sheets_unavailable', message, undefined, true);
    return new SheetsError('sheets_bad_request', message, undefined, false);
  }
  const status = response.status;
  const detail = googleMessage(response.data) ?? message;
  const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), now);
  if (status === 429) return new SheetsError('sheets_rate_limited', detail, status, true, 1, retryAfterMs);
  if (status >= 500 || status === 408)
    return new SheetsError('sheets_unavailable', detail, status, true, 1, retryAfterMs);
  if (status === 404) return new SheetsError('sheets_not_found', detail, status, false);
  if (status === 401 || status === 403) return new SheetsError('sheets_permission_denied', detail, status, false);
  return new SheetsError('sheets_bad_request', detail, status, false);
}

/** Google's `{ error: { message } }` body. */
function googleMessage(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return typeof data === 'string' && data !== '' ? data : undefined;
  const inner = (data as { error?: unknown }).error;
  if (typeof inner === 'string') return inner;
  if (typeof inner === 'object' && inner !== null) {
    const text = (inner as { message?: unknown }).message;
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** gaxios 7 hands back a Headers-like object (not always this realm's Headers); older ones a plain record. */
function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get: unknown = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date.
 * @example parseRetryAfter('2', () => 0) // 2000
 */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}
