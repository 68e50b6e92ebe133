// The deployable build: `npm run build`, installed with production dependencies only, served by functions-framework as Cloud Functions runs it,
// on the embedded Firestore and on Google's emulator: a year's registration, evidence, decision, results, mail outbox and rollover.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/client/journey-client';
import { buildFunction } from '../../functions/build';
import { firestoreKinds, startTestFirestore, type FirestoreKind, type TestFirestore } from '../google/test-firestore';
import { testIdentityIssuer } from '../fakes/google-identity';
import { CONFIG, YEAR, evaluation, evidence, registration } from '../integration/fixtures';
import { freePort, serverProcess, type StackProcess } from './local-stack';
import { installProductionBuild, REPO_ROOT, type ProductionInstall } from './production-install';

const SECRET = 'built-function-test-secret-0123456789';
/** The administrator the deployment lists; Google's issuer is stood in for by a key of the test's own. */
const ADMIN = 'btv.doankhoi@example.vn';
const google = testIdentityIssuer();

let install: ProductionInstall;

beforeAll(async () => {
  await buildFunction();
  install = installProductionBuild();
}, 180_000);

afterAll(() => {
  install.remove();
});

describe('the built function on a production-only install', () => {
  it('is installed apart from the repository, without any devDependency', () => {
    expect(install.dir.startsWith(REPO_ROOT)).toBe(false);
    expect(existsSync(install.main)).toBe(true);
    for (const devOnly of ['tsx', 'esbuild', 'vitest', 'typescript', '@firestore-emulator/server']) {
      expect(existsSync(join(install.dir, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('loads no Firestore SDK, Sheets SDK or auth library until a request needs them (cold start)', () => {
    const probe = `await import(${JSON.stringify(pathToFileURL(install.main).href)}); const { default: Module } = await import('node:module'); console.log(JSON.stringify(Object.keys(Module._cache))); process.exit(0);`;
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', probe], {
      cwd: install.dir,
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: '',
        JOURNEY_SHARED_SECRET: SECRET,
        FIRESTORE_EMULATOR_HOST: '127.0.0.1:9',
      },
      encoding: 'utf8',
    });
    const loaded = (JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as string[]).map((file) =>
      file.replace(/\\/g, '/'),
    );
    for (const heavy of [
      '/firebase-admin/',
      '/@google-cloud/firestore/',
      '/@googleapis/sheets/',
      '/google-auth-library/',
      '/jose/',
    ]) {
      expect(
        loaded.filter((file) => file.includes(`/node_modules${heavy}`)),
        heavy,
      ).toEqual([]);
    }
    // The probe does see what the entry does load.
    expect(loaded.some((file) => file.includes('/node_modules/@google-cloud/functions-framework/'))).toBe(true);
  });
});

interface Outcome {
  status: string;
  id: string | null;
  errors: { code: string }[];
}

describe.each(firestoreKinds())('the built function on the %s Firestore emulator', (kind: FirestoreKind) => {
  let firestore: TestFirestore;
  let server: StackProcess;
  /** Apps Script's triggers: the shared secret, which carries forms and queues only. */
  let send: JourneySend;
  /** An administrator's CLI: their Google ID token (`gcloud auth print-identity-token`), audience the function's URL. */
  let admin: JourneySend;
  let jwks: Server;

  beforeAll(async () => {
    firestore = await startTestFirestore(kind);
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(google.jwks));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const framework = install.binOf('@google-cloud/functions-framework', 'functions-framework');
    server = serverProcess({
      name: `the built function (${kind} Firestore)`,
      url: `http://127.0.0.1:${String(port)}`,
      // What the Node.js buildpack starts: the framework's own bin, the package's `main`, the target name.
      args: [framework, '--target=journey', `--port=${String(port)}`, `--source=${install.dir}`],
      cwd: install.dir,
      // Only what the function reads (functions/src/settings.ts): nothing else of this process leaks in.
      env: {
        PATH: process.env.PATH,
        FIRESTORE_EMULATOR_HOST: firestore.host,
        GCLOUD_PROJECT: firestore.projectId,
        JOURNEY_SHARED_SECRET: SECRET,
        // Google's issuer stood in for (README, "Roles in production"): its name, its key set, the administrators.
        JOURNEY_ID_TOKEN_ISSUER: 'https://accounts.google.com',
        JOURNEY_ID_TOKEN_JWKS_URL: `http://127.0.0.1:${String((jwks.address() as AddressInfo).port)}/oauth2/v3/certs`,
        JOURNEY_ADMINS: ADMIN,
        JOURNEY_ADMIN_AUDIENCES: `http://127.0.0.1:${String(port)}`,
        // No spreadsheet is registered, so nothing is written; a closed port keeps Google out of reach anyway.
        JOURNEY_SHEETS_ROOT_URL: `http://127.0.0.1:${String(await freePort())}/`,
        METADATA_SERVER_DETECTION: 'none',
      },
      logFile: join(install.dir, `function-${kind}.log`),
    });
    await server.start();
    send = createJourneyClient(server.url, SECRET, 'built-function-test');
    admin = (async (method: string, path: string, body?: unknown) => {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const response = await fetch(server.url + path, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-journey-caller': 'cli',
          authorization: `Bearer ${google.mint({ aud: server.url, email: ADMIN })}`,
        },
        ...(raw === '' ? {} : { body: raw }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }) as JourneySend;
  }, 180_000);

  afterAll(async () => {
    await new Promise<void>((resolve) =>
      jwks.close(() => {
        resolve();
      }),
    );
    await server.stop();
    await firestore.stop();
  });

  it('takes a year: plan, registration, evidence, a decision, results, the mail outbox, and the next year rolled over', async () => {
    const log = (): string => server.logTail();
    // Production: the secret Apps Script holds cannot change the plan; the administrator's Google identity can.
    const bySecret = await send<Outcome>('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
    expect([bySecret.status, bySecret.body.errors.map((e) => e.code)], log()).toEqual([403, ['forbidden_role']]);
    expect((await admin('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status, log()).toBe(200);
    const audit = (await firestore.db.collection('audit').get()).docs.map((doc) => doc.data());
    expect(audit.find((entry) => entry.action === 'config.put')).toMatchObject({ role: 'admin', by: ADMIN });

    const registered = await send<Outcome>('POST', '/v1/registrations', registration());
    expect(registered.body.status, `${JSON.stringify(registered.body)}\n${log()}`).toBe('accepted');
    const memberId = registered.body.id ?? '';
    const journeys = await firestore.db.collection(`years/${String(YEAR)}/journeys`).get();
    expect(journeys.docs.map((doc) => doc.id)).toEqual([memberId]);

    const submitted = await send<Outcome>('POST', '/v1/evidence', evidence());
    expect(submitted.body.status, log()).toBe('accepted');
    const decided = await send<Outcome>('POST', '/v1/evaluations', evaluation(submitted.body.id ?? ''));
    expect(decided.body.status, log()).toBe('accepted');
    const member = await admin<{ tasks: Record<string, { approved: number }>; points: number }>(
      'GET',
      `/v1/years/${String(YEAR)}/members/${memberId}`,
    );
    expect(member.body.tasks.RL2?.approved).toBe(1);

    const results = await admin<{ members: { memberId: string; rank: number }[] }>(
      'GET',
      `/v1/years/${String(YEAR)}/results`,
    );
    expect(results.body.members.map((m) => [m.memberId, m.rank])).toEqual([[memberId, 1]]);

    // No sending account is configured: every notice waits in the outbox, none is lost.
    const mail = await admin<{ kind: string; to: string; status: string }[]>('GET', `/v1/years/${String(YEAR)}/mail`);
    expect(mail.body.length).toBeGreaterThan(0);
    expect(
      mail.body.every((m) => m.status === 'queued'),
      JSON.stringify(mail.body),
    ).toBe(true);
    expect(mail.body.some((m) => m.kind === 'notice' && m.to === 'an.snv@example.vn')).toBe(true);

    const next = await admin<Outcome & { continuing: { memberId: string }[] }>(
      'POST',
      `/v1/years/${String(YEAR + 1)}/rollover`,
      { editId: 'rollover-e2e', fromYear: YEAR },
    );
    expect(next.status, log()).toBe(200);
    expect(next.body.continuing.map((m) => m.memberId)).toEqual([memberId]);
  });

  it('refuses an unsigned call, so the signature is the gate of a public deployment', async () => {
    const response = await fetch(`${server.url}/v1/years/${String(YEAR)}/config`);
    expect(response.status).toBe(401);
  });
});
