// Request signing (API.md §Signing): HMAC-SHA256 over `TIMESTAMP.METHOD.PATH.BODY`, checked in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_AGE_SECONDS = 300;
export const MAX_SKEW_AHEAD_SECONDS = 60;

export interface SignedParts {
  timestamp: string;
  method: string;
  /** Path with its query string, as the function sees it (e.g. `/v1/years/2019/inbox?status=refused`). */
  path: string;
  body: string;
}

export function signature(secret: string, parts: SignedParts): string {
  const mac = createHmac('sha256', secret).update(
    `${parts.timestamp}.${parts.method.toUpperCase()}.${parts.path}.${parts.body}`,
  );
  return `v1=${mac.digest('hex')}`;
}

/** The headers a caller sends; used by the CLI, the demo seed and tests. */
export function signedHeaders(
  secret: string,
  method: string,
  path: string,
  body: string,
  now: Date,
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'X-Journey-Timestamp': timestamp,
    'X-Journey-Signature': signature(secret, { timestamp, method, path, body }),
  };
}

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

export function verifySignature(
  secret: string,
  parts: Omit<SignedParts, 'timestamp'> & { timestamp: string | undefined; signature: string | undefined },
  now: Date,
): SignatureCheck {
  if (parts.timestamp === undefined || parts.signature === undefined) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(parts.timestamp) || !/^v1=[0-9a-f]{64}$/.test(parts.signature))
    return { ok: false, reason: 'malformed' };
  const age = Math.floor(now.getTime() / 1000) - Number(parts.timestamp);
  if (age > MAX_AGE_SECONDS) return { ok: false, reason: 'stale' };
  if (age < -MAX_SKEW_AHEAD_SECONDS) return { ok: false, reason: 'future' };
  const expected = Buffer.from(signature(secret, { ...parts, timestamp: parts.timestamp }));
  const given = Buffer.from(parts.signature);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
