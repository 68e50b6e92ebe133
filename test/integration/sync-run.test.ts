// POST /sync schedules a rebuild of every spreadsheet and answers at once; GET /sync follows the run, recorded in one
// small document as each spreadsheet's rebuild ends; the master spreadsheet shows it on Tổng hợp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/dev/client';
import { parseArgs } from '../../functions/cli/parse';
import { runCli } from '../../functions/cli/run';
import type { SyncStatus } from '../../functions/src/app/sheets';
import { SYNC_LINE_COLUMN } from '../../functions/src/views/tabs';
import { CONFIG, YEAR, evidence, registration } from './fixtures';
import { SECRET } from './harness';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

interface SyncAnswer {
  status: string;
  id: string;
  errors: unknown[];
  spreadsheets: number;
  scheduled: number;
  syncId: string;
  startedAt: string;
}

let stack: ViewsStack;
/** Signed calls that do not wait for the sheets after a sync (the harness's `send` does). */
let raw: JourneySend;

beforeAll(async () => {
  // Writes 50 ms apart: a sync of 7 spreadsheets takes most of a second, so what the answer precedes can be seen.
  stack = await startViewsStack({ writesPerMinute: 1_200 });
  raw = createJourneyClient(stack.url, SECRET, 'test');
  await stack.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
  await stack.send('POST', '/v1/registrations', registration());
  await stack.send('POST', '/v1/evidence', evidence());
  await stack.views.idle();
});
afterAll(async () => {
  await stack.stop();
});

const status = async (year = YEAR): Promise<{ status: number; body: SyncStatus }> =>
  raw<SyncStatus>('GET', `/v1/years/${year}/sync`);

function syncLine(): unknown {
  const master = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
  return master ? tabValues(master, 'Tổng hợp')[0]?.[SYNC_LINE_COLUMN] : undefined;
}

describe('a sync run', () => {
  it('is "none" before the first sync, and 404 for a year without a plan', async () => {
    expect((await status()).body).toEqual({ year: YEAR, status: 'none' });
    const unknown = await status(2031);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('year_not_found');
  });

  it('answers once scheduled, with API.md’s fields and the run’s, before the spreadsheets are written', async () => {
    const writesBefore = stack.writes.length;
    const answer = await raw<SyncAnswer>('POST', `/v1/years/${YEAR}/sync`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'accepted',
      id: `${YEAR}-sync`,
      errors: [],
      spreadsheets: 7,
      scheduled: 7,
    });
    expect(answer.body.syncId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
    // Nothing was rebuilt inside the request: at most the first write has gone out as it answered.
    expect(stack.writes.length - writesBefore).toBeLessThan(3);
    const running = (await status()).body;
    expect(running).toMatchObject({ status: 'running', syncId: answer.body.syncId, spreadsheets: 7, finishedAt: null });

    await stack.views.idle();
    const done = (await status()).body;
    expect(done).toMatchObject({ status: 'finished', syncId: answer.body.syncId, spreadsheets: 7, done: 7, failed: 0 });
    // Each rebuild: a structure write and a values write.
    expect(done.writes).toBe(14);
    expect(Date.parse(done.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.startedAt ?? ''));
  });

  it('shows its end on Tổng hợp, above the chart', () => {
    expect(syncLine()).toMatch(
      /^Đồng bộ lần cuối: bắt đầu \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, xong \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, 7\/7 bảng tính$/,
    );
  });

  it('counts a spreadsheet failing as failed, then done once its retry succeeds', async () => {
    stack.sheets.standIn.injectFaults({ rate: 1, statuses: [500] });
    const answer = await raw<SyncAnswer>('POST', `/v1/years/${YEAR}/sync`);
    let seen: SyncStatus | undefined;
    for (let i = 0; i < 200 && !(seen && (seen.failed ?? 0) > 0); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = (await status()).body;
    }
    expect(seen).toMatchObject({ status: 'running', syncId: answer.body.syncId });
    expect(seen?.failed).toBeGreaterThan(0);
    stack.sheets.standIn.clearFaults();
    await stack.views.idle();
    expect((await status()).body).toMatchObject({ status: 'finished', done: 7, failed: 0 });
    expect(syncLine()).toMatch(/, 7\/7 bảng tính$/);
  });

  it('keeps one small document whatever the number of members', async () => {
    for (let i = 0; i < 10; i += 1)
      await stack.send(
        'POST',
        '/v1/registrations',
        registration({ email: `more${i}@example.vn`, fullName: `Đoàn viên ${i}` }),
      );
    await stack.send('POST', `/v1/years/${YEAR}/sync`);
    const doc = (await stack.store.getViewState(YEAR, 'sync')) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual([
      'finishedAt',
      'shownAt',
      'startedAt',
      'states',
      'syncId',
      'total',
      'writes',
    ]);
    expect(Object.keys(doc.states as object)).toHaveLength(7);
  });
});

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET },
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      pause: () => new Promise((resolve) => setTimeout(resolve, 20)),
    },
  );
  return { code, out, err: err.join('\n') };
}

describe('the CLI', () => {
  it('sync schedules, then shows the progress in Vietnamese until it is done', async () => {
    const { code, out, err } = await cli(['sync', String(YEAR)]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      new RegExp(
        `^Đã lên lịch dựng lại 7 bảng tính của năm ${YEAR} từ dữ liệu gốc \\(mã lần đồng bộ \\d{8}T\\d{6}Z-[0-9a-f]{8}\\)\\.$`,
      ),
    );
    expect(out.at(-1)).toMatch(
      /^Đồng bộ xong 7\/7 bảng tính lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(bắt đầu .*, mất .*giây\), 14 lần ghi vào Google Sheets\.$/,
    );
    for (const line of out.slice(1, -1))
      expect(line).toMatch(/^Đang đồng bộ \(bắt đầu .*\): \d\/7 bảng tính xong, \d+ lần ghi vào Google Sheets\.$/);
  });

  it('sync --no-wait only schedules and says where to follow it; sync-status shows the run', async () => {
    const { code, out } = await cli(['sync', String(YEAR), '--no-wait']);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[1]).toContain(`sync-status ${YEAR}`);
    await stack.views.idle();
    const shown = await cli(['sync-status', String(YEAR)]);
    expect(shown.code).toBe(0);
    expect(shown.out.join('\n')).toMatch(/^Đồng bộ xong 7\/7 bảng tính lúc /);
    const json = await cli(['sync-status', String(YEAR), '--json']);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ year: YEAR, status: 'finished', done: 7 });
  });

  it('reads --no-wait only with sync, and a year it can use', () => {
    expect(parseArgs(['sync', '2019', '--no-wait'])).toEqual({
      ok: true,
      command: { kind: 'sync', year: 2019, wait: false, json: false },
    });
    expect(parseArgs(['results', '2019', '--no-wait'])).toEqual({
      ok: false,
      error: 'Tùy chọn --no-wait không dùng với lệnh "results".',
    });
    expect(parseArgs(['sync'])).toEqual({ ok: false, error: 'Thiếu năm.' });
  });

  it('answers 404 with a Vietnamese reason for a year without a plan', async () => {
    const { code, err } = await cli(['sync', '2031']);
    expect(code).toBe(1);
    expect(err).toContain('HTTP 404');
  });
});
