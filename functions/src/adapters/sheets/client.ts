// The project's Google Sheets client: the few calls it needs, typed, retried by its own policy, errors coded.
import type { MethodOptions, sheets_v4 } from '@googleapis/sheets';
import { DEFAULT_RETRY, withRetry, type RetryInfo, type RetryPolicy } from './retry';

/** What the SDK accepts as `auth`: a GoogleAuth or OAuth2 client, or an API key string. */
export type SheetsAuth = sheets_v4.Options['auth'];

export interface SheetsClientConfig {
  /** e.g. http://localhost:8080/_local/sheets/ for the local stand-in; Google's own URL when absent. */
  rootUrl?: string;
  /**
   * Credentials. In production a `new auth.GoogleAuth({ scopes: [...] })`, or a function making one at the first call
   * (the auth library then loads only when needed). Locally leave it out: with no auth the SDK sends the request
   * through plain gaxios with no Authorization header and no `key` parameter (checked against the stand-in), which is
   * all an http rootUrl needs.
   */
  auth?: SheetsAuth | (() => Promise<SheetsAuth>);
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Hears every retry (operation, attempt, delay, cause), so retries can be counted and logged. */
  onRetry?: (info: RetryInfo) => void;
  /** Per-call timeout; a timed-out call counts as a network failure. Default 30 s. */
  timeoutMs?: number;
}

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type CellInput = string | number | boolean | null;
export type CellOutput = string | number | boolean;

export interface ValueRangeWrite {
  range: string;
  values: readonly (readonly CellInput[])[];
}

export interface TabInfo {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  /** What a previous sync added and a full sync removes first. */
  protectedRangeIds: number[];
  chartIds: number[];
  conditionalFormatCount: number;
  /** The same objects with what tells whose they are: a protection's description, a chart's title, a rule's condition. */
  protectedRanges: { id: number; description: string }[];
  charts: { id: number; title: string }[];
  /** Each conditional format rule's condition as JSON, in the tab's order (rules are deleted by index). */
  conditionalFormatConditions: string[];
}

export interface SpreadsheetInfo {
  spreadsheetId: string;
  title: string;
  url: string;
  tabs: TabInfo[];
}

export interface SheetsClient {
  /** Creates a spreadsheet with these tabs, in order (Google's default single tab when none). Not retried. */
  create(title: string, tabTitles: readonly string[]): Promise<SpreadsheetInfo>;
  get(spreadsheetId: string): Promise<SpreadsheetInfo>;
  /** Structural changes; retried only when every request in it only sets state (see isIdempotentBatch). */
  batchUpdate(
    spreadsheetId: string,
    requests: readonly sheets_v4.Schema$Request[],
  ): Promise<sheets_v4.Schema$Response[]>;
  /** Writes several ranges in one call; RAW by default, so text people typed never becomes a formula. */
  valuesBatchUpdate(
    spreadsheetId: string,
    data: readonly ValueRangeWrite[],
    valueInputOption?: ValueInputOption,
  ): Promise<{ updatedCells: number }>;
  /** Values as rows, trailing empties trimmed; typed (UNFORMATTED_VALUE) by default. */
  valuesGet(spreadsheetId: string, range: string, render?: ValueRenderOption): Promise<CellOutput[][]>;
  valuesClear(spreadsheetId: string, range: string): Promise<{ clearedRange: string }>;
  /** Appends rows after the table in `range`. Never retried: a lost answer could mean rows written twice. */
  valuesAppend(
    spreadsheetId: string,
    range: string,
    values: readonly (readonly CellInput[])[],
    valueInputOption?: ValueInputOption,
  ): Promise<{ updatedRange: string; updatedRows: number }>;
}

/** batchUpdate requests that only set state: sending one twice leaves the same spreadsheet. */
const IDEMPOTENT_REQUESTS: ReadonlySet<string> = new Set([
  'updateCells',
  'repeatCell',
  'setDataValidation',
  'updateSheetProperties',
  'updateSpreadsheetProperties',
  'updateDimensionProperties',
  'autoResizeDimensions',
  'updateBorders',
  'mergeCells',
  'unmergeCells',
  'updateProtectedRange',
  'updateChartSpec',
  'updateEmbeddedObjectPosition',
  'setBasicFilter',
  'clearBasicFilter',
  'updateNamedRange',
  'updateBanding',
]);

/** True when every request only sets state; adds, deletes, inserts and appends are not safe to repeat. */
export function isIdempotentBatch(requests: readonly sheets_v4.Schema$Request[]): boolean {
  return requests.every((request) =>
    Object.entries(request)
      .filter(([, body]) => body !== undefined && body !== null)
      .every(([kind]) => IDEMPOTENT_REQUESTS.has(kind)),
  );
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export function createSheetsClient(config: SheetsClientConfig = {}): SheetsClient {
  const options: sheets_v4.Options = {
    version: 'v4',
    // gaxios retries on its own unless told not to; the policy here must be the only one, and countable.
    retry: false,
    timeout: config.timeoutMs ?? 30_000,
  };
  if (config.rootUrl !== undefined) options.rootUrl = config.rootUrl;
  // The SDK (some 150 ms to load) is imported at the first call, not when the function starts: most requests never
  // write a spreadsheet (in production only the task callbacks do).
  let loading: Promise<sheets_v4.Sheets> | undefined;
  const load = async (): Promise<sheets_v4.Sheets> => {
    const [{ sheets }, auth] = await Promise.all([
      import('@googleapis/sheets'),
      typeof config.auth === 'function' ? config.auth() : config.auth,
    ]);
    return sheets(auth === undefined ? options : { ...options, auth });
  };
  const sdk = (): Promise<sheets_v4.Sheets> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  // googleapis-common keeps only the origin of a constructor rootUrl (it builds the URL from Google's
  // default, then re-bases its absolute path), so a path like /_local/sheets/ is lost unless each
  // call names the rootUrl too.
  const perCall: MethodOptions = config.rootUrl === undefined ? {} : { rootUrl: config.rootUrl };
  const deps = {
    policy: config.retry ?? DEFAULT_RETRY,
    sleep: config.sleep ?? defaultSleep,
    random: config.random ?? Math.random,
    onRetry: config.onRetry ?? (() => undefined),
  };
  const run = <T>(operation: string, idempotent: boolean, call: () => Promise<T>): Promise<T> =>
    withRetry(operation, idempotent, call, deps);

  return {
    async create(title, tabTitles) {
      const requestBody: sheets_v4.Schema$Spreadsheet = { properties: { title } };
      if (tabTitles.length > 0) requestBody.sheets = tabTitles.map((tabTitle) => ({ properties: { title: tabTitle } }));
      const res = await run('create', false, async () => (await sdk()).spreadsheets.create({ requestBody }, perCall));
      return toSpreadsheetInfo(res.data);
    },

    async get(spreadsheetId) {
      const res = await run('get', true, async () =>
        (await sdk()).spreadsheets.get({ spreadsheetId, includeGridData: false }, perCall),
      );
      return toSpreadsheetInfo(res.data);
    },

    async batchUpdate(spreadsheetId, requests) {
      const requestBody = { requests: requests.map((request) => ({ ...request })) };
      const res = await run('batchUpdate', isIdempotentBatch(requests), async () =>
        (await sdk()).spreadsheets.batchUpdate({ spreadsheetId, requestBody }, perCall),
      );
      return res.data.replies ?? [];
    },

    async valuesBatchUpdate(spreadsheetId, data, valueInputOption = 'RAW') {
      const requestBody = {
        valueInputOption,
        data: data.map((item) => ({ range: item.range, values: copyRows(item.values) })),
      };
      const res = await run('valuesBatchUpdate', true, async () =>
        (await sdk()).spreadsheets.values.batchUpdate({ spreadsheetId, requestBody }, perCall),
      );
      return { updatedCells: res.data.totalUpdatedCells ?? 0 };
    },

    async valuesGet(spreadsheetId, range, render = 'UNFORMATTED_VALUE') {
      const res = await run('valuesGet', true, async () =>
        (await sdk()).spreadsheets.values.get(
          { spreadsheetId, range, valueRenderOption: render, majorDimension: 'ROWS' },
          perCall,
        ),
      );
      return toRows(res.data.values as unknown);
    },

    async valuesClear(spreadsheetId, range) {
      const res = await run('valuesClear', true, async () =>
        (await sdk()).spreadsheets.values.clear({ spreadsheetId, range, requestBody: {} }, perCall),
      );
      return { clearedRange: res.data.clearedRange ?? range };
    },

    async valuesAppend(spreadsheetId, range, values, valueInputOption = 'RAW') {
      const res = await run('valuesAppend', false, async () =>
        (await sdk()).spreadsheets.values.append(
          {
            spreadsheetId,
            range,
            valueInputOption,
            insertDataOption: 'INSERT_ROWS',
            requestBody: { values: copyRows(values) },
          },
          perCall,
        ),
      );
      return { updatedRange: res.data.updates?.updatedRange ?? '', updatedRows: res.data.updates?.updatedRows ?? 0 };
    },
  };
}

function copyRows(values: readonly (readonly CellInput[])[]): CellInput[][] {
  return values.map((row) => [...row]);
}

function toRows(values: unknown): CellOutput[][] {
  if (!Array.isArray(values)) return [];
  return values.map((row: unknown) =>
    Array.isArray(row)
      ? row.map((cell: unknown): CellOutput =>
          typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' ? cell : '',
        )
      : [],
  );
}

function toSpreadsheetInfo(data: sheets_v4.Schema$Spreadsheet): SpreadsheetInfo {
  return {
    spreadsheetId: data.spreadsheetId ?? '',
    title: data.properties?.title ?? '',
    url: data.spreadsheetUrl ?? '',
    tabs: (data.sheets ?? []).map((sheet) => ({
      sheetId: sheet.properties?.sheetId ?? 0,
      title: sheet.properties?.title ?? '',
      index: sheet.properties?.index ?? 0,
      rowCount: sheet.properties?.gridProperties?.rowCount ?? 0,
      columnCount: sheet.properties?.gridProperties?.columnCount ?? 0,
      frozenRowCount: sheet.properties?.gridProperties?.frozenRowCount ?? 0,
      protectedRangeIds: ids((sheet.protectedRanges ?? []).map((pr) => pr.protectedRangeId)),
      chartIds: ids((sheet.charts ?? []).map((chart) => chart.chartId)),
      conditionalFormatCount: sheet.conditionalFormats?.length ?? 0,
      protectedRanges: (sheet.protectedRanges ?? []).flatMap((pr) =>
        typeof pr.protectedRangeId === 'number' ? [{ id: pr.protectedRangeId, description: pr.description ?? '' }] : [],
      ),
      charts: (sheet.charts ?? []).flatMap((chart) =>
        typeof chart.chartId === 'number' ? [{ id: chart.chartId, title: chart.spec?.title ?? '' }] : [],
      ),
      conditionalFormatConditions: (sheet.conditionalFormats ?? []).map((rule) =>
        JSON.stringify(rule.booleanRule?.condition ?? null),
      ),
    })),
  };
}

function ids(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((id): id is number => typeof id === 'number');
}
