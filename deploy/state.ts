// What the Google Cloud project holds now, read through `gcloud … --format=json` (nothing here changes anything).
import { z } from 'zod';
import { FUNCTION_NAME, type Resources } from './resources';
import { readJson, type CommandRunner } from './runner';
import type { CompositeIndexSpec } from './check';

/** A thing read from the project: there, or not (with gcloud's reason, which may also be "API not enabled yet"). */
export type Found<T> = { found: true; value: T } | { found: false; reason: string };

export interface CloudState {
  project: Found<{ number: string; state: string }>;
  secret: Found<{ enabledVersions: number }>;
  mailSecret: Found<{ enabledVersions: number }>;
  firestore: Found<{ location: string; type: string }>;
  runtimeAccount: Found<{ disabled: boolean }>;
  invokerAccount: Found<{ disabled: boolean }>;
  /** The roles the runtime account holds where the deployment grants them. */
  runtimeRoles: { project: string[]; onInvoker: string[]; onSecret: string[]; onMailSecret: string[] };
  queue: Found<{ state: string; maxDispatchesPerSecond: number; maxConcurrentDispatches: number }>;
  /** Short names of the scheduler jobs in the region. */
  schedulerJobs: string[];
  /** The URLs the deployed function answers on (cloudfunctions.net and run.app). */
  functionUrls: Found<string[]>;
  /** The database's composite indexes (any state: one being built counts as there). */
  compositeIndexes: Found<CompositeIndexSpec[]>;
}

const ProjectShape = z.object({ projectNumber: z.string(), lifecycleState: z.string().default('ACTIVE') });
const SecretVersionsShape = z.array(z.object({ state: z.string() }));
const FirestoreShape = z.object({ locationId: z.string(), type: z.string() });
const AccountShape = z.object({ disabled: z.boolean().default(false) });
const PolicyShape = z.object({ bindings: z.array(z.object({ role: z.string(), members: z.array(z.string()) })).default([]) });
const QueueShape = z.object({
  state: z.string().default('RUNNING'),
  rateLimits: z.object({ maxDispatchesPerSecond: z.number().default(0), maxConcurrentDispatches: z.number().default(0) }).default({ maxDispatchesPerSecond: 0, maxConcurrentDispatches: 0 }),
});
const JobsShape = z.array(z.object({ name: z.string() }));
/** `name` is …/collectionGroups/{group}/indexes/{id}; Firestore lists `__name__` last, which it adds to every index itself. */
const CompositeIndexesShape = z.array(
  z.object({
    name: z.string(),
    queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']).default('COLLECTION'),
    fields: z.array(z.object({ fieldPath: z.string(), order: z.string().optional() })).default([]),
  }),
);
const FunctionShape = z.object({ url: z.string().optional(), serviceConfig: z.object({ uri: z.string().optional() }).optional() });

async function read<S extends z.ZodType>(runner: CommandRunner, argv: string[], shape: S): Promise<Found<z.output<S>>> {
  const reading = await readJson(runner, argv);
  if (!reading.ok) return { found: false, reason: reading.reason };
  const parsed = shape.safeParse(reading.value);
  return parsed.success ? { found: true, value: parsed.data } : { found: false, reason: `gcloud trả về dữ liệu lạ: ${parsed.error.issues[0]?.message ?? ''}` };
}

function rolesOf(policy: Found<z.output<typeof PolicyShape>>, member: string): string[] {
  if (!policy.found) return [];
  return policy.value.bindings.filter((b) => b.members.includes(member)).map((b) => b.role).sort();
}

/** Reads everything the check and the plan need, in parallel (each is one gcloud call). */
export async function readCloudState(r: Resources, runner: CommandRunner): Promise<CloudState> {
  const inProject = [`--project=${r.project}`, '--format=json'];
  const member = `serviceAccount:${r.runtimeAccount}`;
  const [project, secretVersions, firestore, runtimeAccount, invokerAccount, projectPolicy, invokerPolicy, secretPolicy, queue, jobs, deployed, mailVersions, mailPolicy, indexes] =
    await Promise.all([
      read(runner, ['gcloud', 'projects', 'describe', r.project, '--format=json'], ProjectShape),
      read(runner, ['gcloud', 'secrets', 'versions', 'list', r.secret, ...inProject], SecretVersionsShape),
      read(runner, ['gcloud', 'firestore', 'databases', 'describe', '--database=(default)', ...inProject], FirestoreShape),
      read(runner, ['gcloud', 'iam', 'service-accounts', 'describe', r.runtimeAccount, ...inProject], AccountShape),
      read(runner, ['gcloud', 'iam', 'service-accounts', 'describe', r.invokerAccount, ...inProject], AccountShape),
      read(runner, ['gcloud', 'projects', 'get-iam-policy', r.project, '--format=json'], PolicyShape),
      read(runner, ['gcloud', 'iam', 'service-accounts', 'get-iam-policy', r.invokerAccount, ...inProject], PolicyShape),
      read(runner, ['gcloud', 'secrets', 'get-iam-policy', r.secret, ...inProject], PolicyShape),
      read(runner, ['gcloud', 'tasks', 'queues', 'describe', r.queue, `--location=${r.region}`, ...inProject], QueueShape),
      read(runner, ['gcloud', 'scheduler', 'jobs', 'list', `--location=${r.region}`, ...inProject], JobsShape),
      read(runner, ['gcloud', 'functions', 'describe', FUNCTION_NAME, '--gen2', `--region=${r.region}`, ...inProject], FunctionShape),
      read(runner, ['gcloud', 'secrets', 'versions', 'list', r.mailSecret, ...inProject], SecretVersionsShape),
      read(runner, ['gcloud', 'secrets', 'get-iam-policy', r.mailSecret, ...inProject], PolicyShape),
      read(runner, ['gcloud', 'firestore', 'indexes', 'composite', 'list', '--database=(default)', ...inProject], CompositeIndexesShape),
    ]);
  return {
    project: project.found ? { found: true, value: { number: project.value.projectNumber, state: project.value.lifecycleState } } : project,
    secret: secretVersions.found ? { found: true, value: { enabledVersions: secretVersions.value.filter((v) => v.state === 'ENABLED').length } } : secretVersions,
    mailSecret: mailVersions.found ? { found: true, value: { enabledVersions: mailVersions.value.filter((v) => v.state === 'ENABLED').length } } : mailVersions,
    firestore: firestore.found ? { found: true, value: { location: firestore.value.locationId, type: firestore.value.type } } : firestore,
    runtimeAccount,
    invokerAccount,
    runtimeRoles: { project: rolesOf(projectPolicy, member), onInvoker: rolesOf(invokerPolicy, member), onSecret: rolesOf(secretPolicy, member), onMailSecret: rolesOf(mailPolicy, member) },
    queue: queue.found ? { found: true, value: { state: queue.value.state, ...queue.value.rateLimits } } : queue,
    schedulerJobs: jobs.found ? jobs.value.map((job) => job.name.split('/').at(-1) ?? job.name).sort() : [],
    functionUrls: deployed.found
      ? { found: true, value: [deployed.value.url, deployed.value.serviceConfig?.uri].filter((u): u is string => u !== undefined) }
      : deployed,
    compositeIndexes: indexes.found ? { found: true, value: indexes.value.map(compositeOf) } : indexes,
  };
}

function compositeOf(index: z.output<typeof CompositeIndexesShape>[number]): CompositeIndexSpec {
  const fields = index.fields.filter((f) => f.fieldPath !== '__name__' && (f.order === 'ASCENDING' || f.order === 'DESCENDING'));
  return {
    collectionGroup: /\/collectionGroups\/([^/]+)\//.exec(index.name)?.[1] ?? '',
    queryScope: index.queryScope,
    fields: fields.map((f) => ({ fieldPath: f.fieldPath, order: f.order as 'ASCENDING' | 'DESCENDING' })),
  };
}
