// Sheets as live views of Firestore: incremental row writes after each change, coalesced per spreadsheet, and a full sync.
import type { SheetsClient } from '../adapters/sheets';
import type { YearConfig } from '../domain/config';
import { allQueues } from '../domain/queues';
import { KeyedMutex } from '../lib/keyed-mutex';
import type { Change, ChangeListener, Store, ViewWork } from '../ports';
import { flushMaster, type ViewDeps } from './master';
import { flushQueue } from './queue-sheets';
import { inProcessScheduler, type FlushScheduler, type FlushTarget } from './scheduler';
import { loadRegistry, saveRegistry, type Registry, type SpreadsheetRef } from './state';
import { FLUSH_BATCH, masterTarget, pendingFromWork, queueTarget, viewWorkFor } from './work';

export { viewWorkFor } from './work';

export interface ViewsOptions {
  store: Store;
  sheets: SheetsClient;
  loadConfig: (year: number) => Promise<YearConfig | undefined>;
  /** Locally spreadsheets are created on first use; in production their ids come from `PUT /sheets`. */
  autoCreate: boolean;
  /** At most one write request per spreadsheet per this interval (Sheets quota: ~60 writes/min). */
  intervalMs?: number;
  /** First retry delay after a failed write (doubles, up to a minute). */
  backoffMs?: number;
  /** Who calls the flushes back: in this process by default; Cloud Tasks in production. */
  scheduler?: (flush: FlushTarget) => FlushScheduler;
  log?: (message: string, error?: unknown) => void;
}

export class SheetsViews implements ChangeListener {
  private readonly scheduler: FlushScheduler;
  private readonly deps: ViewDeps;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly registryLock = new KeyedMutex();
  /** One flush of a spreadsheet at a time in this process (row positions are read, then written). */
  private readonly flushLock = new KeyedMutex();
  /** Syncs being queued (they read the config first); idle() waits for them too. */
  private readonly starting = new Set<Promise<unknown>>();

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
      updateRegistry: (year, change) => this.updateRegistry(year, change),
    };
    const flush: FlushTarget = (target, full) => this.flushTarget(target, full);
    this.scheduler = options.scheduler
      ? options.scheduler(flush)
      : inProcessScheduler(flush, { intervalMs: options.intervalMs ?? 1000, backoffMs: options.backoffMs ?? 2000, log: this.log });
  }

  workFor(change: Change): ViewWork[] {
    return viewWorkFor(change);
  }

  changed(change: Change): void {
    switch (change.kind) {
      case 'journey':
      case 'evidence':
      case 'refused':
        for (const target of new Set(viewWorkFor(change).map((w) => w.target))) this.scheduler.request(target, false);
        break;
      case 'config': {
        const started = this.requestSync(change.year).catch((error: unknown) => {
          this.log(`sheets: could not start the sync of ${change.year}`, error);
        });
        this.starting.add(started);
        void started.finally(() => this.starting.delete(started));
        break;
      }
    }
  }

  /** After a restart: schedules every target that still has stored work (the process died before writing it). */
  async resume(): Promise<number> {
    const work = await this.options.store.listViewWork(null, 10_000);
    const targets = new Set(work.map((w) => w.target));
    for (const target of targets) this.scheduler.request(target, false);
    return targets.size;
  }

  /** Waits until every pending write has reached the spreadsheets. */
  async idle(): Promise<void> {
    await Promise.all(this.starting);
    await this.scheduler.idle();
  }

  /** Every spreadsheet of the year: locally all the plan's queues, in production those registered. */
  private async targetsOf(year: number): Promise<string[]> {
    const config = await this.options.loadConfig(year);
    if (!config) return [];
    const registry = await loadRegistry(this.options.store, year);
    const queues = this.options.autoCreate ? allQueues(config) : Object.keys(registry.queues);
    return [masterTarget(year), ...queues.map((q) => queueTarget(year, q))];
  }

  /** Schedules a full rebuild of every spreadsheet of the year (after a change of plan or registry). */
  async requestSync(year: number): Promise<string[]> {
    const targets = await this.targetsOf(year);
    for (const target of targets) this.scheduler.request(target, true);
    return targets;
  }

  /** `POST /sync`: rebuilds every spreadsheet of the year now, in this request, and waits for it. */
  async sync(year: number): Promise<{ spreadsheets: number }> {
    const targets = await this.targetsOf(year);
    await Promise.all(targets.map((target) => this.flushTarget(target, true)));
    return { spreadsheets: targets.length };
  }

  /** `GET /sheets`. Locally, creates whatever does not exist yet. */
  async list(year: number): Promise<{ master: Omit<SpreadsheetRef, 'tabs'> | null; queues: Record<string, Omit<SpreadsheetRef, 'tabs'>> }> {
    let registry = await loadRegistry(this.options.store, year);
    const config = await this.options.loadConfig(year);
    if (this.options.autoCreate && config && (!registry.master || allQueues(config).some((q) => !registry.queues[q]))) {
      await this.sync(year);
      registry = await loadRegistry(this.options.store, year);
    }
    const strip = (ref: SpreadsheetRef): Omit<SpreadsheetRef, 'tabs'> => ({
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
  async register(year: number, body: { master: { spreadsheetId: string; url?: string | undefined }; queues: Record<string, { spreadsheetId: string; sheetName: string; url?: string | undefined }> }): Promise<void> {
    const registry: Registry = {
      master: { spreadsheetId: body.master.spreadsheetId, url: body.master.url ?? '', tabs: {} },
      queues: Object.fromEntries(
        Object.entries(body.queues).map(([q, ref]) => [q, { spreadsheetId: ref.spreadsheetId, sheetName: ref.sheetName, url: ref.url ?? '', tabs: {} }]),
      ),
    };
    await this.updateRegistry(year, () => registry);
    await this.requestSync(year);
  }

  /** Spreadsheets are synced in parallel; their entries in the one registry document are updated one at a time. */
  private updateRegistry(year: number, change: (registry: Registry) => Registry): Promise<void> {
    return this.registryLock.run(String(year), async () => {
      const latest = await loadRegistry(this.options.store, year);
      await saveRegistry(this.options.store, year, change(latest));
    });
  }

  /**
   * Writes what is stored as pending for `target` (plus a full rebuild when asked), then removes
   * exactly the work items it read; items added meanwhile wait for the next flush.
   */
  flushTarget(target: string, full: boolean): Promise<void> {
    return this.flushLock.run(target, async () => {
      const [kind, yearText, queue] = target.split('|');
      const year = Number(yearText);
      const items = await this.options.store.listViewWork(target, FLUSH_BATCH);
      const work = pendingFromWork(items);
      work.full = full;
      const config = await this.options.loadConfig(year);
      if (config && (work.full || work.members.size + work.refused.size + work.evidence.size > 0)) {
        if (kind === 'master') await flushMaster(this.deps, config, work);
        else if (queue !== undefined) await flushQueue(this.deps, config, queue, work);
      }
      await this.options.store.deleteViewWork(items.map((i) => i.id));
      if (items.length === FLUSH_BATCH) this.scheduler.request(target, false);
    });
  }
}
