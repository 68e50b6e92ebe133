// Composition root: registers the `journey` function with settings from the environment, wired to Firestore, Sheets and Cloud Tasks.
// Only what every request needs loads with the module: the Firestore SDK, the Sheets SDK and Google's auth library are
// imported when first used (each costs 100–300 ms of a cold start that most requests never need all of).
import * as functions from '@google-cloud/functions-framework';
import type { Firestore } from 'firebase-admin/firestore';
import type { GoogleAuth } from 'google-auth-library';
import { lazyStore } from './adapters/firestore/lazy-store';
import { createFirestoreStore } from './adapters/firestore/store';
import { createFirestoreMailStore } from './adapters/firestore/mail-store';
import { gmailMailer } from './adapters/mail/gmail';
import { cloudTasksMailScheduler } from './adapters/tasks/mail-tasks';
import { DEFAULT_SENDER_NAME } from './app/mail/context';
import { defaultDailyBudget } from './domain/mail';
import { MAIL_DRAIN_PATH } from './http/mail-routes';
import { googleAdminCheck } from './adapters/identity/google-id-token';
import { googleOidcInvoker } from './adapters/identity/google-oidc';
import { createSheetsClient, DEFAULT_PACE } from './adapters/sheets';
import { cloudTasksScheduler } from './adapters/tasks/cloud-tasks';
import { composeJourney } from './compose';
import { apiRoot, RUNTIME_APIS } from './contract/google-apis';
import { FLUSH_PATH } from './http/sheets-routes';
import { parseSettings } from './settings';

// Parsed once, when the module loads: a missing secret stops the instance from starting, naming the variable.
const settings = parseSettings(process.env);

/** The Firestore client, made (and its SDK loaded) at the first use of either store. */
async function firestore(): Promise<Firestore> {
  const [{ getApps, initializeApp }, { getFirestore }] = await Promise.all([
    import('firebase-admin/app'),
    import('firebase-admin/firestore'),
  ]);
  return getFirestore(getApps()[0] ?? initializeApp({ projectId: settings.projectId }));
}

const store = lazyStore(async () =>
  createFirestoreStore(await firestore(), undefined, {
    ...(settings.accessLogDays === undefined ? {} : { accessLogDays: settings.accessLogDays }),
  }),
);

/** Application Default Credentials for `scopes`, made (and the library loaded) at the first token asked for. */
function googleAuth(scopes: string[]): () => Promise<GoogleAuth> {
  let made: Promise<GoogleAuth> | undefined;
  return () => {
    made ??= import('google-auth-library').then(({ GoogleAuth }) => new GoogleAuth({ scopes }));
    return made;
  };
}

const sheets = createSheetsClient(
  settings.sheetsRootUrl
    ? { rootUrl: settings.sheetsRootUrl }
    : // The SDK's own copy of the auth library (its version may differ from ours); loaded with the SDK, at the first write.
      {
        rootUrl: apiRoot(RUNTIME_APIS.sheets),
        auth: async () =>
          new (await import('@googleapis/sheets')).auth.GoogleAuth({
            scopes: ['https://www.googleapis.com/auth/spreadsheets'],
          }),
      },
);
const tasks = settings.tasks;
const cloudAuth = googleAuth(['https://www.googleapis.com/auth/cloud-platform']);
/** The function's own token (its runtime service account, from the metadata server) for Google's Cloud APIs. */
const ownAccessToken = async (): Promise<string | null> => (await (await cloudAuth()).getAccessToken()) ?? null;

const sender = settings.mail.sender;
const mailQueue = settings.mail.queue;

const { handler, views, log } = composeJourney({
  store,
  sheets,
  secret: settings.secret,
  // Production: the secret Apps Script holds carries forms and queues only; administration takes a listed
  // administrator's Google ID token (API.md "Roles"). The previous secret signs too while a rotation is under way.
  access: {
    secretRoles: ['forms', 'queues'],
    previousSecret: settings.previousSecret,
    admins: (log) =>
      googleAdminCheck({
        issuer: settings.admin.issuer,
        audiences: settings.admin.audiences,
        admins: settings.admin.emails,
        log,
      }),
  },
  sheetsPace: { ...DEFAULT_PACE, writesPerMinute: settings.sheetsWritesPerMinute },
  publicUrl: settings.publicUrl,
  ...(tasks
    ? {
        // Callbacks carry the invoker's OIDC token, audience the function's URL: minted at each dispatch, it never ages.
        invoker: (log) =>
          googleOidcInvoker({ audience: tasks.functionUrl, serviceAccount: tasks.invokerServiceAccount, log }),
        scheduler: (_flush, log) =>
          cloudTasksScheduler({
            log,
            queue: tasks.queue,
            callbackUrl: `${tasks.functionUrl.replace(/\/+$/, '')}${FLUSH_PATH}`,
            invoker: { serviceAccountEmail: tasks.invokerServiceAccount, audience: tasks.functionUrl },
            accessToken: ownAccessToken,
          }),
      }
    : {}),
  // In production the spreadsheets are created by Apps Script setup() and registered with PUT /sheets.
  autoCreateSheets: false,
  // Cloud Run sends the container's output to Cloud Logging, which reads each JSON line as a structured entry.
  logging: {
    format: 'json',
    projectId: settings.projectId,
    service: process.env.K_SERVICE,
    version: process.env.K_REVISION,
  },
  mail: {
    store: lazyStore(async () => createFirestoreMailStore(await firestore())),
    // Without a sending account the outbox keeps every mail queued until one is configured.
    mailer: sender
      ? gmailMailer({ sender: sender.address, credentials: sender.credentials, accessToken: ownAccessToken })
      : null,
    sender: { name: sender?.name ?? DEFAULT_SENDER_NAME, address: sender?.address ?? 'unset@invalid' },
    dailyBudget: settings.mail.dailyBudget ?? defaultDailyBudget(sender?.account ?? 'consumer'),
    ...(tasks && mailQueue
      ? {
          scheduler: (_drain, log) =>
            cloudTasksMailScheduler({
              log,
              queue: mailQueue,
              callbackUrl: `${tasks.functionUrl.replace(/\/+$/, '')}${MAIL_DRAIN_PATH}`,
              invoker: { serviceAccountEmail: tasks.invokerServiceAccount, audience: tasks.functionUrl },
              accessToken: ownAccessToken,
            }),
        }
      : {}),
  },
});

// An instance picks up sheet rows that another, stopped instance had not written yet. Done before its first answer
// (the first request waits for it), never after one: Cloud Run throttles the CPU of an instance that has answered.
let resumed: Promise<void> | undefined;
function resume(): Promise<void> {
  resumed ??= views.resume().then(
    (spreadsheets) => {
      log({ severity: 'INFO', message: 'sheets: instance resumed pending writes', fields: { spreadsheets } });
    },
    (error: unknown) => {
      log({ severity: 'ERROR', message: 'sheets: could not resume pending writes', error });
    },
  );
  return resumed;
}

functions.http('journey', async (req, res) => {
  await resume();
  await handler(req, res);
});
