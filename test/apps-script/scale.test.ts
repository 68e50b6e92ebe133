// 200 queue spreadsheets (a city: 60 base unions with a Cấp ủy and a BCH queue each, 79 groups, BTV Đoàn Khối): setup
// installs its triggers, every Script Property stays under 9 kB and all of them under 500 kB, and the poller reads only
// the spreadsheets Drive says changed, many at once through the Sheets API, opening none.
import { describe, expect, it } from 'vitest';
import { QUEUE_COLUMNS } from '../../functions/src/contract/queue-sheet';
import { STORE_LIMIT_BYTES, VALUE_LIMIT_BYTES } from './fakes/properties';
import { realHttp } from './fakes/url-fetch';
import { yearConfig, yearConfigInput, YEAR } from './fixtures/year-config';
import { MINUTE, newSandbox, received, type Sandbox, useJourneyServer } from './harness';

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

async function citySandbox(): Promise<Sandbox> {
  const s = await newSandbox(journey.server, { config: cityConfig() });
  s.bundle.setup();
  return s;
}

function largestValue(s: Sandbox): { key: string; bytes: number } {
  let largest = { key: '', bytes: 0 };
  for (const [key, value] of s.fakes.props.data) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > largest.bytes) largest = { key, bytes };
  }
  return largest;
}

describe('200 queues', () => {
  it('setup creates and registers every spreadsheet and installs its triggers, within the Script Properties limits', async () => {
    const s = await citySandbox();
    const map = s.fakes.props.sheetsMap(YEAR);
    expect(Object.keys(map?.queues ?? {})).toHaveLength(200);
    const puts = (await received(journey.server, `/v1/years/${String(YEAR)}/sheets`)).filter((r) => r.body !== null);
    expect(Object.keys((puts.at(-1)?.body as { queues: object }).queues)).toHaveLength(200);

    // Triggers: the two form submits, the schedules, and edit triggers for as many spreadsheets as fit in 20.
    expect(s.fakes.scripts.triggers).toHaveLength(20);
    expect(s.fakes.scripts.byHandler('collectQueueDecisions')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('drainRetryQueue')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onRegistrationSubmit')).toHaveLength(1);
    expect(s.fakes.scripts.byHandler('onEvidenceSubmit')).toHaveLength(1);
    expect(s.fakes.log.messages('error')).toEqual([]);

    // No value grows with the number of queues: the largest is far under 9 kB, all of them far under 500 kB.
    expect(largestValue(s).bytes).toBeLessThan(VALUE_LIMIT_BYTES / 4);
    expect(s.fakes.props.bytes()).toBeLessThan(STORE_LIMIT_BYTES / 5);

    // A second run changes nothing and fits as well.
    const ids = s.fakes.scripts.triggers.map((t) => t.uniqueId).sort();
    s.bundle.setup();
    expect(s.fakes.scripts.triggers.map((t) => t.uniqueId).sort()).toEqual(ids);
    expect(s.fakes.sheets.spreadsheets).toHaveLength(201);
  });

  it('the poller reads every queue once, then only the spreadsheets Drive says changed: one Drive call and one fetchAll a run', async () => {
    const s = await citySandbox();
    const map = s.fakes.props.sheetsMap(YEAR);
    if (!map) throw new Error('no map');
    const live = new Set(s.fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
    const polled = Object.entries(map.queues).filter(([, ref]) => !live.has(ref.spreadsheetId));
    expect(polled.length).toBeGreaterThan(180);

    // What the function wrote into each queue tab: the header and one waiting row.
    for (const [queue, ref] of Object.entries(map.queues)) {
      const sheet = s.fakes.sheets.openById(ref.spreadsheetId).getSheetByName(ref.sheetName);
      sheet?.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
      sheet?.getRange(2, 1).setValue(`ev-${queue}`);
    }
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith(`journey.poll.at.${String(YEAR)}.`))).toHaveLength(polled.length + live.size);

    const opened = s.fakes.sheets.calls.openById;
    // Ten minutes later evaluators typed in three polled queues.
    await s.advance(10 * MINUTE);
    const typed = polled.slice(0, 3);
    const spreadsheet = (id: string) => s.fakes.sheets.spreadsheets.find((x) => x.id === id);
    for (const [, ref] of typed) {
      const sheet = spreadsheet(ref.spreadsheetId)?.getSheetByName(ref.sheetName);
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Đánh giá') + 1).setValue('Đạt');
    }
    await s.advance(10 * MINUTE);
    const read = s.fakes.sheetsApi.batchGet;
    const batches = s.fakes.fetch.batches.length;
    const driveCalls = s.fakes.drive.calls.length;
    s.bundle.collectQueueDecisions();
    // The three tabs read together (one fetchAll of three Sheets API reads, no spreadsheet opened), their three decisions
    // sent together (one fetchAll).
    expect(s.fakes.sheetsApi.batchGet - read).toBe(3);
    expect(s.fakes.fetch.batches.slice(batches)).toEqual([3, 3]);
    expect(s.fakes.drive.calls.length - driveCalls).toBe(1);
    const sent = (await received(journey.server, '/v1/evaluations')).map((r) => (r.body as { queue: string }).queue);
    expect(sent.sort()).toEqual(typed.map(([queue]) => queue).sort());

    // Nothing changed but the three rows the function rewrote after taking the decisions: those three are read again, once.
    for (const [, ref] of typed) spreadsheet(ref.spreadsheetId)?.touch();
    await s.advance(10 * MINUTE);
    s.bundle.collectQueueDecisions();
    await s.advance(10 * MINUTE);
    const before = s.fakes.sheetsApi.batchGet;
    s.bundle.collectQueueDecisions();
    expect(s.fakes.sheetsApi.batchGet).toBe(before);
    expect(s.fakes.sheets.calls.openById).toBe(opened);
  });

  it('stops before the 6-minute limit and resumes where it left off, sending each decision once', async () => {
    const s = await citySandbox();
    const map = s.fakes.props.sheetsMap(YEAR);
    if (!map) throw new Error('no map');
    const live = new Set(s.fakes.scripts.byHandler('onQueueEdit').map((t) => t.sourceId));
    const polled = Object.entries(map.queues).filter(([, ref]) => !live.has(ref.spreadsheetId));
    for (const [queue, ref] of polled) {
      const sheet = s.fakes.sheets.spreadsheets.find((x) => x.id === ref.spreadsheetId)?.getSheetByName(ref.sheetName);
      sheet?.getRange(1, 1, 1, QUEUE_COLUMNS.length).setValues([QUEUE_COLUMNS]);
      sheet?.getRange(2, 1).setValue(`ev-${queue}`);
      sheet?.getRange(2, QUEUE_COLUMNS.indexOf('Đánh giá') + 1).setValue('Đạt');
    }
    // Each fetchAll (a batch of reads or of sends) takes a minute: two batches of 20 tabs fit in the 4.5-minute budget.
    const fetchAll = s.fakes.fetch.fetchAll.bind(s.fakes.fetch);
    const http = realHttp();
    s.fakes.fetch.fetchAll = (requests) => {
      s.fakes.clock.advance(60_000);
      // The journey.server's clock moves too (it checks each signature's time).
      http({ url: `${journey.server.url}/__test/clock`, method: 'POST', headers: {}, body: JSON.stringify({ nowSeconds: Math.floor(s.fakes.clock.nowMs / 1000) }) });
      return fetchAll(requests);
    };
    const sentQueues = async (): Promise<string[]> =>
      (await received(journey.server, '/v1/evaluations')).filter((r) => r.status === 200).map((r) => (r.body as { queue: string }).queue);
    s.bundle.collectQueueDecisions();
    expect(await sentQueues()).toHaveLength(40);
    expect(s.fakes.log.messages('warn').join('\n')).toContain('Đã dừng để không vượt giới hạn 6 phút');
    for (let run = 0; run < 8; run++) {
      await s.advance(10 * MINUTE);
      s.bundle.collectQueueDecisions();
    }
    const sent = await sentQueues();
    expect([...sent].sort()).toEqual(polled.map(([queue]) => queue).sort());
    expect((await received(journey.server, '/v1/evaluations')).every((r) => (r.answer as { status: string }).status === 'accepted')).toBe(true);
  });

  it('without the Drive service it falls back to reading every queue without an edit trigger (still in batches of 20)', async () => {
    const s = await citySandbox();
    s.fakes.drive.failure = 'Exception: Drive API has not been enabled';
    s.bundle.collectQueueDecisions();
    await s.advance(10 * MINUTE);
    const read = s.fakes.sheetsApi.batchGet;
    s.bundle.collectQueueDecisions();
    expect(s.fakes.sheetsApi.batchGet - read).toBeGreaterThan(180);
    expect(s.fakes.log.messages('warn').join('\n')).toContain('Không hỏi được Google Drive');
  });
});
