// A day of the Apps Script project at 200 queues, run in the vm sandbox against an in-process function: every trigger
// fires on schedule (drain every 15 minutes, poller every 10), evaluators type 50 decisions an hour into random queues
// (the spreadsheets with a live edit trigger get onQueueEdit), and the function rewrites each decided row a minute later.
// The fakes count every Apps Script service call; the cost of each kind (stated below, conservative) turns the counts
// into trigger run time per day, against a consumer account's 90 minutes.
import { buildBundle, loadBundle, type Bundle } from '../apps-script/bundle';
import { createFakes, type Fakes } from '../apps-script/fakes';
import type { FetchHandler, FetchRequest } from '../apps-script/fakes/url-fetch';
import { yearConfig, yearConfigInput, YEAR } from '../apps-script/fixtures/year-config';
import { QUEUE_COLUMNS } from '../../functions/src/contract/queue-sheet';

/**
 * Seconds each Apps Script service call costs a trigger run (conservative figures: Google publishes none; these are
 * at or above what the Apps Script executions log commonly shows for each kind of call).
 */
export const CALL_SECONDS = {
  /** Starting a trigger run (V8 start, loading the project). */
  run: 0.3,
  propertyRead: 0.02,
  propertyWrite: 0.03,
  /** getProperties() / getKeys(): the whole store in one call. */
  propertyList: 0.05,
  lock: 0.02,
  cache: 0.02,
  getProjectTriggers: 0.1,
  /** One call to the function (UrlFetchApp.fetch). */
  urlFetch: 0.5,
  /** One UrlFetchApp.fetchAll: parallel, so the slowest request plus a little per request. */
  fetchAll: 0.6,
  fetchAllPerRequest: 0.05,
  driveList: 0.5,
  /** SpreadsheetApp.openById and the reads after it (the old way; only a fallback now). */
  openSpreadsheet: 1.5,
  formOpen: 0.3,
  formResponses: 0.3,
} as const;

export const CONSUMER_DAILY_SECONDS = 90 * 60;

export interface DayScenario {
  queues: number;
  decisionsPerHour: number;
  /** Hours of the day (from 08:00) evaluators work in; 24: around the clock. */
  workingHours: number;
  /** New evidence rows the function writes into queue spreadsheets per hour (each touches its spreadsheet). */
  newRowsPerHour: number;
  hours: number;
}

export interface DayFigures {
  scenario: DayScenario;
  runs: Record<string, number>;
  calls: Record<string, number>;
  seconds: number;
  /** Fraction of a consumer account's 90 minutes a day. */
  fractionOfConsumer: number;
  liveSpreadsheets: number;
}

function cityConfig(units: number, groups: number): unknown {
  return yearConfig({
    ...yearConfigInput(),
    units: Array.from({ length: units }, (_, i) => ({
      id: `DON_VI_${String(i + 1).padStart(2, '0')}`,
      name: `Đoàn cơ sở số ${String(i + 1)}`,
      evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
    })),
    groups: Array.from({ length: groups }, (_, i) => ({
      id: `TO_${String(i + 1).padStart(2, '0')}`,
      name: `Tổ ${String(i + 1)}`,
      leader: `totruong${String(i + 1)}@example.vn`,
      supervisor: `giamsat${String(i + 1)}@example.vn`,
    })),
  });
}

/** The function, in process: serves the plan and the registry, accepts every decision, and remembers what it was sent. */
function functionStub(config: unknown, decided: Array<{ queue: string; evidenceId: string }>): FetchHandler {
  let sheets: unknown = null;
  const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });
  return (request: FetchRequest) => {
    const path = new URL(request.url).pathname;
    if (path === `/v1/years/${String(YEAR)}/config`) return ok(config);
    if (path === `/v1/years/${String(YEAR)}/sheets`) {
      if (request.method === 'PUT') {
        sheets = JSON.parse(request.body) as unknown;
        return ok({ status: 'accepted', id: String(YEAR), errors: [] });
      }
      return sheets === null ? { status: 404, body: '{}' } : ok(sheets);
    }
    if (path === '/v1/evaluations') {
      const body = JSON.parse(request.body) as { queue: string; evidenceId: string };
      decided.push({ queue: body.queue, evidenceId: body.evidenceId });
      return ok({ status: 'accepted', id: body.evidenceId, errors: [] });
    }
    if (path.endsWith('/inbox/known')) return ok({ known: [] });
    return ok({ status: 'accepted', id: 'x', errors: [] });
  };
}

function snapshot(f: Fakes): Record<string, number> {
  return {
    propertyRead: f.props.calls.get,
    propertyWrite: f.props.calls.set + f.props.calls.delete,
    propertyList: f.props.calls.getAll + f.props.calls.keys,
    lock: f.lock.acquisitions,
    cache: f.cache.calls.get + f.cache.calls.put,
    getProjectTriggers: f.scripts.calls.getProjectTriggers,
    urlFetch: f.fetch.single,
    fetchAll: f.fetch.batches.length,
    fetchAllPerRequest: f.fetch.batches.reduce((a, b) => a + b, 0),
    sheetsApiReads: f.sheetsApi.batchGet,
    driveList: f.drive.calls.length,
    openSpreadsheet: f.sheets.calls.openById,
    formOpen: f.forms.calls.openById,
    formResponses: f.forms.calls.getResponses + f.forms.calls.getResponse,
  };
}

/** A deterministic pseudo-random sequence (the same day every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function simulateDay(scenario: DayScenario): DayFigures {
  buildBundle();
  const groups = scenario.queues - 1 - 2 * 60;
  const config = cityConfig(60, groups);
  const decided: Array<{ queue: string; evidenceId: string }> = [];
  const fakes = createFakes({ fetch: functionStub(config, decided), nowMs: Date.UTC(2019, 4, 6, 1, 0) });
  for (const [key, value] of Object.entries({ JOURNEY_URL: 'https://journey.example.vn', JOURNEY_SECRET: 'bench', JOURNEY_YEAR: String(YEAR) })) fakes.props.setProperty(key, value);
  fakes.sheets.active = fakes.sheets.create('Hành trình 2019 — Bảng tổng hợp');
  const bundle: Bundle = loadBundle(fakes.globals);
  bundle.setup();

  const map = fakes.props.sheetsMap(YEAR);
  if (!map) throw new Error('setup cached no sheets map');
  const queues = Object.entries(map.queues);
  const live = new Set(fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
  const spreadsheet = (id: string) => fakes.sheets.spreadsheets.find((s) => s.id === id);
  const decisionColumn = QUEUE_COLUMNS.indexOf('Đánh giá') + 1;
  const statusColumn = QUEUE_COLUMNS.indexOf('Trạng thái') + 1;
  // Every queue tab as the function left it: the header and 40 waiting entries.
  const ROWS = 40;
  for (const [queue, ref] of queues) {
    const sheet = spreadsheet(ref.spreadsheetId)?.getSheetByName(ref.sheetName);
    sheet?.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
    sheet?.getRange(2, 1, ROWS, QUEUE_COLUMNS.length).setValues(
      Array.from({ length: ROWS }, (_, r) => QUEUE_COLUMNS.map((title) => (title === 'Mã minh chứng' ? `ev-${queue}-${String(r)}` : title === 'Trạng thái' ? 'Chờ đánh giá' : ''))),
    );
  }
  const next = random(44);
  const runs: Record<string, number> = {};
  const calls: Record<string, number> = {};
  let seconds = 0;
  const run = (handler: string, fn: () => void): void => {
    const before = snapshot(fakes);
    fn();
    const after = snapshot(fakes);
    runs[handler] = (runs[handler] ?? 0) + 1;
    seconds += CALL_SECONDS.run;
    for (const [kind, count] of Object.entries(after)) {
      const made = count - (before[kind] ?? 0);
      calls[kind] = (calls[kind] ?? 0) + made;
      const cost = (CALL_SECONDS as Record<string, number>)[kind];
      if (cost !== undefined) seconds += made * cost;
    }
  };
  // Let the first poll read everything (it happens once, at install), then count the day.
  fakes.clock.advance(10 * 60_000);
  bundle.collectQueueDecisions();
  fakes.clock.advance(60_000);

  const pendingRewrites: Array<{ at: number; queue: string }> = [];
  let decisionsToType = 0;
  for (let minute = 0; minute < scenario.hours * 60; minute++) {
    fakes.clock.advance(60_000);
    // The function rewrites the rows it decided, and writes new entries, a minute after.
    for (const d of decided.splice(0)) pendingRewrites.push({ at: fakes.clock.nowMs + 60_000, queue: d.queue });
    while (pendingRewrites[0] && pendingRewrites[0].at <= fakes.clock.nowMs) {
      const rewrite = pendingRewrites.shift();
      const ref = rewrite ? map.queues[rewrite.queue] : undefined;
      if (ref) spreadsheet(ref.spreadsheetId)?.getSheetByName(ref.sheetName)?.getRange(2 + Math.floor(next() * ROWS), statusColumn).setValue('Đã xử lý: Đạt');
      // Half of the entries are in a second queue (BTV Đoàn Khối confirms them too): that row is rewritten as well.
      if (next() < 0.5) spreadsheet(map.queues.BTV_DOAN_KHOI?.spreadsheetId ?? '')?.touch();
    }
    for (let n = 0; n < scenario.newRowsPerHour / 60; n++) {
      const [, ref] = queues[Math.floor(next() * queues.length)] ?? [];
      if (ref) spreadsheet(ref.spreadsheetId)?.touch();
    }
    if (minute % (24 * 60) < scenario.workingHours * 60) decisionsToType += scenario.decisionsPerHour / 60;
    while (decisionsToType >= 1) {
      decisionsToType -= 1;
      const [queue, ref] = queues[Math.floor(next() * queues.length)] ?? [];
      if (!queue || !ref) continue;
      const target = spreadsheet(ref.spreadsheetId);
      const row = 2 + Math.floor(next() * ROWS);
      const a1 = `${String.fromCharCode(64 + decisionColumn)}${String(row)}`;
      if (target && live.has(ref.spreadsheetId)) {
        const event = fakes.sheets.edit(target, ref.sheetName, a1, 'Đạt', `bch@example.vn`);
        run('onQueueEdit', () => bundle.onQueueEdit(event));
      } else {
        target?.getSheetByName(ref.sheetName)?.getRange(row, decisionColumn).setValue('Đạt');
      }
    }
    // The schedules of apps-script/src/triggers.ts (SCHEDULES): drain every 15 minutes, poller every 10.
    if (minute % 15 === 0) run('drainRetryQueue', () => bundle.drainRetryQueue());
    if (minute % 10 === 0) run('collectQueueDecisions', () => bundle.collectQueueDecisions());
  }
  const perDay = 24 / scenario.hours;
  const scale = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v * perDay)]));
  return {
    scenario,
    runs: scale(runs),
    calls: scale(calls),
    seconds: seconds * perDay,
    fractionOfConsumer: (seconds * perDay) / CONSUMER_DAILY_SECONDS,
    liveSpreadsheets: live.size,
  };
}
