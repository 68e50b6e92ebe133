// The function's configuration: parsed once from the environment, each mistake named by its variable.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/src/settings';

const SECRET = 'a-secret-of-sixteen-plus';

describe('parseSettings', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    ['no secret', {}, 'JOURNEY_SHARED_SECRET'],
    ['a short secret', { JOURNEY_SHARED_SECRET: 'short' }, 'JOURNEY_SHARED_SECRET'],
    [
      'a Sheets root that is not a URL',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_SHEETS_ROOT_URL: 'sheets' },
      'JOURNEY_SHEETS_ROOT_URL',
    ],
    [
      'a malformed Cloud Tasks queue',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_TASKS_QUEUE: 'sheets', JOURNEY_FUNCTION_URL: 'https://f.example' },
      'JOURNEY_TASKS_QUEUE',
    ],
    [
      "a write pace above Google's quota",
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_SHEETS_WRITES_PER_MINUTE: '120' },
      'JOURNEY_SHEETS_WRITES_PER_MINUTE',
    ],
    [
      'a write pace that is not a number',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_SHEETS_WRITES_PER_MINUTE: 'fast' },
      'JOURNEY_SHEETS_WRITES_PER_MINUTE',
    ],
    [
      'a queue without the function URL',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_TASKS_QUEUE: 'projects/p/locations/l/queues/q' },
      'JOURNEY_FUNCTION_URL',
    ],
    [
      'a queue without the invoker account its callbacks are',
      {
        JOURNEY_SHARED_SECRET: SECRET,
        JOURNEY_TASKS_QUEUE: 'projects/p/locations/l/queues/q',
        JOURNEY_FUNCTION_URL: 'https://f.example',
      },
      'missing: JOURNEY_INVOKER_SA',
    ],
    [
      'an invoker account without the queue',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_INVOKER_SA: 'invoker@p.iam.gserviceaccount.com' },
      'missing: JOURNEY_TASKS_QUEUE, JOURNEY_FUNCTION_URL',
    ],
    [
      'an invoker account that is no e-mail',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_INVOKER_SA: 'journey-invoker' },
      'JOURNEY_INVOKER_SA',
    ],
    [
      'a public URL that is not http(s)',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_PUBLIC_URL: 'ftp://journey.example.vn' },
      'JOURNEY_PUBLIC_URL',
    ],
    [
      'a public URL with a query string',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_PUBLIC_URL: 'https://journey.example.vn/?x=1' },
      'JOURNEY_PUBLIC_URL',
    ],
    [
      'a previous secret too short',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_SHARED_SECRET_PREVIOUS: 'short' },
      'JOURNEY_SHARED_SECRET_PREVIOUS',
    ],
    [
      'a previous secret equal to the current one',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_SHARED_SECRET_PREVIOUS: SECRET },
      'JOURNEY_SHARED_SECRET_PREVIOUS',
    ],
    [
      'an administrator that is no e-mail',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_ADMINS: 'btv@doankhoi.vn, bí thư' },
      'JOURNEY_ADMINS',
    ],
    [
      'a stand-in issuer without its keys',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_ID_TOKEN_ISSUER: 'https://issuer.test' },
      'JOURNEY_ID_TOKEN_JWKS_URL',
    ],
    [
      'keys of a stand-in issuer without its name',
      { JOURNEY_SHARED_SECRET: SECRET, JOURNEY_ID_TOKEN_JWKS_URL: 'http://127.0.0.1:9/jwks' },
      'JOURNEY_ID_TOKEN_ISSUER',
    ],
  ])('refuses %s, naming the variable', (_what, env, variable) => {
    expect(() => parseSettings(env)).toThrow(variable);
  });

  it('fills defaults and reads every variable', () => {
    expect(parseSettings({ JOURNEY_SHARED_SECRET: SECRET })).toEqual({
      secret: SECRET,
      projectId: 'demo-journey',
      emulatorHost: undefined,
      sheetsRootUrl: undefined,
      tasks: undefined,
      sheetsWritesPerMinute: 50,
      mail: { sender: undefined, dailyBudget: undefined, queue: undefined },
      previousSecret: undefined,
      // No administrator listed: no Google identity opens an admin route until the deployment names them.
      admin: {
        emails: [],
        audiences: ['32555940559.apps.googleusercontent.com'],
        issuer: {
          names: ['https://accounts.google.com', 'accounts.google.com'],
          jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
        },
      },
    });
    const full = parseSettings({
      JOURNEY_SHARED_SECRET: SECRET,
      GCLOUD_PROJECT: 'hanh-trinh',
      JOURNEY_TASKS_QUEUE: 'projects/hanh-trinh/locations/asia-southeast1/queues/sheets',
      JOURNEY_FUNCTION_URL: 'https://journey-abc.a.run.app',
      JOURNEY_INVOKER_SA: 'journey-invoker@hanh-trinh.iam.gserviceaccount.com',
    });
    expect(full.projectId).toBe('hanh-trinh');
    expect(full.tasks).toEqual({
      queue: 'projects/hanh-trinh/locations/asia-southeast1/queues/sheets',
      functionUrl: 'https://journey-abc.a.run.app',
      invokerServiceAccount: 'journey-invoker@hanh-trinh.iam.gserviceaccount.com',
    });
    // Journey-book links start with the function's URL unless a public address is given.
    expect(full.publicUrl).toBe('https://journey-abc.a.run.app');
    expect(
      parseSettings({ JOURNEY_SHARED_SECRET: SECRET, JOURNEY_PUBLIC_URL: 'https://so.doankhoi.vn' }).publicUrl,
    ).toBe('https://so.doankhoi.vn');
  });

  it('reads the administrators, the audiences of their tokens, a stand-in issuer and the secret a rotation retires', () => {
    const production = parseSettings({
      JOURNEY_SHARED_SECRET: SECRET,
      JOURNEY_SHARED_SECRET_PREVIOUS: 'the-secret-being-retired',
      JOURNEY_TASKS_QUEUE: 'projects/hanh-trinh/locations/asia-southeast1/queues/sheets',
      JOURNEY_FUNCTION_URL: 'https://journey-abc.a.run.app',
      JOURNEY_INVOKER_SA: 'journey-invoker@hanh-trinh.iam.gserviceaccount.com',
      JOURNEY_ADMINS: 'BTV@doankhoi.vn, van.phong@doankhoi.vn btv@doankhoi.vn',
    });
    expect(production.previousSecret).toBe('the-secret-being-retired');
    // The CLI's `gcloud auth print-identity-token` names gcloud's client; a service account's names the function's URL.
    expect(production.admin).toEqual({
      emails: ['btv@doankhoi.vn', 'van.phong@doankhoi.vn'],
      audiences: ['https://journey-abc.a.run.app', '32555940559.apps.googleusercontent.com'],
      issuer: {
        names: ['https://accounts.google.com', 'accounts.google.com'],
        jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
      },
    });
    const standIn = parseSettings({
      JOURNEY_SHARED_SECRET: SECRET,
      JOURNEY_ADMINS: 'btv@doankhoi.vn',
      JOURNEY_ADMIN_AUDIENCES: 'http://127.0.0.1:8080',
      JOURNEY_ID_TOKEN_ISSUER: 'https://issuer.test',
      JOURNEY_ID_TOKEN_JWKS_URL: 'http://127.0.0.1:9999/jwks',
    });
    expect(standIn.admin).toEqual({
      emails: ['btv@doankhoi.vn'],
      audiences: ['http://127.0.0.1:8080'],
      issuer: { names: ['https://issuer.test'], jwksUrl: 'http://127.0.0.1:9999/jwks' },
    });
  });
});

describe('the function at start', () => {
  it('refuses to start without its secret, naming the variable, before any request', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JOURNEY_')));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../functions/src/index.ts', import.meta.url))],
      {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('JOURNEY_SHARED_SECRET must be set');
  });
});
