// When each spreadsheet gets written: the port, and the in-process pacing used locally (and by one instance).
import { Coalescer } from './coalescer';

/** Writes a spreadsheet's stored work now; `full` rebuilds it entirely. */
export type FlushTarget = (target: string, full: boolean) => Promise<void>;

export interface FlushScheduler {
  /** Asks for a flush of `target` soon, at most one write per interval per spreadsheet. */
  request(target: string, full: boolean): void;
  /** Resolves when nothing this process was asked to schedule is still waiting. */
  idle(): Promise<void>;
}

export interface InProcessOptions {
  intervalMs: number;
  backoffMs: number;
  log: (message: string, error?: unknown) => void;
}

/** Paces flushes per spreadsheet inside this process, retrying failed ones with backoff. */
export function inProcessScheduler(flush: FlushTarget, options: InProcessOptions): FlushScheduler {
  const coalescer = new Coalescer<{ full: boolean }>(
    {
      intervalMs: options.intervalMs,
      backoffMs: options.backoffMs,
      maxBackoffMs: 60_000,
      onError: (target, error) => {
        options.log(`sheets: writing ${target} failed, will retry`, error);
      },
    },
    (a, b) => ({ full: a.full || b.full }),
    (target, work) => flush(target, work.full),
  );
  return {
    request: (target, full) => {
      coalescer.add(target, { full });
    },
    idle: () => coalescer.idle(),
  };
}
