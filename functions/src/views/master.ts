// The year's master spreadsheet: row-by-row writes of members and refusals, and the full rebuild of every tab.
import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetsClient, SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import type { YearConfig } from '../domain/config';
import { nominateForCamp, rankMembers } from '../domain/ranking';
import type { InboxDoc, JourneyDoc } from '../model';
import type { Store } from '../ports';
import type { Row } from './cells';
import {
  CAMP_COLUMNS,
  ERROR_COLUMNS,
  PARTY_COLUMNS,
  SUMMARY_COLUMNS,
  campRows,
  configRows,
  errorRow,
  namers,
  partyRows,
  resultsColumns,
  resultsRow,
  summaryRows,
} from './layout';
import { TABS } from '../contract/queue-sheet';
import { updateRowRuns, updateRows } from './requests';
import { assignRows, gridRowsFor, loadRegistry, loadRowIndex, saveRowIndex, type Registry, type RowIndex } from './state';
import { ensureTabs, grow, percentColumn, protect, resetTab, rewriteTab, summaryChart } from './tabs';
import { sortInbox, sortJourneys, type Pending } from './work';

type Request = sheets_v4.Schema$Request;

export const MASTER_TABS = [TABS.results, TABS.summary, TABS.errors, TABS.camp, TABS.party, TABS.config] as const;

/** What the spreadsheet writers need from the views. */
export interface ViewDeps {
  store: Store;
  sheets: SheetsClient;
  autoCreate: boolean;
  log: (message: string, error?: unknown) => void;
  /** Registry updates, one at a time (spreadsheets are synced in parallel). */
  updateRegistry: (year: number, change: (registry: Registry) => Registry) => Promise<void>;
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
  await deps.sheets.batchUpdate(ref.spreadsheetId, requests);
}

export async function syncMaster(deps: ViewDeps, config: YearConfig, registry: Registry): Promise<void> {
  const { store, sheets } = deps;
  let ref = registry.master;
  if (!ref) {
    if (!deps.autoCreate) {
      deps.log(`sheets: no master spreadsheet registered for ${config.year}; run setup() in Apps Script`);
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
  const nominees = nominateForCamp(rankMembers(journeys), config.rules);
  const camp = campRows(
    nominees.map((n) => ({ fullName: n.fullName, email: n.email, unitName: unitName(n.unitId), grade: n.result.grade, points: n.result.points, rank: n.rank })),
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
  await deps.updateRegistry(config.year, (latest) => ({ ...latest, master }));
}
