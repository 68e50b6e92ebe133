// Verifies the Google ID token an administrator sends: the CLI's `gcloud auth print-identity-token`, a menu action's
// `ScriptApp.getIdentityToken()`. The issuer is a setting (Google's by default), so a test can stand in with its own keys.
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AdminCheck, AdminIdentity } from '../../ports';
import type { Log } from '../../ports/log';

/** Google's issuer: both spellings it signs with, and its keys as a JSON Web Key Set. */
export const GOOGLE_ISSUER = {
  names: ['https://accounts.google.com', 'accounts.google.com'],
  jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
} as const;

/**
 * gcloud's own OAuth client. `gcloud auth print-identity-token` for a person's account cannot choose an audience
 * (`--audiences` needs a service account), so the token it prints names this client; an administrator's CLI sends it.
 */
export const GCLOUD_CLIENT_ID = '32555940559.apps.googleusercontent.com';

/** A minute of skew between Google's clock and ours. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** Google's ID tokens live an hour. */
const TOKEN_LIFETIME_SECONDS = 3600;

export interface GoogleAdminConfig {
  issuer: { names: readonly string[]; jwksUrl: string };
  /** The `aud` a token may name: the function's URL, gcloud's client, the Apps Script project's OAuth client. */
  audiences: readonly string[];
  /** The administrators' e-mails (compared without regard to case). */
  admins: readonly string[];
  /** Keys of the test's own instead of those fetched from `issuer.jwksUrl`. */
  keys?: JWTVerifyGetKey;
  log: Log;
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

/** Errors that say the token is bad; anything else (the key set out of reach) says nothing about the token. */
const TOKEN_ERRORS = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

/**
 * jose checks the signature (RS256 only, by a key the issuer lists), the issuer, the audience and the lifetime; the
 * e-mail's verification and the list are checked here. jose is loaded, and the key set fetched (then cached as the
 * issuer's headers allow), at the first administrator's request, never at a cold start.
 */
export function googleAdminCheck(config: GoogleAdminConfig): AdminCheck {
  const admins = new Set(config.admins.map((email) => email.trim().toLowerCase()));
  const { log } = config;
  let loading: Promise<{ verify: (token: string) => Promise<JWTPayload> }> | undefined;
  const verifier = () => {
    loading ??= import('jose').then(
      ({ createRemoteJWKSet, jwtVerify }) => {
        const keys = config.keys ?? createRemoteJWKSet(new URL(config.issuer.jwksUrl));
        return {
          verify: async (token: string) =>
            (
              await jwtVerify(token, keys, {
                algorithms: ['RS256'],
                issuer: [...config.issuer.names],
                audience: [...config.audiences],
                clockTolerance: CLOCK_TOLERANCE_SECONDS,
                // Also refuses a token issued in the future, which `exp` alone would not.
                maxTokenAge: TOKEN_LIFETIME_SECONDS,
                requiredClaims: ['iat', 'exp', 'email'],
              })
            ).payload,
        };
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    async identify(authorization): Promise<AdminIdentity> {
      const token = bearer(authorization);
      if (token === undefined || config.audiences.length === 0) return { kind: 'invalid' };
      let payload: JWTPayload;
      try {
        payload = await (await verifier()).verify(token);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && TOKEN_ERRORS.has(code)) return { kind: 'invalid' };
        // The issuer's keys could not be fetched: nothing can be verified now; the administrator tries again.
        log({
          severity: 'ERROR',
          message: 'identity: could not fetch the keys that verify administrators’ ID tokens',
          error,
        });
        return { kind: 'unavailable' };
      }
      const email = typeof payload.email === 'string' ? payload.email.toLowerCase() : '';
      if (payload.email_verified !== true || email === '') return { kind: 'invalid' };
      return admins.has(email) ? { kind: 'admin', email } : { kind: 'unlisted' };
    },
  };
}
