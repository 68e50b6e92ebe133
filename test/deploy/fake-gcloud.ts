// A fake gcloud for the deploy script's tests (answers the read commands from a described project, records every call, refuses any command it
// does not know), and runDeploy run against it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDeploy } from '../../deploy/deploy';
import type { CommandResult, CommandRunner } from '../../deploy/runner';

export const PROJECT = 'hanh-trinh-test';
export const PROJECT_NUMBER = '123456789012';
export const RUNTIME = `journey-runtime@${PROJECT}.iam.gserviceaccount.com`;
export const INVOKER = `journey-invoker@${PROJECT}.iam.gserviceaccount.com`;
export const FUNCTION_URL = `https://journey-${PROJECT_NUMBER}.asia-southeast1.run.app`;

/** The sample configuration, as a person would write deploy/config.json. */
export const SAMPLE_CONFIG = {
  project: PROJECT,
  region: 'asia-southeast1',
  secret: 'JOURNEY_SHARED_SECRET',
  runtimeServiceAccount: 'journey-runtime',
  invokerServiceAccount: 'journey-invoker',
  tasksQueue: { name: 'journey-sheets', maxDispatchesPerSecond: 1 },
  mail: { sender: 'hanhtrinh@doankhoi.example.vn', accountType: 'workspace', secret: 'JOURNEY_MAIL_CREDENTIALS' },
};

interface Binding {
  role: string;
  members: string[];
}

/** What the project holds; an absent key is something that does not exist (gcloud answers NOT_FOUND). */
export interface World {
  project?: { projectNumber: string; lifecycleState: string };
  secretVersions?: { state: string }[];
  mailSecretVersions?: { state: string }[];
  mailSecretBindings: Binding[];
  firestore?: { locationId: string; type: string };
  accounts: Record<string, { disabled: boolean }>;
  projectBindings: Binding[];
  invokerBindings: Binding[];
  secretBindings: Binding[];
  queue?: { state: string; rateLimits: { maxDispatchesPerSecond: number; maxConcurrentDispatches: number } };
  jobs: string[];
  deployed?: { url: string; serviceConfig: { uri: string } };
  /** The database's composite indexes as `gcloud firestore indexes composite list` shows them (Firestore adds `__name__` last). */
  compositeIndexes?: { name: string; queryScope: string; fields: { fieldPath: string; order: string }[]; state: string }[];
}

/** The composite indexes firestore.indexes.json declares, as a project that has them lists them. */
export function declaredCompositeIndexes(): NonNullable<World['compositeIndexes']> {
  const file = JSON.parse(readFileSync(new URL('../../firestore.indexes.json', import.meta.url), 'utf8')) as {
    indexes: { collectionGroup: string; queryScope: string; fields: { fieldPath: string; order: string }[] }[];
  };
  return file.indexes.map((index, i) => ({
    name: `projects/${PROJECT}/databases/(default)/collectionGroups/${index.collectionGroup}/indexes/CICAgI${String(i)}`,
    queryScope: index.queryScope,
    fields: [...index.fields, { fieldPath: '__name__', order: index.fields.at(-1)?.order ?? 'ASCENDING' }],
    state: 'READY',
  }));
}

/** A project where a person did the two things the script cannot: the project exists and the secret holds a value. */
export function freshProject(): World {
  return {
    project: { projectNumber: PROJECT_NUMBER, lifecycleState: 'ACTIVE' },
    secretVersions: [{ state: 'ENABLED' }],
    mailSecretVersions: [{ state: 'ENABLED' }],
    mailSecretBindings: [],
    accounts: {},
    projectBindings: [{ role: 'roles/owner', members: ['user:bithu@example.vn'] }],
    invokerBindings: [],
    secretBindings: [],
    jobs: [],
  };
}

/** A project after a complete deployment. */
export function deployedProject(): World {
  return {
    ...freshProject(),
    firestore: { locationId: 'asia-southeast1', type: 'FIRESTORE_NATIVE' },
    accounts: { [RUNTIME]: { disabled: false }, [INVOKER]: { disabled: false } },
    projectBindings: [
      { role: 'roles/owner', members: ['user:bithu@example.vn'] },
      { role: 'roles/datastore.user', members: [`serviceAccount:${RUNTIME}`] },
      { role: 'roles/cloudtasks.enqueuer', members: [`serviceAccount:${RUNTIME}`] },
    ],
    invokerBindings: [{ role: 'roles/iam.serviceAccountUser', members: [`serviceAccount:${RUNTIME}`] }],
    secretBindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${RUNTIME}`] }],
    mailSecretBindings: [{ role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${RUNTIME}`] }],
    queue: { state: 'RUNNING', rateLimits: { maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } },
    jobs: ['journey-resume', 'journey-mail-drain', 'journey-report-digest', 'journey-report-reminders', 'journey-report-quarterly', 'journey-report-annual', 'journey-report-camp', 'journey-report-phase', ...[1, 2, 3, 4, 5].map((i) => `journey-report-members-${String(i)}`)],
    deployed: { url: `https://asia-southeast1-${PROJECT}.cloudfunctions.net/journey`, serviceConfig: { uri: FUNCTION_URL } },
    compositeIndexes: declaredCompositeIndexes(),
  };
}

export interface FakeGcloud extends CommandRunner {
  /** Every command run, joined with spaces, in order. */
  calls: string[];
  /** The calls that were not reads. */
  changes(): string[];
  /** Makes the commands starting with `prefix` fail (exit 1, `stderr`), the first `times` times (every time by default). */
  failOn(prefix: string, stderr: string, times?: number): void;
}

const found = (value: unknown): CommandResult => ({ code: 0, stdout: JSON.stringify(value), stderr: '' });
const notFound = (what: string): CommandResult => ({ code: 1, stdout: '', stderr: `ERROR: (gcloud) NOT_FOUND: ${what} was not found\n` });
const maybe = (value: unknown, what: string): CommandResult => (value === undefined ? notFound(what) : found(value));

function reads(world: World): Map<string, CommandResult> {
  const p = `--project=${PROJECT} --format=json`;
  const account = (email: string) => maybe(world.accounts[email], email);
  return new Map([
    [`gcloud projects describe ${PROJECT} --format=json`, maybe(world.project, PROJECT)],
    [`gcloud secrets versions list JOURNEY_SHARED_SECRET ${p}`, maybe(world.secretVersions, 'secret JOURNEY_SHARED_SECRET')],
    [`gcloud firestore databases describe --database=(default) ${p}`, maybe(world.firestore, 'database (default)')],
    [`gcloud iam service-accounts describe ${RUNTIME} ${p}`, account(RUNTIME)],
    [`gcloud iam service-accounts describe ${INVOKER} ${p}`, account(INVOKER)],
    [`gcloud projects get-iam-policy ${PROJECT} --format=json`, found({ bindings: world.projectBindings })],
    [`gcloud iam service-accounts get-iam-policy ${INVOKER} ${p}`, world.accounts[INVOKER] ? found({ bindings: world.invokerBindings }) : notFound(INVOKER)],
    [`gcloud secrets get-iam-policy JOURNEY_SHARED_SECRET ${p}`, world.secretVersions ? found({ bindings: world.secretBindings }) : notFound('secret')],
    [`gcloud secrets versions list JOURNEY_MAIL_CREDENTIALS ${p}`, maybe(world.mailSecretVersions, 'secret JOURNEY_MAIL_CREDENTIALS')],
    [`gcloud secrets get-iam-policy JOURNEY_MAIL_CREDENTIALS ${p}`, world.mailSecretVersions ? found({ bindings: world.mailSecretBindings }) : notFound('secret')],
    [`gcloud tasks queues describe journey-sheets --location=asia-southeast1 ${p}`, maybe(world.queue, 'queue journey-sheets')],
    [`gcloud scheduler jobs list --location=asia-southeast1 ${p}`, found(world.jobs.map((name) => ({ name: `projects/${PROJECT}/locations/asia-southeast1/jobs/${name}`, state: 'ENABLED' })))],
    [`gcloud functions describe journey --gen2 --region=asia-southeast1 ${p}`, maybe(world.deployed, 'function journey')],
    [`gcloud firestore indexes composite list --database=(default) ${p}`, world.firestore ? found(world.compositeIndexes ?? []) : notFound('database (default)')],
    ['gcloud auth print-access-token', { code: 0, stdout: 'ya29.fake-token\n', stderr: '' }],
  ]);
}

/** Changing commands the fake accepts (and records): the deploy script's own vocabulary. */
const CHANGES = /^gcloud (services enable|iam service-accounts (create|add-iam-policy-binding)|projects add-iam-policy-binding|secrets add-iam-policy-binding|firestore databases create|firestore indexes fields update|firestore indexes composite create|tasks queues (create|update)|functions deploy|scheduler jobs (create|update) http) /;

export function fakeGcloud(world: World): FakeGcloud {
  const answers = reads(world);
  const failures: { prefix: string; stderr: string; times: number }[] = [];
  const calls: string[] = [];
  return {
    calls,
    changes: () => calls.filter((call) => !answers.has(call)),
    failOn(prefix, stderr, times = Number.POSITIVE_INFINITY) {
      failures.push({ prefix, stderr, times });
    },
    run(argv) {
      const call = argv.join(' ');
      calls.push(call);
      const failure = failures.find((f) => call.startsWith(f.prefix) && f.times > 0);
      if (failure) {
        failure.times -= 1;
        return Promise.resolve({ code: 1, stdout: '', stderr: failure.stderr });
      }
      const answer = answers.get(call);
      if (answer) return Promise.resolve(answer);
      if (CHANGES.test(call)) return Promise.resolve({ code: 0, stdout: '', stderr: '' });
      throw new Error(`the deploy script ran a command the fake gcloud does not know: ${call}`);
    },
  };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DeployRun {
  code: number;
  /** Everything printed, line by line. */
  output: string[];
  gcloud: FakeGcloud;
}

/** Runs `npm run deploy` as main.ts does, with the fake gcloud, a configuration file, and no pause between retries. */
export async function deployWith(
  world: World,
  options: { config?: unknown; dryRun?: boolean; withReports?: boolean; fetch?: typeof fetch; gcloud?: FakeGcloud } = {},
): Promise<DeployRun> {
  const dir = mkdtempSync(join(tmpdir(), 'journey-deploy-config-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(options.config ?? SAMPLE_CONFIG));
  const gcloud = options.gcloud ?? fakeGcloud(world);
  const output: string[] = [];
  try {
    const code = await runDeploy(
      { configPath, dryRun: options.dryRun ?? false, withReports: options.withReports ?? false },
      {
        runner: gcloud,
        fetch: options.fetch ?? (() => Promise.reject(new Error('this test expects no HTTP call'))),
        print: (line) => output.push(...line.split('\n')),
        sleep: () => Promise.resolve(),
        rootDir: ROOT,
      },
    );
    return { code, output, gcloud };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
