// Production drain of the outbox: a Cloud Task calls the function back on the drain route, one named task per second.
import type { MailScheduler } from '../../ports';
import { createCallbackTask, type CloudTasksConfig } from './cloud-tasks';

/** Where the drain tasks go and whom they call back (the drain route): as for the sheets' flushes. */
export type MailTasksConfig = CloudTasksConfig;

/**
 * A request becomes a task named after the second it runs at: Cloud Tasks refuses a second task of that name (409),
 * so many submissions in one second make one drain. A failure to create it is logged: the mail is stored, and the
 * next request or the hourly scheduler job drains it.
 */
export function cloudTasksMailScheduler(config: MailTasksConfig): MailScheduler {
  const now = config.now ?? (() => new Date());
  const log =
    config.log ??
    ((message: string, error?: unknown) => {
      console.error(message, error);
    });
  async function create(at: Date): Promise<void> {
    const second = Math.max(Math.floor(now().getTime() / 1000) + 1, Math.ceil(at.getTime() / 1000));
    await createCallbackTask(config, `mail-drain-${String(second)}`, second, '{}');
  }
  return {
    async request(at) {
      try {
        await create(at ?? now());
      } catch (error) {
        log(
          'mail: could not schedule sending; the outbox is stored and the next request or the hourly job sends it',
          error,
        );
      }
    },
    idle: () => Promise.resolve(),
  };
}
