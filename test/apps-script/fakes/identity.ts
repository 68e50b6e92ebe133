// ScriptApp.getIdentityToken() as Google gives it: an OpenID Connect ID token of the account running the execution,
// signed by "Google" (a test key of ours, test/fakes/google-identity.ts), for the script's OAuth client, one hour long —
// and only when the manifest asks for `openid` (null otherwise); the e-mail is in it only with the e-mail scope.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { testIdentityIssuer, type TestIdentityIssuer } from '../../fakes/google-identity';

/** The OAuth client of the script's Cloud project: the audience of its identity tokens. */
export const SCRIPT_OAUTH_CLIENT_ID = '618104708054-journeyscript.apps.googleusercontent.com';
export const OPENID_SCOPE = 'openid';
export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

/** The scopes apps-script/appsscript.json asks for: what the account granted when it authorised the script. */
export function manifestScopes(): string[] {
  const manifest = JSON.parse(
    readFileSync(new URL('../../../apps-script/appsscript.json', import.meta.url), 'utf8'),
  ) as { oauthScopes?: string[] };
  return manifest.oauthScopes ?? [];
}

let issuer: TestIdentityIssuer | undefined;

/** One issuer for the whole test process: the stand-in server is given its public key (`identityCerts`). */
export function scriptIdentityIssuer(): TestIdentityIssuer {
  issuer ??= testIdentityIssuer();
  return issuer;
}

/** What the stand-in function needs to verify the tokens: Google's keys (here, ours) and the audience. */
export function identityCerts(): Record<string, string> {
  return scriptIdentityIssuer().certs;
}

/** The token of `user` at `nowMs`, or null when the scopes granted do not include openid. */
export function identityToken(user: string, nowMs: number, scopes: readonly string[]): string | null {
  if (!scopes.includes(OPENID_SCOPE)) return null;
  const withEmail = scopes.includes(EMAIL_SCOPE) || scopes.includes('email');
  const sub = `1${createHash('sha256').update(user).digest('hex').slice(0, 12)}`;
  return scriptIdentityIssuer().mint(
    {
      aud: SCRIPT_OAUTH_CLIENT_ID,
      azp: SCRIPT_OAUTH_CLIENT_ID,
      sub,
      ...(withEmail ? { email: user, email_verified: true } : { email_verified: undefined }),
    },
    { now: new Date(nowMs) },
  );
}
