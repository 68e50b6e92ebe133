// Composition root: registers the `journey` function with settings from the environment, wired to Firestore, Sheets and Cloud Tasks.
import * as functions from '@google-cloud/functions-framework';
import { auth } from '@googleapis/sheets';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { createFirestoreStore } from './adapters/firestore/store';
import { createFirestoreMailStore } from './adapters/firestore/mail-store';
import { gmailMailer } from './adapters/mail/gmail';
import { cloudTasksMailScheduler } from './adapters/tasks/mail-tasks';
import { DEFAULT_SENDER_NAME } from './app/mail/context';
import { defaultDailyBudget } from './domain/mail';
import { MAIL_DRAIN_PATH } from './http/mail-routes';
import { googleOidcInvoker } from './adapters/identity/google-oidc';
import { createSheetsClient, DEFAULT_PACE } from './adapters/sheets';
import { cloudTasksScheduler } from './adapters/tasks/cloud-tasks';
import { composeJourney } from './compose';
import { FLUSH_PATH } from './http/sheets-routes';
import { parseSettings } from './settings';

// Parsed once, when the module loads: a missing secret stops the instance from starting, naming the variable.
const settings = parseSettings(process.env);
const app = getApps()[0] ?? initializeApp({ projectId: settings.projectId });
const sheets = createSheetsClient(
  settings.sheetsRootUrl
    ? { rootUrl: settings.sheetsRootUrl }
    : { auth: new auth.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/spreadsheets'] }) },
);
const tasks = settings.tasks;
const googleAuth = new auth.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });

const db = getFirestore(app);
const sender = settings.mail.sender;
const mailQueue = settings.mail.queue;

const { handler, views } = composeJourney({
  store: createFirestoreStore(db),
  sheets,
  secret: settings.secret,
  sheetsPace: { ...DEFAULT_PACE, writesPerMinute: settings.sheetsWritesPerMinute },
  publicUrl: settings.publicUrl,
  ...(tasks
    ? {
        // Callbacks carry the invoker's OIDC token, audience the function's URL: minted at each dispatch, it never ages.
        invoker: googleOidcInvoker({ audience: tasks.functionUrl, serviceAccount: tasks.invokerServiceAccount }),
        scheduler: () =>
          cloudTasksScheduler({
            queue: tasks.queue,
            callbackUrl: `${tasks.functionUrl.replace(/\/+$/, '')}${FLUSH_PATH}`,
            invoker: { serviceAccountEmail: tasks.invokerServiceAccount, audience: tasks.functionUrl },
            accessToken: async () => (await googleAuth.getAccessToken()) ?? null,
          }),
      }
    : {}),
  // In production the spreadsheets are created by Apps Script setup() and registered with PUT /sheets.
  autoCreateSheets: false,
  mail: {
    store: createFirestoreMailStore(db),
    // Without a sending account the outbox keeps every mail queued until one is configured.
    mailer: sender ? gmailMailer({ sender: sender.address, credentials: sender.credentials }) : null,
    sender: { name: sender?.name ?? DEFAULT_SENDER_NAME, address: sender?.address ?? 'unset@invalid' },
    dailyBudget: settings.mail.dailyBudget ?? defaultDailyBudget(sender?.account ?? 'consumer'),
    ...(tasks && mailQueue
      ? {
          scheduler: () =>
            cloudTasksMailScheduler({
              queue: mailQueue,
              callbackUrl: `${tasks.functionUrl.replace(/\/+$/, '')}${MAIL_DRAIN_PATH}`,
              invoker: { serviceAccountEmail: tasks.invokerServiceAccount, audience: tasks.functionUrl },
              accessToken: async () => (await googleAuth.getAccessToken()) ?? null,
            }),
        }
      : {}),
  },
});

// An instance that starts picks up sheet rows that another, stopped instance had not written yet.
// Awaited before the first request is served (functions-framework waits for the module's work to settle only
// through the handler, so the first request waits for it).
const resumed = views.resume().catch((error: unknown) => {
  console.error('sheets: could not resume pending writes', error);
});

functions.http('journey', async (req, res) => {
  await resumed;
  await handler(req, res);
});
