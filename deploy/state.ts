// What the Google Cloud project holds now, read through `gcloud … --format=json` (nothing here changes anything).
import { z } from 'zod';
import type { GrantScope } from './roles';
import { FUNCTION_NAME, type Resources } from './resources';
import { readJson, type CommandRunner } from './runner';
import type { CompositeIndexSpec } from './check';

/** A thing read from the project: there, or not (with gcloud's reason, which may also be "API not enabled yet"). */
export type Found<T> = { found: true; value: T } | { found: false; reason: string };

/** What a scheduler job does, as far as the plan sets it: equal to the wanted job means nothing to update. */
export interface JobSettings {
  schedule: string;
  timeZone: string;
  uri: string;
  httpMethod: string;
  body: string;
  contentType: string | undefined;
  oidcServiceAccount: string | undefined;
  oidcAudience: string | undefined;
  description: string;
}

export interface CloudState {
  project: Found<{ number: string; state: string }>;
  /** The shared secret's versions: how many are enabled, and each by number (newest first) with its state. */
  secret: Found<{ enabledVersions: number; versions?: { number: string; state: string }[] }>;
  /** Undefined when the configuration has no secret for mail (no mail, or a Workspace mailbox). */
  mailSecret: Found<{ enabledVersions: number }> | undefined;
  firestore: Found<{ location: string; type: string }>;
  runtimeAccount: Found<{ disabled: boolean; clientId: string }>;
  invokerAccount: Found<{ disabled: boolean; clientId: string }>;
  buildAccount: Found<{ disabled: boolean; clientId: string }>;
  /** The roles each account holds where the deployment grants them. */
  roles: Record<'runtime' | 'build', Record<GrantScope, string[]>>;
  queue: Found<{ state: string; maxDispatchesPerSecond: number; maxConcurrentDispatches: number }>;
  /** The scheduler jobs in the region, by short name. */
  schedulerJobs: Map<string, JobSettings>;
  /** The URLs the deployed function answers on (cloudfunctions.net and run.app). */
  functionUrls: Found<string[]>;
  /** The deployed function's secret environment variables: name → the secret and version it reads. */
  functionSecrets?: Map<string, { secret: string; version: string }>;
  /** Fields (`collectionGroup/fieldPath`) whose single-field indexes are already off. */
  exemptFields: Set<string>;
  /** Fields (`collectionGroup/fieldPath`) that are already their group's TTL field (being turned on counts). */
  ttlFields: Set<string>;
  /** The database's composite indexes (any state: one being built counts as there). */
  compositeIndexes: Found<CompositeIndexSpec[]>;
  /** Whether anyone may call the function's Cloud Run service: `allUsers` holds the invoker role, or the invoker check is off. */
  access: { allUsers: boolean; invokerIamDisabled: boolean } | undefined;
}

const ProjectShape = z.object({ projectNumber: z.string(), lifecycleState: z.string().default('ACTIVE') });
const SecretVersionsShape = z.array(z.object({ state: z.string(), name: z.string().default('') }));
const FirestoreShape = z.object({ locationId: z.string(), type: z.string() });
const AccountShape = z.object({ disabled: z.boolean().default(false), oauth2ClientId: z.string().default('') });
const PolicyShape = z.object({
  bindings: z.array(z.object({ role: z.string(), members: z.array(z.string()) })).default([]),
});
const QueueShape = z.object({
  state: z.string().default('RUNNING'),
  rateLimits: z
    .object({ maxDispatchesPerSecond: z.number().default(0), maxConcurrentDispatches: z.number().default(0) })
    .default({ maxDispatchesPerSecond: 0, maxConcurrentDispatches: 0 }),
});
const JobsShape = z.array(
  z.object({
    name: z.string(),
    schedule: z.string().default(''),
    timeZone: z.string().default('UTC'),
    description: z.string().default(''),
    httpTarget: z
      .object({
        uri: z.string().default(''),
        httpMethod: z.string().default('POST'),
        body: z.string().default(''),
        headers: z.record(z.string(), z.string()).default({}),
        oidcToken: z.object({ serviceAccountEmail: z.string().optional(), audience: z.string().optional() }).optional(),
      })
      .optional(),
  }),
);
/** `collectionGroup/fieldPath` of a field's resource name (…/collectionGroups/{group}/fields/{field}). */
const fieldKey = (name: string): string =>
  /collectionGroups\/([^/]+)\/fields\/(.+)$/.exec(name)?.slice(1).join('/') ?? '';
const FieldsShape = z.array(
  z.object({
    name: z.string(),
    indexConfig: z.object({ indexes: z.array(z.unknown()).default([]) }).default({ indexes: [] }),
    ttlConfig: z.object({ state: z.string().optional() }).loose().optional(),
  }),
);
/** `name` is …/collectionGroups/{group}/indexes/{id}; Firestore lists `__name__` last, which it adds to every index itself. */
const CompositeIndexesShape = z.array(
  z.object({
    name: z.string(),
    queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']).default('COLLECTION'),
    fields: z.array(z.object({ fieldPath: z.string(), order: z.string().optional() })).default([]),
  }),
);
const FunctionShape = z.object({
  url: z.string().optional(),
  serviceConfig: z
    .object({
      uri: z.string().optional(),
      secretEnvironmentVariables: z
        .array(z.object({ key: z.string(), secret: z.string(), version: z.string().default('latest') }))
        .default([]),
    })
    .optional(),
});
/** Cloud Run v1 (Knative) as `gcloud run services describe` prints it. */
const RunServiceShape = z.object({ metadata: z.object({ annotations: z.record(z.string(), z.string()).default({}) }) });
const INVOKER_IAM_DISABLED = 'run.googleapis.com/invoker-iam-disabled';

async function read<S extends z.ZodType>(runner: CommandRunner, argv: string[], shape: S): Promise<Found<z.output<S>>> {
  const reading = await readJson(runner, argv);
  if (!reading.ok) return { found: false, reason: reading.reason };
  const parsed = shape.safeParse(reading.value);
  return parsed.success
    ? { found: true, value: parsed.data }
    : { found: false, reason: `gcloud trả về dữ liệu lạ: ${parsed.error.issues[0]?.message ?? ''}` };
}

function rolesOf(policy: Found<z.output<typeof PolicyShape>>, member: string): string[] {
  if (!policy.found) return [];
  return policy.value.bindings
    .filter((b) => b.members.includes(member))
    .map((b) => b.role)
    .sort();
}

const versionsOf = (
  found: Found<z.output<typeof SecretVersionsShape>>,
): Found<{ enabledVersions: number; versions: { number: string; state: string }[] }> =>
  found.found
    ? {
        found: true,
        value: {
          enabledVersions: found.value.filter((v) => v.state === 'ENABLED').length,
          versions: found.value
            .map((v) => ({ number: v.name.split('/').at(-1) ?? '', state: v.state }))
            .sort((a, b) => Number(b.number) - Number(a.number)),
        },
      }
    : found;

const accountOf = (found: Found<z.output<typeof AccountShape>>): Found<{ disabled: boolean; clientId: string }> =>
  found.found
    ? { found: true, value: { disabled: found.value.disabled, clientId: found.value.oauth2ClientId } }
    : found;

function jobsOf(found: Found<z.output<typeof JobsShape>>): Map<string, JobSettings> {
  if (!found.found) return new Map();
  return new Map(
    found.value.map((job) => [
      job.name.split('/').at(-1) ?? job.name,
      {
        schedule: job.schedule,
        timeZone: job.timeZone,
        description: job.description,
        uri: job.httpTarget?.uri ?? '',
        httpMethod: job.httpTarget?.httpMethod ?? '',
        // The API keeps the body base64-encoded.
        body: Buffer.from(job.httpTarget?.body ?? '', 'base64').toString('utf8'),
        contentType: job.httpTarget?.headers['Content-Type'],
        oidcServiceAccount: job.httpTarget?.oidcToken?.serviceAccountEmail,
        oidcAudience: job.httpTarget?.oidcToken?.audience,
      },
    ]),
  );
}

/** Reads everything the check and the plan need, in parallel (each is one gcloud call). */
export async function readCloudState(r: Resources, runner: CommandRunner): Promise<CloudState> {
  const inProject = [`--project=${r.project}`, '--format=json'];
  const runtime = `serviceAccount:${r.runtimeAccount}`;
  const build = `serviceAccount:${r.buildAccount}`;
  const account = (email: string) =>
    read(runner, ['gcloud', 'iam', 'service-accounts', 'describe', email, ...inProject], AccountShape);
  const policy = (...argv: string[]) => read(runner, ['gcloud', ...argv, ...inProject], PolicyShape);
  const [
    project,
    secretVersions,
    firestore,
    fields,
    indexes,
    runtimeAccount,
    invokerAccount,
    buildAccount,
    projectPolicy,
    invokerPolicy,
    runtimePolicy,
    secretPolicy,
    queue,
    jobs,
    deployed,
    runPolicy,
    runService,
    mailVersions,
    mailPolicy,
  ] = await Promise.all([
    read(runner, ['gcloud', 'projects', 'describe', r.project, '--format=json'], ProjectShape),
    read(runner, ['gcloud', 'secrets', 'versions', 'list', r.secret, ...inProject], SecretVersionsShape),
    read(
      runner,
      ['gcloud', 'firestore', 'databases', 'describe', '--database=(default)', ...inProject],
      FirestoreShape,
    ),
    read(
      runner,
      ['gcloud', 'firestore', 'indexes', 'fields', 'list', '--database=(default)', ...inProject],
      FieldsShape,
    ),
    read(
      runner,
      ['gcloud', 'firestore', 'indexes', 'composite', 'list', '--database=(default)', ...inProject],
      CompositeIndexesShape,
    ),
    account(r.runtimeAccount),
    account(r.invokerAccount),
    account(r.buildAccount),
    read(runner, ['gcloud', 'projects', 'get-iam-policy', r.project, '--format=json'], PolicyShape),
    policy('iam', 'service-accounts', 'get-iam-policy', r.invokerAccount),
    policy('iam', 'service-accounts', 'get-iam-policy', r.runtimeAccount),
    policy('secrets', 'get-iam-policy', r.secret),
    read(
      runner,
      ['gcloud', 'tasks', 'queues', 'describe', r.queue, `--location=${r.region}`, ...inProject],
      QueueShape,
    ),
    read(runner, ['gcloud', 'scheduler', 'jobs', 'list', `--location=${r.region}`, ...inProject], JobsShape),
    read(
      runner,
      ['gcloud', 'functions', 'describe', FUNCTION_NAME, '--gen2', `--region=${r.region}`, ...inProject],
      FunctionShape,
    ),
    policy('run', 'services', 'get-iam-policy', FUNCTION_NAME, `--region=${r.region}`),
    read(
      runner,
      ['gcloud', 'run', 'services', 'describe', FUNCTION_NAME, `--region=${r.region}`, ...inProject],
      RunServiceShape,
    ),
    r.mailSecret === undefined
      ? undefined
      : read(runner, ['gcloud', 'secrets', 'versions', 'list', r.mailSecret, ...inProject], SecretVersionsShape),
    r.mailSecret === undefined ? undefined : policy('secrets', 'get-iam-policy', r.mailSecret),
  ]);
  const none: Record<GrantScope, string[]> = {
    project: [],
    invokerAccount: [],
    runtimeAccount: [],
    secret: [],
    mailSecret: [],
  };
  return {
    project: project.found
      ? { found: true, value: { number: project.value.projectNumber, state: project.value.lifecycleState } }
      : project,
    secret: versionsOf(secretVersions),
    mailSecret: mailVersions === undefined ? undefined : versionsOf(mailVersions),
    firestore: firestore.found
      ? { found: true, value: { location: firestore.value.locationId, type: firestore.value.type } }
      : firestore,
    runtimeAccount: accountOf(runtimeAccount),
    invokerAccount: accountOf(invokerAccount),
    buildAccount: accountOf(buildAccount),
    roles: {
      runtime: {
        project: rolesOf(projectPolicy, runtime),
        invokerAccount: rolesOf(invokerPolicy, runtime),
        runtimeAccount: rolesOf(runtimePolicy, runtime),
        secret: rolesOf(secretPolicy, runtime),
        mailSecret: mailPolicy === undefined ? [] : rolesOf(mailPolicy, runtime),
      },
      build: { ...none, project: rolesOf(projectPolicy, build) },
    },
    queue: queue.found ? { found: true, value: { state: queue.value.state, ...queue.value.rateLimits } } : queue,
    schedulerJobs: jobsOf(jobs),
    exemptFields: fields.found
      ? new Set(fields.value.filter((f) => f.indexConfig.indexes.length === 0).map((f) => fieldKey(f.name)))
      : new Set(),
    ttlFields: fields.found
      ? new Set(
          fields.value
            .filter((f) => f.ttlConfig !== undefined && f.ttlConfig.state !== 'NEEDS_REPAIR')
            .map((f) => fieldKey(f.name)),
        )
      : new Set(),
    compositeIndexes: indexes.found ? { found: true, value: indexes.value.map(compositeOf) } : indexes,
    functionUrls: deployed.found
      ? {
          found: true,
          value: [deployed.value.url, deployed.value.serviceConfig?.uri].filter((u): u is string => u !== undefined),
        }
      : deployed,
    functionSecrets: new Map(
      deployed.found
        ? (deployed.value.serviceConfig?.secretEnvironmentVariables ?? []).map((s) => [
            s.key,
            { secret: s.secret, version: s.version },
          ])
        : [],
    ),
    access: runService.found
      ? {
          allUsers: rolesOf(runPolicy, 'allUsers').includes('roles/run.invoker'),
          invokerIamDisabled: runService.value.metadata.annotations[INVOKER_IAM_DISABLED]?.toLowerCase() === 'true',
        }
      : undefined,
  };
}

function compositeOf(index: z.output<typeof CompositeIndexesShape>[number]): CompositeIndexSpec {
  const fields = index.fields.filter(
    (f) => f.fieldPath !== '__name__' && (f.order === 'ASCENDING' || f.order === 'DESCENDING'),
  );
  return {
    collectionGroup: /\/collectionGroups\/([^/]+)\//.exec(index.name)?.[1] ?? '',
    queryScope: index.queryScope,
    fields: fields.map((f) => ({ fieldPath: f.fieldPath, order: f.order as 'ASCENDING' | 'DESCENDING' })),
  };
}
