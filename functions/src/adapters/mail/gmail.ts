// The production mailer: the Gmail API (`users.messages.send` with the raw message), as a Workspace mailbox or a consumer account.
import { MailSendError, type Mailer } from '../../ports';

/** Read from Secret Manager (JOURNEY_MAIL_CREDENTIALS): a service-account key, or an OAuth client with a refresh token. */
export type GmailCredentials =
  | { kind: 'service_account'; clientEmail: string; privateKey: string }
  | { kind: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string };

export interface GmailOptions {
  /** The mailbox that sends: impersonated by the service account (domain-wide delegation), or the consumer account itself. */
  sender: string;
  credentials: GmailCredentials;
  /** Gmail API root; a local stand-in in tests. */
  rootUrl?: string;
  /** Google's OAuth token endpoint; a local stand-in in tests. */
  tokenUrl?: string;
}

/** Sending only: the narrowest scope that lets the function send as the mailbox (it never reads it). */
export const GMAIL_SEND_SCOPE = 'https://www.googleapis.com/auth/gmail.send';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

type GmailModule = typeof import('@googleapis/gmail');
type AuthClient = InstanceType<GmailModule['auth']['JWT']> | InstanceType<GmailModule['auth']['OAuth2']>;

/**
 * The auth client for the credentials: a JWT whose subject is the sender (Workspace: the administrator granted the
 * service account's client id the gmail.send scope for the domain), or an OAuth2 client refreshing its token.
 */
export function gmailAuth(gmail: GmailModule, options: GmailOptions): AuthClient {
  const { credentials } = options;
  if (credentials.kind === 'service_account') {
    const jwt = new gmail.auth.JWT({ email: credentials.clientEmail, key: credentials.privateKey, scopes: [GMAIL_SEND_SCOPE], subject: options.sender });
    const tokenUrl = options.tokenUrl;
    if (tokenUrl !== undefined) {
      // The JWT grant posts to Google's endpoint without an option to change it: tests send it to their stand-in.
      jwt.transporter.interceptors.request.add({
        resolved: (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
          return Promise.resolve(config);
        },
      });
    }
    return jwt;
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
  return typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : undefined;
}

/** Gmail's errors in the project's terms: a refused message is final, anything else is worth a retry later. */
export function gmailError(error: unknown): MailSendError {
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 400) return new MailSendError(`Gmail từ chối thư (400): ${detail}`, true, { cause: error });
  if (status === 401 || status === 403) {
    return new MailSendError(`Gmail từ chối quyền gửi (${String(status)}): kiểm tra ủy quyền toàn miền hoặc mã làm mới, hoặc hạn mức gửi của hộp thư. ${detail}`, false, { cause: error });
  }
  if (status === 429) return new MailSendError(`Gmail yêu cầu gửi chậm lại (429): ${detail}`, false, { cause: error });
  return new MailSendError(`Gmail tạm thời không nhận thư${status === undefined ? '' : ` (${String(status)})`}: ${detail}`, false, { cause: error });
}

export function gmailMailer(options: GmailOptions): Mailer {
  let client: Promise<ReturnType<GmailModule['gmail']>> | undefined;
  // Loaded on the first send: the Gmail client is large and most requests never send.
  const gmailClient = (): Promise<ReturnType<GmailModule['gmail']>> => {
    client ??= import('@googleapis/gmail').then((module) => {
      const gmail = ((module as GmailModule & { default?: GmailModule }).default ?? module);
      return gmail.gmail({ version: 'v1', auth: gmailAuth(gmail, options), ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });
    });
    return client;
  };
  return {
    async send({ raw }) {
      const api = await gmailClient();
      try {
        const response = await api.users.messages.send({ userId: 'me', requestBody: { raw: raw.toString('base64url') } });
        return { providerId: response.data.id ?? null };
      } catch (error) {
        throw gmailError(error);
      }
    },
  };
}
