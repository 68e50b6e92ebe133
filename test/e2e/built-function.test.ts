// The deployable build: `npm run build`, installed with production dependencies only, served by functions-framework as Cloud Functions runs it, accepts a signed registration.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/dev/client';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';
import { buildFunction } from '../../functions/build';
import { CONFIG, YEAR, registration } from '../integration/fixtures';
import { freePort, serverProcess, type StackProcess } from './local-stack';
import { installProductionBuild, REPO_ROOT, type ProductionInstall } from './production-install';

const SECRET = 'built-function-test-secret-0123456789';

describe('the built function on a production-only install', () => {
  let install: ProductionInstall;
  let firestore: EmbeddedFirestore;
  let server: StackProcess;
  let send: JourneySend;

  beforeAll(async () => {
    await buildFunction();
    install = installProductionBuild();
    firestore = await startEmbeddedFirestore();
    const port = await freePort();
    const framework = install.binOf('@google-cloud/functions-framework', 'functions-framework');
    server = serverProcess({
      name: 'the built function',
      url: `http://127.0.0.1:${String(port)}`,
      // What the Node.js buildpack starts: the framework's own bin, the package's `main`, the target name.
      args: [framework, '--target=journey', `--port=${String(port)}`, `--source=${install.dir}`],
      cwd: install.dir,
      // Only what the function reads (functions/src/settings.ts): nothing else of this process leaks in.
      env: {
        PATH: process.env.PATH,
        FIRESTORE_EMULATOR_HOST: firestore.host,
        GCLOUD_PROJECT: 'demo-journey',
        JOURNEY_SHARED_SECRET: SECRET,
        // No spreadsheet is registered, so nothing is written; a closed port keeps Google out of reach anyway.
        JOURNEY_SHEETS_ROOT_URL: `http://127.0.0.1:${String(await freePort())}/`,
        METADATA_SERVER_DETECTION: 'none',
      },
      logFile: join(install.dir, 'function.log'),
    });
    await server.start();
    send = createJourneyClient(server.url, SECRET, 'built-function-test');
  }, 180_000);

  afterAll(async () => {
    await server.stop();
    await firestore.stop();
    install.remove();
  });

  it('is installed apart from the repository, without any devDependency', () => {
    expect(install.dir.startsWith(REPO_ROOT)).toBe(false);
    expect(existsSync(install.main)).toBe(true);
    for (const devOnly of ['tsx', 'esbuild', 'vitest', 'typescript', '@firestore-emulator/server']) {
      expect(existsSync(join(install.dir, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('accepts a year plan and a signed registration, and stores it in Firestore', async () => {
    const config = await send<{ status: string }>('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
    expect(config.status, JSON.stringify(config.body)).toBe(200);

    const answer = await send<{ status: string; id: string }>('POST', '/v1/registrations', registration());
    expect(answer.status, `${JSON.stringify(answer.body)}\n${server.logTail()}`).toBe(200);
    expect(answer.body.status).toBe('accepted');

    const journeys = await firestore.db.collection(`years/${String(YEAR)}/journeys`).get();
    expect(journeys.docs.map((doc) => doc.id)).toEqual([answer.body.id]);
  });

  it('loads no Firestore SDK, Sheets SDK or auth library until a request needs them (cold start)', () => {
    const probe = `await import(${JSON.stringify(pathToFileURL(install.main).href)}); const { default: Module } = await import('node:module'); console.log(JSON.stringify(Object.keys(Module._cache))); process.exit(0);`;
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', probe], {
      cwd: install.dir,
      env: { PATH: process.env.PATH, NODE_OPTIONS: '', JOURNEY_SHARED_SECRET: SECRET, FIRESTORE_EMULATOR_HOST: '127.0.0.1:9' },
      encoding: 'utf8',
    });
    const loaded = (JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as string[]).map((file) => file.replace(/\\/g, '/'));
    for (const heavy of ['/firebase-admin/', '/@google-cloud/firestore/', '/@googleapis/sheets/', '/google-auth-library/']) {
      expect(loaded.filter((file) => file.includes(`/node_modules${heavy}`)), heavy).toEqual([]);
    }
    // The probe does see what the entry does load.
    expect(loaded.some((file) => file.includes('/node_modules/@google-cloud/functions-framework/'))).toBe(true);
  });

  it('refuses an unsigned call, so the signature is the gate of a public deployment', async () => {
    const response = await fetch(`${server.url}/v1/years/${String(YEAR)}/config`);
    expect(response.status).toBe(401);
  });
});
