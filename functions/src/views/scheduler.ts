// The in-process pacing of spreadsheet writes, used locally and by a single instance: a coalescer per spreadsheet, and
// one flush at a time across them, as the Cloud Tasks queue dispatches in production.
import type { FlushOrder, FlushScheduler, FlushSpreadsheet, SpreadsheetKey } from '../ports';
import type { Log } from '../ports/log';
import { Coalescer } from './coalescer';
import { sheetLabel } from './work';

export interface InProcessOptions {
  intervalMs: number;
  backoffMs: number;
  /** Flushes running at once across every spreadsheet; 1 by default, like the queue's max concurrent dispatches. */
  concurrency?: number;
  log: Log;
}

interface Asked {
  spreadsheet: SpreadsheetKey;
  order: FlushOrder;
}

/** Two requests for one spreadsheet as one flush: full if either is, counting for every sync run either names. */
function merged(a: FlushOrder, b: FlushOrder): FlushOrder {
  const syncIds = [...new Set([...(a.syncIds ?? []), ...(b.syncIds ?? [])])];
  return { full: a.full || b.full, ...(syncIds.length > 0 ? { syncIds } : {}) };
}

/**
 * At most `limit` flushes at once; waiting row writes go before waiting full rebuilds, so during a sync of a hundred
 * spreadsheets a submission's rows (and the sync's progress line) are written within a rebuild or two, and a
 * rebuild's two writes are never minutes apart (its tab stays cleared in between).
 */
class FlushGate {
  private running = 0;
  private readonly waiting: { rows: (() => void)[]; rebuilds: (() => void)[] } = { rows: [], rebuilds: [] };

  constructor(private readonly limit: number) {}

  async run<T>(rebuild: boolean, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => (rebuild ? this.waiting.rebuilds : this.waiting.rows).push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.rows.shift() ?? this.waiting.rebuilds.shift();
      // The slot passes straight to the next in line.
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** Paces flushes per spreadsheet inside this process, one at a time across them, retrying failed ones with backoff. */
export function inProcessScheduler(flush: FlushSpreadsheet, options: InProcessOptions): FlushScheduler {
  const gate = new FlushGate(options.concurrency ?? 1);
  const coalescer = new Coalescer<Asked>(
    {
      intervalMs: options.intervalMs,
      backoffMs: options.backoffMs,
      maxBackoffMs: 60_000,
      onError: (label, error) => {
        options.log({ severity: 'WARNING', message: `sheets: writing ${label} failed, will retry`, error });
      },
    },
    (a, b) => ({ spreadsheet: a.spreadsheet, order: merged(a.order, b.order) }),
    (_label, asked) => gate.run(asked.order.full, () => flush(asked.spreadsheet, asked.order)),
  );
  return {
    request: (spreadsheet, order) => {
      coalescer.add(sheetLabel(spreadsheet), { spreadsheet, order });
      return Promise.resolve(true);
    },
    idle: () => coalescer.idle(),
  };
}
