// One pace for every spreadsheet: with Google's per-minute write quota enforced by the stand-in, paced writes never get 429,
// and no request is larger than Google advises (large writes go out in parts, in order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { sheets_v4 } from '@googleapis/sheets';
import {
  createSheetsClient,
  pacedSheetsClient,
  SheetsError,
  type SheetsClient,
} from '../../functions/src/adapters/sheets';
import { startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';

/** The stand-in's minute passes 60 times faster than the wall clock, so a minute of quota is a second of test. */
const SPEED = 60;
const started = Date.now();
const fastClock = (): Date => new Date(started + (Date.now() - started) * SPEED);

let standIn: RunningSheetsStandIn;
let raw: SheetsClient;
beforeAll(async () => {
  standIn = await startSheetsStandIn({ clock: fastClock });
  raw = createSheetsClient({ rootUrl: standIn.url, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
});
afterAll(async () => {
  await standIn.close();
});

async function writes(
  client: SheetsClient,
  spreadsheetId: string,
  count: number,
): Promise<{ ok: number; quota: number }> {
  let ok = 0;
  let quota = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        await client.valuesBatchUpdate(spreadsheetId, [{ range: `'Sheet1'!A${i + 1}`, values: [[i]] }]);
        ok += 1;
      } catch (error) {
        if (error instanceof SheetsError && error.status === 429) quota += 1;
        else throw error;
      }
    }),
  );
  return { ok, quota };
}

describe('the write pace', () => {
  it('without it, a burst across spreadsheets meets the quota (429), as on Google', async () => {
    standIn.standIn.reset();
    const first = await raw.create('A', ['Sheet1']);
    const result = await writes(raw, first.spreadsheetId, 90);
    expect(result.quota).toBeGreaterThan(0);
  });

  it('with it (50 a minute), the same burst across two spreadsheets gets no 429 at all', async () => {
    standIn.standIn.reset();
    const paced = pacedSheetsClient(raw, { writesPerMinute: 50 * SPEED, maxRequestBytes: 2_000_000 });
    const [a, b] = [await raw.create('A', ['Sheet1']), await raw.create('B', ['Sheet1'])];
    const results = await Promise.all([writes(paced, a.spreadsheetId, 45), writes(paced, b.spreadsheetId, 45)]);
    expect(results.map((r) => r.quota)).toEqual([0, 0]);
    expect(results.map((r) => r.ok)).toEqual([45, 45]);
  });
});

describe('request size', () => {
  it('cuts a full rewrite of many rows into requests within the limit, in order, the same cells in the end', async () => {
    standIn.standIn.reset();
    const sizes: number[] = [];
    const recording: SheetsClient = {
      ...raw,
      batchUpdate: (id, requests) => {
        sizes.push(Buffer.byteLength(JSON.stringify({ requests })));
        return raw.batchUpdate(id, requests);
      },
      valuesBatchUpdate: (id, data, option) => {
        sizes.push(Buffer.byteLength(JSON.stringify({ data })));
        return raw.valuesBatchUpdate(id, data, option);
      },
    };
    const limit = 60_000;
    const paced = pacedSheetsClient(recording, { writesPerMinute: 100_000, maxRequestBytes: limit });
    const sheet = await raw.create('Lớn', ['Kết quả']);
    const rows = Array.from({ length: 3_000 }, (_, i) => [`Đoàn viên số ${i + 1}`, i + 1]);
    const grow: sheets_v4.Schema$Request = {
      updateSheetProperties: {
        properties: { sheetId: 0, gridProperties: { rowCount: 3_100, columnCount: 2 } },
        fields: 'gridProperties(rowCount,columnCount)',
      },
    };
    const cells: sheets_v4.Schema$Request = {
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        rows: rows.map((row) => ({ values: [{ userEnteredValue: { stringValue: row[0] as string } }] })),
        fields: 'userEnteredValue',
      },
    };
    await paced.batchUpdate(sheet.spreadsheetId, [grow, cells]);
    await paced.valuesBatchUpdate(sheet.spreadsheetId, [{ range: `'Kết quả'!A1:B3000`, values: rows }]);
    expect(sizes.length).toBeGreaterThan(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    const back = await raw.valuesGet(sheet.spreadsheetId, `'Kết quả'!A1:B3000`);
    expect(back).toEqual(rows);
  });
});
