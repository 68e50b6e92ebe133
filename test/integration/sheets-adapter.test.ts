// The Sheets adapter over the real SDK and the local stand-in: typed calls, its own retry policy, coded errors.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { sheets_v4 } from '@googleapis/sheets';
import { NO_WRITE_QUOTA, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import {
  SheetsError,
  backoffDelay,
  createSheetsClient,
  isIdempotentBatch,
  parseRetryAfter,
  type RetryInfo,
  type SheetsClient,
  type SheetsClientConfig,
} from '../../functions/src/adapters/sheets';

let running: RunningSheetsStandIn;

beforeAll(async () => {
  // The retry tests send bursts of writes on purpose and count every 429 as an injected fault.
  running = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
});

afterAll(async () => {
  await running.close();
});

beforeEach(() => {
  running.standIn.reset();
  running.standIn.resetStats();
  running.standIn.clearFaults();
});

interface Harness {
  client: SheetsClient;
  sleeps: number[];
  retries: RetryInfo[];
}

/** A client on the stand-in whose waits are recorded instead of slept, so retries cost no time. */
function harness(overrides: Partial<SheetsClientConfig> = {}): Harness {
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const client = createSheetsClient({
    rootUrl: running.url,
    retry: { retries: 5, baseDelayMs: 100, maxDelayMs: 2_000 },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, sleeps, retries };
}

async function rejection(promise: Promise<unknown>): Promise<SheetsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SheetsError);
    return error as SheetsError;
  }
  throw new Error('expected the call to fail');
}

describe('typed operations', () => {
  it('creates a spreadsheet with its tabs in order and gets it back', async () => {
    const { client } = harness();
    const created = await client.create('Hành trình 2025', ['Đăng ký', 'Kết quả']);
    expect(created.title).toBe('Hành trình 2025');
    expect(created.tabs.map((t) => [t.title, t.index, t.rowCount, t.columnCount])).toEqual([
      ['Đăng ký', 0, 1000, 26],
      ['Kết quả', 1, 1000, 26],
    ]);
    expect(created.url).toBe(`${running.url}${created.spreadsheetId}`);
    expect(await client.get(created.spreadsheetId)).toEqual(created);
  });

  it('writes RAW by default (a formula-looking string stays text) and reads typed values', async () => {
    const { client } = harness();
    const { spreadsheetId } = await client.create('Sổ', ['Kết quả']);
    const written = await client.valuesBatchUpdate(spreadsheetId, [
      { range: "'Kết quả'!A1", values: [['Họ tên', 'Điểm', 'Ghi chú']] },
      { range: "'Kết quả'!A2:C2", values: [['Nguyễn Văn A', 8.5, '=IMPORTXML("http://x")']] },
    ]);
    expect(written).toEqual({ updatedCells: 6 });
    expect(await client.valuesGet(spreadsheetId, "'Kết quả'!A1:D9")).toEqual([
      ['Họ tên', 'Điểm', 'Ghi chú'],
      ['Nguyễn Văn A', 8.5, '=IMPORTXML("http://x")'],
    ]);
    expect(running.standIn.getSpreadsheet(spreadsheetId)?.tabs[0]?.values[1]?.[2]).toBe('=IMPORTXML("http://x")');
    expect(await client.valuesGet(spreadsheetId, "'Kết quả'!B2", 'FORMATTED_VALUE')).toEqual([['8.5']]);
  });

  it('clears, appends and runs structural batch updates', async () => {
    const { client } = harness();
    const { spreadsheetId, tabs } = await client.create('Sổ', ['Nhật ký']);
    const sheetId = tabs[0]?.sheetId ?? -1;
    await client.valuesBatchUpdate(spreadsheetId, [
      {
        range: 'Nhật ký!A1',
        values: [
          ['Mã', 'Việc'],
          ['1', 'Họp'],
        ],
      },
    ]);
    const appended = await client.valuesAppend(spreadsheetId, 'Nhật ký!A:B', [['2', 'Viết báo cáo']]);
    expect(appended).toEqual({ updatedRange: "'Nhật ký'!A3:B3", updatedRows: 1 });
    expect(await client.valuesClear(spreadsheetId, 'Nhật ký!B2:B3')).toEqual({ clearedRange: "'Nhật ký'!B2:B3" });
    expect(await client.valuesGet(spreadsheetId, 'Nhật ký')).toEqual([['Mã', 'Việc'], ['1'], ['2']]);

    const replies = await client.batchUpdate(spreadsheetId, [
      {
        updateSheetProperties: {
          properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
          fields: 'gridProperties.frozenRowCount',
        },
      },
      { addSheet: { properties: { title: 'Tổng hợp' } } },
    ]);
    expect(replies[0]).toEqual({});
    expect(replies[1]?.addSheet?.properties?.title).toBe('Tổng hợp');
    const after = await client.get(spreadsheetId);
    expect(after.tabs.map((t) => [t.title, t.frozenRowCount])).toEqual([
      ['Nhật ký', 1],
      ['Tổng hợp', 0],
    ]);
  });

  it('reports each tab’s protections, charts and rules, so a full sync can remove them first', async () => {
    const { client } = harness();
    const { spreadsheetId } = await client.create('Sổ', ['Tổng hợp']);
    const sheetId = (await client.get(spreadsheetId)).tabs[0]?.sheetId ?? -1;
    await client.valuesBatchUpdate(spreadsheetId, [
      {
        range: 'Tổng hợp!A1',
        values: [
          ['Đơn vị', 'Số'],
          ['A', 3],
        ],
      },
    ]);
    const replies = await client.batchUpdate(spreadsheetId, [
      { addProtectedRange: { protectedRange: { range: { sheetId }, description: 'Chỉ hệ thống ghi' } } },
      {
        addChart: {
          chart: {
            spec: {
              basicChart: {
                chartType: 'COLUMN',
                series: [
                  { series: { sourceRange: { sources: [{ sheetId, startColumnIndex: 1, endColumnIndex: 2 }] } } },
                ],
              },
            },
            position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 1, columnIndex: 3 } } },
          },
        },
      },
      {
        addConditionalFormatRule: {
          index: 0,
          rule: {
            ranges: [{ sheetId }],
            booleanRule: { condition: { type: 'NOT_BLANK' }, format: { backgroundColor: { red: 1 } } },
          },
        },
      },
    ]);
    const protectedRangeId = replies[0]?.addProtectedRange?.protectedRange?.protectedRangeId ?? -1;
    const chartId = replies[1]?.addChart?.chart?.chartId ?? -1;
    const before = (await client.get(spreadsheetId)).tabs[0];
    expect(before).toMatchObject({
      protectedRangeIds: [protectedRangeId],
      chartIds: [chartId],
      conditionalFormatCount: 1,
    });

    await client.batchUpdate(spreadsheetId, [
      { updateCells: { range: { sheetId }, fields: 'userEnteredValue,dataValidation' } },
      { deleteProtectedRange: { protectedRangeId } },
      { deleteEmbeddedObject: { objectId: chartId } },
      { deleteConditionalFormatRule: { sheetId, index: 0 } },
    ]);
    const after = (await client.get(spreadsheetId)).tabs[0];
    expect(after).toMatchObject({ protectedRangeIds: [], chartIds: [], conditionalFormatCount: 0 });
    expect(await client.valuesGet(spreadsheetId, 'Tổng hợp')).toEqual([]);
  });
});

describe('errors are coded SheetsErrors, never GaxiosErrors', () => {
  it('maps a bad range to sheets_bad_request with Google’s message, not retried', async () => {
    const { client, retries } = harness();
    const { spreadsheetId } = await client.create('Sổ', []);
    const error = await rejection(client.valuesGet(spreadsheetId, 'Foo!A1'));
    expect(error).toMatchObject({
      code: 'sheets_bad_request',
      status: 400,
      retryable: false,
      attempts: 1,
      message: 'Unable to parse range: Foo!A1',
    });
    expect(retries).toEqual([]);
  });

  it('maps an unknown spreadsheet to sheets_not_found', async () => {
    const { client } = harness();
    const error = await rejection(client.get('khong-co'));
    expect(error).toMatchObject({
      code: 'sheets_not_found',
      status: 404,
      retryable: false,
      message: 'Requested entity was not found.',
    });
  });

  it('maps 403 to sheets_permission_denied and a dead server to sheets_unavailable after retries', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_local/sheets/`;
    const denied = await rejection(harness({ rootUrl: url }).client.get('abc'));
    expect(denied).toMatchObject({
      code: 'sheets_permission_denied',
      status: 403,
      retryable: false,
      message: 'The caller does not have permission',
    });

    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    const dead = harness({ rootUrl: url, retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 100 } });
    const down = await rejection(dead.client.get('abc'));
    expect(down).toMatchObject({ code: 'sheets_unavailable', status: undefined, retryable: true, attempts: 3 });
    expect(dead.sleeps).toHaveLength(2);
  });
});

describe('retry policy', () => {
  it('lands 50 idempotent writes through 30% injected 429/500 faults, and the stand-in counts the retries', async () => {
    const { client, retries, sleeps } = harness();
    const { spreadsheetId } = await client.create('Chịu lỗi', []);
    running.standIn.resetStats();
    running.standIn.injectFaults({ rate: 0.3, statuses: [429, 500], seed: 2025, retryAfterSeconds: 1 });

    const expected: (number | string)[][] = Array.from({ length: 10 }, () => []);
    for (let i = 0; i < 50; i += 1) {
      const row = Math.floor(i / 5);
      const col = i % 5;
      const value = i % 2 === 0 ? i * 10 : `ô ${i}`;
      (expected[row] ?? []).push(value);
      await client.valuesBatchUpdate(spreadsheetId, [
        { range: `Sheet1!${'ABCDE'.charAt(col)}${row + 1}`, values: [[value]] },
      ]);
    }
    running.standIn.clearFaults();

    expect(await client.valuesGet(spreadsheetId, 'Sheet1!A1:E10')).toEqual(expected);
    const stats = running.standIn.stats();
    expect(stats.faultsInjected).toBeGreaterThan(5);
    expect(stats.byEndpoint['POST spreadsheets.values.batchUpdate']).toBe(50 + stats.faultsInjected);
    expect(stats.byStatus['200']).toBe(51);
    expect((stats.byStatus['429'] ?? 0) + (stats.byStatus['500'] ?? 0)).toBe(stats.faultsInjected);
    expect(retries).toHaveLength(stats.faultsInjected);
    expect(retries.every((r) => r.operation === 'valuesBatchUpdate')).toBe(true);
    // 429 answers carry Retry-After: 1, and the wait honours it.
    const rateLimited = retries.filter((r) => r.error.code === 'sheets_rate_limited');
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(rateLimited.every((r) => r.delayMs >= 1000)).toBe(true);
    expect(sleeps).toEqual(retries.map((r) => r.delayMs));
  });

  it('does not retry append: the fault surfaces as a SheetsError after one call', async () => {
    const { client, sleeps } = harness();
    const { spreadsheetId } = await client.create('Sổ', []);
    running.standIn.resetStats();
    running.standIn.injectFaults({ rate: 1, statuses: [503], seed: 1 });
    const error = await rejection(client.valuesAppend(spreadsheetId, 'Sheet1!A:A', [['một lần']]));
    expect(error).toMatchObject({ code: 'sheets_unavailable', status: 503, retryable: true, attempts: 1 });
    expect(running.standIn.stats().byEndpoint['POST spreadsheets.values.append']).toBe(1);
    expect(sleeps).toEqual([]);
    running.standIn.clearFaults();
    expect(await client.valuesGet(spreadsheetId, 'Sheet1')).toEqual([]);
  });

  it('retries a batchUpdate that only sets state, but not one that adds', async () => {
    const { client } = harness({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const { spreadsheetId } = await client.create('Sổ', []);
    running.standIn.resetStats();
    running.standIn.injectFaults({ rate: 1, statuses: [500], seed: 3 });
    const setting = await rejection(
      client.batchUpdate(spreadsheetId, [
        { repeatCell: { range: { sheetId: 0 }, cell: { note: 'x' }, fields: 'note' } },
      ]),
    );
    expect(setting.attempts).toBe(3);
    const adding = await rejection(client.batchUpdate(spreadsheetId, [{ addSheet: { properties: { title: 'Mới' } } }]));
    expect(adding.attempts).toBe(1);
    expect(running.standIn.stats().byEndpoint['POST spreadsheets.batchUpdate']).toBe(4);
  });

  it('gives up after the configured retries with sheets_rate_limited, each wait at least Retry-After', async () => {
    const { client, sleeps } = harness({ retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 400 } });
    const { spreadsheetId } = await client.create('Sổ', []);
    running.standIn.resetStats();
    running.standIn.injectFaults({ rate: 1, statuses: [429], retryAfterSeconds: 2 });
    const error = await rejection(client.valuesClear(spreadsheetId, 'Sheet1!A1:B2'));
    expect(error).toMatchObject({
      code: 'sheets_rate_limited',
      status: 429,
      retryable: true,
      attempts: 4,
      retryAfterMs: 2000,
    });
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(running.standIn.stats().byEndpoint['POST spreadsheets.values.clear']).toBe(4);
  });
});

describe('retry rules as tables', () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
  const delays: [attempt: number, random: number, retryAfterMs: number | undefined, expected: number][] = [
    [1, 0.5, undefined, 50],
    [2, 0.5, undefined, 100],
    [3, 0.999, undefined, 399],
    [5, 1, undefined, 1_000], // capped at maxDelayMs
    [8, 0.25, undefined, 250],
    [1, 0, undefined, 0], // full jitter reaches zero
    [1, 0.5, 3_000, 3_000], // Retry-After wins when longer
    [4, 0.9, 100, 720],
  ];

  it.each(delays)('attempt %i, random %f, Retry-After %s → %i ms', (attempt, random, retryAfterMs, expected) => {
    expect(backoffDelay(attempt, policy, () => random, retryAfterMs)).toBe(expected);
  });

  const retryAfter: [string | undefined, number | undefined][] = [
    ['2', 2_000],
    ['0', 0],
    ['1.5', 1_500],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Thu, 01 Jan 2026 00:00:00 GMT', 0],
    ['không phải ngày', undefined],
    [undefined, undefined],
  ];

  it.each(retryAfter)('Retry-After %j → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, () => Date.parse('2026-01-01T00:00:00Z'))).toBe(expected);
  });

  const batches: [string, boolean, sheets_v4.Schema$Request[]][] = [
    ['sets cells', true, [{ updateCells: { fields: 'note' } }, { repeatCell: { fields: 'note' } }]],
    [
      'sets dropdowns and sizes',
      true,
      [{ setDataValidation: {} }, { updateDimensionProperties: {} }, { autoResizeDimensions: {} }],
    ],
    ['sets sheet properties', true, [{ updateSheetProperties: { fields: 'title' } }]],
    ['adds a sheet', false, [{ addSheet: {} }]],
    ['sets cells and adds a protected range', false, [{ updateCells: { fields: 'note' } }, { addProtectedRange: {} }]],
    ['deletes rows', false, [{ deleteDimension: {} }]],
    ['appends columns', false, [{ appendDimension: {} }]],
    ['adds a chart', false, [{ addChart: {} }]],
  ];

  it.each(batches)('a batch that %s is safe to repeat: %s', (_name, expected, requests) => {
    expect(isIdempotentBatch(requests)).toBe(expected);
  });
});
