// The production mailer: the Gmail API (`users.messages.send` with the raw message), as a Workspace mailbox (delegated, keyless) or a consumer account.
import { apiRoot, RUNTIME_APIS } from '../../contract/google-apis';
import { MailSendError, type Mailer } from '../../ports';
import { delegatedToken } from './delegation';

/**
 * How the function acts as the sender: a Workspace mailbox through domain-wide delegation signed by the runtime account
 * (no key), or a consumer account's OAuth client and refresh token (from Secret Manager).
 */
export type GmailCredentials =
  | { kind: 'delegated'; signer: string }
  | { kind: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string };

export interface GmailOptions {
  /** The mailbox that sends: delegated to the runtime account (Workspace), or the consumer account itself. */
  sender: string;
  credentials: GmailCredentials;
  /** Delegation only: an access token of the function's own identity, to call IAM Credentials with. */
  accessToken?: () => Promise<string | null>;
  /** Gmail API root; a local stand-in in tests. */
  rootUrl?: string;
  /** Google's OAuth token endpoint; a local stand-in in tests. */
  tokenUrl?: string;
  /** IAM Credentials API root; a local stand-in in tests. */
  iamCredentialsRootUrl?: string;
}

/** Sending only: the narrowest scope that lets the function send as the mailbox (it never reads it). */
export const GMAIL_SEND_SCOPE = 'https://www.googleapis.com/auth/gmail.send';

type GmailModule = typeof import('@googleapis/gmail');
type AuthClient = InstanceType<GmailModule['auth']['OAuth2']>;

/**
 * The auth client for the credentials: for a Workspace mailbox, an OAuth2 client whose tokens come from the delegation
 * (asked again shortly before each expires); for a consumer account, an OAuth2 client refreshing its token.
 */
export function gmailAuth(gmail: GmailModule, options: GmailOptions): AuthClient {
  const { credentials } = options;
  if (credentials.kind === 'delegated') {
    const client = new gmail.auth.OAuth2();
    client.refreshHandler = async () => {
      const { token, expiresAt } = await delegatedToken({
        signer: credentials.signer,
        subject: options.sender,
        scopes: [GMAIL_SEND_SCOPE],
        accessToken: options.accessToken ?? (() => Promise.resolve(null)),
        ...(options.iamCredentialsRootUrl ? { iamCredentialsRootUrl: options.iamCredentialsRootUrl } : {}),
        ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}),
      });
      return { access_token: token, expiry_date: expiresAt };
    };
    return client;
  }
  const oauth = new gmail.auth.OAuth2({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    ...(options.tokenUrl ? { endpoints: { oauth2TokenUrl: options.tokenUrl } } : {}),
  });
  oauth.setCredentials({ refresh_token: credentials.refreshToken });
  return oauth;
}

/** The HTTP status of a failed call, wherever the client put it. */
function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; code?: unknown; response?: { status?: unknown } };
  const value = e.response?.status ?? e.status ?? e.code;
  return typeof value === 'number'
    ? value
    : typeof value === 'string' && /^\d{3}$/.test(value)
      ? Number(value)
      : undefined;
}

/** Gmail's errors in the project's terms: a refused message is final, anything else is worth a retry later. */
export function gmailError(error: unknown): MailSendError {
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 400) return new MailSendError(`Gmail từ chối thư (400): ${detail}`, true, { cause: error });
  if (status === 401 || status === 403) {
    return new MailSendError(
      `Gmail từ chối quyền gửi (${String(status)}): kiểm tra ủy quyền toàn miền hoặc mã làm mới, hoặc hạn mức gửi của hộp thư. ${detail}`,
      false,
      { cause: error },
    );
  }
  if (status === 429) return new MailSendError(`Gmail yêu cầu gửi chậm lại (429): ${detail}`, false, { cause: error });
  return new MailSendError(
    `Gmail tạm thời không nhận thư${status === undefined ? '' : ` (${String(status)})`}: ${detail}`,
    false,
    { cause: error },
  );
}

export function gmailMailer(options: GmailOptions): Mailer {
  let client: Promise<ReturnType<GmailModule['gmail']>> | undefined;
  // Loaded on the first send: the Gmail client is large and most requests never send.
  const gmailClient = (): Promise<ReturnType<GmailModule['gmail']>> => {
    client ??= import('@googleapis/gmail').then((module) => {
      const gmail = (module as GmailModule & { default?: GmailModule }).default ?? module;
      return gmail.gmail({
        version: 'v1',
        auth: gmailAuth(gmail, options),
        rootUrl: options.rootUrl ?? apiRoot(RUNTIME_APIS.gmail),
      });
    });
    return client;
  };
  return {
    async send({ raw }) {
      const api = await gmailClient();
      try {
        const response = await api.users.messages.send({
          userId: 'me',
          requestBody: { raw: raw.toString('base64url') },
        });
        return { providerId: response.data.id ?? null };
      } catch (error) {
        throw gmailError(error);
      }
    },
  };
}
