// What the Sheets views are built from: the store, the Sheets client and its pace, the plan, and who calls flushes back.
import type { PaceOptions, SheetsClient, WritePace } from '../adapters/sheets';
import type { YearConfig } from '../domain/config';
import type { BookLinks, Clock, FlushScheduler, FlushSpreadsheet, Store } from '../ports';
import type { Log } from '../ports/log';
import type { MailTabSource } from './mail-tab';

export interface ViewsOptions {
  store: Store;
  /** The Sheets client; every write it sends waits its turn in `pace`. */
  sheets: SheetsClient;
  /** One pace for every spreadsheet (shared with any other client wrapped with it); Google's quota less a margin by default. */
  pace?: WritePace | PaceOptions;
  /** Stamps sync runs (started, finished, when progress was last shown); the wall clock by default. */
  clock?: Clock;
  loadConfig: (year: number) => Promise<YearConfig | undefined>;
  /** Links to members' journey books for the Kết quả tab; the column stays empty without them. */
  bookLinks?: BookLinks;
  /** Locally spreadsheets are created on first use; in production their ids come from `PUT /sheets`. */
  autoCreate: boolean;
  /** At most one write request per spreadsheet per this interval (Sheets quota: ~60 writes/min). */
  intervalMs?: number;
  /** First retry delay after a failed write (doubles, up to a minute). */
  backoffMs?: number;
  /** The outbox, for the master spreadsheet's "Thư" tab. */
  mail?: MailTabSource;
  /** Who calls the flushes back: in this process by default; Cloud Tasks in production. */
  scheduler?: (flush: FlushSpreadsheet, log: Log) => FlushScheduler;
  log?: Log;
}
