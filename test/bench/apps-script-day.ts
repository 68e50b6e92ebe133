// A day of the Apps Script project at 200 queues, run in the vm sandbox against an in-process function, with Apps
// Script's limits as the sandbox enforces them (runtime.ts: each service call takes its time, an execution is stopped at
// 6 minutes; the Sheets API refuses reads past 60 a minute): every trigger fires on schedule (drain every 15 minutes,
// poller every 10, continuations when they are armed), members submit evidence through the form (50,000 members × 10
// entries a year ≈ 1,850 a day at the busiest), evaluators type 50 decisions an hour into random queues — picking their
// e-mail in 'Người xác nhận' first, then the decision (the spreadsheets with a live edit trigger get onQueueEdit for
// both) — and the function rewrites each decided row a minute later. The figures are what the sandbox counted: trigger
// run time (the executions' own time), Script Properties calls, UrlFetch calls, and Sheets API reads in any minute,
// each against its quota on a consumer account and on Google Workspace.
import { buildBundle, fireDueTriggers, loadBundle, type Bundle } from '../apps-script/bundle';
import { createFakes, type Fakes } from '../apps-script/fakes';
import type { Answer } from '../apps-script/fakes/forms';
import { CALL_MS, DAILY_QUOTAS, type QuotaService } from '../apps-script/fakes/runtime';
import { peakReadsPerMinute, SHEETS_READS_PER_MINUTE } from '../apps-script/fakes/sheets-api';
import type { FetchHandler, FetchRequest } from '../apps-script/fakes/url-fetch';
import { yearConfig, yearConfigInput, YEAR } from '../apps-script/fixtures/year-config';
import { QUEUE_COLUMNS } from '../../functions/src/contract/queue-sheet';

export { CALL_MS };

/** Trigger run time a day (Google's quotas page): 90 minutes on a consumer account, 6 hours on Google Workspace. */
export const TRIGGER_SECONDS_A_DAY = { consumer: 90 * 60, workspace: 6 * 60 * 60 } as const;

export interface DayScenario {
  queues: number;
  decisionsPerHour: number;
  /** Hours of the day (from 08:00) evaluators work in; 24: around the clock. */
  workingHours: number;
  /** New evidence rows the function writes into queue spreadsheets per hour (each touches its spreadsheet). */
  newRowsPerHour: number;
  /** Evidence submitted through the form in the day (each a form-submit trigger run and a call to the function). */
  submissionsPerDay: number;
  hours: number;
}

export interface Quota {
  used: number;
  consumer: number;
  workspace: number;
}

export interface DayFigures {
  scenario: DayScenario;
  runs: Record<string, number>;
  calls: Record<string, number>;
  /** Trigger run time, in seconds, as the executions took it. */
  triggerSeconds: Quota;
  propertiesCalls: Quota;
  urlFetchCalls: Quota;
  /** The most Sheets API reads in any 60 seconds (Google: 60 a minute per user, either account). */
  sheetsReadsPerMinute: Quota;
  /** Reads Google refused (429): 0 when the pace holds. */
  sheetsRefused: number;
  /** The longest execution of the day, in ms (Apps Script stops one at 6 minutes). */
  longestMs: number;
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

/** The function, in process: serves the plan and the registry, accepts every submission, and remembers decisions. */
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
    if (path.endsWith('/inbox/known')) {
      const body = JSON.parse(request.body) as { responseIds: string[] };
      return ok({ known: body.responseIds });
    }
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

/** Calls counted against a daily quota so far, all days. */
function quotaTotal(f: Fakes, service: QuotaService): number {
  return [...f.runtime.daily.values()].reduce((sum, day) => sum + day[service], 0);
}

/** A deterministic pseudo-random sequence (the same day every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Answers by the start of an item's title, as a person sees the form. */
function answersByTitle(
  fakes: Fakes,
  formTitle: string,
  answers: ReadonlyArray<readonly [string, Answer]>,
): Array<[number, Answer]> {
  const form = fakes.forms.formByTitle(formTitle);
  return answers.map(([title, value]) => {
    const item = form.items.find(
      (i) => i.title.startsWith(title) && i.type !== 'PAGE_BREAK' && i.type !== 'SECTION_HEADER',
    );
    if (!item) throw new Error(`no question "${title}…"`);
    return [item.id, value];
  });
}

function quota(used: number, limits: { consumer: number; workspace: number }): Quota {
  return { used, consumer: used / limits.consumer, workspace: used / limits.workspace };
}

export function simulateDay(scenario: DayScenario): DayFigures {
  buildBundle();
  const groups = scenario.queues - 1 - 2 * 60;
  const config = cityConfig(60, groups);
  const decided: Array<{ queue: string; evidenceId: string }> = [];
  // Google Workspace, so that no daily quota stops the day; the figures are then set against both accounts' quotas.
  const fakes = createFakes({
    fetch: functionStub(config, decided),
    nowMs: Date.UTC(2019, 4, 6, 1, 0),
    costs: true,
    account: { kind: 'workspace', domain: 'doankhoi.example.vn' },
  });
  for (const [key, value] of Object.entries({ JOURNEY_URL: 'https://journey.example.vn', JOURNEY_YEAR: String(YEAR) }))
    fakes.props.setProperty(key, value);
  // The signing secret lives in the installing account's User Properties (apps-script/src/credentials.ts).
  fakes.userProps.of(fakes.owner).setProperty('JOURNEY_SECRET', 'bench');
  fakes.sheets.active = fakes.sheets.create('Hành trình 2019 — Bảng tổng hợp');
  const bundle: Bundle = loadBundle(fakes.globals, fakes.runtime);
  const settle = (): void => {
    // Setup (and the first poll) spread over several executions: their continuations, minute by minute.
    for (let minute = 0; minute < 120 && fakes.scripts.byHandler('resumeWork').length > 0; minute++) {
      fakes.clock.advance(60_000);
      fireDueTriggers(fakes, bundle);
    }
  };
  bundle.setup();
  settle();

  const map = fakes.props.sheetsMap(YEAR);
  if (!map) throw new Error('setup cached no sheets map');
  const queues = Object.entries(map.queues);
  const live = new Set(fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
  const spreadsheet = (id: string) => fakes.sheets.spreadsheets.find((s) => s.id === id);
  const decisionColumn = QUEUE_COLUMNS.indexOf('Đánh giá') + 1;
  const confirmerColumn = QUEUE_COLUMNS.indexOf('Người xác nhận') + 1;
  const statusColumn = QUEUE_COLUMNS.indexOf('Trạng thái') + 1;
  const letter = (column: number): string => String.fromCharCode(64 + column);
  // Every queue tab as the function left it: the header and 40 waiting entries.
  const ROWS = 40;
  for (const [queue, ref] of queues) {
    const sheet = spreadsheet(ref.spreadsheetId)?.getSheetByName(ref.sheetName);
    sheet?.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
    sheet
      ?.getRange(2, 1, ROWS, QUEUE_COLUMNS.length)
      .setValues(
        Array.from({ length: ROWS }, (_, r) =>
          QUEUE_COLUMNS.map((title) =>
            title === 'Mã minh chứng' ? `ev-${queue}-${String(r)}` : title === 'Trạng thái' ? 'Chờ đánh giá' : '',
          ),
        ),
      );
  }
  // The first poll after setup reads every tab (at the pace of the read quota, over several runs), then the day counts.
  fakes.clock.advance(10 * 60_000);
  bundle.collectQueueDecisions();
  settle();
  fakes.clock.advance(60_000);

  const evidence = answersByTitle(fakes, 'Báo cáo minh chứng', [
    [
      'Nhiệm vụ',
      (config as { tasks: Array<{ code: string; title: string }> }).tasks
        .filter((t) => t.code === 'RL2')
        .map((t) => `${t.code} — ${t.title}`)[0] ?? '',
    ],
    ['Ngày diễn ra hoạt động', '2019-05-05'],
    ['Mô tả hoạt động', 'Tham gia hiến máu tình nguyện tại Nhà văn hóa Thanh niên.'],
    ['Đường dẫn minh chứng', 'https://drive.google.com/file/d/1AbC/view'],
  ]);
  const evidenceForm = fakes.forms.formByTitle('Báo cáo minh chứng');

  const next = random(44);
  const runs: Record<string, number> = {};
  const calls: Record<string, number> = {};
  const executionsBefore = fakes.runtime.executions.length;
  const readsFrom = fakes.sheetsApi.times.length;
  const refusedBefore = fakes.sheetsApi.refused;
  const propertiesBefore = quotaTotal(fakes, 'properties');
  const urlFetchBefore = quotaTotal(fakes, 'urlFetch');
  const callsBefore = snapshot(fakes);
  const run = (handler: string, fn: () => void): void => {
    fn();
    runs[handler] = (runs[handler] ?? 0) + 1;
  };
  const start = fakes.clock.nowMs;

  const pendingRewrites: Array<{ at: number; queue: string }> = [];
  let decisionsToType = 0;
  let submissionsToMake = 0;
  for (let minute = 0; minute < scenario.hours * 60; minute++) {
    // The day's minutes; an execution that ran on is not undone (the clock only moves forward).
    fakes.clock.nowMs = Math.max(fakes.clock.nowMs, start + minute * 60_000);
    // The function rewrites the rows it decided, and writes new entries, a minute after.
    for (const d of decided.splice(0)) pendingRewrites.push({ at: fakes.clock.nowMs + 60_000, queue: d.queue });
    while (pendingRewrites[0] && pendingRewrites[0].at <= fakes.clock.nowMs) {
      const rewrite = pendingRewrites.shift();
      const ref = rewrite ? map.queues[rewrite.queue] : undefined;
      if (ref)
        spreadsheet(ref.spreadsheetId)
          ?.getSheetByName(ref.sheetName)
          ?.getRange(2 + Math.floor(next() * ROWS), statusColumn)
          .setValue('Đã xử lý: Đạt');
      // Half of the entries are in a second queue (BTV Đoàn Khối confirms them too): that row is rewritten as well.
      if (next() < 0.5) spreadsheet(map.queues.BTV_DOAN_KHOI?.spreadsheetId ?? '')?.touch();
    }
    for (let n = 0; n < scenario.newRowsPerHour / 60; n++) {
      const [, ref] = queues[Math.floor(next() * queues.length)] ?? [];
      if (ref) spreadsheet(ref.spreadsheetId)?.touch();
    }
    submissionsToMake += scenario.submissionsPerDay / (24 * 60);
    while (submissionsToMake >= 1) {
      submissionsToMake -= 1;
      const response = evidenceForm.submit(
        `doanvien${String(Math.floor(next() * 50_000))}@example.vn`,
        evidence,
        new Date(fakes.clock.nowMs),
      );
      run('onEvidenceSubmit', () =>
        bundle.onEvidenceSubmit({ response, source: evidenceForm, authMode: 'FULL', triggerUid: 'trigger-form' }),
      );
    }
    if (minute % (24 * 60) < scenario.workingHours * 60) decisionsToType += scenario.decisionsPerHour / 60;
    while (decisionsToType >= 1) {
      decisionsToType -= 1;
      const [queue, ref] = queues[Math.floor(next() * queues.length)] ?? [];
      if (!queue || !ref) continue;
      const target = spreadsheet(ref.spreadsheetId);
      const row = 2 + Math.floor(next() * ROWS);
      if (target && live.has(ref.spreadsheetId)) {
        // The evaluator picks their e-mail, then the decision: two edits, two runs of the edit trigger.
        const named = fakes.sheets.edit(
          target,
          ref.sheetName,
          `${letter(confirmerColumn)}${String(row)}`,
          'danhgia@example.vn',
          'danhgia@example.vn',
        );
        run('onQueueEdit', () => bundle.onQueueEdit(named));
        const decision = fakes.sheets.edit(
          target,
          ref.sheetName,
          `${letter(decisionColumn)}${String(row)}`,
          'Đạt',
          'danhgia@example.vn',
        );
        run('onQueueEdit', () => bundle.onQueueEdit(decision));
      } else {
        const sheet = target?.getSheetByName(ref.sheetName);
        sheet?.getRange(row, confirmerColumn).setValue('danhgia@example.vn');
        sheet?.getRange(row, decisionColumn).setValue('Đạt');
      }
    }
    // The schedules of apps-script/src/triggers.ts (SCHEDULES): drain every 15 minutes, poller every 10; continuations when armed.
    if (minute % 15 === 0) run('drainRetryQueue', () => bundle.drainRetryQueue());
    if (minute % 10 === 0) run('collectQueueDecisions', () => bundle.collectQueueDecisions());
    for (const fired of fireDueTriggers(fakes, bundle)) runs[fired.handler] = (runs[fired.handler] ?? 0) + 1;
  }
  const after = snapshot(fakes);
  for (const [kind, count] of Object.entries(after)) calls[kind] = count - (callsBefore[kind] ?? 0);
  const day = fakes.runtime.executions.slice(executionsBefore);
  const perDay = 24 / scenario.hours;
  const triggerSeconds = (day.reduce((sum, e) => sum + (e.endedMs - e.startedMs), 0) / 1000) * perDay;
  const scale = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v * perDay)]));
  const peak = peakReadsPerMinute(fakes.sheetsApi.times.slice(readsFrom));
  return {
    scenario,
    runs: scale(runs),
    calls: scale(calls),
    triggerSeconds: quota(triggerSeconds, TRIGGER_SECONDS_A_DAY),
    propertiesCalls: quota((quotaTotal(fakes, 'properties') - propertiesBefore) * perDay, {
      consumer: DAILY_QUOTAS.consumer.properties,
      workspace: DAILY_QUOTAS.workspace.properties,
    }),
    urlFetchCalls: quota((quotaTotal(fakes, 'urlFetch') - urlFetchBefore) * perDay, {
      consumer: DAILY_QUOTAS.consumer.urlFetch,
      workspace: DAILY_QUOTAS.workspace.urlFetch,
    }),
    sheetsReadsPerMinute: quota(peak, { consumer: SHEETS_READS_PER_MINUTE, workspace: SHEETS_READS_PER_MINUTE }),
    sheetsRefused: fakes.sheetsApi.refused - refusedBefore,
    longestMs: Math.max(0, ...day.map((e) => e.endedMs - e.startedMs)),
    liveSpreadsheets: live.size,
  };
}
