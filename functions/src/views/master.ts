// The year's master spreadsheet: row-by-row writes of members and refusals, and the full rebuild of every tab.
import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetsClient, SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import type { YearConfig } from '../domain/config';
import type { InboxDoc, JourneyDoc } from '../model';
import type { BookLinks, Clock, SpreadsheetKey, Store } from '../ports';
import type { Log } from '../ports/log';
import type { Row } from './cells';
import {
  ERROR_COLUMNS,
  PARTY_COLUMNS,
  SUMMARY_COLUMNS,
  configRows,
  errorRow,
  namers,
  partyRows,
  resultsColumns,
  resultsRow,
  summaryRows,
} from './layout';
import { TABS } from '../contract/queue-sheet';
import { CAMP_COLUMNS, campTabRows, campTicks } from './camp';
import { updateRows } from './requests';
import { loadSyncProgress, syncProgressLine } from './sync-run';
import { rebuildRows, writeRows, type RowTab } from './row-tab';
import { gridRowsFor, loadRegistry, type Registry, type SpreadsheetRef } from './state';
import {
  ensureTabs,
  percentColumn,
  protect,
  resetTab,
  rewriteTab,
  SUMMARY_CHART_COLUMNS,
  summaryChart,
  SYNC_LINE_COLUMN,
} from './tabs';
import { sortInbox, sortJourneys, type Pending } from './work';
import { PHASE_COLUMNS, PHASE_RATE_COLUMN, PHASE_TAB, phaseRows } from './phase';
import { DATA_REQUESTS_TAB, dataRequestsTabRequests, readDataRequests } from './data-requests-tab';
import { MAIL_TAB, mailTabRequests, markMailTabShown, readMailTab, type MailTabSource } from './mail-tab';
import {
  loadNominations,
  NOMINATIONS_SUMMARY_COLUMNS,
  NOMINATIONS_SUMMARY_TAB,
  nominationSummaryRows,
  planInForce,
} from './nominations';

export const MASTER_TABS = [
  TABS.results,
  TABS.summary,
  TABS.errors,
  TABS.camp,
  TABS.party,
  NOMINATIONS_SUMMARY_TAB,
  PHASE_TAB,
  MAIL_TAB,
  DATA_REQUESTS_TAB,
  TABS.config,
] as const;

/** What the spreadsheet writers need from the views. */
export interface ViewDeps {
  store: Store;
  sheets: SheetsClient;
  autoCreate: boolean;
  log: Log;
  /** Registry updates, one at a time (spreadsheets are synced in parallel). */
  updateRegistry: (year: number, change: (registry: Registry) => Registry) => Promise<void>;
  /**
   * The spreadsheet's registry entry, created (locally) and registered at once when missing, one creation at a time per
   * spreadsheet: a listing waits only for the creation, never for a whole sync. Undefined when it may not be created.
   */
  ensureSpreadsheet: (
    spreadsheet: SpreadsheetKey,
    create: () => Promise<SpreadsheetRef>,
  ) => Promise<SpreadsheetRef | undefined>;
  bookLinks?: BookLinks;
  /** The outbox the "Thư" tab shows; the tab stays empty without it. */
  mail?: MailTabSource;
  clock: Clock;
}

/** The "Thư" tab rewritten whole, the outbox read now; nothing when the views have no outbox. */
async function mailTab(
  deps: ViewDeps,
  year: number,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
): Promise<sheets_v4.Schema$Request[]> {
  if (!deps.mail) return [];
  const at = deps.clock();
  await markMailTabShown(deps.store, year, at);
  return mailTabRequests(sheetId, info, await readMailTab(deps.mail, year, at));
}

/** Tổng hợp's line about the last sync (above the chart, right of the table), as the progress document has it now. */
async function syncLineRequest(store: Store, year: number, summarySheetId: number): Promise<sheets_v4.Schema$Request> {
  const line = syncProgressLine(await loadSyncProgress(store, year));
  return updateRows(summarySheetId, 0, [[line]], 1, SYNC_LINE_COLUMN);
}

/** Creates the year's master spreadsheet with its tabs. */
export function createMaster(deps: ViewDeps, year: number): Promise<SpreadsheetRef | undefined> {
  return deps.ensureSpreadsheet({ kind: 'master', year }, async () => {
    const created = await deps.sheets.create(`Hành trình "Người Cộng sản trẻ" ${year} — Bảng tổng hợp`, MASTER_TABS);
    return { spreadsheetId: created.spreadsheetId, url: created.url, tabs: {} };
  });
}

/** The journey-book link of each member written, for the last column of Kết quả. */
async function linksFor(
  deps: ViewDeps,
  year: number,
  journeys: readonly JourneyDoc[],
): Promise<ReadonlyMap<string, string>> {
  return deps.bookLinks
    ? deps.bookLinks.forMembers(
        year,
        journeys.map((j) => j.memberId),
      )
    : new Map();
}

/** Kết quả and Lỗi: tabs whose rows never move. */
function rowTabs(
  config: YearConfig,
  links: ReadonlyMap<string, string>,
): { results: RowTab<JourneyDoc>; errors: RowTab<InboxDoc> } {
  const { unitName, groupName } = namers(config);
  return {
    results: {
      title: TABS.results,
      positions: 'results',
      header: resultsColumns(config),
      keyOf: (j) => j.memberId,
      order: sortJourneys,
      row: (j, n) => resultsRow(config, j, n, groupName, unitName, links.get(j.memberId) ?? ''),
    },
    errors: {
      title: TABS.errors,
      positions: 'errors',
      header: ERROR_COLUMNS,
      keyOf: (i) => i.key,
      order: sortInbox,
      row: errorRow,
    },
  };
}

export async function flushMaster(deps: ViewDeps, config: YearConfig, work: Pending): Promise<void> {
  const { store } = deps;
  const registry = await loadRegistry(store, config.year);
  const ref = registry.master;
  const sheetIds = ref ? MASTER_TABS.map((t) => ref.tabs[t]) : [];
  if (work.full || !ref || sheetIds.some((id) => id === undefined)) {
    await syncMaster(deps, config, registry);
    return;
  }
  const journeys = (await Promise.all([...work.members].map((m) => store.getJourney(config.year, m)))).filter(
    (j): j is JourneyDoc => j !== undefined,
  );
  const tabs = rowTabs(config, await linksFor(deps, config.year, journeys));
  const refused = (await Promise.all([...work.refused].map((k) => store.getInbox(k)))).filter(
    (i): i is InboxDoc => i?.status === 'refused',
  );
  const requests = [
    ...(await writeRows(store, config.year, ref.tabs[TABS.results] ?? 0, tabs.results, journeys)),
    ...(await writeRows(store, config.year, ref.tabs[TABS.errors] ?? 0, tabs.errors, refused)),
    ...(work.progress ? [await syncLineRequest(store, config.year, ref.tabs[TABS.summary] ?? 0)] : []),
    ...(work.mail ? await mailTab(deps, config.year, ref.tabs[MAIL_TAB] ?? 0, undefined) : []),
    ...(work.dataRequests
      ? dataRequestsTabRequests(
          ref.tabs[DATA_REQUESTS_TAB] ?? 0,
          undefined,
          await readDataRequests(store, config.year, deps.clock()),
        )
      : []),
  ];
  if (requests.length === 0) return;
  await deps.sheets.batchUpdate(ref.spreadsheetId, requests);
}

type Request = sheets_v4.Schema$Request;
type Rewrite = { requests: Request[]; values: ValueRangeWrite };
type MasterTab = (title: string) => { sheetId: number; info: SpreadsheetInfo['tabs'][number] | undefined };

/** The tabs rewritten whole from rows computed at once (not placed row by row). */
function rewriteFixedTabs(tab: MasterTab, fixed: [string, string[], Row[]][]): Rewrite[] {
  return fixed.map(([title, header, rows]) => {
    const t = tab(title);
    // Tổng hợp keeps room on its right for the chart, so the chart is anchored inside the grid.
    const extras = title === TABS.summary ? { gridColumns: SUMMARY_COLUMNS.length + SUMMARY_CHART_COLUMNS } : {};
    return rewriteTab(title, t.sheetId, t.info, header, rows, gridRowsFor(rows.length), extras);
  });
}

/** Cấu hình as a read-only mirror of the plan; Kết quả with its ranking key hidden, protected. */
function lockedTabRequests(config: YearConfig, tab: MasterTab): Request[] {
  const configTab = tab(TABS.config);
  const mirror = configRows(config);
  const resultsTab = tab(TABS.results);
  const keyColumn = resultsColumns(config).indexOf('Khóa xếp hạng');
  return [
    ...resetTab(configTab.sheetId, configTab.info, gridRowsFor(mirror.length), 6),
    updateRows(configTab.sheetId, 0, mirror, 6),
    protect({ sheetId: configTab.sheetId }, 'Bản sao kế hoạch năm, chỉ đọc: sửa kế hoạch bằng cách gửi cấu hình mới.'),
    {
      updateDimensionProperties: {
        range: { sheetId: resultsTab.sheetId, dimension: 'COLUMNS', startIndex: keyColumn, endIndex: keyColumn + 1 },
        properties: { hiddenByUser: true },
        fields: 'hiddenByUser',
      },
    },
    protect(
      { sheetId: resultsTab.sheetId },
      'Kết quả do hệ thống tính từ dữ liệu gốc; mọi thay đổi sẽ bị ghi đè khi đồng bộ.',
    ),
  ];
}

export async function syncMaster(deps: ViewDeps, config: YearConfig, registry: Registry): Promise<void> {
  const { store, sheets } = deps;
  const ref = registry.master ?? (await createMaster(deps, config.year));
  if (!ref) {
    deps.log({
      severity: 'WARNING',
      message: 'sheets: no master spreadsheet registered; run setup() in Apps Script',
      fields: { year: config.year },
    });
    return;
  }
  const info = await sheets.get(ref.spreadsheetId);
  const { requests, tabs } = ensureTabs(info, MASTER_TABS);
  const [journeys, refused, nominations] = await Promise.all([
    store.listJourneys(config.year),
    store.listInbox(config.year, 'refused'),
    loadNominations(store, config.year),
  ]);
  const summary = summaryRows(config);
  const tab: MasterTab = (title) => ({
    sheetId: tabs.get(title) ?? 0,
    info: info.tabs.find((t) => t.title === title),
  });

  const rowTabsOf = rowTabs(config, await linksFor(deps, config.year, journeys));
  const results = tab(TABS.results);
  const errors = tab(TABS.errors);
  const rebuilt = [
    await rebuildRows(store, config.year, results.sheetId, results.info, rowTabsOf.results, journeys),
    await rebuildRows(store, config.year, errors.sheetId, errors.info, rowTabsOf.errors, refused),
  ];
  const fixed = rewriteFixedTabs(tab, [
    [TABS.summary, SUMMARY_COLUMNS, summary],
    [TABS.camp, CAMP_COLUMNS, campTabRows(config, journeys, await campTicks(sheets, ref.spreadsheetId, info))],
    [TABS.party, PARTY_COLUMNS, partyRows(planInForce(config, nominations))],
    [NOMINATIONS_SUMMARY_TAB, NOMINATIONS_SUMMARY_COLUMNS, nominationSummaryRows(config, nominations)],
    [PHASE_TAB, PHASE_COLUMNS, await phaseRows(store, config)],
  ]);
  const values: ValueRangeWrite[] = [];
  for (const r of [...rebuilt, ...fixed]) {
    requests.push(...r.requests);
    values.push(r.values);
  }
  requests.push(...(await mailTab(deps, config.year, tab(MAIL_TAB).sheetId, tab(MAIL_TAB).info)));
  const dataTab = tab(DATA_REQUESTS_TAB);
  requests.push(
    ...dataRequestsTabRequests(dataTab.sheetId, dataTab.info, await readDataRequests(store, config.year, deps.clock())),
  );
  requests.push(...lockedTabRequests(config, tab));
  requests.push(summaryChart(tab(TABS.summary).sheetId, summary.length));
  requests.push(await syncLineRequest(store, config.year, tab(TABS.summary).sheetId));
  requests.push(percentColumn(tab(TABS.summary).sheetId, SUMMARY_COLUMNS.indexOf('Tỷ lệ hoàn thành')));
  requests.push(percentColumn(tab(TABS.party).sheetId, PARTY_COLUMNS.indexOf('Tỷ lệ kết nạp')));
  requests.push(percentColumn(tab(PHASE_TAB).sheetId, PHASE_RATE_COLUMN));

  await sheets.batchUpdate(ref.spreadsheetId, requests);
  await sheets.valuesBatchUpdate(ref.spreadsheetId, values, 'RAW');
  const master = { ...ref, tabs: Object.fromEntries(tabs) };
  await deps.updateRegistry(config.year, (latest) => ({ ...latest, master }));
}
