// Production pacing of spreadsheet writes: a Cloud Tasks queue calls the function back, one named task per spreadsheet and second.
import { createHash } from 'node:crypto';
import { apiRoot, RUNTIME_APIS } from '../../contract/google-apis';
import type { FlushOrder, FlushScheduler, SpreadsheetKey } from '../../ports';

export interface CloudTasksConfig {
  /** `projects/{project}/locations/{location}/queues/{queue}`; create it with max concurrent dispatches 1. */
  queue: string;
  /** The URL each task calls: the function's flush route. */
  callbackUrl: string;
  /**
   * Who the callback says it is: Cloud Tasks mints an OIDC token for this service account and audience each time it
   * sends the task, so a callback sent long after the task was made (a backlog, a retry) is still let in. A
   * signature made here would be refused once 300 s old.
   */
  invoker: { serviceAccountEmail: string; audience: string };
  /** An OAuth access token for the Cloud Tasks API (the function's service account); null locally. */
  accessToken: () => Promise<string | null>;
  /** Cloud Tasks REST root; a local fake in tests. */
  rootUrl?: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Creates the HTTP task `id` on the queue, calling `config.callbackUrl` back with `body` at `second` (Unix seconds) with
 * the invoker's OIDC token. A task of that name existing already (409) counts as made: names are how callers
 * de-duplicate. Shared by the sheets' flushes and the outbox's drains.
 */
export async function createCallbackTask(
  config: CloudTasksConfig,
  id: string,
  second: number,
  body: string,
): Promise<void> {
  const root = (config.rootUrl ?? apiRoot(RUNTIME_APIS.cloudTasks)).replace(/\/?$/, '/');
  const task = {
    name: `${config.queue}/tasks/${id}`,
    scheduleTime: new Date(second * 1000).toISOString(),
    httpRequest: {
      url: config.callbackUrl,
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json', 'x-journey-caller': 'cloud-tasks' },
      body: Buffer.from(body).toString('base64'),
      oidcToken: config.invoker,
    },
  };
  const token = await config.accessToken();
  const response = await fetch(`${root}v2/${config.queue}/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ task }),
  });
  if (!response.ok && response.status !== 409)
    throw new Error(`Cloud Tasks answered ${String(response.status)}: ${await response.text()}`);
}

/** A task name's stable part for a spreadsheet (task ids allow letters, digits, `-` and `_`). */
function taskId(spreadsheet: SpreadsheetKey): string {
  const label =
    spreadsheet.kind === 'master' ? `master/${spreadsheet.year}` : `queue/${spreadsheet.year}/${spreadsheet.queue}`;
  return createHash('sha256').update(label).digest('hex').slice(0, 24);
}

/**
 * Requests become tasks named after the spreadsheet and the next whole second: Cloud Tasks refuses
 * a second task of the same name (409), which is exactly the de-duplication wanted, so a spreadsheet
 * gets at most one callback per second however many instances ask. The stored work items make a
 * lost or failed task harmless: the next request, or a resume, writes them. A sync run's rebuild is
 * named after the run instead, so two runs started in the same second each get theirs.
 */
export function cloudTasksScheduler(config: CloudTasksConfig): FlushScheduler {
  const now = config.now ?? (() => new Date());
  const log =
    config.log ??
    ((message: string, error?: unknown) => {
      console.error(message, error);
    });

  async function create(spreadsheet: SpreadsheetKey, order: FlushOrder): Promise<void> {
    const second = Math.floor((now().getTime() + (order.delayMs ?? 0)) / 1000) + 1;
    const syncIds = order.syncIds ?? [];
    const body = JSON.stringify({ spreadsheet, full: order.full, ...(syncIds.length > 0 ? { syncIds } : {}) });
    const when = syncIds.length > 0 ? `sync-${syncIds.join('-')}` : `${order.full ? 'full-' : ''}${second}`;
    // 409: a task for this spreadsheet and second exists already, which is the point.
    await createCallbackTask(config, `flush-${taskId(spreadsheet)}-${when}`, second, body);
  }

  return {
    /** Awaited before the function answers: once it resolves, the task exists (true), or its failure is logged and the work waits (false). */
    async request(spreadsheet, order) {
      try {
        await create(spreadsheet, order);
        return true;
      } catch (error) {
        log(`sheets: could not schedule a write; its stored work waits for the next change or a resume`, error);
        return false;
      }
    },
    idle: () => Promise.resolve(),
  };
}
