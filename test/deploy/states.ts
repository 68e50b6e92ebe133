// What readCloudState answers for a fresh and for a deployed project, as plain values: the check's and the plan's
// decisions are tested on them directly (readCloudState itself is tested with the real gcloud, gcloud-deploy.test.ts).
import { parseDeployConfig, type DeployConfig } from '../../deploy/config';
import type { CloudState, JobSettings } from '../../deploy/state';
import { SCHEDULER_JOBS } from '../../deploy/scheduler-jobs';
import { COMPOSITE_INDEXES, FIELD_OVERRIDES, TTL_POLICIES } from '../../functions/src/adapters/firestore/limits';
import { FIRST_CONFIG, FUNCTION_URL, INVOKER, PROJECT, PROJECT_NUMBER } from './real-gcloud';

export function configOf(overrides: Record<string, unknown> = {}): DeployConfig {
  const reading = parseDeployConfig({ ...FIRST_CONFIG, ...overrides });
  if (!reading.ok) throw new Error(reading.problems.join('; '));
  return reading.config;
}

const notFound = { found: false as const, reason: 'NOT_FOUND' };
const none = { project: [], invokerAccount: [], runtimeAccount: [], secret: [], mailSecret: [] };

/** A project where a person did the two things the script cannot: it exists, and the shared secret holds a value. */
export function freshState(): CloudState {
  return {
    project: { found: true, value: { number: PROJECT_NUMBER, state: 'ACTIVE' } },
    secret: { found: true, value: { enabledVersions: 1 } },
    mailSecret: undefined,
    firestore: notFound,
    runtimeAccount: notFound,
    invokerAccount: notFound,
    buildAccount: notFound,
    roles: { runtime: { ...none }, build: { ...none } },
    queue: notFound,
    schedulerJobs: new Map(),
    exemptFields: new Set(),
    ttlFields: new Set(),
    compositeIndexes: notFound,
    functionUrls: notFound,
    access: undefined,
  };
}

/** A job as the deployment makes it. */
export function deployedJob(name: string): JobSettings {
  const job = SCHEDULER_JOBS.find((j) => j.name === name);
  if (!job) throw new Error(name);
  return {
    schedule: job.schedule,
    timeZone: 'Asia/Ho_Chi_Minh',
    uri: `${FUNCTION_URL}${job.path}`,
    httpMethod: 'POST',
    body: job.body ?? '{}',
    contentType: 'application/json',
    oidcServiceAccount: INVOKER,
    oidcAudience: FUNCTION_URL,
    description: job.description,
  };
}

/** After a complete first deployment without mail. */
export function deployedState(): CloudState {
  const account = { found: true as const, value: { disabled: false, clientId: '100000000000000000001' } };
  return {
    ...freshState(),
    firestore: { found: true, value: { location: 'asia-southeast1', type: 'FIRESTORE_NATIVE' } },
    runtimeAccount: account,
    invokerAccount: account,
    buildAccount: account,
    roles: {
      runtime: {
        ...none,
        project: ['roles/cloudtasks.enqueuer', 'roles/datastore.user'],
        invokerAccount: ['roles/iam.serviceAccountUser'],
        secret: ['roles/secretmanager.secretAccessor'],
      },
      build: { ...none, project: ['roles/cloudbuild.builds.builder'] },
    },
    queue: { found: true, value: { state: 'RUNNING', maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } },
    schedulerJobs: new Map(SCHEDULER_JOBS.map((job) => [job.name, deployedJob(job.name)])),
    exemptFields: new Set(FIELD_OVERRIDES.map((o) => `${o.collectionGroup}/${o.fieldPath}`)),
    ttlFields: new Set(TTL_POLICIES.map((p) => `${p.collectionGroup}/${p.fieldPath}`)),
    compositeIndexes: { found: true, value: COMPOSITE_INDEXES.map((index) => ({ ...index })) },
    functionUrls: {
      found: true,
      value: [`https://asia-southeast1-${PROJECT}.cloudfunctions.net/journey`, FUNCTION_URL],
    },
    access: { allUsers: true, invokerIamDisabled: false },
  };
}
