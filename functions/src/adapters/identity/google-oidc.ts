// Verifies the Google OIDC token that Cloud Tasks and Cloud Scheduler send for the invoker service account.
import type { Certificates, OAuth2Client } from 'google-auth-library';
import type { InvokerCheck } from '../../ports';

/** Google signs service-account identity tokens with either spelling of its issuer. */
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export interface GoogleOidcConfig {
  /** The `aud` every token must name: the function's URL, as the queue and the scheduler jobs are told. */
  audience: string;
  /** The only identity let in: the invoker service account's e-mail. */
  serviceAccount: string;
  /** Public keys by key id; Google's (fetched and cached by google-auth-library) unless a test gives its own. */
  certs?: () => Promise<Certificates>;
  log?: (message: string, error?: unknown) => void;
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

/** The token's own header, read before anything is trusted: only RS256 is Google's, so nothing else is tried. */
function algorithm(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    return undefined;
  }
}

/**
 * The signature, issuer, audience and lifetime are checked by google-auth-library (times against the system
 * clock, with its five minutes of leeway); the e-mail and its verification here. A token is minted when the
 * platform sends the request, so a task dispatched hours after it was created still gets in.
 */
export function googleOidcInvoker(config: GoogleOidcConfig): InvokerCheck {
  // The library (some 85 ms to load) is imported at the first internal callback, not when the function starts.
  let loading: Promise<OAuth2Client> | undefined;
  const client = (): Promise<OAuth2Client> => {
    loading ??= import('google-auth-library').then(
      ({ OAuth2Client }) => new OAuth2Client(),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const certs = config.certs ?? (async () => (await (await client()).getFederatedSignonCertsAsync()).certs);
  const log =
    config.log ??
    ((message: string, error?: unknown) => {
      console.error(message, error);
    });

  return {
    async isInvoker(authorization) {
      const token = bearer(authorization);
      if (token === undefined || algorithm(token) !== 'RS256') return false;
      let keys: Certificates;
      try {
        keys = await certs();
      } catch (error) {
        // Without Google's keys nothing can be verified; the platform retries the callback later.
        log('identity: could not fetch the certificates that verify OIDC tokens', error);
        return false;
      }
      try {
        const payload = (
          await (await client()).verifySignedJwtWithCertsAsync(token, keys, config.audience, GOOGLE_ISSUERS)
        ).getPayload();
        return payload?.email === config.serviceAccount && payload.email_verified === true;
      } catch {
        return false;
      }
    },
  };
}
