// Domain-wide delegation without a key: the runtime service account signs the delegation JWT through the IAM Credentials
// API (signJwt, allowed by Service Account Token Creator on itself) and trades it at Google's token endpoint for a token
// that acts as the Workspace mailbox. No private key exists anywhere (Workspace organisations made since May 2024
// refuse to create one: iam.disableServiceAccountKeyCreation).
import { apiRoot, RUNTIME_APIS } from '../../contract/google-apis';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts a delegation JWT of at most one hour. */
const LIFETIME_S = 3600;

export interface DelegationOptions {
  /** The service account that signs (the function's own), whose client id the Workspace admin granted the scopes. */
  signer: string;
  /** The mailbox the token acts as. */
  subject: string;
  scopes: readonly string[];
  /** An access token of the function's own identity (metadata server), to call IAM Credentials with. */
  accessToken: () => Promise<string | null>;
  /** IAM Credentials REST root; a local fake in tests. */
  iamCredentialsRootUrl?: string;
  /** Where the signed JWT is traded; a local fake in tests (the JWT's audience stays Google's). */
  tokenUrl?: string;
  now?: () => Date;
}

export interface DelegatedToken {
  token: string;
  /** Unix milliseconds. */
  expiresAt: number;
}

async function failure(response: Response, what: string): Promise<Error & { status: number }> {
  const error = new Error(
    `${what} answered ${String(response.status)}: ${(await response.text()).slice(0, 300)}`,
  ) as Error & { status: number };
  error.status = response.status;
  return error;
}

/** A new token acting as `subject`: signJwt by `signer`, then the JWT-bearer grant. */
export async function delegatedToken(options: DelegationOptions): Promise<DelegatedToken> {
  const iat = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const claims = {
    iss: options.signer,
    sub: options.subject,
    scope: options.scopes.join(' '),
    aud: GOOGLE_TOKEN_URL,
    iat,
    exp: iat + LIFETIME_S,
  };
  const root = (options.iamCredentialsRootUrl ?? apiRoot(RUNTIME_APIS.iamCredentials)).replace(/\/?$/, '/');
  const own = await options.accessToken();
  const signed = await fetch(`${root}v1/projects/-/serviceAccounts/${options.signer}:signJwt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(own ? { authorization: `Bearer ${own}` } : {}) },
    body: JSON.stringify({ payload: JSON.stringify(claims) }),
  });
  if (!signed.ok) throw await failure(signed, `IAM Credentials signJwt for ${options.signer}`);
  const { signedJwt } = (await signed.json()) as { signedJwt?: string };
  if (!signedJwt) throw new Error('IAM Credentials signJwt answered no signedJwt');
  const granted = await fetch(options.tokenUrl ?? GOOGLE_TOKEN_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: signedJwt }).toString(),
  });
  if (!granted.ok) throw await failure(granted, 'Google’s token endpoint');
  const { access_token: token, expires_in: expiresIn } = (await granted.json()) as {
    access_token?: string;
    expires_in?: number;
  };
  if (!token) throw new Error('Google’s token endpoint answered no access_token');
  return { token, expiresAt: (iat + (expiresIn ?? LIFETIME_S)) * 1000 };
}
