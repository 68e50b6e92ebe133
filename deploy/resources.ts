// Every Google Cloud name the deployment uses, derived from the configuration in one place.
import type { DeployConfig } from './config';

/** The function's name and its entry point (`functions.http('journey', …)` in functions/src/index.ts). */
export const FUNCTION_NAME = 'journey';
/** The function's Node.js: the major of package.json's `engines` and of the Node the tests run on (a unit test keeps them equal). */
export const FUNCTION_RUNTIME = 'nodejs24';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The queue's concurrency is not configurable: two flushes of one spreadsheet must never race. */
export const MAX_CONCURRENT_DISPATCHES = 1;

export interface Resources {
  project: string;
  region: string;
  secret: string;
  /** The Secret Manager secret holding the mail credentials (JOURNEY_MAIL_CREDENTIALS). */
  mailSecret: string;
  runtimeAccount: string;
  invokerAccount: string;
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
    mailSecret: config.mail.secret,
    runtimeAccount: serviceAccountEmail(config.runtimeServiceAccount, config.project),
    invokerAccount: serviceAccountEmail(config.invokerServiceAccount, config.project),
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
