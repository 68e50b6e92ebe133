// Journey-book link tokens: an HMAC over member, year, expiry and link version, checked in constant time.
//
// Here in app/ rather than domain/ because it needs node:crypto, and rather than in http/ because the use
// cases that hand out links (the book-link route, the Kết quả sheet, the members' e-mails) all live in app/.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Member links last this long unless a caller asks otherwise (API.md "Journey book links"). */
export const BOOK_LINK_DAYS = 90;

export interface BookTokenClaims {
  year: number;
  memberId: string;
  /** The member's link version when signed: raising it revokes every earlier link. */
  version: number;
  expiresAt: Date;
}

export type BookTokenCheck =
  | { ok: true; version: number; expiresAt: Date }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'expired' };

// version . expiry (Unix seconds) . 43 characters of base64url (a whole SHA-256 MAC). Only URL-safe characters.
const TOKEN = /^(0|[1-9]\d{0,8})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;

/** A key of its own, derived from the shared secret, so a book MAC can never serve as a request signature. */
function bookKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('journey-book-link/v1').digest();
}

function mac(secret: string, year: number, memberId: string, version: number, expires: number): string {
  return createHmac('sha256', bookKey(secret))
    .update(`${year}\n${memberId}\n${version}\n${expires}`)
    .digest('base64url');
}

export function signBookToken(secret: string, claims: BookTokenClaims): string {
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  return `${claims.version}.${expires}.${mac(secret, claims.year, claims.memberId, claims.version, expires)}`;
}

/**
 * Checks a token's form, signature (constant time) and expiry for this member and year. The link version
 * is checked by the caller against the stored one: a valid signature on an older version is a revoked link.
 */
export function checkBookToken(
  secret: string,
  year: number,
  memberId: string,
  token: string | null | undefined,
  now: Date,
): BookTokenCheck {
  if (token === null || token === undefined || token === '') return { ok: false, reason: 'missing' };
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2] || !match[3]) return { ok: false, reason: 'malformed' };
  const version = Number(match[1]);
  const expires = Number(match[2]);
  const expected = Buffer.from(mac(secret, year, memberId, version, expires));
  const given = Buffer.from(match[3]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, version, expiresAt: new Date(expires * 1000) };
}
