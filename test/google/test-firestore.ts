// The two Firestores the store's tests run against: the embedded stand-in (always) and Google's own emulator (where gcloud and Java are).
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { clearGoogleEmulator } from './firestore-emulator';
import { emulatorProjectId, googleEmulatorAvailable, sharedGoogleEmulator } from './shared-emulator';

export type FirestoreKind = 'embedded' | 'google';

export interface TestFirestore {
  kind: FirestoreKind;
  /** `127.0.0.1:PORT`, what FIRESTORE_EMULATOR_HOST takes. */
  host: string;
  projectId: string;
  db: Firestore;
  /** Drops every document of this project. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/** The Firestores a test file runs against: the embedded one, and Google's emulator where it can run (under CI it must). */
export function firestoreKinds(): FirestoreKind[] {
  return googleEmulatorAvailable() ? ['embedded', 'google'] : ['embedded'];
}

/** The embedded stand-in on a port of its own, or a project of its own on the run's shared Google emulator. */
export async function startTestFirestore(kind: FirestoreKind): Promise<TestFirestore> {
  if (kind === 'embedded') {
    const embedded = await startEmbeddedFirestore();
    return {
      kind,
      host: embedded.host,
      projectId: embedded.app.options.projectId ?? '',
      db: embedded.db,
      clear: () => {
        embedded.clear();
        return Promise.resolve();
      },
      stop: () => embedded.stop(),
    };
  }
  const host = await sharedGoogleEmulator();
  const projectId = emulatorProjectId();
  // No Google metadata server exists locally; without this firebase-admin probes for one.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const app = initializeApp({ projectId }, `google-${projectId}`);
  // The SDK takes FIRESTORE_EMULATOR_HOST over settings.host, and the embedded stand-in sets it for its own process.
  const before = process.env.FIRESTORE_EMULATOR_HOST;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  const db = getFirestore(app);
  db.settings({ host, ssl: false, ignoreUndefinedProperties: false });
  if (before === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
  else process.env.FIRESTORE_EMULATOR_HOST = before;
  return {
    kind,
    host,
    projectId,
    db,
    clear: () => clearGoogleEmulator(host, projectId),
    stop: async () => {
      await db.terminate().catch(() => undefined);
      await deleteApp(app);
    },
  };
}
