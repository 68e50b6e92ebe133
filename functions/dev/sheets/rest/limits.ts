// Google's limits the stand-in enforces, so a test fails where production would: write quota, body size, protections.

export interface SheetsLimits {
  /**
   * Write requests a minute per user; a service account is one user, so this is the function's
   * budget across all its spreadsheets. Google: 60. `false` turns the check off.
   */
  writeRequestsPerMinutePerUser: number | false;
  /** Write requests a minute for the whole project, every user together. Google: 300. `false`: off. */
  writeRequestsPerMinutePerProject: number | false;
  /**
   * Largest request body in bytes; larger ones get Google's 400. Google's hard limit is 10 MB
   * (10,485,760 bytes) and it advises staying under 2 MB; stats() reports the largest body seen.
   */
  maxRequestBytes: number;
  /** Writes into a protected range whose editors leave out the caller get Google's 403. */
  enforceProtectedRanges: boolean;
}

/** Google's own numbers: what `npm start` and every test get unless they say otherwise. */
export const GOOGLE_LIMITS: Readonly<SheetsLimits> = {
  writeRequestsPerMinutePerUser: 60,
  writeRequestsPerMinutePerProject: 300,
  maxRequestBytes: 10 * 1024 * 1024,
  enforceProtectedRanges: true,
};

/** Turns both per-minute write quotas off, for harnesses that write faster than Google allows on purpose. */
export const NO_WRITE_QUOTA: Pick<SheetsLimits, 'writeRequestsPerMinutePerUser' | 'writeRequestsPerMinutePerProject'> =
  {
    writeRequestsPerMinutePerUser: false,
    writeRequestsPerMinutePerProject: false,
  };

/** Google's numbers with the given ones over them; a bad number is the caller's bug, so it throws. */
export function resolveLimits(given: Partial<SheetsLimits> = {}): SheetsLimits {
  const limits: SheetsLimits = { ...GOOGLE_LIMITS, ...given };
  for (const key of ['writeRequestsPerMinutePerUser', 'writeRequestsPerMinutePerProject', 'maxRequestBytes'] as const) {
    const value = limits[key];
    if (value !== false && !(Number.isInteger(value) && value > 0))
      throw new RangeError(`${key} must be a positive integer or false, got ${String(value)}`);
  }
  return limits;
}
