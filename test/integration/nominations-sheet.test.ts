// Nominations in the sheets: each base union's "Đề cử" tab shows the list in force, the master's "Đề cử tham gia" tab shows it per unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpreadsheetModel } from '../../functions/dev/sheets';
import { CONFIG, registration } from './fixtures';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

let stack: ViewsStack;

function spreadsheet(ending: string): SpreadsheetModel {
  const found = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith(ending));
  if (!found) throw new Error(`no spreadsheet ending "${ending}"`);
  return found;
}

beforeAll(async () => {
  stack = await startViewsStack();
  await stack.send('PUT', '/v1/years/2019/config', CONFIG);
  const put = await stack.send<{ status: string }>('PUT', '/v1/years/2019/units/SNV/nominees', {
    editId: 'snv-1',
    editedAt: '2019-01-05T10:00:00+07:00',
    nominees: [
      { fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn' },
      { fullName: 'Trần Thị Bình', email: 'binh.snv@example.vn' },
    ],
    editorEmail: 'bch.snv@example.vn',
  });
  expect(put.body.status).toBe('accepted');
  expect((await stack.send<{ status: string }>('POST', '/v1/registrations', registration())).body.status).toBe(
    'accepted',
  );
  await stack.views.idle();
  await stack.views.sync(2019);
}, 120_000);

afterAll(async () => {
  await stack.stop();
});

describe('the "Đề cử" tab of a base union', () => {
  it("shows the unit's own list once it sent one, and the plan's e-mails for a unit that did not", () => {
    expect(tabValues(spreadsheet('Ban Chấp hành Đoàn cơ sở — Đoàn Sở Nội vụ'), 'Đề cử')).toEqual([
      ['Họ và tên', 'Email'],
      ['Nguyễn Văn An', 'an.snv@example.vn'],
      ['Trần Thị Bình', 'binh.snv@example.vn'],
    ]);
    expect(tabValues(spreadsheet('Ban Chấp hành Đoàn cơ sở — Đoàn Sở Tư pháp'), 'Đề cử')).toEqual([
      ['Họ và tên', 'Email'],
      [null, 'lan.stp@example.vn'],
      [null, 'minh.stp@example.vn'],
    ]);
  });

  it('is only in base unions’ spreadsheets', () => {
    expect(spreadsheet('Cấp ủy đơn vị — Đoàn Sở Nội vụ').tabs.map((t) => t.properties.title)).toEqual(['Hàng chờ']);
  });
});

describe('the master spreadsheet', () => {
  it('shows per unit which list is in force, how many it names and how many registered', () => {
    const rows = tabValues(spreadsheet('2019 — Bảng tổng hợp'), 'Đề cử tham gia');
    expect(rows[0]).toEqual([
      'Cơ sở Đoàn',
      'Danh sách áp dụng',
      'Số được đề cử',
      'Đã đăng ký',
      'Cập nhật lúc',
      'Ghi chú',
    ]);
    expect(rows[1]?.slice(0, 5)).toEqual([
      'Đoàn Sở Nội vụ',
      'Bảng tính của cơ sở Đoàn',
      2,
      expect.stringContaining('=COUNTIF('),
      '05/01/2019 10:00',
    ]);
    expect(rows[2]?.slice(0, 3)).toEqual(['Đoàn Sở Tư pháp', 'Kế hoạch năm', 2]);
    // Kết nạp Đảng counts the nominees of the list in force.
    const party = tabValues(spreadsheet('2019 — Bảng tổng hợp'), 'Kết nạp Đảng');
    expect(party[1]?.slice(0, 2)).toEqual(['Đoàn Sở Nội vụ', 2]);
  });
});
