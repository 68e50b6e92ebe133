// Composition root: registers the `journey` function with settings from the environment, wired to Firestore.
import * as functions from '@google-cloud/functions-framework';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { createFirestoreStore } from './adapters/firestore/store';
import type { AppContext } from './app/context';
import { createJourneyFunction } from './journey';
import { parseSettings } from './settings';

let handler: functions.HttpFunction | undefined;

/** Built on the first request so that importing this module (deploy analysis, tests) needs no settings. */
function journeyFromEnvironment(): functions.HttpFunction {
  const settings = parseSettings(process.env);
  const app = getApps()[0] ?? initializeApp({ projectId: settings.projectId });
  const ctx: AppContext = {
    store: createFirestoreStore(getFirestore(app)),
    clock: () => new Date(),
    views: { changed: () => undefined },
  };
  return createJourneyFunction(ctx, { secret: settings.secret });
}

functions.http('journey', (req, res) => {
  handler ??= journeyFromEnvironment();
  void handler(req, res);
});
