// The plan from what the project holds: mail in each of its modes, nothing redone that is already as wanted, public access
// with its fallback, and the one list of APIs shared with the function's code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFirestoreFiles } from '../../deploy/firestore-files';
import { APIS, NOT_PERMITTED_CUSTOMER, planDeployment, secretRotation, type Step } from '../../deploy/plan';
import { resourcesOf } from '../../deploy/resources';
import type { CloudState } from '../../deploy/state';
import { RUNTIME_APIS } from '../../functions/src/contract/google-apis';
import { parseSettings } from '../../functions/src/settings';
import { FUNCTION_URL, REPO_ROOT, RUNTIME } from './real-gcloud';
import { configOf, deployedState, freshState } from './states';

/** The composite indexes firestore.indexes.json declares, as the deploy reads them. */
const COMPOSITES = readFirestoreFiles(REPO_ROOT).indexes.composites ?? [];

function plan(state: CloudState, overrides: Record<string, unknown> = {}, rotation?: 'rotate' | 'retire'): Step[] {
  const config = configOf(overrides);
  return planDeployment({
    config,
    resources: resourcesOf(config),
    state,
    functionUrl: FUNCTION_URL,
    withReports: false,
    rules: { file: 'firestore.rules', source: '' },
    exemptions: [{ collectionGroup: 'sheets', fieldPath: 'rows' }],
    composites: COMPOSITES,
    ...(rotation ? { rotation } : {}),
  });
}

const argvs = (steps: Step[]): string[] =>
  steps.flatMap((s) => (s.action.kind === 'command' ? [s.action.argv.join(' ')] : []));
const functionDeploy = (steps: Step[]): string =>
  argvs(steps).find((a) => a.startsWith('gcloud functions deploy')) ?? '';
const flag = (argv: string, name: string): string =>
  argv
    .split(' ')
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3) ?? '';

describe('the plan', () => {
  it('on a deployed project redeploys the function only: no account, role, field, queue, job or access step', () => {
    expect(
      plan(deployedState()).map((s) =>
        s.action.kind === 'command' ? s.action.argv.slice(1, 3).join(' ') : s.action.kind,
      ),
    ).toEqual(['services enable', 'rules', 'source', 'functions deploy']);
  });

  it('creates the composite indexes of firestore.indexes.json the database lacks, without waiting for them to build', () => {
    const creates = (state: CloudState): string[] =>
      argvs(plan(state)).filter((a) => a.startsWith('gcloud firestore indexes composite create'));
    const P = '--async --project=hanh-trinh-test --quiet';
    const all = [
      `gcloud firestore indexes composite create --collection-group=inbox --query-scope=collection --field-config=field-path=year,order=ascending --field-config=field-path=receivedAt,order=ascending ${P}`,
      `gcloud firestore indexes composite create --collection-group=inbox --query-scope=collection --field-config=field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=receivedAt,order=ascending ${P}`,
      `gcloud firestore indexes composite create --collection-group=mail --query-scope=collection --field-config=field-path=year,order=ascending --field-config=field-path=queuedAt,order=ascending ${P}`,
      `gcloud firestore indexes composite create --collection-group=mail --query-scope=collection --field-config=field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=queuedAt,order=ascending ${P}`,
      `gcloud firestore indexes composite create --collection-group=mail --query-scope=collection --field-config=field-path=year,order=ascending --field-config=field-path=status,order=ascending --field-config=field-path=queuedAt,order=descending ${P}`,
    ];
    // A new database: all five, after the database is made.
    const fresh = argvs(plan(freshState()));
    expect(creates(freshState())).toEqual(all);
    expect(fresh.findIndex((a) => a.startsWith('gcloud firestore indexes composite'))).toBeGreaterThan(
      fresh.findIndex((a) => a.startsWith('gcloud firestore databases create')),
    );
    // One dropped by hand (or a new one declared): that one only.
    const state = deployedState();
    if (state.compositeIndexes.found) state.compositeIndexes.value.splice(3, 1);
    expect(creates(state)).toEqual([all[3]]);
  });

  it('updates only the jobs that differ from the table', () => {
    const state = deployedState();
    const resume = state.schedulerJobs.get('journey-resume');
    if (resume) state.schedulerJobs.set('journey-resume', { ...resume, schedule: '*/30 * * * *' });
    expect(argvs(plan(state)).filter((a) => a.startsWith('gcloud scheduler'))).toEqual([
      expect.stringMatching(/^gcloud scheduler jobs update http journey-resume .*--schedule=\*\/10 \* \* \* \*/),
    ]);
  });

  it('without mail: no mail setting, no mail secret, no mail role', () => {
    const deploy = functionDeploy(plan(freshState()));
    expect(flag(deploy, 'set-env-vars')).not.toContain('JOURNEY_MAIL');
    expect(flag(deploy, 'set-secrets')).toBe('JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest');
  });

  it('names the administrators and the Apps Script client to the function, which reads them back as its settings', () => {
    const deploy = functionDeploy(
      plan(deployedState(), {
        administrators: ['btv.doankhoi@example.vn', 'van.phong@example.vn'],
        appsScriptClientId: '1234567890-abc.apps.googleusercontent.com',
      }),
    );
    const env = Object.fromEntries(
      flag(deploy, 'set-env-vars')
        .split(',')
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    const settings = parseSettings({ ...env, JOURNEY_SHARED_SECRET: 'a-secret-of-sixteen-plus' });
    expect(settings.admin.emails).toEqual(['btv.doankhoi@example.vn', 'van.phong@example.vn']);
    expect(settings.admin.audiences).toEqual([
      FUNCTION_URL,
      '32555940559.apps.googleusercontent.com',
      '1234567890-abc.apps.googleusercontent.com',
    ]);
    expect(flag(functionDeploy(plan(deployedState())), 'set-env-vars')).not.toContain('JOURNEY_ADMINS');
  });

  it('a Workspace mailbox: delegated to the runtime account, which may sign for itself; no key, no secret', () => {
    const steps = plan(deployedState(), {
      mail: { sender: 'hanhtrinh@doankhoi.example.vn', accountType: 'workspace' },
    });
    expect(argvs(steps)).toContain(
      `gcloud iam service-accounts add-iam-policy-binding ${RUNTIME} --member=serviceAccount:${RUNTIME} --role=roles/iam.serviceAccountTokenCreator --project=hanh-trinh-test --quiet`,
    );
    const deploy = functionDeploy(steps);
    expect(flag(deploy, 'set-env-vars')).toContain(
      `JOURNEY_MAIL_SENDER=hanhtrinh@doankhoi.example.vn,JOURNEY_MAIL_ACCOUNT=workspace,JOURNEY_MAIL_SIGNER=${RUNTIME}`,
    );
    expect(flag(deploy, 'set-secrets')).toBe('JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest');
  });

  it('a consumer account: its refresh token from its secret, which the runtime account may read', () => {
    const state = deployedState();
    state.mailSecret = { found: true, value: { enabledVersions: 1 } };
    const steps = plan(state, {
      mail: {
        sender: 'doankhoi.hanhtrinh@gmail.com',
        accountType: 'consumer',
        secret: 'JOURNEY_MAIL_CREDENTIALS',
        dailyBudget: 300,
      },
    });
    expect(argvs(steps)).toContain(
      `gcloud secrets add-iam-policy-binding JOURNEY_MAIL_CREDENTIALS --member=serviceAccount:${RUNTIME} --role=roles/secretmanager.secretAccessor --project=hanh-trinh-test --quiet`,
    );
    const deploy = functionDeploy(steps);
    expect(flag(deploy, 'set-secrets')).toBe(
      'JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest,JOURNEY_MAIL_CREDENTIALS=JOURNEY_MAIL_CREDENTIALS:latest',
    );
    expect(flag(deploy, 'set-env-vars')).toContain('JOURNEY_MAIL_ACCOUNT=consumer,JOURNEY_MAIL_DAILY_BUDGET=300');
    expect(flag(deploy, 'set-env-vars')).not.toContain('JOURNEY_MAIL_SIGNER');
  });

  it('sizes the instances on purpose, builds as its own account, never binds allUsers in the deploy itself', () => {
    const deploy = functionDeploy(plan(freshState()));
    expect(deploy).toContain('--concurrency=40 --min-instances=0 --max-instances=4');
    expect(deploy).toContain(
      '--build-service-account=projects/hanh-trinh-test/serviceAccounts/journey-build@hanh-trinh-test.iam.gserviceaccount.com',
    );
    expect(deploy).not.toContain('allow-unauthenticated');
  });

  it('makes the function public with allUsers, falling back to no invoker IAM check where the organisation refuses allUsers', () => {
    const access = plan(freshState()).find(
      (s) =>
        s.action.kind === 'command' &&
        s.action.argv.includes('add-iam-policy-binding') &&
        s.action.argv.includes('run'),
    );
    expect(access?.action).toMatchObject({
      argv: [
        'gcloud',
        'run',
        'services',
        'add-iam-policy-binding',
        'journey',
        '--member=allUsers',
        '--role=roles/run.invoker',
        '--region=asia-southeast1',
        '--project=hanh-trinh-test',
        '--quiet',
      ],
      fallback: {
        when: NOT_PERMITTED_CUSTOMER,
        argv: [
          'gcloud',
          'run',
          'services',
          'update',
          'journey',
          '--no-invoker-iam-check',
          '--region=asia-southeast1',
          '--project=hanh-trinh-test',
          '--quiet',
        ],
      },
    });
    const open = deployedState();
    open.access = { allUsers: false, invokerIamDisabled: true };
    expect(argvs(plan(open)).filter((a) => a.startsWith('gcloud run'))).toEqual([]);
  });
});

describe("the shared secret's rotation and the administrators", () => {
  /** A deployed project whose secret has versions 1 (older) and 2 (latest), the function reading `latest` and maybe a previous one. */
  function rotating(previous?: string): CloudState {
    const state = deployedState();
    state.secret = {
      found: true,
      value: {
        enabledVersions: 2,
        versions: [
          { number: '2', state: 'ENABLED' },
          { number: '1', state: 'ENABLED' },
        ],
      },
    };
    state.functionSecrets = new Map([
      ['JOURNEY_SHARED_SECRET', { secret: 'JOURNEY_SHARED_SECRET', version: 'latest' }],
      ...(previous
        ? [['JOURNEY_SHARED_SECRET_PREVIOUS', { secret: 'JOURNEY_SHARED_SECRET', version: previous }] as const]
        : []),
    ]);
    return state;
  }
  const secrets = (steps: Step[]): string => flag(functionDeploy(steps), 'set-secrets');

  it('--rotate-secret: a new version before the function, which then reads latest and the version latest was', () => {
    const steps = plan(rotating(), {}, 'rotate');
    const kinds = steps.map((s) => (s.action.kind === 'command' ? s.action.argv.slice(1, 3).join(' ') : s.action.kind));
    expect(kinds).toEqual(['services enable', 'rules', 'source', 'secretVersion', 'functions deploy']);
    expect(secrets(steps)).toBe(
      'JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest,JOURNEY_SHARED_SECRET_PREVIOUS=JOURNEY_SHARED_SECRET:2',
    );
  });

  it('a plain deploy keeps a rotation under way; --retire-previous-secret drops it, then disables its version', () => {
    expect(secrets(plan(rotating('1')))).toBe(
      'JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest,JOURNEY_SHARED_SECRET_PREVIOUS=JOURNEY_SHARED_SECRET:1',
    );
    const retire = plan(rotating('1'), {}, 'retire');
    expect(secrets(retire)).toBe('JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest');
    expect(argvs(retire).slice(-1)).toEqual([
      'gcloud secrets versions disable 1 --secret=JOURNEY_SHARED_SECRET --project=hanh-trinh-test --quiet',
    ]);
    expect(secretRotation({ state: rotating() })).toEqual({ previous: undefined, disable: undefined });
    expect(secrets(plan(rotating()))).toBe('JOURNEY_SHARED_SECRET=JOURNEY_SHARED_SECRET:latest');
  });

  it("the administrators and their tokens' audiences, separated by semicolons, so gcloud's commas still separate the variables", () => {
    const env = flag(
      functionDeploy(
        plan(deployedState(), {
          administrators: ['a@doankhoi.org.vn', 'b@doankhoi.org.vn'],
          appsScriptClientId: '1-x.apps.googleusercontent.com',
        }),
      ),
      'set-env-vars',
    );
    expect(env.startsWith('^')).toBe(false);
    const vars = new Map(env.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(vars.get('JOURNEY_ADMINS')).toBe('a@doankhoi.org.vn;b@doankhoi.org.vn');
    expect(vars.get('JOURNEY_ADMIN_AUDIENCES')).toBe(
      `${FUNCTION_URL};32555940559.apps.googleusercontent.com;1-x.apps.googleusercontent.com`,
    );
  });
});

describe('the APIs, one list for the function and the deploy', () => {
  /** Every `*.googleapis.com` host named in the function's sources. */
  function hostsInSources(): Set<string> {
    const folder = join(REPO_ROOT, 'functions', 'src');
    const hosts = new Set<string>();
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      for (const [host] of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(
        /[a-z0-9-]+\.googleapis\.com/g,
      ))
        hosts.add(host);
    }
    return hosts;
  }

  it('names every API the function calls in RUNTIME_APIS (Gmail and IAM Credentials included), and the deploy enables each', () => {
    // Hosts that are not APIs to enable: OAuth scopes and certificates (www), the token endpoint (oauth2), and names
    // that only look like hosts: the special fields of a structured log line (logging.googleapis.com/trace, written to
    // stdout, which Cloud Run's agent reads) and Error Reporting's type URL (type.googleapis.com/…).
    const notApis = new Set([
      'www.googleapis.com',
      'oauth2.googleapis.com',
      'logging.googleapis.com',
      'type.googleapis.com',
    ]);
    const apis = [...hostsInSources()].filter((host) => !notApis.has(host));
    expect(apis.sort()).toEqual(Object.values(RUNTIME_APIS).sort());
    expect(Object.values(RUNTIME_APIS)).toEqual(
      expect.arrayContaining([
        'gmail.googleapis.com',
        'iamcredentials.googleapis.com',
        'sheets.googleapis.com',
        'firestore.googleapis.com',
        'cloudtasks.googleapis.com',
      ]),
    );
    for (const api of Object.values(RUNTIME_APIS)) expect(APIS).toContain(api);
    expect(new Set(APIS).size).toBe(APIS.length);
  });
});
