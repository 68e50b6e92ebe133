// Request signing as API.md §Signing: `v1=` + hex HMAC-SHA256(secret, `TIMESTAMP.METHOD.PATH.BODY`), recomputed at every attempt.
import { bytesToHex } from './hashing';

export const TIMESTAMP_HEADER = 'X-Journey-Timestamp';
export const SIGNATURE_HEADER = 'X-Journey-Signature';

/** The signature header value; `path` includes the query string and `body` is "" for GET. */
export function signature(secret: string, timestamp: number, method: string, path: string, body: string): string {
  const signed = `${String(timestamp)}.${method}.${path}.${body}`;
  return `v1=${bytesToHex(Utilities.computeHmacSha256Signature(signed, secret, Utilities.Charset.UTF_8))}`;
}

/** Both signing headers for a request made now. */
export function signingHeaders(
  secret: string,
  method: string,
  path: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signature(secret, timestamp, method, path, body),
  };
}
