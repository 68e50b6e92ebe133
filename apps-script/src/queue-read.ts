// Reading many queue tabs at once: one Sheets API `values:batchGet` per tab (the header row and the columns the script
// needs, in the layout of the queue-sheet contract), all sent together with UrlFetchApp.fetchAll — one parallel round
// trip for a batch of spreadsheets instead of opening each with SpreadsheetApp (about 1–2 s each). A tab whose columns
// were moved, or that the API cannot find, is read the old way by the caller; a read Google refused for its quota (429)
// is not — it waits for the time Retry-After gives (sheets-reads.ts), left for a later run.
import { columnLetter } from '../../functions/src/contract/a1';
import { findQueueColumns, QUEUE_COLUMNS, type QueueColumns } from '../../functions/src/contract/queue-sheet';
import { queueRowOf, type QueueRow } from './queue-sheet';
import { retryAfterMs, type ReadPace } from './sheets-reads';
import { log } from './log';

/** Spreadsheets per fetchAll. */
export const READ_BATCH = 20;

export interface TabToRead {
  key: string;
  spreadsheetId: string;
  sheetName: string;
}

export interface TabRows {
  /** Null when the tab is empty (no header yet). */
  columns: QueueColumns | null;
  rows: QueueRow[];
}

/** Where the function puts the columns (the contract's order); a tab laid out otherwise is read the old way. */
const CONTRACT = findQueueColumns(QUEUE_COLUMNS);

/** Runs of adjacent needed columns (gaps of up to 2 read through), as [first, last], 1-based. */
export function columnRuns(columns: QueueColumns): Array<[number, number]> {
  const needed = [
    ...new Set([
      columns.evidenceId,
      columns.decision,
      columns.comment,
      columns.status,
      columns.reviewer,
      columns.confirmer,
    ]),
  ]
    .filter((c): c is number => c !== null)
    .sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const column of needed) {
    const last = runs[runs.length - 1];
    if (last && column - last[1] <= 2) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

const quoted = (sheetName: string): string => `'${sheetName.replace(/'/g, "''")}'`;
const letter = (column: number): string => columnLetter(column - 1);

function batchGetUrl(tab: TabToRead, runs: ReadonlyArray<[number, number]>): string {
  const ranges = [
    `${quoted(tab.sheetName)}!1:1`,
    ...runs.map(([first, last]) => `${quoted(tab.sheetName)}!${letter(first)}2:${letter(last)}`),
  ];
  return (
    `https://sheets.googleapis.com/v4/spreadsheets/${encodeURIComponent(tab.spreadsheetId)}/values:batchGet?` +
    [
      ...ranges.map((r) => `ranges=${encodeURIComponent(r)}`),
      'majorDimension=ROWS',
      'valueRenderOption=FORMATTED_VALUE',
    ].join('&')
  );
}

function sameColumns(a: QueueColumns, b: QueueColumns): boolean {
  return (
    a.evidenceId === b.evidenceId &&
    a.decision === b.decision &&
    a.comment === b.comment &&
    a.status === b.status &&
    a.reviewer === b.reviewer &&
    a.confirmer === b.confirmer
  );
}

/** A read left for later (no turn under the quota, a 429, Google failing): not to be read another way either. */
export interface Deferred {
  readonly deferred: true;
}
export const DEFERRED: Deferred = { deferred: true };

/** The rows of a batchGet answer, or a reason (the caller then reads the tab with SpreadsheetApp). */
function rowsOf(text: string, runs: ReadonlyArray<[number, number]>): TabRows | string {
  let answer: { valueRanges?: Array<{ values?: unknown[][] }> };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return 'câu trả lời của Sheets API không đọc được';
  }
  const ranges = answer.valueRanges ?? [];
  const header = ranges[0]?.values?.[0] ?? [];
  if (header.length === 0) return { columns: null, rows: [] };
  const columns = findQueueColumns(header);
  if (!columns) return 'thiếu cột';
  if (!CONTRACT || !sameColumns(columns, CONTRACT)) return 'các cột đã bị dời';
  const height = Math.max(0, ...ranges.slice(1).map((r) => r.values?.length ?? 0));
  const cells: unknown[][] = Array.from({ length: height }, () => []);
  runs.forEach(([first], i) => {
    (ranges[i + 1]?.values ?? []).forEach((valueRow, r) => {
      const target = cells[r];
      if (target) valueRow.forEach((value, c) => (target[first - 1 + c] = value));
    });
  });
  return { columns, rows: cells.map((rowCells, r) => queueRowOf(r + 2, rowCells, columns)) };
}

/**
 * Reads the tabs in one fetchAll, as many as the pace allows now (the others are DEFERRED); per tab its rows, DEFERRED
 * (no turn; Google answered 429 — the pace then waits its Retry-After — or 5xx; or the network failed), or why it
 * could not be read otherwise (columns moved, tab or spreadsheet not found: then the caller reads it with SpreadsheetApp).
 */
export function readTabs(tabs: readonly TabToRead[], pace: ReadPace): Map<string, TabRows | string | Deferred> {
  const results = new Map<string, TabRows | string | Deferred>();
  if (!CONTRACT || tabs.length === 0) {
    for (const tab of tabs) results.set(tab.key, 'không dùng được Sheets API');
    return results;
  }
  const runs = columnRuns(CONTRACT);
  const now = Date.now();
  const batch = tabs.slice(0, Math.min(READ_BATCH, pace.available(now)));
  for (const tab of tabs.slice(batch.length)) results.set(tab.key, DEFERRED);
  if (batch.length === 0) return results;
  const headers = { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` };
  let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
  try {
    pace.took(batch.length, now);
    responses = UrlFetchApp.fetchAll(
      batch.map((tab) => ({ url: batchGetUrl(tab, runs), headers, muteHttpExceptions: true })),
    );
  } catch (error) {
    // The network or UrlFetch failed: nothing was read; the tabs wait for the next run.
    log.warn(`Không đọc được ${String(batch.length)} hàng chờ qua Sheets API (${String(error)}); để lượt sau.`);
    for (const tab of batch) results.set(tab.key, DEFERRED);
    return results;
  }
  batch.forEach((tab, i) => {
    const response = responses[i];
    const status = response?.getResponseCode() ?? 0;
    if (status === 429 && response) {
      pace.blockUntil(Date.now() + retryAfterMs(response.getAllHeaders() as Record<string, unknown>, Date.now()));
      results.set(tab.key, DEFERRED);
      return;
    }
    // Google is failing for now (5xx): opening the spreadsheet instead would only spend the run's time; read it later.
    if (status >= 500) {
      results.set(tab.key, DEFERRED);
      return;
    }
    results.set(
      tab.key,
      status === 200 && response
        ? rowsOf(response.getContentText('UTF-8'), runs)
        : `Sheets API: HTTP ${String(status)}`,
    );
  });
  return results;
}
