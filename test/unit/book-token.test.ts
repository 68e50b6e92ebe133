// Journey-book tokens: signed over member, year, version and expiry; anything altered, cut or late is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBookToken, signBookToken } from '../../functions/src/app/book-token';

const SECRET = 'unit-test-secret-0123456789';
const MEMBER = 'm-0123456789abcdef';
const OTHER = 'm-fedcba9876543210';
const NOW = new Date('2019-06-01T00:00:00Z');
const EXPIRES = new Date('2019-08-30T00:00:00Z');
const token = signBookToken(SECRET, { year: 2019, memberId: MEMBER, version: 3, expiresAt: EXPIRES });
const [version = '', expiry = '', mac = ''] = token.split('.');

/** The same token with one character of its MAC changed. */
const flipped = `${version}.${expiry}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;

describe('checkBookToken', () => {
  it('accepts the token it signed, giving back its version and expiry (to the second)', () => {
    expect(checkBookToken(SECRET, 2019, MEMBER, token, NOW)).toEqual({ ok: true, version: 3, expiresAt: EXPIRES });
    expect(token).toMatch(/^[0-9A-Za-z._-]+$/);
  });

  it.each<[string, { secret?: string; year?: number; member?: string; token?: string | null; now?: Date }, string]>([
    ['no token', { token: null }, 'missing'],
    ['an empty token', { token: '' }, 'missing'],
    ['another member', { member: OTHER }, 'bad_signature'],
    ['another year', { year: 2020 }, 'bad_signature'],
    ['a raised version written in', { token: `4.${expiry}.${mac}` }, 'bad_signature'],
    ['a later expiry written in', { token: `${version}.${Number(expiry) + 86_400}.${mac}` }, 'bad_signature'],
    ['one character of the MAC changed', { token: flipped }, 'bad_signature'],
    ['another secret', { secret: 'another-secret-0123456789' }, 'bad_signature'],
    ['a truncated token', { token: token.slice(0, -1) }, 'malformed'],
    ['a token with something appended', { token: `${token}x` }, 'malformed'],
    ['a token without its version', { token: `${expiry}.${mac}` }, 'malformed'],
    ['a leading zero on the version', { token: `03.${expiry}.${mac}` }, 'malformed'],
    ['the moment it expires', { now: EXPIRES }, 'expired'],
    ['a day after it expired', { now: new Date(EXPIRES.getTime() + 86_400_000) }, 'expired'],
  ])('refuses %s', (_what, change, reason) => {
    const check = checkBookToken(
      change.secret ?? SECRET,
      change.year ?? 2019,
      change.member ?? MEMBER,
      change.token === undefined ? token : change.token,
      change.now ?? NOW,
    );
    expect(check).toEqual({ ok: false, reason });
  });

  it('never accepts a random string, nor throws on one', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,3}\.[0-9]{10}\.[A-Za-z0-9_-]{43}$/)), (random) => {
        expect(checkBookToken(SECRET, 2019, MEMBER, random, NOW).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
