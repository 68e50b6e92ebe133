// firestore.rules judged by Google's emulator: loaded into it as `npm run deploy` releases them, then tried with the Firebase
// client SDK (what a browser or an app would use): a client reads and writes nothing, signed in or not, while the function's
// Admin SDK path works. Runs where Google's emulator can (always under CI); the embedded stand-in has no rules engine.
import { readFileSync } from 'node:fs';
import { deleteApp, initializeApp, type FirebaseApp } from '@firebase/app';
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getDoc,
  getDocs,
  initializeFirestore,
  setDoc,
  setLogLevel,
  terminate,
  type Firestore,
} from '@firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPaths } from '../../functions/src/adapters/firestore/mail-store';
import { paths } from '../../functions/src/adapters/firestore/store';
import { loadGoogleEmulatorRules } from '../google/firestore-emulator';
import { emulatorProjectId, googleEmulatorAvailable } from '../google/shared-emulator';
import { startTestFirestore, type TestFirestore } from '../google/test-firestore';

const RULES_FILE = 'firestore.rules';
const RULES = readFileSync(new URL(`../../${RULES_FILE}`, import.meta.url), 'utf8');

/** One document of every collection the function keeps (store.ts `paths`, the mail store's, the ranking index's). */
const DOCUMENTS = [
  paths.year(2019),
  paths.configVersion(2019, 1),
  paths.journey(2019, 'm-0001'),
  paths.evidence(2019, '2019-e-1'),
  paths.inbox('reg-1'),
  paths.member('m-0001'),
  paths.viewState(2019, 'rows-results'),
  paths.nominations(2019, 'SNV'),
  `${paths.ranking(2019)}/tops-0`,
  `${paths.audit}/a-1`,
  `${paths.viewWork}/w-1`,
  `${mailPaths.mail}/mail-1`,
  `${mailPaths.content}/c-1`,
  `${mailPaths.budget}/2019-05-02`,
];

/** The client SDK's FirestoreError for a request the rules refuse. */
const DENIED = { name: 'FirebaseError', code: 'permission-denied' };

interface Client {
  app: FirebaseApp;
  db: Firestore;
}

/** A Firebase client app on the emulator, anonymous or with a signed-in user's token (the emulator accepts mock tokens). */
function client(projectId: string, host: string, name: string, user?: { sub: string; email: string }): Client {
  const app = initializeApp({ projectId, apiKey: 'fake-api-key' }, name);
  const db = initializeFirestore(app, {});
  const [hostname, port] = host.split(':');
  connectFirestoreEmulator(
    db,
    hostname ?? '127.0.0.1',
    Number(port),
    user ? { mockUserToken: { sub: user.sub, user_id: user.sub, email: user.email } } : {},
  );
  return { app, db };
}

async function close(c: Client): Promise<void> {
  await terminate(c.db);
  await deleteApp(c.app);
}

// Skipped only where Google's emulator cannot run (the global setup said so in one line); under CI it must run.
describe.skipIf(!googleEmulatorAvailable())(
  'firestore.rules on Google’s Firestore emulator, tried with the Firebase client SDK',
  () => {
    let admin: TestFirestore;
    const clients: Client[] = [];

    beforeAll(async () => {
      // The SDK logs every refused write stream; the refusals are what the tests assert.
      setLogLevel('silent');
      admin = await startTestFirestore('google');
      await loadGoogleEmulatorRules(admin.host, admin.projectId, RULES_FILE, RULES);
      // The function's path (Admin SDK, which rules do not apply to) stores a document in every collection.
      await Promise.all(
        DOCUMENTS.map((path) => admin.db.doc(path).set({ stored: 'by the function', email: 'an.snv@example.vn' })),
      );
      clients.push(
        client(admin.projectId, admin.host, 'anonymous'),
        client(admin.projectId, admin.host, 'signed-in', { sub: 'member-1', email: 'an.snv@example.vn' }),
      );
    });

    afterAll(async () => {
      await Promise.all(clients.map(close));
      await admin.stop();
    });

    it.each(['anonymous', 'signed in'])(
      'a client %s reads no document of any collection, nor lists one',
      async (who) => {
        const { db } = clients[who === 'anonymous' ? 0 : 1] ?? expect.fail('no client');
        for (const path of DOCUMENTS) {
          await expect(getDoc(doc(db, path)), path).rejects.toMatchObject(DENIED);
          const parent = path.split('/').slice(0, -1).join('/');
          await expect(getDocs(collection(db, parent)), parent).rejects.toMatchObject(DENIED);
        }
      },
    );

    it.each(['anonymous', 'signed in'])(
      'a client %s writes nothing: neither a new document nor over a stored one',
      async (who) => {
        const { db } = clients[who === 'anonymous' ? 0 : 1] ?? expect.fail('no client');
        for (const path of DOCUMENTS) {
          await expect(setDoc(doc(db, path), { forged: true }), path).rejects.toMatchObject(DENIED);
          await expect(setDoc(doc(db, `${path}-new`), { forged: true }), `${path}-new`).rejects.toMatchObject(DENIED);
        }
        const stored = await Promise.all(DOCUMENTS.map(async (path) => (await admin.db.doc(path).get()).data()));
        expect(stored.every((data) => data?.stored === 'by the function' && !('forged' in data))).toBe(true);
        expect((await admin.db.doc(`${paths.member('m-0001')}-new`).get()).exists).toBe(false);
      },
    );

    it('is what denies: the same client reads on a project whose rules allow it (so the refusals above are the rules’)', async () => {
      const open = await startTestFirestore('google');
      await loadGoogleEmulatorRules(
        open.host,
        open.projectId,
        'open.rules',
        "rules_version = '2';\nservice cloud.firestore { match /databases/{db}/documents { match /{d=**} { allow read: if true; } } }\n",
      );
      await open.db.doc(paths.member('m-0001')).set({ stored: 'by the function' });
      const reader = client(open.projectId, open.host, 'open-reader');
      try {
        expect((await getDoc(doc(reader.db, paths.member('m-0001')))).data()).toEqual({ stored: 'by the function' });
        await expect(setDoc(doc(reader.db, paths.member('m-0002')), { forged: true })).rejects.toMatchObject(DENIED);
      } finally {
        await close(reader);
        await open.stop();
      }
    });

    it('refuses rules that do not compile, as the Firebase Rules API does at deploy', async () => {
      await expect(
        loadGoogleEmulatorRules(
          admin.host,
          emulatorProjectId(),
          RULES_FILE,
          'service cloud.firestore { match /{x} { allow read: if }',
        ),
      ).rejects.toThrow(/refused/);
    });
  },
);
