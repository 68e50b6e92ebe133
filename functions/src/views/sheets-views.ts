// Sheets as live views of Firestore: incremental row writes after each change, coalesced per spreadsheet, and a full sync.
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellInput, SheetsClient, SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import { rankedYear } from '../app/queries';
import type { YearConfig } from '../domain/config';
import { ROLE_LABELS } from '../domain/catalogue';
import { allQueues, parseQueueId } from '../domain/queues';
import type { EvidenceDoc, InboxDoc, JourneyDoc } from '../model';
import type { Change, ChangeListener, Store, ViewWork } from '../ports';
import { columnLetter, quoteTab, type Cell, type Row } from './cells';
import { KeyedMutex } from '../lib/keyed-mutex';
import { inProcessScheduler, type FlushScheduler, type FlushTarget } from './scheduler';
import {
  CAMP_COLUMNS,
  ERROR_COLUMNS,
  PARTY_COLUMNS,
  QUEUE_COLUMNS,
  QUEUE_PROTECTED_COLUMNS,
  SUMMARY_COLUMNS,
  TABS,
  campRows,
  configRows,
  errorRow,
  namers,
  partyRows,
  queueRow,
  resultsColumns,
  resultsRow,
  summaryRows,
} from './layout';
import { boldHeader, clearTab, gridSize, updateRowRuns, updateRows } from './requests';
import { assignRows, gridRowsFor, loadRegistry, loadRowIndex, saveRegistry, saveRowIndex, type Registry, type RowIndex, type SpreadsheetRef } from './state';

type Request = sheets_v4.Schema$Request;

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

interface Pending {
  full: boolean;
  members: Set<string>;
  refused: Set<string>;
  evidence: Set<string>;
}

const MASTER_TABS = [TABS.results, TABS.summary, TABS.errors, TABS.camp, TABS.party, TABS.config] as const;

function pending(part: Partial<{ full: boolean; members: string[]; refused: string[]; evidence: string[] }>): Pending {
  return {
    full: part.full ?? false,
    members: new Set(part.members),
    refused: new Set(part.refused),
    evidence: new Set(part.evidence),
  };
}

const masterTarget = (year: number): string => `master|${year}`;
const queueTarget = (year: number, queue: string): string => `queue|${year}|${queue}`;

/** Work items read per flush: one spreadsheet write carries at most this many rows. */
const FLUSH_BATCH = 500;

/** The rows a change makes stale, by spreadsheet. Pure: the submission stores them in its own transaction. */
export function viewWorkFor(change: Change): ViewWork[] {
  switch (change.kind) {
    case 'journey':
      return [{ target: masterTarget(change.year), key: `member:${change.memberId}` }];
    case 'evidence':
      return change.queues.map((queue) => ({ target: queueTarget(change.year, queue), key: `evidence:${change.evidenceId}` }));
    case 'refused':
      return change.year === null ? [] : [{ target: masterTarget(change.year), key: `refused:${change.inboxKey}` }];
    case 'config':
      return [];
  }
}

function pendingFromWork(items: readonly ViewWork[]): Pending {
  const work = pending({});
  for (const { key } of items) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'member') work.members.add(id);
    else if (kind === 'refused') work.refused.add(id);
    else if (kind === 'evidence') work.evidence.add(id);
  }
  return work;
}

/** A queue id as people read it: "Ban Chấp hành Đoàn cơ sở — Đoàn Sở Nội vụ". */
function queueTitle(config: YearConfig, queue: string): string {
  const ref = parseQueueId(queue);
  if (!ref) return queue;
  const scope =
    ref.scope === null ? '' : (config.units.find((u) => u.id === ref.scope)?.name ?? config.groups.find((g) => g.id === ref.scope)?.name ?? ref.scope);
  return scope ? `${ROLE_LABELS[ref.role]} — ${scope}` : ROLE_LABELS[ref.role];
}

export class SheetsViews implements ChangeListener {
  private readonly scheduler: FlushScheduler;
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
        if (kind === 'master') await this.flushMaster(config, work);
        else if (queue !== undefined) await this.flushQueue(config, queue, work);
      }
      await this.options.store.deleteViewWork(items.map((i) => i.id));
      if (items.length === FLUSH_BATCH) this.scheduler.request(target, false);
    });
  }

  // ---------- master spreadsheet

  private async flushMaster(config: YearConfig, work: Pending): Promise<void> {
    const { store } = this.options;
    const registry = await loadRegistry(store, config.year);
    const ref = registry.master;
    const sheetIds = ref ? MASTER_TABS.map((t) => ref.tabs[t]) : [];
    if (work.full || !ref || sheetIds.some((id) => id === undefined)) {
      await this.syncMaster(config, registry);
      return;
    }
    const [resultsId, , errorsId] = sheetIds as number[];
    const { unitName, groupName } = namers(config);
    const journeys = (await Promise.all([...work.members].map((m) => store.getJourney(config.year, m)))).filter((j): j is JourneyDoc => j !== undefined);
    const refused = (await Promise.all([...work.refused].map((k) => store.getInbox(k)))).filter((i): i is InboxDoc => i?.status === 'refused');
    const requests: Request[] = [];

    const width = resultsColumns(config).length;
    const resultsIndex = await loadRowIndex(store, config.year, 'results');
    const memberRows = assignRows(resultsIndex, sortJourneys(journeys).map((j) => j.memberId));
    requests.push(...grow(resultsIndex, resultsId ?? 0, width));
    const rows = new Map<number, Row>();
    for (const j of journeys) {
      const n = memberRows.get(j.memberId) ?? 0;
      rows.set(n, resultsRow(config, j, n, groupName, unitName));
    }
    requests.push(...updateRowRuns(resultsId ?? 0, rows, width));

    let errorsIndex: RowIndex | undefined;
    if (refused.length > 0) {
      errorsIndex = await loadRowIndex(store, config.year, 'errors');
      const errorRows = assignRows(errorsIndex, sortInbox(refused).map((i) => i.key));
      requests.push(...grow(errorsIndex, errorsId ?? 0, ERROR_COLUMNS.length));
      requests.push(...updateRowRuns(errorsId ?? 0, new Map(refused.map((i) => [errorRows.get(i.key) ?? 0, errorRow(i)])), ERROR_COLUMNS.length));
    }
    if (requests.length === 0) return;
    // Row positions are saved before the write: a failed write is retried into the same rows.
    await saveRowIndex(store, config.year, 'results', resultsIndex);
    if (errorsIndex) await saveRowIndex(store, config.year, 'errors', errorsIndex);
    await this.options.sheets.batchUpdate(ref.spreadsheetId, requests);
  }

  private async syncMaster(config: YearConfig, registry: Registry): Promise<void> {
    const { store, sheets } = this.options;
    let ref = registry.master;
    if (!ref) {
      if (!this.options.autoCreate) {
        this.log(`sheets: no master spreadsheet registered for ${config.year}; run setup() in Apps Script`);
        return;
      }
      const created = await sheets.create(`Hành trình "Người Cộng sản trẻ" ${config.year} — Bảng tổng hợp`, MASTER_TABS);
      ref = { spreadsheetId: created.spreadsheetId, url: created.url, tabs: {} };
    }
    const info = await sheets.get(ref.spreadsheetId);
    const { requests, tabs } = ensureTabs(info, MASTER_TABS);
    const [journeys, refused] = await Promise.all([store.listJourneys(config.year), store.listInbox(config.year, 'refused')]);
    const { unitName, groupName } = namers(config);

    const resultsIndex = await loadRowIndex(store, config.year, 'results');
    assignRows(resultsIndex, sortJourneys(journeys).map((j) => j.memberId));
    const errorsIndex = await loadRowIndex(store, config.year, 'errors');
    assignRows(errorsIndex, sortInbox(refused).map((i) => i.key));

    const results = new Map(journeys.map((j) => {
      const n = resultsIndex.rows[j.memberId] ?? 0;
      return [n, resultsRow(config, j, n, groupName, unitName)] as const;
    }));
    const errors = new Map(refused.map((i) => [errorsIndex.rows[i.key] ?? 0, errorRow(i)] as const));
    const ranked = rankedYear(config, journeys);
    const camp = campRows(
      ranked.camp.map((c) => {
        const member = ranked.members.find((m) => m.memberId === c.memberId);
        return { fullName: c.fullName, email: member?.email ?? '', unitName: unitName(c.unitId), grade: member?.grade ?? 'chua_dat', points: c.points, rank: c.rank };
      }),
    );
    const summary = summaryRows(config);
    const tab = (title: string): { sheetId: number; info: SpreadsheetInfo['tabs'][number] | undefined } => ({
      sheetId: tabs.get(title) ?? 0,
      info: info.tabs.find((t) => t.title === title),
    });

    resultsIndex.gridRows = gridRowsFor(resultsIndex.next);
    errorsIndex.gridRows = gridRowsFor(errorsIndex.next);
    const layouts: [string, string[], Map<number, Row> | Row[], number][] = [
      [TABS.results, resultsColumns(config), results, resultsIndex.gridRows],
      [TABS.summary, SUMMARY_COLUMNS, summary, gridRowsFor(summary.length)],
      [TABS.errors, ERROR_COLUMNS, errors, errorsIndex.gridRows],
      [TABS.camp, CAMP_COLUMNS, camp, gridRowsFor(camp.length)],
      [TABS.party, PARTY_COLUMNS, partyRows(config), gridRowsFor(config.units.length)],
    ];
    const values: ValueRangeWrite[] = [];
    for (const [title, header, rows, gridRows] of layouts) {
      const t = tab(title);
      const rewrite = rewriteTab(title, t.sheetId, t.info, header, rows, gridRows);
      requests.push(...rewrite.requests);
      values.push(rewrite.values);
    }
    const configTab = tab(TABS.config);
    const mirror = configRows(config);
    requests.push(...resetTab(configTab.sheetId, configTab.info, gridRowsFor(mirror.length), 6));
    requests.push(updateRows(configTab.sheetId, 0, mirror, 6));
    requests.push(protect(configTab.sheetId, 'Bản sao kế hoạch năm, chỉ đọc: sửa kế hoạch bằng cách gửi cấu hình mới.'));

    const resultsTab = tab(TABS.results);
    const keyColumn = resultsColumns(config).indexOf('Khóa xếp hạng');
    requests.push({
      updateDimensionProperties: {
        range: { sheetId: resultsTab.sheetId, dimension: 'COLUMNS', startIndex: keyColumn, endIndex: keyColumn + 1 },
        properties: { hiddenByUser: true },
        fields: 'hiddenByUser',
      },
    });
    requests.push(protect(resultsTab.sheetId, 'Kết quả do hệ thống tính từ dữ liệu gốc; mọi thay đổi sẽ bị ghi đè khi đồng bộ.'));
    requests.push(summaryChart(tab(TABS.summary).sheetId, summary.length));
    requests.push(percentColumn(tab(TABS.summary).sheetId, SUMMARY_COLUMNS.indexOf('Tỷ lệ hoàn thành')));
    requests.push(percentColumn(tab(TABS.party).sheetId, PARTY_COLUMNS.indexOf('Tỷ lệ kết nạp')));

    await saveRowIndex(store, config.year, 'results', resultsIndex);
    await saveRowIndex(store, config.year, 'errors', errorsIndex);
    await sheets.batchUpdate(ref.spreadsheetId, requests);
    await sheets.valuesBatchUpdate(ref.spreadsheetId, values, 'RAW');
    const master = { ...ref, tabs: Object.fromEntries(tabs) };
    await this.updateRegistry(config.year, (latest) => ({ ...latest, master }));
  }

  // ---------- queue spreadsheets

  private async flushQueue(config: YearConfig, queue: string, work: Pending): Promise<void> {
    const { store } = this.options;
    const registry = await loadRegistry(store, config.year);
    const ref = registry.queues[queue];
    const sheetId = ref?.tabs[ref.sheetName ?? TABS.queue];
    if (work.full || !ref || sheetId === undefined) {
      await this.syncQueue(config, queue, registry);
      return;
    }
    const evidence = (await Promise.all([...work.evidence].map((id) => store.getEvidence(config.year, id)))).filter(
      (e): e is EvidenceDoc => e !== undefined && e.queues.includes(queue),
    );
    if (evidence.length === 0) return;
    const { unitName, groupName } = namers(config);
    const index = await loadRowIndex(store, config.year, `queue-${queue}`);
    const assigned = assignRows(index, sortEvidence(evidence).map((e) => e.evidenceId));
    const requests = grow(index, sheetId, QUEUE_COLUMNS.length);
    requests.push(
      ...updateRowRuns(sheetId, new Map(evidence.map((e) => [assigned.get(e.evidenceId) ?? 0, queueRow(config, e, groupName, unitName)])), QUEUE_COLUMNS.length),
    );
    await saveRowIndex(store, config.year, `queue-${queue}`, index);
    await this.options.sheets.batchUpdate(ref.spreadsheetId, requests);
  }

  private async syncQueue(config: YearConfig, queue: string, registry: Registry): Promise<void> {
    const { store, sheets } = this.options;
    let ref = registry.queues[queue];
    if (!ref) {
      if (!this.options.autoCreate) return;
      const created = await sheets.create(`Hành trình ${config.year} — Hàng chờ đánh giá: ${queueTitle(config, queue)}`, [TABS.queue]);
      ref = { spreadsheetId: created.spreadsheetId, url: created.url, sheetName: TABS.queue, tabs: {} };
    }
    const title = ref.sheetName ?? TABS.queue;
    const info = await sheets.get(ref.spreadsheetId);
    const { requests, tabs } = ensureTabs(info, [title]);
    const sheetId = tabs.get(title) ?? 0;
    const evidence = await store.listEvidenceInQueue(config.year, queue);
    const index = await loadRowIndex(store, config.year, `queue-${queue}`);
    assignRows(index, sortEvidence(evidence).map((e) => e.evidenceId));
    index.gridRows = gridRowsFor(index.next);
    const { unitName, groupName } = namers(config);
    const rows = new Map(evidence.map((e) => [index.rows[e.evidenceId] ?? 0, queueRow(config, e, groupName, unitName)] as const));
    const rewrite = rewriteTab(title, sheetId, info.tabs.find((t) => t.title === title), QUEUE_COLUMNS, rows, index.gridRows);
    requests.push(...rewrite.requests);
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId, startColumnIndex: 0, endColumnIndex: QUEUE_PROTECTED_COLUMNS },
          description: 'Thông tin minh chứng do hệ thống ghi. Người đánh giá chỉ chọn cột "Đánh giá" và ghi "Nhận xét".',
          warningOnly: false,
        },
      },
    });
    requests.push({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: QUEUE_COLUMNS.indexOf('Trạng thái'), endColumnIndex: QUEUE_COLUMNS.indexOf('Trạng thái') + 1 }],
          booleanRule: {
            condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'Chờ đánh giá' }] },
            format: { backgroundColor: { red: 1, green: 0.95, blue: 0.7 } },
          },
        },
      },
    });
    await saveRowIndex(store, config.year, `queue-${queue}`, index);
    await sheets.batchUpdate(ref.spreadsheetId, requests);
    await sheets.valuesBatchUpdate(ref.spreadsheetId, [rewrite.values], 'RAW');
    const saved = { ...ref, tabs: Object.fromEntries(tabs) };
    await this.updateRegistry(config.year, (latest) => ({ ...latest, queues: { ...latest.queues, [queue]: saved } }));
  }
}

// ---------- helpers shared by both spreadsheets

const sortJourneys = (items: JourneyDoc[]): JourneyDoc[] =>
  [...items].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.memberId.localeCompare(b.memberId));
const sortInbox = (items: InboxDoc[]): InboxDoc[] => [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.key.localeCompare(b.key));
const sortEvidence = (items: EvidenceDoc[]): EvidenceDoc[] =>
  [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.evidenceId.localeCompare(b.evidenceId));

/** Grows the grid when new rows would fall outside it (idempotent resize). */
function grow(index: RowIndex, sheetId: number, width: number): Request[] {
  if (index.next - 1 < index.gridRows) return [];
  index.gridRows = gridRowsFor(index.next);
  return [gridSize(sheetId, index.gridRows, width)];
}

/** Adds the tabs that are missing (stable ids); answers every tab's sheetId. */
function ensureTabs(info: SpreadsheetInfo, titles: readonly string[]): { requests: Request[]; tabs: Map<string, number> } {
  const tabs = new Map(info.tabs.map((t) => [t.title, t.sheetId]));
  const requests: Request[] = [];
  let nextId = Math.max(100, ...info.tabs.map((t) => t.sheetId)) + 1;
  titles.forEach((title, index) => {
    if (tabs.has(title)) return;
    tabs.set(title, nextId);
    requests.push({ addSheet: { properties: { sheetId: nextId, title, index } } });
    nextId += 1;
  });
  return { requests, tabs };
}

/** Removes what a previous sync added to a tab (protections, charts, conditional formats) and clears it. */
function resetTab(sheetId: number, info: SpreadsheetInfo['tabs'][number] | undefined, gridRows: number, width: number): Request[] {
  const requests: Request[] = [gridSize(sheetId, gridRows, width), clearTab(sheetId)];
  for (const id of info?.protectedRangeIds ?? []) requests.push({ deleteProtectedRange: { protectedRangeId: id } });
  for (const id of info?.chartIds ?? []) requests.push({ deleteEmbeddedObject: { objectId: id } });
  for (let i = 0; i < (info?.conditionalFormatCount ?? 0); i += 1) requests.push({ deleteConditionalFormatRule: { sheetId, index: 0 } });
  return requests;
}

/**
 * A whole tab rewritten in two parts, so a full sync stays within two write requests whatever its
 * size: structure, and the columns holding formulas, dropdowns or boxes, go into the batchUpdate;
 * every plain value goes into one compact values write (RAW: text is never parsed).
 */
function rewriteTab(
  title: string,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
  header: string[],
  rows: Map<number, Row> | Row[],
  gridRows: number,
): { requests: Request[]; values: ValueRangeWrite } {
  const width = header.length;
  const requests = resetTab(sheetId, info, gridRows, width);
  requests.push(boldHeader(sheetId));
  const byRow = Array.isArray(rows) ? new Map(rows.map((r, i) => [i + 2, r] as const)) : rows;
  const lastRow = Math.max(1, ...byRow.keys());
  const special = new Set<number>();
  for (const row of byRow.values()) row.forEach((cell, column) => {
    if (cell !== null && typeof cell === 'object') special.add(column);
  });
  for (const column of special) {
    const cells = Array.from({ length: lastRow - 1 }, (_, i) => [byRow.get(i + 2)?.[column] ?? null]);
    requests.push(updateRows(sheetId, 1, cells, 1, column));
  }
  const grid: CellInput[][] = [header];
  for (let n = 2; n <= lastRow; n += 1) {
    const row = byRow.get(n) ?? [];
    grid.push(Array.from({ length: width }, (_, column) => (special.has(column) ? null : plainValue(row[column] ?? null))));
  }
  return { requests, values: { range: `${quoteTab(title)}!A1:${columnLetter(width - 1)}${lastRow}`, values: grid } };
}

/** A plain cell as the values API takes it; null leaves the (freshly cleared) cell alone. */
function plainValue(cell: Cell): CellInput {
  if (cell === '' || cell === null || typeof cell === 'object') return null;
  return cell;
}

function percentColumn(sheetId: number, column: number): Request {
  return {
    repeatCell: {
      range: { sheetId, startRowIndex: 1, startColumnIndex: column, endColumnIndex: column + 1 },
      cell: { userEnteredFormat: { numberFormat: { type: 'PERCENT', pattern: '0.0%' } } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

function protect(sheetId: number, description: string): Request {
  return { addProtectedRange: { protectedRange: { range: { sheetId }, description, warningOnly: false } } };
}

function summaryChart(sheetId: number, rowCount: number): Request {
  const column = (index: number): sheets_v4.Schema$ChartData => ({
    sourceRange: { sources: [{ sheetId, startRowIndex: 0, endRowIndex: rowCount + 1, startColumnIndex: index, endColumnIndex: index + 1 }] },
  });
  return {
    addChart: {
      chart: {
        spec: {
          title: 'Đoàn viên hoàn thành hành trình theo đơn vị',
          basicChart: {
            chartType: 'COLUMN',
            legendPosition: 'BOTTOM_LEGEND',
            headerCount: 1,
            axis: [
              { position: 'BOTTOM_AXIS', title: 'Đơn vị' },
              { position: 'LEFT_AXIS', title: 'Số đoàn viên' },
            ],
            domains: [{ domain: column(0) }],
            series: [
              { series: column(2), targetAxis: 'LEFT_AXIS' },
              { series: column(3), targetAxis: 'LEFT_AXIS' },
            ],
          },
        },
        position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 1, columnIndex: SUMMARY_COLUMNS.length + 1 } } },
      },
    },
  };
}
