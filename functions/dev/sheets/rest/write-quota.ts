// The per-minute write quota: a sliding 60-second window of accepted write requests per user and per project.
import { writeQuotaExceeded, type ApiError } from './errors';
import type { SheetsLimits } from './limits';

const WINDOW_MS = 60_000;

/** The Sheets v4 methods Google counts as write requests. */
const WRITE_ENDPOINTS: ReadonlySet<string> = new Set([
  'spreadsheets.create',
  'spreadsheets.batchUpdate',
  'spreadsheets.values.update',
  'spreadsheets.values.batchUpdate',
  'spreadsheets.values.append',
  'spreadsheets.values.clear',
  'spreadsheets.values.batchClear',
]);

export const isWriteEndpoint = (endpoint: string): boolean => WRITE_ENDPOINTS.has(endpoint);

/**
 * Counts write requests the way the quota does: a request refused with 429 is not counted, and a
 * slot frees exactly one minute after the request that took it, which Retry-After tells the caller.
 * A sliding window is no looser than Google's per-minute refill, so code that passes it passes there.
 */
export class WriteQuota {
  readonly #byUser = new Map<string, number[]>();
  readonly #project: number[] = [];

  constructor(
    private readonly limits: Pick<SheetsLimits, 'writeRequestsPerMinutePerUser' | 'writeRequestsPerMinutePerProject'>,
  ) {}

  /** Takes a slot for `user` at `nowMs`, or returns the 429 to answer with instead. */
  take(user: string, nowMs: number): ApiError | undefined {
    let own = this.#byUser.get(user);
    if (!own) {
      own = [];
      this.#byUser.set(user, own);
    }
    const refused =
      refusal(own, this.limits.writeRequestsPerMinutePerUser, nowMs, 'user') ??
      refusal(this.#project, this.limits.writeRequestsPerMinutePerProject, nowMs, 'project');
    if (refused) return refused;
    // Without a limit nothing needs remembering.
    if (this.limits.writeRequestsPerMinutePerUser !== false) own.push(nowMs);
    if (this.limits.writeRequestsPerMinutePerProject !== false) this.#project.push(nowMs);
    return undefined;
  }

  reset(): void {
    this.#byUser.clear();
    this.#project.length = 0;
  }
}

function refusal(
  times: number[],
  limit: number | false,
  nowMs: number,
  scope: 'user' | 'project',
): ApiError | undefined {
  while (times.length > 0 && (times[0] ?? 0) <= nowMs - WINDOW_MS) times.shift();
  if (limit === false || times.length < limit) return undefined;
  const freeAt = (times[times.length - limit] ?? nowMs) + WINDOW_MS;
  return writeQuotaExceeded(scope, Math.max(1, Math.ceil((freeAt - nowMs) / 1000)));
}
