// 200 queue spreadsheets (a city: 60 base unions with a Cấp ủy and a BCH queue each, 79 groups, BTV Đoàn Khối), with
// Apps Script's limits enforced by the sandbox (each service call takes its time; an execution is stopped at 6 minutes,
// its `finally` blocks never run; the Sheets API refuses reads past 60 a minute): setup goes on over several executions
// and makes each spreadsheet once; every Script Property stays under 9 kB and all of them under 500 kB; the poller reads
// only the spreadsheets Drive says changed, at most 50 a minute through the Sheets API, opening none.
import { describe, expect, it } from 'vitest';
import { QUEUE_COLUMNS } from '../../functions/src/contract/queue-sheet';
import { STORE_LIMIT_BYTES, VALUE_LIMIT_BYTES } from './fakes/properties';
import { EXECUTION_LIMIT_MS } from './fakes/runtime';
import { peakReadsPerMinute } from './fakes/sheets-api';
import { FakeUi } from './fakes/spreadsheets';
import { yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { execution, MINUTE, newSandbox, received, type Sandbox, useJourneyServer } from './harness';

const journey = useJourneyServer();

const UNITS = Array.from({ length: 60 }, (_, i) => ({
  id: `DON_VI_${String(i + 1).padStart(2, '0')}`,
  name: `Đoàn cơ sở Sở, ngành số ${String(i + 1)}`,
  evaluators: { CAP_UY: [`capuy${String(i + 1)}@example.vn`], BCH_CO_SO: [`bch${String(i + 1)}@example.vn`] },
}));
const GROUPS = Array.from({ length: 79 }, (_, i) => ({
  id: `TO_CUM_${String(i + 1).padStart(2, '0')}`,
  name: `Tổ Cụm thi đua ${String(i + 1)}`,
  leader: `totruong${String(i + 1)}@example.vn`,
  supervisor: `giamsat${String(i + 1)}@example.vn`,
}));

function cityConfig(): unknown {
  return yearConfig({ ...yearConfigInput(), units: UNITS, groups: GROUPS });
}

function largestValue(s: Sandbox): { key: string; bytes: number } {
  let largest = { key: '', bytes: 0 };
  for (const [key, value] of s.fakes.props.data) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > largest.bytes) largest = { key, bytes };
  }
  return largest;
}

/** Runs the continuations Apps Script would fire, minute by minute, until none is armed; returns how many ran. */
async function runContinuations(s: Sandbox, limit = 60): Promise<number> {
  let ran = 0;
  for (let minute = 0; minute < limit; minute++) {
    if (s.fakes.scripts.byHandler('resumeWork').length === 0) return ran;
    await s.advance(MINUTE);
    ran += s.fireDue().length;
  }
  throw new Error(`work still pending after ${String(limit)} minutes`);
}

/** Setup from the menu, then its continuations until it is done. */
async function citySandbox(): Promise<Sandbox> {
  const s = await newSandbox(journey.server, { config: cityConfig() });
  execution(() => s.bundle.setup());
  await runContinuations(s);
  return s;
}

function polledQueues(s: Sandbox): Array<[string, { spreadsheetId: string; sheetName: string }]> {
  const map = s.fakes.props.sheetsMap(YEAR);
  if (!map) throw new Error('no map');
  const live = new Set(s.fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
  return Object.entries(map.queues).filter(([, ref]) => !live.has(ref.spreadsheetId));
}

/** What the function wrote into each queue tab: the header and one waiting row (optionally decided by its evaluator). */
function fillQueues(
  s: Sandbox,
  queues: ReadonlyArray<[string, { spreadsheetId: string; sheetName: string }]>,
  decided = false,
): void {
  for (const [queue, ref] of queues) {
    const sheet = s.fakes.sheets.spreadsheets.find((x) => x.id === ref.spreadsheetId)?.getSheetByName(ref.sheetName);
    sheet?.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
    sheet?.getRange(2, 1).setValue(`ev-${queue}`);
    if (decided) {
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Người xác nhận') + 1).setValue('danhgia@example.vn');
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Đánh giá') + 1).setValue('Đạt');
    }
  }
}

describe('setup at 200 queues', () => {
  it('goes on over several executions, none past 6 minutes, making each spreadsheet and sharing each once', async () => {
    const s = await newSandbox(journey.server, { config: cityConfig(), ui: true });
    expect(execution(() => s.bundle.setup())).toBe('ok');
    const first = (s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message ?? '';
    expect(first).toContain('Thiết lập năm 2019 chưa xong');
    expect(first).toContain('Phần còn lại sẽ tự chạy tiếp sau khoảng 1 phút');
    // One continuation is armed (a one-off time trigger).
    expect(s.fakes.scripts.byHandler('resumeWork')).toHaveLength(1);
    s.bundle.showStatus();
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toMatch(
      /Thiết lập biểu mẫu và bảng tính \(từ [^)]+\): biểu mẫu 2\/2, bảng tính hàng chờ \d+\/200/,
    );

    const continuations = await runContinuations(s);
    expect(continuations).toBeGreaterThanOrEqual(2);
    expect(s.fakes.runtime.executions.every((e) => e.outcome === 'ok')).toBe(true);
    expect(s.fakes.runtime.longest()).toBeLessThanOrEqual(EXECUTION_LIMIT_MS);

    const map = s.fakes.props.sheetsMap(YEAR);
    expect(Object.keys(map?.queues ?? {})).toHaveLength(200);
    // Each spreadsheet made once; each evaluator (and the service account) added once to each spreadsheet.
    expect(s.fakes.sheets.spreadsheets).toHaveLength(201);
    // Master: BTV ×2 and the service account; 120 unit queues: one evaluator and the service account; 79 Tổ: leader,
    // supervisor and the service account; BTV's queue: BTV ×2 and the service account.
    expect(s.fakes.sheets.calls.addEditor).toBe(3 + 120 * 2 + 79 * 3 + 3);
    // Registered and synced once, with all 200.
    const puts = (await received(journey.server, `/v1/years/${String(YEAR)}/sheets`)).filter((r) => r.body !== null);
    expect(puts).toHaveLength(1);
    expect(Object.keys((puts[0]?.body as { queues: object }).queues)).toHaveLength(200);
    expect(await received(journey.server, `/v1/years/${String(YEAR)}/sync`)).toHaveLength(1);
    expect(s.fakes.forms.forms).toHaveLength(2);
    expect(s.fakes.forms.forms.every((f) => f.published && f.accepting)).toBe(true);

    // Triggers: the two form submits, the schedules, edit triggers for as many spreadsheets as fit in 19 (one slot
    // stays free for a continuation); no continuation left once done.
    expect(s.fakes.scripts.triggers).toHaveLength(19);
    expect(s.fakes.scripts.byHandler('resumeWork')).toEqual([]);
    expect(s.fakes.scripts.byHandler('collectQueueDecisions')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('drainRetryQueue')).toHaveLength(1);
    expect(s.fakes.log.messages('error')).toEqual([]);

    // No value grows with the number of queues: the largest is far under 9 kB, all of them far under 500 kB.
    expect(largestValue(s).bytes).toBeLessThan(VALUE_LIMIT_BYTES / 4);
    expect(s.fakes.props.bytes()).toBeLessThan(STORE_LIMIT_BYTES / 5);
    s.bundle.showStatus();
    expect((s.fakes.sheets.ui as FakeUi).alerts.at(-1)?.message).toContain('Không có việc nào đang chờ chạy tiếp.');
  });

  it('a unit Apps Script stops at 6 minutes (no finally runs) is taken up by the next run: the lease it held is released, nothing made twice', async () => {
    const s = await newSandbox(journey.server, { config: cityConfig() });
    // The function is slow to answer the registration (two minutes): the execution that sends it is stopped at 6 minutes.
    const handler = s.fakes.fetch.handler;
    let slow = true;
    s.fakes.fetch.handler = (request) => {
      if (slow && request.method === 'PUT' && request.url.endsWith(`/v1/years/${String(YEAR)}/sheets`)) {
        slow = false;
        s.fakes.runtime.sleep(5.5 * MINUTE);
      }
      return handler(request);
    };
    execution(() => s.bundle.setup());
    for (let minute = 0; minute < 60 && !s.fakes.runtime.executions.some((e) => e.outcome === 'stopped'); minute++) {
      await s.advance(MINUTE);
      s.fireDue();
    }
    const stopped = s.fakes.runtime.executions.find((e) => e.outcome === 'stopped');
    expect(stopped).toBeDefined();
    expect((stopped?.endedMs ?? 0) - (stopped?.startedMs ?? 0)).toBe(EXECUTION_LIMIT_MS);
    // Its finally never ran: the lease is still in the store, and its run is still marked running.
    expect(s.fakes.props.getProperty('journey.lease.setup')).not.toBeNull();
    expect(s.fakes.props.getKeys().some((k) => k.startsWith('journey.running.'))).toBe(true);

    await runContinuations(s);
    expect(s.fakes.props.getProperty('journey.lease.setup')).toBeNull();
    expect(s.fakes.log.messages('warn').join('\n')).toContain('đã bị Apps Script dừng giữa chừng');
    expect(s.fakes.sheets.spreadsheets).toHaveLength(201);
    expect(Object.keys(s.fakes.props.sheetsMap(YEAR)?.queues ?? {})).toHaveLength(200);
    // The stopped run counted at the 6 minutes Apps Script charged for it.
    s.fakes.sheets.ui = new FakeUi();
    s.bundle.showTriggerUsage();
    expect(s.fakes.sheets.ui.alerts.at(-1)?.message).toContain('1 lượt bị Apps Script dừng ở giới hạn 6 phút');
  });
});

describe('the poller at 200 queues', () => {
  it('reads the tabs of the first poll after setup at most 25 a minute (the default), over several runs, opening none and getting no 429', async () => {
    const s = await citySandbox();
    const polled = polledQueues(s);
    expect(polled.length).toBeGreaterThan(180);
    fillQueues(s, Object.entries(s.fakes.props.sheetsMap(YEAR)?.queues ?? {}));
    await s.advance(10 * MINUTE);
    const opened = s.fakes.sheets.calls.openById;
    const reads = s.fakes.sheetsApi.batchGet;
    execution(() => s.bundle.collectQueueDecisions());
    expect(s.fakes.sheetsApi.batchGet - reads).toBe(25);
    await runContinuations(s);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith(`journey.poll.at.${String(YEAR)}.`))).toHaveLength(200);
    expect(s.fakes.sheetsApi.batchGet - reads).toBe(200);
    expect(s.fakes.sheetsApi.refused).toBe(0);
    expect(peakReadsPerMinute(s.fakes.sheetsApi.times)).toBeLessThanOrEqual(25);
    expect(s.fakes.sheets.calls.openById).toBe(opened);

    // Ten minutes later evaluators typed in three polled queues: only those are read, together, and sent together.
    await s.advance(10 * MINUTE);
    const typed = polled.slice(0, 3);
    for (const [, ref] of typed) {
      const sheet = s.fakes.sheets.spreadsheets.find((x) => x.id === ref.spreadsheetId)?.getSheetByName(ref.sheetName);
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Người xác nhận') + 1).setValue('danhgia@example.vn');
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Đánh giá') + 1).setValue('Đạt');
    }
    await s.advance(10 * MINUTE);
    const read = s.fakes.sheetsApi.batchGet;
    const batches = s.fakes.fetch.batches.length;
    const driveCalls = s.fakes.drive.calls.length;
    s.bundle.collectQueueDecisions();
    expect(s.fakes.sheetsApi.batchGet - read).toBe(3);
    expect(s.fakes.fetch.batches.slice(batches)).toEqual([3, 3]);
    expect(s.fakes.drive.calls.length - driveCalls).toBe(1);
    const sent = (await received(journey.server, '/v1/evaluations')).map((r) => (r.body as { queue: string }).queue);
    expect(sent.sort()).toEqual(typed.map(([queue]) => queue).sort());
    expect(s.fakes.sheets.calls.openById).toBe(opened);
  });

  it('a 429 from the Sheets API is waited out (Retry-After), never answered by opening spreadsheets one by one', async () => {
    const s = await citySandbox();
    const polled = polledQueues(s);
    fillQueues(s, polled, true);
    await s.advance(10 * MINUTE);
    // Someone else used 45 of the account's 60 reads of this minute: the 16th read of the poll gets 429.
    s.fakes.sheetsApi.times.push(...Array.from({ length: 45 }, () => s.fakes.clock.nowMs));
    const opened = s.fakes.sheets.calls.openById;
    execution(() => s.bundle.collectQueueDecisions());
    expect(s.fakes.sheetsApi.refused).toBeGreaterThan(0);
    expect(s.fakes.sheetsApi.refused).toBeLessThanOrEqual(20);
    expect(s.fakes.sheets.calls.openById).toBe(opened);
    expect(s.fakes.log.messages('warn').join('\n')).toContain('Đã đọc đủ số lượt Sheets API cho phép trong một phút');

    await runContinuations(s);
    const refused = s.fakes.sheetsApi.refused;
    expect(refused).toBeLessThanOrEqual(20);
    expect(s.fakes.sheets.calls.openById).toBe(opened);
    const sent = (await received(journey.server, '/v1/evaluations'))
      .filter((r) => r.status === 200)
      .map((r) => (r.body as { queue: string }).queue);
    expect([...sent].sort()).toEqual(polled.map(([queue]) => queue).sort());
  });

  it('stops within its budget and goes on a minute later, sending each decision once', async () => {
    const s = await citySandbox();
    const polled = polledQueues(s);
    fillQueues(s, polled, true);
    // Each fetchAll (a batch of reads or of sends) takes a minute.
    const fetchAll = s.fakes.fetch.fetchAll.bind(s.fakes.fetch);
    s.fakes.fetch.fetchAll = (requests) => {
      s.fakes.runtime.sleep(60_000);
      return fetchAll(requests);
    };
    const sentQueues = async (): Promise<string[]> =>
      (await received(journey.server, '/v1/evaluations'))
        .filter((r) => r.status === 200)
        .map((r) => (r.body as { queue: string }).queue);
    expect(execution(() => s.bundle.collectQueueDecisions())).toBe('ok');
    expect((await sentQueues()).length).toBeLessThan(polled.length);
    expect(s.fakes.log.messages('warn').join('\n')).toMatch(
      /Đã dừng để không vượt giới hạn 6 phút|Đã đọc đủ số lượt Sheets API/,
    );
    await runContinuations(s);
    expect(s.fakes.runtime.longest()).toBeLessThanOrEqual(EXECUTION_LIMIT_MS);
    const sent = await sentQueues();
    expect([...sent].sort()).toEqual(polled.map(([queue]) => queue).sort());
    expect(
      (await received(journey.server, '/v1/evaluations')).every(
        (r) => (r.answer as { status: string }).status === 'accepted',
      ),
    ).toBe(true);
  });

  it('without the Drive service it reads every queue without an edit trigger, still at the pace of the read quota', async () => {
    const s = await citySandbox();
    s.fakes.drive.failure = 'Exception: Drive API has not been enabled';
    execution(() => s.bundle.collectQueueDecisions());
    await runContinuations(s);
    await s.advance(10 * MINUTE);
    const read = s.fakes.sheetsApi.batchGet;
    execution(() => s.bundle.collectQueueDecisions());
    await runContinuations(s);
    expect(s.fakes.sheetsApi.batchGet - read).toBeGreaterThan(180);
    expect(peakReadsPerMinute(s.fakes.sheetsApi.times)).toBeLessThanOrEqual(25);
    expect(s.fakes.log.messages('warn').join('\n')).toContain('Không hỏi được Google Drive');
  });

  it('paces at the one setting JOURNEY_SHEETS_READS_PER_MINUTE, and refuses a value past 50', async () => {
    const s = await citySandbox();
    fillQueues(s, Object.entries(s.fakes.props.sheetsMap(YEAR)?.queues ?? {}));
    s.fakes.props.setProperty('JOURNEY_SHEETS_READS_PER_MINUTE', '40');
    await s.advance(10 * MINUTE);
    const reads = s.fakes.sheetsApi.batchGet;
    execution(() => s.bundle.collectQueueDecisions());
    expect(s.fakes.sheetsApi.batchGet - reads).toBe(40);
    await runContinuations(s);
    expect(peakReadsPerMinute(s.fakes.sheetsApi.times.slice(-160))).toBeLessThanOrEqual(40);
    s.fakes.props.setProperty('JOURNEY_SHEETS_READS_PER_MINUTE', '70');
    expect(() => s.bundle.collectQueueDecisions()).toThrow(/phải là một số từ 1 đến 50/);
  });
});
