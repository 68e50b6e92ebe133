// A full sync removes and rewrites only what the function made: people's protections, rules and charts stay, and the
// summary chart sits inside its grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { sheets_v4 } from '@googleapis/sheets';
import { CONFIG, YEAR, evidence, registration } from './fixtures';
import { startViewsStack, type ViewsStack } from './views-harness';
import type { SpreadsheetModel } from '../../functions/dev/sheets';

let stack: ViewsStack;
beforeAll(async () => {
  stack = await startViewsStack();
  await stack.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
  await stack.send('POST', '/v1/registrations', registration());
  await stack.send('POST', '/v1/evidence', evidence());
  expect((await stack.send('POST', `/v1/years/${YEAR}/sync`)).status).toBe(200);
});
afterAll(async () => {
  await stack.stop();
});

const spreadsheet = (part: string): SpreadsheetModel =>
  stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.includes(part)) ??
  expect.fail(`no spreadsheet "${part}"`);
const tab = (s: SpreadsheetModel, title: string) =>
  s.tabs.find((t) => t.properties.title === title) ?? expect.fail(`no tab ${title}`);

/** A batchUpdate as another person (the stand-in knows callers by their bearer token), as a committee member would. */
async function asPerson(spreadsheetId: string, requests: sheets_v4.Schema$Request[]): Promise<number> {
  const response = await fetch(`${stack.sheets.url}v4/spreadsheets/${spreadsheetId}:batchUpdate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer chanh.vp@example.vn' },
    body: JSON.stringify({ requests }),
  });
  return response.status;
}

describe('a full sync', () => {
  it('keeps a protection, a rule and a chart people added, and does not duplicate its own', async () => {
    const queue = spreadsheet('Ban Chấp hành Đoàn cơ sở');
    const queueTab = tab(queue, 'Hàng chờ');
    const sheetId = queueTab.properties.sheetId ?? 0;
    const ownBefore = queueTab.protectedRanges.length;
    const status = await asPerson(queue.spreadsheetId, [
      {
        addProtectedRange: {
          protectedRange: {
            range: { sheetId, startColumnIndex: 14, endColumnIndex: 15 },
            description: 'Cột của văn phòng',
            editors: { users: ['chanh.vp@example.vn'] },
          },
        },
      },
      {
        addConditionalFormatRule: {
          index: 0,
          rule: {
            ranges: [{ sheetId, startColumnIndex: 13, endColumnIndex: 14 }],
            booleanRule: { condition: { type: 'NOT_BLANK' }, format: { textFormat: { bold: true } } },
          },
        },
      },
    ]);
    expect(status).toBe(200);
    for (let i = 0; i < 2; i += 1) expect((await stack.send('POST', `/v1/years/${YEAR}/sync`)).status).toBe(200);
    const after = tab(spreadsheet('Ban Chấp hành Đoàn cơ sở'), 'Hàng chờ');
    expect(after.protectedRanges.map((p) => p.description)).toContain('Cột của văn phòng');
    expect(after.protectedRanges).toHaveLength(ownBefore + 1);
    expect(after.conditionalFormats.map((r) => r.booleanRule?.condition?.type).sort()).toEqual([
      'NOT_BLANK',
      'TEXT_EQ',
    ]);
  });

  it('anchors the summary chart inside the grid of Tổng hợp', () => {
    const summary = tab(spreadsheet('Bảng tổng hợp'), 'Tổng hợp');
    expect(summary.charts).toHaveLength(1);
    const anchor = summary.charts[0]?.position?.overlayPosition?.anchorCell;
    expect(anchor?.columnIndex).toBeLessThan(summary.properties.gridProperties?.columnCount ?? 0);
  });
});

describe('huge refusals', () => {
  it('a full sync still goes through, and Lỗi shows each refused body cut to a readable size', async () => {
    const name = 'Đ'.repeat(60_000);
    for (let i = 0; i < 30; i += 1) {
      const answer = await stack.send(
        'POST',
        '/v1/registrations',
        registration({ email: `huge${i}@example.vn`, fullName: name }),
      );
      expect(answer.status).toBe(422);
    }
    expect((await stack.send('POST', `/v1/years/${YEAR}/sync`)).status).toBe(200);
    const errors = tab(spreadsheet('Bảng tổng hợp'), 'Lỗi');
    const header = [...(errors.values[0] ?? [])];
    const bodyColumn = header.indexOf('Nội dung đã gửi');
    const bodies = errors.values.slice(1).flatMap((row) => {
      const cell = row?.[bodyColumn];
      return typeof cell === 'string' && cell.includes('ĐĐĐ') ? [cell] : [];
    });
    expect(bodies).toHaveLength(30);
    for (const cell of bodies) expect(cell.length).toBeLessThan(2_100);
  });
});
