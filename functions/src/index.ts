// Composition root: registers the `journey` function with settings from the environment, wired to Firestore and Sheets.
import * as functions from '@google-cloud/functions-framework';
import { auth } from '@googleapis/sheets';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { createFirestoreStore } from './adapters/firestore/store';
import { createSheetsClient } from './adapters/sheets';
import { cloudTasksScheduler } from './adapters/tasks/cloud-tasks';
import { composeJourney } from './compose';
import { parseSettings } from './settings';

let handler: functions.HttpFunction | undefined;

/** Built on the first request so that importing this module (deploy analysis, tests) needs no settings. */
function journeyFromEnvironment(): functions.HttpFunction {
  const settings = parseSettings(process.env);
  const app = getApps()[0] ?? initializeApp({ projectId: settings.projectId });
  const sheets = createSheetsClient(
    settings.sheetsRootUrl
      ? { rootUrl: settings.sheetsRootUrl }
      : { auth: new auth.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/spreadsheets'] }) },
  );
  const googleAuth = new auth.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  const tasks = settings.tasks;
  const { handler: journey, views } = composeJourney({
    store: createFirestoreStore(getFirestore(app)),
    sheets,
    secret: settings.secret,
    ...(tasks
      ? {
          scheduler: () =>
            cloudTasksScheduler({
              ...tasks,
              secret: settings.secret,
              accessToken: async () => (await googleAuth.getAccessToken()) ?? null,
            }),
        }
      : {}),
    // In production the spreadsheets are created by Apps Script setup() and registered with PUT /sheets.
    autoCreateSheets: false,
  });
  // An instance that starts picks up sheet rows that another, stopped instance had not written yet.
  views.resume().catch((error: unknown) => {
    console.error('sheets: could not resume pending writes', error);
  });
  return journey;
}

functions.http('journey', (req, res) => {
  handler ??= journeyFromEnvironment();
  void handler(req, res);
});
