// Production drain of the outbox: a Cloud Task calls the function back on the drain route, one named task per second.
import type { MailScheduler } from '../../ports';

export interface MailTasksConfig {
  /** `projects/{project}/locations/{location}/queues/{queue}` (max concurrent dispatches 1: one drain at a time). */
  queue: string;
  /** The function's drain route. */
  callbackUrl: string;
  /** Who the callback says it is (an OIDC token minted by Cloud Tasks at each dispatch). */
  invoker: { serviceAccountEmail: string; audience: string };
  accessToken: () => Promise<string | null>;
  rootUrl?: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

/**
 * A request becomes a task named after the second it runs at: Cloud Tasks refuses a second task of that name (409),
 * so many submissions in one second make one drain. A failure to create it is logged: the mail is stored, and the
 * next request or the hourly scheduler job drains it.
 */
export function cloudTasksMailScheduler(config: MailTasksConfig): MailScheduler {
  const root = (config.rootUrl ?? 'https://cloudtasks.googleapis.com/').replace(/\/?$/, '/');
  const now = config.now ?? (() => new Date());
  const log =
    config.log ??
    ((message: string, error?: unknown) => {
      console.error(message, error);
    });
  async function create(at: Date): Promise<void> {
    const second = Math.max(Math.floor(now().getTime() / 1000) + 1, Math.ceil(at.getTime() / 1000));
    const task = {
      name: `${config.queue}/tasks/mail-drain-${String(second)}`,
      scheduleTime: new Date(second * 1000).toISOString(),
      httpRequest: {
        url: config.callbackUrl,
        httpMethod: 'POST',
        headers: { 'content-type': 'application/json', 'x-journey-caller': 'cloud-tasks' },
        body: Buffer.from('{}').toString('base64'),
        oidcToken: config.invoker,
      },
    };
    const token = await config.accessToken();
    const response = await fetch(`${root}v2/${config.queue}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ task }),
    });
    if (!response.ok && response.status !== 409) throw new Error(`Cloud Tasks answered ${String(response.status)}: ${await response.text()}`);
  }
  return {
    async request(at) {
      try {
        await create(at ?? now());
      } catch (error) {
        log('mail: could not schedule sending; the outbox is stored and the next request or the hourly job sends it', error);
      }
    },
    idle: () => Promise.resolve(),
  };
}
