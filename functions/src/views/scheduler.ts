// The in-process pacing of spreadsheet writes, used locally and by a single instance: a coalescer per spreadsheet.
import type { FlushScheduler, FlushSpreadsheet, SpreadsheetKey } from '../ports';
import { Coalescer } from './coalescer';
import { sheetLabel } from './work';

export interface InProcessOptions {
  intervalMs: number;
  backoffMs: number;
  log: (message: string, error?: unknown) => void;
}

interface Asked {
  spreadsheet: SpreadsheetKey;
  full: boolean;
}

/** Paces flushes per spreadsheet inside this process, retrying failed ones with backoff. */
export function inProcessScheduler(flush: FlushSpreadsheet, options: InProcessOptions): FlushScheduler {
  const coalescer = new Coalescer<Asked>(
    {
      intervalMs: options.intervalMs,
      backoffMs: options.backoffMs,
      maxBackoffMs: 60_000,
      onError: (label, error) => {
        options.log(`sheets: writing ${label} failed, will retry`, error);
      },
    },
    (a, b) => ({ spreadsheet: a.spreadsheet, full: a.full || b.full }),
    (_label, asked) => flush(asked.spreadsheet, asked.full),
  );
  return {
    request: (spreadsheet, full) => {
      coalescer.add(sheetLabel(spreadsheet), { spreadsheet, full });
      return Promise.resolve();
    },
    idle: () => coalescer.idle(),
  };
}
