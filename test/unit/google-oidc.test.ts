// The invoker check: only a Google-signed RS256 token for the function's audience and the invoker account gets in.
import { describe, expect, it } from 'vitest';
import { googleOidcInvoker } from '../../functions/src/adapters/identity/google-oidc';
import { testIdentityIssuer } from '../fakes/google-identity';

const AUDIENCE = 'https://journey-abc-as.a.run.app';
const INVOKER = 'journey-invoker@hanh-trinh.iam.gserviceaccount.com';
const google = testIdentityIssuer();
const check = googleOidcInvoker({
  audience: AUDIENCE,
  serviceAccount: INVOKER,
  certs: () => Promise.resolve(google.certs),
});
const HOUR = 3600 * 1000;

const good = (claims: Record<string, unknown> = {}): string =>
  google.mint({ aud: AUDIENCE, email: INVOKER, ...claims });

/** A token Google signed for another account, its e-mail then switched to the invoker's. */
function tampered(): string {
  const [head = '', payload = '', signature = ''] = good({ email: 'someone@hanh-trinh.iam.gserviceaccount.com' }).split(
    '.',
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `Bearer ${head}.${Buffer.from(JSON.stringify({ ...claims, email: INVOKER })).toString('base64url')}.${signature}`;
}

describe('googleOidcInvoker', () => {
  it.each<[string, () => string | undefined]>([
    ['the token Cloud Tasks mints for the invoker', () => `Bearer ${good()}`],
    ['the scheme in lower case', () => `bearer ${good()}`],
    ['the issuer spelled without https', () => `Bearer ${good({ iss: 'accounts.google.com' })}`],
    [
      'a token issued a minute ago by a clock a little ahead',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { now: new Date(Date.now() + 60_000) })}`,
    ],
  ])('lets in %s', async (_what, header) => {
    expect(await check.isInvoker(header())).toBe(true);
  });

  it.each<[string, () => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a Basic credential', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a bearer that is no JWT', () => 'Bearer abc.def'],
    ['a token for another audience', () => `Bearer ${good({ aud: 'https://other-function.a.run.app' })}`],
    [
      'a token of another service account',
      () => `Bearer ${good({ email: 'someone@hanh-trinh.iam.gserviceaccount.com' })}`,
    ],
    ['an e-mail not verified', () => `Bearer ${good({ email_verified: false })}`],
    ['no e-mail verification claim', () => `Bearer ${good({ email_verified: undefined })}`],
    [
      'an expired token',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { now: new Date(Date.now() - 2 * HOUR) })}`,
    ],
    [
      'a token issued an hour ahead',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { now: new Date(Date.now() + HOUR) })}`,
    ],
    ['another issuer', () => `Bearer ${good({ iss: 'https://evil.example' })}`],
    [
      'a signature by a key Google does not list',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { key: google.strangerKey })}`,
    ],
    [
      'a key id Google does not list',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { header: { kid: 'unknown' } })}`,
    ],
    ['a payload changed after signing', tampered],
    [
      'alg none without a signature',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { header: { alg: 'none' } })}`,
    ],
    [
      'HS256 keyed with the public key',
      () => `Bearer ${google.mint({ aud: AUDIENCE, email: INVOKER }, { header: { alg: 'HS256' } })}`,
    ],
  ])('refuses %s', async (_what, header) => {
    expect(await check.isInvoker(header())).toBe(false);
  });

  it('refuses, and says why in the log, when Google’s certificates cannot be fetched', async () => {
    const logged: string[] = [];
    const offline = googleOidcInvoker({
      audience: AUDIENCE,
      serviceAccount: INVOKER,
      certs: () => Promise.reject(new Error('getaddrinfo ENOTFOUND www.googleapis.com')),
      log: (message) => logged.push(message),
    });
    expect(await offline.isInvoker(`Bearer ${good()}`)).toBe(false);
    expect(logged).toEqual(['identity: could not fetch the certificates that verify OIDC tokens']);
  });
});
