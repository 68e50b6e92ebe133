// An administrator's Google ID token: only an RS256 token of the issuer, for an accepted audience, alive, whose e-mail
// is verified and listed names an administrator; a listed issuer's valid token of anyone else is "unlisted".
import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  GCLOUD_CLIENT_ID,
  GOOGLE_ISSUER,
  googleAdminCheck,
} from '../../functions/src/adapters/identity/google-id-token';
import { testIdentityIssuer } from '../fakes/google-identity';

const FUNCTION_URL = 'https://journey-abc-as.a.run.app';
const SCRIPT_CLIENT = '1234-abcdef.apps.googleusercontent.com';
const ADMIN = 'btv.doankhoi@example.vn';
const HOUR = 3600 * 1000;
const google = testIdentityIssuer();
const check = googleAdminCheck({
  issuer: { names: [...GOOGLE_ISSUER.names], jwksUrl: 'http://127.0.0.1:9/never-fetched' },
  audiences: [FUNCTION_URL, GCLOUD_CLIENT_ID, SCRIPT_CLIENT],
  admins: ['BTV.DoanKhoi@example.vn'],
  keys: createLocalJWKSet(google.jwks),
  log: () => undefined,
});
const good = (claims: Record<string, unknown> = {}, options?: Parameters<typeof google.mint>[1]): string =>
  `Bearer ${google.mint({ aud: GCLOUD_CLIENT_ID, email: ADMIN, ...claims }, options)}`;

function tampered(): string {
  const [head = '', payload = '', signature = ''] = google
    .mint({ aud: GCLOUD_CLIENT_ID, email: 'someone@example.vn' })
    .split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `Bearer ${head}.${Buffer.from(JSON.stringify({ ...claims, email: ADMIN })).toString('base64url')}.${signature}`;
}

describe('googleAdminCheck', () => {
  it.each<[string, () => string]>([
    ['a person’s gcloud token (audience gcloud’s client)', () => good()],
    ['a service account’s token for the function’s URL', () => good({ aud: FUNCTION_URL })],
    ['a menu action’s ScriptApp.getIdentityToken() (audience the script’s client)', () => good({ aud: SCRIPT_CLIENT })],
    ['the e-mail in another case', () => good({ email: 'Btv.DoanKhoi@Example.VN' })],
    ['the issuer spelled without https', () => good({ iss: 'accounts.google.com' })],
  ])('names the administrator for %s', async (_what, header) => {
    expect(await check.identify(header())).toEqual({ kind: 'admin', email: ADMIN });
  });

  it('calls a valid token of an e-mail not listed "unlisted"', async () => {
    expect(await check.identify(good({ email: 'someone@example.vn' }))).toEqual({ kind: 'unlisted' });
  });

  it.each<[string, () => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a bearer that is no JWT', () => 'Bearer abc.def'],
    ['another audience', () => good({ aud: 'https://other-function.a.run.app' })],
    ['another issuer', () => good({ iss: 'https://evil.example' })],
    ['an expired token', () => good({}, { now: new Date(Date.now() - 2 * HOUR) })],
    ['a token issued an hour ahead', () => good({}, { now: new Date(Date.now() + HOUR) })],
    ['an e-mail not verified', () => good({ email_verified: false })],
    ['no e-mail', () => good({ email: undefined })],
    ['a signature by a key the issuer does not list', () => good({}, { key: google.strangerKey })],
    ['a key id the issuer does not list', () => good({}, { header: { kid: 'unknown' } })],
    ['a payload changed after signing', tampered],
    ['alg none without a signature', () => good({}, { header: { alg: 'none' } })],
    ['HS256 keyed with the public key', () => good({}, { header: { alg: 'HS256' } })],
  ])('refuses %s as invalid', async (_what, header) => {
    expect(await check.identify(header())).toEqual({ kind: 'invalid' });
  });

  it('says the keys are out of reach (not that the token is bad) when the issuer’s key set cannot be fetched', async () => {
    const logged: string[] = [];
    const offline = googleAdminCheck({
      issuer: { names: [...GOOGLE_ISSUER.names], jwksUrl: 'http://127.0.0.1:9/oauth2/v3/certs' },
      audiences: [GCLOUD_CLIENT_ID],
      admins: [ADMIN],
      log: (event) => logged.push(event.message),
    });
    expect(await offline.identify(good())).toEqual({ kind: 'unavailable' });
    expect(logged).toEqual(['identity: could not fetch the keys that verify administrators’ ID tokens']);
  });
});
