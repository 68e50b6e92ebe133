// The in-process drain of the outbox (npm start, tests, a single instance): one run at a time, timers for later ones.
import type { MailScheduler } from '../../ports';

/**
 * Runs `drain` soon after each request for now (requests while it runs make one more run), and at the earliest
 * requested later time. Timers do not keep the process alive: the outbox is stored, a start drains it again.
 */
export function timerMailScheduler(
  drain: (signal: AbortSignal) => Promise<void>,
  log: (message: string, error?: unknown) => void,
  now: () => Date = () => new Date(),
): MailScheduler & { stop(): Promise<void> } {
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  let soon: NodeJS.Timeout | null = null;
  let later: { at: number; timer: NodeJS.Timeout } | null = null;

  function start(): void {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = drain(stopping.signal)
      .catch((error: unknown) => {
        log('mail: the outbox could not be sent now; it stays stored', error);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          start();
        }
      });
  }

  return {
    request(at) {
      const when = at?.getTime() ?? now().getTime();
      const delay = when - now().getTime();
      if (delay <= 0) {
        soon ??= setTimeout(() => {
          soon = null;
          start();
        }, 0);
      } else if (!later || when < later.at) {
        if (later) clearTimeout(later.timer);
        // setTimeout holds at most 2^31-1 ms (24.8 days); a longer wait is asked again when it fires.
        const timer = setTimeout(
          () => {
            later = null;
            start();
          },
          Math.min(delay, 2 ** 31 - 1),
        );
        timer.unref();
        later = { at: when, timer };
      }
      return Promise.resolve();
    },
    async idle() {
      while (soon || running) {
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
    async stop() {
      stopping.abort();
      if (soon) clearTimeout(soon);
      if (later) clearTimeout(later.timer);
      soon = null;
      later = null;
      if (running) await running;
    },
  };
}
