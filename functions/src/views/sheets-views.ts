// Sheets as live views of Firestore: incremental row writes after each change, coalesced per spreadsheet, and a full sync.
import type { SheetsClient } from '../adapters/sheets';
import type { YearConfig } from '../domain/config';
import { allQueues } from '../domain/queues';
import { KeyedMutex } from '../lib/keyed-mutex';
import type {
  BookLinks,
  Change,
  FlushScheduler,
  FlushSpreadsheet,
  SheetsListing,
  SheetsRegistration,
  SheetViews,
  SpreadsheetKey,
  SpreadsheetListing,
  Store,
  ViewWork,
} from '../ports';
import { createMaster, flushMaster, type ViewDeps } from './master';
import { createQueue, flushQueue } from './queue-sheets';
import { inProcessScheduler } from './scheduler';
import { loadRegistry, queueRef, updateRegistry, type Registry, type SpreadsheetRef } from './state';
import { FLUSH_BATCH, masterSheet, pendingFromWork, queueSheet, sheetLabel, viewWorkFor } from './work';

export interface ViewsOptions {
  store: Store;
  sheets: SheetsClient;
  loadConfig: (year: number) => Promise<YearConfig | undefined>;
  /** Links to members' journey books for the Kết quả tab; the column stays empty without them. */
  bookLinks?: BookLinks;
  /** Locally spreadsheets are created on first use; in production their ids come from `PUT /sheets`. */
  autoCreate: boolean;
  /** At most one write request per spreadsheet per this interval (Sheets quota: ~60 writes/min). */
  intervalMs?: number;
  /** First retry delay after a failed write (doubles, up to a minute). */
  backoffMs?: number;
  /** Who calls the flushes back: in this process by default; Cloud Tasks in production. */
  scheduler?: (flush: FlushSpreadsheet) => FlushScheduler;
  log?: (message: string, error?: unknown) => void;
}

export class SheetsViews implements SheetViews {
  private readonly scheduler: FlushScheduler;
  private readonly deps: ViewDeps;
  private readonly log: (message: string, error?: unknown) => void;
  /** One flush of a spreadsheet at a time in this process (row positions are read, then written). */
  private readonly flushLock = new KeyedMutex();
  /** One creation of a spreadsheet at a time in this process, so a listing and a sync never create it twice. */
  private readonly createLock = new KeyedMutex();

  constructor(private readonly options: ViewsOptions) {
    this.log =
      options.log ??
      ((message, error) => {
        console.error(message, error);
      });
    this.deps = {
      store: options.store,
      sheets: options.sheets,
      autoCreate: options.autoCreate,
      log: this.log,
      updateRegistry: (year, change) => updateRegistry(options.store, year, change),
      ensureSpreadsheet: (spreadsheet, create) => this.ensureSpreadsheet(spreadsheet, create),
      ...(options.bookLinks ? { bookLinks: options.bookLinks } : {}),
    };
    const flush: FlushSpreadsheet = (spreadsheet, full) => this.flush(spreadsheet, full);
    this.scheduler = options.scheduler
      ? options.scheduler(flush)
      : inProcessScheduler(flush, { intervalMs: options.intervalMs ?? 1000, backoffMs: options.backoffMs ?? 2000, log: this.log });
  }

  workFor(change: Change): ViewWork[] {
    return viewWorkFor(change);
  }

  async changed(change: Change): Promise<void> {
    switch (change.kind) {
      case 'journey':
      case 'evidence':
      case 'refused':
        await Promise.all(viewWorkFor(change).map((w) => this.scheduler.request(w.spreadsheet, false)));
        break;
      case 'nominations':
        // Nothing now: the "Đề cử" tab already shows what its executive typed, and rewriting it while they go on typing
        // would wipe a row still being filled in. It shows the list in force again at the next full sync.
        break;
      case 'config':
        // The plan and the registry are read now, before the answer; the writes follow through the scheduler.
        await this.requestSync(change.year).catch((error: unknown) => {
          this.log(`sheets: could not start the sync of ${change.year}`, error);
        });
        break;
    }
  }

  /** After a restart: schedules every spreadsheet that still has stored work (the process died before writing it). */
  async resume(): Promise<number> {
    const work = await this.options.store.listViewWork(null, 10_000);
    const spreadsheets = new Map(work.map((w) => [sheetLabel(w.spreadsheet), w.spreadsheet]));
    await Promise.all([...spreadsheets.values()].map((spreadsheet) => this.scheduler.request(spreadsheet, false)));
    return spreadsheets.size;
  }

  /** Waits until every pending write has reached the spreadsheets. */
  async idle(): Promise<void> {
    await this.scheduler.idle();
  }

  /** Every spreadsheet of the year: locally all the plan's queues, in production those registered. */
  private async spreadsheetsOf(year: number): Promise<SpreadsheetKey[]> {
    const config = await this.options.loadConfig(year);
    if (!config) return [];
    const registry = await loadRegistry(this.options.store, year);
    const queues = this.options.autoCreate ? allQueues(config) : Object.keys(registry.queues);
    return [masterSheet(year), ...queues.map((q) => queueSheet(year, q))];
  }

  /** Schedules a full rebuild of every spreadsheet of the year (after a change of plan or registry). */
  async requestSync(year: number): Promise<SpreadsheetKey[]> {
    const spreadsheets = await this.spreadsheetsOf(year);
    await Promise.all(spreadsheets.map((spreadsheet) => this.scheduler.request(spreadsheet, true)));
    return spreadsheets;
  }

  /** `POST /sync`: rebuilds every spreadsheet of the year now, in this request, and waits for it. */
  async sync(year: number): Promise<{ spreadsheets: number }> {
    const spreadsheets = await this.spreadsheetsOf(year);
    await Promise.all(spreadsheets.map((spreadsheet) => this.flush(spreadsheet, true)));
    return { spreadsheets: spreadsheets.length };
  }

  /** `GET /sheets`. Locally, creates whatever does not exist yet. */
  async list(year: number): Promise<SheetsListing> {
    let registry = await loadRegistry(this.options.store, year);
    const config = await this.options.loadConfig(year);
    if (this.options.autoCreate && config && (!registry.master || allQueues(config).some((q) => !queueRef(registry, q)))) {
      // Creating is enough to list them; their content follows through the scheduler, at the pace.
      await Promise.all([createMaster(this.deps, year), ...allQueues(config).map((q) => createQueue(this.deps, config, q))]);
      await this.requestSync(year);
      registry = await loadRegistry(this.options.store, year);
    }
    const strip = (ref: SpreadsheetRef): SpreadsheetListing => ({
      spreadsheetId: ref.spreadsheetId,
      url: ref.url,
      ...(ref.sheetName === undefined ? {} : { sheetName: ref.sheetName }),
    });
    return {
      master: registry.master ? strip(registry.master) : null,
      queues: Object.fromEntries(Object.entries(registry.queues).map(([q, ref]) => [q, strip(ref)])),
    };
  }

  /** `PUT /sheets`: spreadsheets created elsewhere (Apps Script `setup()`), then a full sync writes them. */
  async register(year: number, body: SheetsRegistration): Promise<void> {
    const registry: Registry = {
      master: { spreadsheetId: body.master.spreadsheetId, url: body.master.url ?? '', tabs: {} },
      queues: Object.fromEntries(
        Object.entries(body.queues).map(([q, ref]) => [q, { spreadsheetId: ref.spreadsheetId, sheetName: ref.sheetName, url: ref.url ?? '', tabs: {} }]),
      ),
    };
    await updateRegistry(this.options.store, year, () => registry);
    await this.requestSync(year);
  }

  private ensureSpreadsheet(spreadsheet: SpreadsheetKey, create: () => Promise<SpreadsheetRef>): Promise<SpreadsheetRef | undefined> {
    return this.createLock.run(sheetLabel(spreadsheet), async () => {
      const registry = await loadRegistry(this.options.store, spreadsheet.year);
      const found = spreadsheet.kind === 'master' ? registry.master : queueRef(registry, spreadsheet.queue);
      if (found) return found;
      if (!this.options.autoCreate) return undefined;
      const created = await create();
      await updateRegistry(this.options.store, spreadsheet.year, (latest) =>
        spreadsheet.kind === 'master' ? { ...latest, master: created } : { ...latest, queues: { ...latest.queues, [spreadsheet.queue]: created } },
      );
      return created;
    });
  }

  /**
   * Writes what is stored as pending for `target` (plus a full rebuild when asked), then removes
   * exactly the work items it read; items added meanwhile wait for the next flush.
   */
  flush(spreadsheet: SpreadsheetKey, full: boolean): Promise<void> {
    return this.flushLock.run(sheetLabel(spreadsheet), async () => {
      const items = await this.options.store.listViewWork(spreadsheet, FLUSH_BATCH);
      const work = pendingFromWork(items);
      work.full = full;
      const config = await this.options.loadConfig(spreadsheet.year);
      if (config && (work.full || work.members.size + work.refused.size + work.evidence.size > 0)) {
        if (spreadsheet.kind === 'master') await flushMaster(this.deps, config, work);
        else await flushQueue(this.deps, config, spreadsheet.queue, work);
      }
      await this.options.store.deleteViewWork(items.map((i) => i.id));
      if (items.length === FLUSH_BATCH) await this.scheduler.request(spreadsheet, false);
    });
  }
}
