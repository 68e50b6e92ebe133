// The function's configuration, parsed once from an environment object, with errors naming the variable.
import { z } from 'zod';
import { GCLOUD_CLIENT_ID, GOOGLE_ISSUER } from './adapters/identity/google-id-token';
import { ACCOUNT_TYPES, defaultDailyBudget, type AccountType } from './domain/mail';

const SettingsSchema = z.object({
  JOURNEY_SHARED_SECRET: z
    .string({ error: 'JOURNEY_SHARED_SECRET must be set (at least 16 characters)' })
    .min(16, { message: 'JOURNEY_SHARED_SECRET must be set (at least 16 characters)' }),
  /** While a rotation is under way: the secret being retired, still accepted with the current one's roles. */
  JOURNEY_SHARED_SECRET_PREVIOUS: z
    .string()
    .min(16, {
      message: 'JOURNEY_SHARED_SECRET_PREVIOUS must be at least 16 characters (or unset once the rotation ends)',
    })
    .optional(),
  /** The administrators whose Google ID tokens open `admin` routes: e-mails separated by commas or semicolons. */
  JOURNEY_ADMINS: z.string().optional(),
  /** The `aud` an administrator's token may name, separated by commas; default the function's URL and gcloud's client. */
  JOURNEY_ADMIN_AUDIENCES: z.string().optional(),
  /** Who issues administrators' ID tokens (its `iss`) and where its keys are (a JWKS); Google by default. */
  JOURNEY_ID_TOKEN_ISSUER: z.string().min(1).optional(),
  JOURNEY_ID_TOKEN_JWKS_URL: z
    .url({
      protocol: /^https?$/,
      message: 'JOURNEY_ID_TOKEN_JWKS_URL must be the http(s) address of the issuer’s JSON Web Key Set',
    })
    .optional(),
  GCLOUD_PROJECT: z.string().min(1).default('demo-journey'),
  FIRESTORE_EMULATOR_HOST: z.string().optional(),
  /** Sheets API root; unset means Google's. Locally `http://localhost:PORT/_local/sheets/`. */
  JOURNEY_SHEETS_ROOT_URL: z.url().optional(),
  /** `projects/…/locations/…/queues/…`: with JOURNEY_FUNCTION_URL, sheet writes are paced by Cloud Tasks. */
  JOURNEY_TASKS_QUEUE: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/queues\/[^/]+$/, {
      message: 'JOURNEY_TASKS_QUEUE must look like projects/P/locations/L/queues/Q',
    })
    .optional(),
  JOURNEY_FUNCTION_URL: z.url().optional(),
  /** Sheets write requests a minute across all spreadsheets; Google allows 60 per user (the service account). */
  JOURNEY_SHEETS_WRITES_PER_MINUTE: z.coerce
    .number({ error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .int({ error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .min(1, { error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .max(60, { error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .default(50),
  /** The service account whose OIDC tokens Cloud Tasks and Cloud Scheduler send; their audience is JOURNEY_FUNCTION_URL. */
  JOURNEY_INVOKER_SA: z.email({ message: 'JOURNEY_INVOKER_SA must be a service account e-mail' }).optional(),
  /** Where people open the function: journey-book links start with it. Defaults to JOURNEY_FUNCTION_URL. */
  JOURNEY_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      message:
        'JOURNEY_PUBLIC_URL must be the http(s) address people open the function at, e.g. https://journey-abc.a.run.app',
    })
    .refine((value) => !/[?#]/.test(value), { message: 'JOURNEY_PUBLIC_URL must have no query string or fragment' })
    .optional(),
  /** The mailbox mail is sent from (Gmail API); unset: mail is queued in the outbox and waits. */
  JOURNEY_MAIL_SENDER: z
    .email({ message: 'JOURNEY_MAIL_SENDER must be the sending mailbox, e.g. hanhtrinh@doankhoi.org.vn' })
    .optional(),
  JOURNEY_MAIL_SENDER_NAME: z.string().trim().min(1).max(120).optional(),
  /** `workspace` (domain-wide delegation, signed by JOURNEY_MAIL_SIGNER) or `consumer` (an OAuth refresh token). */
  JOURNEY_MAIL_ACCOUNT: z
    .enum(ACCOUNT_TYPES, { message: 'JOURNEY_MAIL_ACCOUNT must be "workspace" or "consumer"' })
    .optional(),
  /** Workspace: the service account that signs the delegation through IAM Credentials (the function's own); no key. */
  JOURNEY_MAIL_SIGNER: z
    .email({ message: 'JOURNEY_MAIL_SIGNER must be a service account e-mail (the function’s runtime account)' })
    .optional(),
  /** Consumer: from Secret Manager, an authorized-user JSON with a refresh token. */
  JOURNEY_MAIL_CREDENTIALS: z.string().optional(),
  JOURNEY_MAIL_DAILY_BUDGET: z.coerce
    .number({ error: 'JOURNEY_MAIL_DAILY_BUDGET must be a whole number of messages from 1 to 2000' })
    .int({ error: 'JOURNEY_MAIL_DAILY_BUDGET must be a whole number of messages from 1 to 2000' })
    .min(1, { error: 'JOURNEY_MAIL_DAILY_BUDGET must be a whole number of messages from 1 to 2000' })
    .max(2000, { error: 'JOURNEY_MAIL_DAILY_BUDGET must be a whole number of messages from 1 to 2000' })
    .optional(),
  /** Days each access-log entry (a read of a member's data) is kept before Firestore's TTL deletes it; 2 years by default. */
  JOURNEY_ACCESS_LOG_DAYS: z.coerce
    .number({ error: 'JOURNEY_ACCESS_LOG_DAYS must be a whole number of days from 30 to 3650' })
    .int({ error: 'JOURNEY_ACCESS_LOG_DAYS must be a whole number of days from 30 to 3650' })
    .min(30, { error: 'JOURNEY_ACCESS_LOG_DAYS must be a whole number of days from 30 to 3650' })
    .max(3650, { error: 'JOURNEY_ACCESS_LOG_DAYS must be a whole number of days from 30 to 3650' })
    .optional(),
  /** The Cloud Tasks queue draining the outbox (one drain at a time); with the tasks settings. Default: JOURNEY_TASKS_QUEUE. */
  JOURNEY_MAIL_QUEUE: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/queues\/[^/]+$/, {
      message: 'JOURNEY_MAIL_QUEUE must look like projects/P/locations/L/queues/Q',
    })
    .optional(),
});

/** What `gcloud auth application-default login` writes: a consumer account's OAuth client and refresh token. */
const AuthorizedUser = z.object({
  type: z.literal('authorized_user'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
});

export type MailCredentials =
  | { kind: 'delegated'; signer: string }
  | { kind: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string };

export interface MailSettings {
  /** Undefined: no sending account; mail waits in the outbox. */
  sender: { address: string; name: string; account: AccountType; credentials: MailCredentials } | undefined;
  /** Messages a day; the account type's default (80 % of its quota) when unset. */
  dailyBudget: number | undefined;
  queue: string | undefined;
}

/** A Workspace mailbox is delegated to the signer (no key); a consumer account needs its refresh token. */
function mailCredentials(s: z.infer<typeof SettingsSchema>, account: AccountType): MailCredentials | string {
  if (account === 'workspace') {
    if (s.JOURNEY_MAIL_SIGNER === undefined)
      return 'JOURNEY_MAIL_SIGNER must be set for a Workspace sender (the service account the mailbox is delegated to; no key is used)';
    return { kind: 'delegated', signer: s.JOURNEY_MAIL_SIGNER };
  }
  const text = s.JOURNEY_MAIL_CREDENTIALS;
  if (text === undefined || text.trim() === '')
    return 'JOURNEY_MAIL_CREDENTIALS must be set for a consumer sender (an authorized-user JSON with a refresh token, from Secret Manager)';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'JOURNEY_MAIL_CREDENTIALS is not JSON';
  }
  const user = AuthorizedUser.safeParse(json);
  if (user.success)
    return {
      kind: 'refresh_token',
      clientId: user.data.client_id,
      clientSecret: user.data.client_secret,
      refreshToken: user.data.refresh_token,
    };
  return 'JOURNEY_MAIL_CREDENTIALS must be an authorized-user JSON ("type": "authorized_user" with a refresh_token)';
}

function mailSettings(s: z.infer<typeof SettingsSchema>): MailSettings | string {
  const base = { dailyBudget: s.JOURNEY_MAIL_DAILY_BUDGET, queue: s.JOURNEY_MAIL_QUEUE ?? s.JOURNEY_TASKS_QUEUE };
  if (s.JOURNEY_MAIL_SENDER === undefined) return { ...base, sender: undefined };
  if (s.JOURNEY_MAIL_ACCOUNT === undefined)
    return 'JOURNEY_MAIL_ACCOUNT must be set with JOURNEY_MAIL_SENDER ("workspace" or "consumer")';
  const credentials = mailCredentials(s, s.JOURNEY_MAIL_ACCOUNT);
  if (typeof credentials === 'string') return credentials;
  return {
    ...base,
    dailyBudget: s.JOURNEY_MAIL_DAILY_BUDGET ?? defaultDailyBudget(s.JOURNEY_MAIL_ACCOUNT),
    sender: {
      address: s.JOURNEY_MAIL_SENDER,
      name: s.JOURNEY_MAIL_SENDER_NAME ?? 'Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP.HCM',
      account: s.JOURNEY_MAIL_ACCOUNT,
      credentials,
    },
  };
}

/** Cloud Tasks needs all three: where to queue, where to call back, and who the callbacks are. */
const TASKS_VARIABLES = ['JOURNEY_TASKS_QUEUE', 'JOURNEY_FUNCTION_URL', 'JOURNEY_INVOKER_SA'] as const;

export interface AdminSettings {
  /** Lower-case e-mails; empty: no Google identity opens an `admin` route. */
  emails: string[];
  audiences: string[];
  issuer: { names: string[]; jwksUrl: string };
}

/** A list separated by commas, semicolons (what `gcloud --set-env-vars` can carry) or white space, without blanks or repeats. */
function list(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,;]+/).filter((item) => item !== ''))];
}

function adminSettings(s: z.infer<typeof SettingsSchema>): AdminSettings | string {
  const emails = list(s.JOURNEY_ADMINS?.toLowerCase());
  const wrong = emails.filter((email) => !z.email().safeParse(email).success);
  if (wrong.length > 0) return `JOURNEY_ADMINS must be e-mails separated by commas (not: ${wrong.join(', ')})`;
  if ((s.JOURNEY_ID_TOKEN_ISSUER === undefined) !== (s.JOURNEY_ID_TOKEN_JWKS_URL === undefined)) {
    return 'JOURNEY_ID_TOKEN_ISSUER and JOURNEY_ID_TOKEN_JWKS_URL are set together (a stand-in issuer) or not at all (Google’s)';
  }
  const issuer =
    s.JOURNEY_ID_TOKEN_ISSUER && s.JOURNEY_ID_TOKEN_JWKS_URL
      ? { names: [s.JOURNEY_ID_TOKEN_ISSUER], jwksUrl: s.JOURNEY_ID_TOKEN_JWKS_URL }
      : { names: [...GOOGLE_ISSUER.names], jwksUrl: GOOGLE_ISSUER.jwksUrl };
  const audiences =
    s.JOURNEY_ADMIN_AUDIENCES === undefined
      ? [...(s.JOURNEY_FUNCTION_URL ? [s.JOURNEY_FUNCTION_URL] : []), GCLOUD_CLIENT_ID]
      : list(s.JOURNEY_ADMIN_AUDIENCES);
  return {
    emails,
    audiences: [...new Set(audiences)],
    issuer,
  };
}

export interface Settings {
  secret: string;
  /** Set only while a rotation is under way (README, "Rotating the secret"). */
  previousSecret: string | undefined;
  admin: AdminSettings;
  projectId: string;
  emulatorHost: string | undefined;
  sheetsRootUrl: string | undefined;
  sheetsWritesPerMinute: number;
  /** The function's URL is also the audience of the invoker's tokens. */
  tasks: { queue: string; functionUrl: string; invokerServiceAccount: string } | undefined;
  /** Base of journey-book links; undefined when neither JOURNEY_PUBLIC_URL nor JOURNEY_FUNCTION_URL is set (no links given). */
  publicUrl: string | undefined;
  mail: MailSettings;
  /** Days an access-log entry is kept; the store's default (2 years) when unset. */
  accessLogDays: number | undefined;
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const s = parsed.data;
  const missing = TASKS_VARIABLES.filter((name) => s[name] === undefined);
  if (missing.length > 0 && missing.length < TASKS_VARIABLES.length) {
    throw new Error(
      `Invalid configuration: ${TASKS_VARIABLES.join(', ')} are set together or not at all (missing: ${missing.join(', ')})`,
    );
  }
  const mail = mailSettings(s);
  if (typeof mail === 'string') throw new Error(`Invalid configuration: ${mail}`);
  const admin = adminSettings(s);
  if (typeof admin === 'string') throw new Error(`Invalid configuration: ${admin}`);
  if (s.JOURNEY_SHARED_SECRET_PREVIOUS === s.JOURNEY_SHARED_SECRET)
    throw new Error(
      'Invalid configuration: JOURNEY_SHARED_SECRET_PREVIOUS is the current secret; unset it, or set the new one as JOURNEY_SHARED_SECRET',
    );
  return {
    mail,
    admin,
    secret: s.JOURNEY_SHARED_SECRET,
    previousSecret: s.JOURNEY_SHARED_SECRET_PREVIOUS,
    projectId: s.GCLOUD_PROJECT,
    emulatorHost: s.FIRESTORE_EMULATOR_HOST,
    sheetsRootUrl: s.JOURNEY_SHEETS_ROOT_URL,
    sheetsWritesPerMinute: s.JOURNEY_SHEETS_WRITES_PER_MINUTE,
    tasks:
      s.JOURNEY_TASKS_QUEUE && s.JOURNEY_FUNCTION_URL && s.JOURNEY_INVOKER_SA
        ? {
            queue: s.JOURNEY_TASKS_QUEUE,
            functionUrl: s.JOURNEY_FUNCTION_URL,
            invokerServiceAccount: s.JOURNEY_INVOKER_SA,
          }
        : undefined,
    publicUrl: s.JOURNEY_PUBLIC_URL ?? s.JOURNEY_FUNCTION_URL,
    accessLogDays: s.JOURNEY_ACCESS_LOG_DAYS,
  };
}
