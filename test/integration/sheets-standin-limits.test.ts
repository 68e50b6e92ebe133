// The stand-in enforces Google's limits through the real @googleapis/sheets client: write quota, body size, protections, grid.
import { afterEach, describe, expect, it } from 'vitest';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import {
  DEFAULT_USER,
  GOOGLE_LIMITS,
  NO_WRITE_QUOTA,
  startSheetsStandIn,
  type RunningSheetsStandIn,
  type SheetsLimits,
} from '../../functions/dev/sheets';
import { failure } from './sheets-client-failure';

const SERVICE_ACCOUNT = 'journey@hanh-trinh.iam.gserviceaccount.com';
const COMMITTEE = 'ban-thuong-vu@doan.vn';

const PER_USER_MESSAGE =
  "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.";
const PER_PROJECT_MESSAGE =
  "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.";
const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** A stand-in whose clock the test moves, and a client that acts as the user it is given. */
interface Harness {
  running: RunningSheetsStandIn;
  api: sheets_v4.Sheets;
  /** Per-call options: the stand-in's rootUrl, and `Authorization: Bearer <user>` when a user is named. */
  as(user?: string): { rootUrl: string; headers?: Record<string, string> };
  advance(ms: number): void;
}

let current: Harness | undefined;

async function harness(limits?: Partial<SheetsLimits>): Promise<Harness> {
  let now = Date.parse('2025-03-26T08:00:00.000Z');
  const running = await startSheetsStandIn({ clock: () => new Date(now), ...(limits ? { limits } : {}) });
  const h: Harness = {
    running,
    api: sheets({ version: 'v4', rootUrl: running.url, retry: false }),
    as: (user) => ({ rootUrl: running.url, ...(user ? { headers: { Authorization: `Bearer ${user}` } } : {}) }),
    advance: (ms) => {
      now += ms;
    },
  };
  current = h;
  return h;
}

afterEach(async () => {
  await current?.running.close();
  current = undefined;
});

async function createBook(h: Harness, user?: string): Promise<string> {
  const res = await h.api.spreadsheets.create(
    { requestBody: { properties: { title: 'Hàng đợi đánh giá' } } },
    h.as(user),
  );
  return res.data.spreadsheetId ?? '';
}

function write(h: Harness, spreadsheetId: string, range: string, value: string | number, user?: string) {
  return h.api.spreadsheets.values.update(
    { spreadsheetId, range, valueInputOption: 'RAW', requestBody: { values: [[value]] } },
    h.as(user),
  );
}

describe('the per-minute write quota', () => {
  it('answers the 61st write of a minute by one user with 429, Retry-After and Google’s error, and frees a slot a minute later', async () => {
    const h = await harness();
    const id = await createBook(h); // the create is the first write
    for (let i = 1; i < 60; i += 1) {
      h.advance(500);
      expect((await write(h, id, `Sheet1!A${i}`, i)).status).toBe(200);
    }
    const refused = await failure(write(h, id, 'Sheet1!B1', 'quá hạn mức'));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: {
        code: 429,
        message: PER_USER_MESSAGE,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'googleapis.com',
            metadata: {
              consumer: 'projects/000000000000',
              quota_limit: 'WriteRequestsPerMinutePerUser',
              quota_metric: 'sheets.googleapis.com/write_requests',
              service: 'sheets.googleapis.com',
            },
          },
        ],
      },
    });
    // The create at 0 s frees its slot at 60 s; the clock is at 29.5 s.
    expect(refused.header('retry-after')).toBe('31');
    expect(h.running.standIn.getSpreadsheet(id)?.tabs[0]?.values[0]?.[1]).toBeUndefined();

    // Reads are another quota; another user has a budget of their own.
    expect(
      (await h.api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1' }, h.as())).data.values,
    ).toEqual([['1']]);
    expect((await write(h, id, 'Sheet1!C1', 'người khác', SERVICE_ACCOUNT)).status).toBe(200);

    // At 60 s exactly the create's slot is free again, and only that one.
    h.advance(30_500);
    expect((await write(h, id, 'Sheet1!B1', 'đã qua một phút')).status).toBe(200);
    expect((await failure(write(h, id, 'Sheet1!B2', 'lại hết'))).status).toBe(429);
    expect(h.running.standIn.stats().byStatus['429']).toBe(2);
  });

  it('counts every write method, and the project’s 300 a minute across users', async () => {
    expect(GOOGLE_LIMITS.writeRequestsPerMinutePerProject).toBe(300);
    const h = await harness();
    const id = await createBook(h);
    const users = Array.from({ length: 5 }, (_, i) => `sa${i}@hanh-trinh.iam.gserviceaccount.com`);
    let sent = 1;
    for (const user of users) {
      for (let i = 0; i < 60 && sent < 300; i += 1, sent += 1) {
        const call = sent % 4;
        if (call === 0) await write(h, id, 'Sheet1!A1', i, user);
        else if (call === 1)
          await h.api.spreadsheets.values.append(
            { spreadsheetId: id, range: 'Sheet1!A1', valueInputOption: 'RAW', requestBody: { values: [[i]] } },
            h.as(user),
          );
        else if (call === 2)
          await h.api.spreadsheets.values.clear({ spreadsheetId: id, range: 'Sheet1!B1' }, h.as(user));
        else
          await h.api.spreadsheets.batchUpdate(
            {
              spreadsheetId: id,
              requestBody: { requests: [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } }] },
            },
            h.as(user),
          );
      }
    }
    expect(sent).toBe(300);
    const refused = await failure(write(h, id, 'Sheet1!D1', 'thứ 301', 'nguoi-moi@doan.vn'));
    expect(refused.status).toBe(429);
    expect(refused.message).toBe(PER_PROJECT_MESSAGE);
    expect(refused.header('retry-after')).toBe('60');
  });

  it('takes other numbers as options, and none at all when a harness turns it off', async () => {
    const tight = await harness({ writeRequestsPerMinutePerUser: 2 });
    const id = await createBook(tight);
    await write(tight, id, 'A1', 1);
    expect((await failure(write(tight, id, 'A2', 2))).status).toBe(429);
    await tight.running.close();

    const off = await harness(NO_WRITE_QUOTA);
    const free = await createBook(off);
    for (let i = 1; i <= 100; i += 1) await write(off, free, `A${i}`, i);
    expect(off.running.standIn.getSpreadsheet(free)?.tabs[0]?.values).toHaveLength(100);
  });
});

describe('the request size limit', () => {
  it('refuses a body over 10 MB with Google’s 400, writes nothing, and reports the largest body in stats', async () => {
    const h = await harness();
    const id = await createBook(h);
    h.running.standIn.resetStats();
    const small = await write(h, id, 'A1', 'nhỏ');
    expect(small.status).toBe(200);
    const smallBytes = h.running.standIn.stats().largestRequestBytes;
    expect(smallBytes).toBe(Buffer.byteLength(JSON.stringify({ values: [['nhỏ']] })));

    const rows = Array.from({ length: 1100 }, (_, i) => [`${i}:`.padEnd(10_000, 'x')]);
    const refused = await failure(
      h.api.spreadsheets.values.update(
        { spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: rows } },
        h.as(),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 400,
        message: 'Request payload size exceeds the limit: 10485760 bytes.',
        status: 'INVALID_ARGUMENT',
      },
    });
    expect(h.running.standIn.getSpreadsheet(id)?.tabs[0]?.values).toEqual([['nhỏ']]);
    expect(h.running.standIn.stats().largestRequestBytes).toBeGreaterThan(GOOGLE_LIMITS.maxRequestBytes);
  });

  it('takes a smaller limit, such as the 2 MB Google advises', async () => {
    const h = await harness({ maxRequestBytes: 2 * 1024 * 1024 });
    const id = await createBook(h);
    const rows = Array.from({ length: 300 }, () => ['y'.repeat(10_000)]);
    const refused = await failure(
      h.api.spreadsheets.values.update(
        { spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: rows } },
        h.as(),
      ),
    );
    expect(refused.message).toBe('Request payload size exceeds the limit: 2097152 bytes.');
  });
});

describe('protected ranges', () => {
  /** The committee owns the queue spreadsheet and protects its header row; the service account is only shared in. */
  async function committeeBook(
    h: Harness,
    protection: Partial<sheets_v4.Schema$ProtectedRange> = {},
  ): Promise<{ id: string; protectedRangeId: number }> {
    const id = await createBook(h, COMMITTEE);
    const res = await h.api.spreadsheets.batchUpdate(
      {
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              addProtectedRange: {
                protectedRange: {
                  range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
                  description: 'Dòng tiêu đề',
                  ...protection,
                },
              },
            },
          ],
        },
      },
      h.as(COMMITTEE),
    );
    const added = res.data.replies?.[0]?.addProtectedRange?.protectedRange;
    return { id, protectedRangeId: added?.protectedRangeId ?? -1 };
  }

  it('refuses a service account that is not an editor with Google’s 403, in every write method, and changes nothing', async () => {
    const h = await harness();
    const { id, protectedRangeId } = await committeeBook(h);
    expect(h.running.standIn.getSpreadsheet(id)?.tabs[0]?.protectedRanges[0]?.editors).toEqual({ users: [COMMITTEE] });

    const attempts: Promise<unknown>[] = [
      write(h, id, 'Sheet1!B1', 'Tiêu đề mới', SERVICE_ACCOUNT),
      h.api.spreadsheets.values.batchUpdate(
        {
          spreadsheetId: id,
          requestBody: {
            valueInputOption: 'RAW',
            data: [
              { range: 'A5', values: [['ngoài']] },
              { range: 'A1', values: [['trong']] },
            ],
          },
        },
        h.as(SERVICE_ACCOUNT),
      ),
      h.api.spreadsheets.values.append(
        { spreadsheetId: id, range: 'Sheet1!A1:C1', valueInputOption: 'RAW', requestBody: { values: [['x']] } },
        h.as(SERVICE_ACCOUNT),
      ),
      h.api.spreadsheets.values.clear({ spreadsheetId: id, range: 'Sheet1!A:A' }, h.as(SERVICE_ACCOUNT)),
      h.api.spreadsheets.values.batchClear(
        { spreadsheetId: id, requestBody: { ranges: ['B5', 'C1'] } },
        h.as(SERVICE_ACCOUNT),
      ),
      h.api.spreadsheets.batchUpdate(
        {
          spreadsheetId: id,
          requestBody: {
            requests: [
              {
                updateCells: {
                  start: { sheetId: 0, rowIndex: 4, columnIndex: 0 },
                  rows: [{ values: [{ userEnteredValue: { stringValue: 'ngoài' } }] }],
                  fields: 'userEnteredValue',
                },
              },
              {
                repeatCell: {
                  range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2 },
                  cell: { userEnteredFormat: { textFormat: { bold: true } } },
                  fields: 'userEnteredFormat',
                },
              },
            ],
          },
        },
        h.as(SERVICE_ACCOUNT),
      ),
      h.api.spreadsheets.batchUpdate(
        { spreadsheetId: id, requestBody: { requests: [{ deleteProtectedRange: { protectedRangeId } }] } },
        h.as(SERVICE_ACCOUNT),
      ),
    ];
    for (const attempt of attempts) {
      const refused = await failure(attempt);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ error: { code: 403, message: PROTECTED_MESSAGE, status: 'PERMISSION_DENIED' } });
    }
    const tab = h.running.standIn.getSpreadsheet(id)?.tabs[0];
    expect(tab?.values).toEqual([]);
    expect(tab?.formats).toEqual([]);
    expect(tab?.protectedRanges.map((pr) => pr.protectedRangeId)).toEqual([protectedRangeId]);

    // Below the header the service account writes as usual; the owner writes everywhere.
    expect((await write(h, id, 'Sheet1!A2', 'Nguyễn Văn An', SERVICE_ACCOUNT)).status).toBe(200);
    expect((await write(h, id, 'Sheet1!A1', 'Mã', COMMITTEE)).status).toBe(200);
    expect(h.running.standIn.getSpreadsheet(id)?.tabs[0]?.values).toEqual([['Mã'], ['Nguyễn Văn An']]);
  });

  it('lets editors of the protection, its creator and anyone under a warning-only protection write', async () => {
    const h = await harness();
    const shared = await committeeBook(h, { editors: { users: [SERVICE_ACCOUNT.toUpperCase()] } });
    expect((await write(h, shared.id, 'A1', 'được phép', SERVICE_ACCOUNT)).status).toBe(200);

    const warning = await committeeBook(h, { warningOnly: true });
    expect((await write(h, warning.id, 'A1', 'chỉ cảnh báo', SERVICE_ACCOUNT)).status).toBe(200);

    // The function's own protections (it calls without a token here) never stop the function.
    const own = await createBook(h);
    await h.api.spreadsheets.batchUpdate(
      {
        spreadsheetId: own,
        requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId: 0 } } } }] },
      },
      h.as(),
    );
    expect(h.running.standIn.getSpreadsheet(own)?.tabs[0]?.protectedRanges[0]?.editors).toEqual({
      users: [DEFAULT_USER],
    });
    expect((await write(h, own, 'A1', 'của mình', undefined)).status).toBe(200);
    expect((await failure(write(h, own, 'A1', 'người ngoài', SERVICE_ACCOUNT))).status).toBe(403);
  });

  it('lets every write through when the option is off', async () => {
    const h = await harness({ enforceProtectedRanges: false });
    const { id } = await committeeBook(h);
    expect((await write(h, id, 'A1', 'không kiểm tra', SERVICE_ACCOUNT)).status).toBe(200);
  });
});

describe('ranges beyond the grid', () => {
  const gridMessage = (cell: string): string =>
    `Range (Sheet1!${cell}) exceeds grid limits. Max rows: 1000, max columns: 26`;

  it('answers reads, writes, appends, clears and batchUpdate requests past the grid with Google’s 400', async () => {
    const h = await harness();
    const id = await createBook(h);
    const cases: [Promise<unknown>, string][] = [
      [h.api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1001' }, h.as()), gridMessage('A1001')],
      [h.api.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!AA1:AB2' }, h.as()), gridMessage('AA1')],
      [write(h, id, 'Sheet1!A1001', 'x'), gridMessage('A1001')],
      [
        h.api.spreadsheets.values.append(
          { spreadsheetId: id, range: 'Sheet1!Z1', valueInputOption: 'RAW', requestBody: { values: [['y', 'z']] } },
          h.as(),
        ),
        gridMessage('AA1'),
      ],
      [
        h.api.spreadsheets.values.clear({ spreadsheetId: id, range: 'Sheet1!A995:A1005' }, h.as()),
        gridMessage('A1001'),
      ],
      [
        h.api.spreadsheets.batchUpdate(
          {
            spreadsheetId: id,
            requestBody: {
              requests: [
                {
                  repeatCell: {
                    range: { sheetId: 0, startRowIndex: 999, endRowIndex: 1001 },
                    cell: {},
                    fields: 'note',
                  },
                },
              ],
            },
          },
          h.as(),
        ),
        `Invalid requests[0].repeatCell: ${gridMessage('A1001')}`,
      ],
    ];
    for (const [call, message] of cases) {
      const refused = await failure(call);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });
    }
    expect(h.running.standIn.getSpreadsheet(id)?.tabs[0]?.values).toEqual([]);
  });
});
