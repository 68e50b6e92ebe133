// Sheets as live views of Firestore: incremental row writes after each change, coalesced per spreadsheet, and sync runs.
import { terminalLog } from '../adapters/logging/cloud-logging';
import { DEFAULT_PACE, pacedSheetsClient, writePaceOf, type WritePace } from '../adapters/sheets';
import { allQueues } from '../domain/queues';
import { KeyedMutex } from '../lib/keyed-mutex';
import { mapLimited } from '../lib/map-limited';
import type {
  Change,
  Clock,
  FlushOrder,
  FlushScheduler,
  FlushSpreadsheet,
  SheetsListing,
  SheetsRegistration,
  SheetViews,
  SpreadsheetKey,
  SyncProgress,
  SyncStarted,
  ViewWork,
} from '../ports';
import type { Log } from '../ports/log';
import { createMaster, flushMaster, type ViewDeps } from './master';
import { createQueue, flushQueue } from './queue-sheets';
import { askMailTab } from './mail-tab';
import type { ViewsOptions } from './options';
import { findOrCreate, listingOf, registryOf } from './registry';
import { inProcessScheduler } from './scheduler';
import { loadRegistry, queueRef, updateRegistry, type SpreadsheetRef } from './state';
import { loadSyncProgress, markUnscheduled, newSyncId, recordSyncFlush, startSyncRun } from './sync-run';
import { FLUSH_BATCH, hasWork, masterSheet, pendingFromWork, queueSheet, sheetLabel, viewWorkFor } from './work';

export type { ViewsOptions } from './options';

/** Cloud Tasks created at once when a sync schedules every spreadsheet of a year. */
const SCHEDULING_CONCURRENCY = 8;

export class SheetsViews implements SheetViews {
  private readonly scheduler: FlushScheduler;
  private readonly deps: ViewDeps;
  private readonly pace: WritePace;
  private readonly clock: Clock;
  private readonly log: Log;
  /** One flush of a spreadsheet at a time in this process (row positions are read, then written). */
  private readonly flushLock = new KeyedMutex();
  /** One creation of a spreadsheet at a time in this process, so a listing and a sync never create it twice. */
  private readonly createLock = new KeyedMutex();

  constructor(private readonly options: ViewsOptions) {
    this.log = options.log ?? terminalLog;
    this.pace = writePaceOf(options.pace ?? DEFAULT_PACE);
    this.clock = options.clock ?? (() => new Date());
    this.deps = {
      store: options.store,
      sheets: pacedSheetsClient(options.sheets, this.pace),
      autoCreate: options.autoCreate,
      log: this.log,
      updateRegistry: (year, change) => updateRegistry(options.store, year, change),
      ensureSpreadsheet: (spreadsheet, create) => this.ensureSpreadsheet(spreadsheet, create),
      ...(options.bookLinks ? { bookLinks: options.bookLinks } : {}),
      ...(options.mail ? { mail: options.mail } : {}),
      clock: this.clock,
    };
    const flush: FlushSpreadsheet = (spreadsheet, order) => this.flush(spreadsheet, order);
    this.scheduler = options.scheduler
      ? options.scheduler(flush, this.log)
      : inProcessScheduler(flush, {
          intervalMs: options.intervalMs ?? 1000,
          backoffMs: options.backoffMs ?? 2000,
          log: this.log,
        });
  }

  workFor(change: Change): ViewWork[] {
    return viewWorkFor(change);
  }

  async changed(change: Change): Promise<void> {
    switch (change.kind) {
      case 'journey':
      case 'evidence':
      case 'refused':
      case 'data_request':
        await Promise.all(viewWorkFor(change).map((w) => this.scheduler.request(w.spreadsheet, { full: false })));
        break;
      case 'nominations':
        // Nothing now: the "Đề cử" tab already shows what its executive typed, and rewriting it while they go on typing
        // would wipe a row still being filled in. It shows the list in force again at the next full sync.
        break;
      case 'mail': {
        if (!this.options.mail) break;
        // At most every few minutes, however much mail moves: the tab is a view of the outbox, not a log.
        const delayMs = await askMailTab(this.options.store, change.year, this.clock()).catch((error: unknown) => {
          this.log({
            severity: 'ERROR',
            message: 'sheets: could not ask for the mail tab',
            error,
            fields: { year: change.year },
          });
          return null;
        });
        if (delayMs !== null) await this.scheduler.request(masterSheet(change.year), { full: false, delayMs });
        break;
      }
      case 'config':
        // The plan and the registry are read now, before the answer; the writes follow through the scheduler.
        await this.requestSync(change.year).catch((error: unknown) => {
          this.log({
            severity: 'ERROR',
            message: 'sheets: could not start the sync',
            error,
            fields: { year: change.year },
          });
        });
        break;
    }
  }

  /** After a restart: schedules every spreadsheet that still has stored work (the process died before writing it). */
  async resume(): Promise<number> {
    const work = await this.options.store.listViewWork(null, 10_000);
    const spreadsheets = new Map(work.map((w) => [sheetLabel(w.spreadsheet), w.spreadsheet]));
    await Promise.all(
      [...spreadsheets.values()].map((spreadsheet) => this.scheduler.request(spreadsheet, { full: false })),
    );
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

  /** Schedules a full rebuild of every spreadsheet of the year (after a change of plan or registry), without a sync run. */
  async requestSync(year: number): Promise<SpreadsheetKey[]> {
    const spreadsheets = await this.spreadsheetsOf(year);
    await mapLimited(spreadsheets, SCHEDULING_CONCURRENCY, (spreadsheet) =>
      this.scheduler.request(spreadsheet, { full: true }),
    );
    return spreadsheets;
  }

  /**
   * `POST /sync`: records a new sync run, then schedules a full rebuild of every spreadsheet of the year for it (a
   * task each in production, created before the answer). The rebuilds go out at the pace, each recording its end.
   */
  async startSync(year: number): Promise<SyncStarted> {
    const spreadsheets = await this.spreadsheetsOf(year);
    const startedAt = this.clock();
    const syncId = newSyncId(startedAt);
    await startSyncRun(this.options.store, year, syncId, startedAt, spreadsheets.length);
    // A rebuild is about two writes (a queue's; the master's, first, a few more): spread at that pace.
    const step = 2 * this.pace.intervalMs;
    const scheduled = await mapLimited(spreadsheets, SCHEDULING_CONCURRENCY, (spreadsheet, i) =>
      this.scheduler.request(spreadsheet, { full: true, syncIds: [syncId], delayMs: i * step }),
    );
    const missed = spreadsheets.filter((_, i) => !scheduled[i]);
    await markUnscheduled(this.options.store, year, syncId, missed);
    return {
      syncId,
      startedAt: startedAt.toISOString(),
      spreadsheets: spreadsheets.length,
      scheduled: spreadsheets.length - missed.length,
    };
  }

  /** `GET /sync`: the year's last sync run as recorded. */
  syncProgress(year: number): Promise<SyncProgress | undefined> {
    return loadSyncProgress(this.options.store, year);
  }

  /**
   * Starts a sync run and waits until this process has written it: with the in-process scheduler, everything; with
   * Cloud Tasks, nothing (the tasks write it). For `npm start`'s demo, the bench and tests.
   */
  async sync(year: number): Promise<SyncStarted> {
    const started = await this.startSync(year);
    await this.idle();
    return started;
  }

  /** `GET /sheets`. Locally, creates whatever does not exist yet. */
  async list(year: number): Promise<SheetsListing> {
    let registry = await loadRegistry(this.options.store, year);
    const config = await this.options.loadConfig(year);
    if (
      this.options.autoCreate &&
      config &&
      (!registry.master || allQueues(config).some((q) => !queueRef(registry, q)))
    ) {
      // Creating is enough to list them; their content follows through the scheduler, at the pace.
      await Promise.all([
        createMaster(this.deps, year),
        ...allQueues(config).map((q) => createQueue(this.deps, config, q)),
      ]);
      await this.requestSync(year);
      registry = await loadRegistry(this.options.store, year);
    }
    return listingOf(registry);
  }

  /** `PUT /sheets`: spreadsheets created elsewhere (Apps Script `setup()`), then a full sync writes them. */
  async register(year: number, body: SheetsRegistration): Promise<void> {
    const registry = registryOf(body);
    await updateRegistry(this.options.store, year, () => registry);
    await this.requestSync(year);
  }

  private ensureSpreadsheet(
    spreadsheet: SpreadsheetKey,
    create: () => Promise<SpreadsheetRef>,
  ): Promise<SpreadsheetRef | undefined> {
    return this.createLock.run(sheetLabel(spreadsheet), () =>
      findOrCreate(this.options.store, this.options.autoCreate, spreadsheet, create),
    );
  }

  /**
   * Writes what is stored as pending for `spreadsheet` (plus a full rebuild when asked), then removes exactly the work
   * items it read; items added meanwhile wait for the next flush. A rebuild for sync runs records its end (written or
   * failed, and the write requests it sent) in their progress.
   */
  flush(spreadsheet: SpreadsheetKey, order: FlushOrder): Promise<void> {
    return this.flushLock.run(sheetLabel(spreadsheet), async () => {
      const syncIds = order.full ? (order.syncIds ?? []) : [];
      if (syncIds.length === 0) {
        await this.write(this.deps, spreadsheet, order.full);
        return;
      }
      let writes = 0;
      const counted: ViewDeps = {
        ...this.deps,
        sheets: pacedSheetsClient(this.options.sheets, this.pace, () => {
          writes += 1;
        }),
      };
      try {
        await this.write(counted, spreadsheet, true);
      } catch (error) {
        await this.recordSync(spreadsheet, syncIds, false, writes).catch((recording: unknown) => {
          this.log({
            severity: 'ERROR',
            message: `sheets: could not record a failed rebuild of ${sheetLabel(spreadsheet)} in its sync run`,
            error: recording,
          });
        });
        throw error;
      }
      // A failure here fails the flush, which is retried: the run's progress is what people watch.
      await this.recordSync(spreadsheet, syncIds, true, writes);
    });
  }

  private async write(deps: ViewDeps, spreadsheet: SpreadsheetKey, full: boolean): Promise<void> {
    const items = await this.options.store.listViewWork(spreadsheet, FLUSH_BATCH);
    const work = pendingFromWork(items);
    work.full = full;
    const config = await this.options.loadConfig(spreadsheet.year);
    if (config && hasWork(work)) {
      if (spreadsheet.kind === 'master') await flushMaster(deps, config, work);
      else await flushQueue(deps, config, spreadsheet.queue, work);
    }
    await this.options.store.deleteViewWork(items.map((i) => i.id));
    if (items.length === FLUSH_BATCH) await this.scheduler.request(spreadsheet, { full: false });
  }

  /** Records one rebuild's end in the sync runs named; asks the master spreadsheet to show the progress when due. */
  private async recordSync(
    spreadsheet: SpreadsheetKey,
    syncIds: readonly string[],
    ok: boolean,
    writes: number,
  ): Promise<void> {
    const show = await recordSyncFlush(this.options.store, syncIds, { spreadsheet, ok, writes, at: this.clock() });
    if (show) await this.scheduler.request(masterSheet(spreadsheet.year), { full: false });
  }
}
