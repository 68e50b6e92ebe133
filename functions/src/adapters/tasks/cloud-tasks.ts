// Production pacing of spreadsheet writes: a Cloud Tasks queue calls the function back, one named task per spreadsheet and second.
import { createHash } from 'node:crypto';
import { signedHeaders } from '../../http/signature';
import type { FlushScheduler } from '../../views/scheduler';

export interface CloudTasksConfig {
  /** `projects/{project}/locations/{location}/queues/{queue}`; create it with max concurrent dispatches 1. */
  queue: string;
  /** The function's public base URL; tasks call `{baseUrl}/v1/internal/flush`. */
  functionUrl: string;
  /** Signs the callback like any other caller (API.md §Signing). */
  secret: string;
  /** An OAuth access token for the Cloud Tasks API (the function's service account); null locally. */
  accessToken: () => Promise<string | null>;
  /** Cloud Tasks REST root; a local fake in tests. */
  rootUrl?: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export const FLUSH_PATH = '/v1/internal/flush';

/**
 * Requests become tasks named after the spreadsheet and the next whole second: Cloud Tasks refuses
 * a second task of the same name (409), which is exactly the de-duplication wanted, so a spreadsheet
 * gets at most one callback per second however many instances ask. The stored work items make a
 * lost or failed task harmless: the next request, or a resume, writes them.
 */
export function cloudTasksScheduler(config: CloudTasksConfig): FlushScheduler {
  const root = (config.rootUrl ?? 'https://cloudtasks.googleapis.com/').replace(/\/?$/, '/');
  const now = config.now ?? (() => new Date());
  const log =
    config.log ??
    ((message: string, error?: unknown) => {
      console.error(message, error);
    });
  const inFlight = new Set<Promise<void>>();
  const callback = `${config.functionUrl.replace(/\/+$/, '')}${FLUSH_PATH}`;

  async function create(target: string, full: boolean): Promise<void> {
    const at = now();
    const second = Math.floor(at.getTime() / 1000) + 1;
    const id = createHash('sha256').update(target).digest('hex').slice(0, 24);
    const body = JSON.stringify({ target, full });
    const task = {
      name: `${config.queue}/tasks/flush-${id}-${full ? 'full-' : ''}${second}`,
      scheduleTime: new Date(second * 1000).toISOString(),
      httpRequest: {
        url: callback,
        httpMethod: 'POST',
        headers: { 'content-type': 'application/json', 'x-journey-caller': 'cloud-tasks', ...signedHeaders(config.secret, 'POST', FLUSH_PATH, body, at) },
        body: Buffer.from(body).toString('base64'),
      },
    };
    const token = await config.accessToken();
    const response = await fetch(`${root}v2/${config.queue}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ task }),
    });
    // 409: a task for this spreadsheet and second exists already, which is the point.
    if (!response.ok && response.status !== 409) throw new Error(`Cloud Tasks answered ${response.status}: ${await response.text()}`);
  }

  return {
    request(target, full) {
      const pending = create(target, full).catch((error: unknown) => {
        log(`sheets: could not schedule ${target}; its stored work waits for the next change or a resume`, error);
      });
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
    },
    async idle() {
      await Promise.all(inFlight);
    },
  };
}
