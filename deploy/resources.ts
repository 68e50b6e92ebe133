// Every Google Cloud name the deployment uses, derived from the configuration in one place.
import type { DeployConfig } from './config';

/** The function's name and its entry point (`functions.http('journey', …)` in functions/src/index.ts). */
export const FUNCTION_NAME = 'journey';
/** The function's Node.js: the major of package.json's `engines` and of the Node the tests run on (a unit test keeps them equal). */
export const FUNCTION_RUNTIME = 'nodejs24';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/**
 * How many instances and how many requests each: chosen for the work, not left to defaults (gen 2 would serve one
 * request per instance, so a burst of form submissions would start an instance, and pay a cold start, per request).
 * The function mostly waits on Firestore and Google's APIs (and a sheet flush waits on the Sheets pace for seconds), so
 * one instance of 1 vCPU holds many requests at once. `npm run bench`, "instances" (one process of the built function,
 * Google's emulator, this shared 2-core machine): ≈ 16–22 registrations a second one at a time, ≈ 45–65 at 40
 * (p50 ≈ 0.6 s), ≈ 50–70 at 80 with the median latency doubled: past 40 requests only queue. So 40, which leaves memory
 * in 512 MiB for a report's PDF beside them.
 * No instance is kept warm (min 0): a kept instance of 1 vCPU and 512 MiB costs some US$ 10–20 a month idle
 * (docs/deploy.md, "Cost"), against a cold start of about a second that Apps Script's retry absorbs. At most 4 instances (≈ 200–250
 * registrations a second together) bounds the bill and the contention on Firestore's hot documents whatever a burst
 * does; a request past that is answered 429 and Apps Script sends it again (nothing is lost).
 */
export const INSTANCES = { concurrency: 40, min: 0, max: 4 } as const;

/** The queue's concurrency is not configurable: two flushes of one spreadsheet must never race. */
export const MAX_CONCURRENT_DISPATCHES = 1;

export interface Resources {
  project: string;
  region: string;
  secret: string;
  /** A consumer Gmail account's secret (its refresh token); undefined without mail, or for a Workspace mailbox (no key). */
  mailSecret: string | undefined;
  runtimeAccount: string;
  invokerAccount: string;
  /** Builds the function (`--build-service-account`), with the Cloud Build builder role and nothing else. */
  buildAccount: string;
  queue: string;
  /** `projects/P/locations/R/queues/Q`, as the function's JOURNEY_TASKS_QUEUE expects it. */
  queuePath: string;
}

export function serviceAccountEmail(accountId: string, project: string): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}

export function resourcesOf(config: DeployConfig): Resources {
  return {
    project: config.project,
    region: config.region,
    secret: config.secret,
    mailSecret: config.mail?.accountType === 'consumer' ? config.mail.secret : undefined,
    runtimeAccount: serviceAccountEmail(config.runtimeServiceAccount, config.project),
    invokerAccount: serviceAccountEmail(config.invokerServiceAccount, config.project),
    buildAccount: serviceAccountEmail(config.buildServiceAccount, config.project),
    queue: config.tasksQueue.name,
    queuePath: `projects/${config.project}/locations/${config.region}/queues/${config.tasksQueue.name}`,
  };
}

/**
 * Cloud Run gives every service a URL known before it exists (https://SERVICE-PROJECT_NUMBER.REGION.run.app),
 * so the first deployment can already tell the function, its tasks and its scheduler jobs where it lives.
 */
export function deterministicFunctionUrl(projectNumber: string, region: string): string {
  return `https://${FUNCTION_NAME}-${projectNumber}.${region}.run.app`;
}
