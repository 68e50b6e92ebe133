// The "Giai đoạn" tab: the party funnel across the phase on the latest year's master, each member once, in their first year and unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpreadsheetModel } from '../../functions/dev/sheets';
import { CONFIG, registration } from './fixtures';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

let stack: ViewsStack;

function masterOf(year: number): SpreadsheetModel {
  const found = stack.sheets.standIn
    .listSpreadsheets()
    .find((s) => s.properties.title.endsWith(`${String(year)} — Bảng tổng hợp`));
  if (!found) throw new Error(`no master spreadsheet of ${String(year)}`);
  return found;
}

async function register(email: string, fullName: string, year: number, unit = 'SNV'): Promise<string> {
  const answer = await stack.send<{ status: string; id: string }>(
    'POST',
    '/v1/registrations',
    registration({ email, fullName, unit, year, submittedAt: `${String(year)}-01-10T09:00:00+07:00` }),
  );
  expect(answer.body.status).toBe('accepted');
  return answer.body.id;
}

beforeAll(async () => {
  stack = await startViewsStack();
  await stack.send('PUT', '/v1/years/2019/config', {
    ...CONFIG,
    units: CONFIG.units.map((u) => ({ ...u, nominees: undefined })),
  });
  await register('an.snv@example.vn', 'Nguyễn Văn An', 2019);
  await register('binh.snv@example.vn', 'Trần Thị Bình', 2019);
  await register('lan.stp@example.vn', 'Lê Thị Lan', 2019, 'STP');
  expect((await stack.send('POST', '/v1/years/2020/rollover', { editId: 'to-2020', fromYear: 2019 })).status).toBe(200);
  // An takes part again in 2020 and is admitted in 2021; Chi starts in 2020.
  await register('an.snv@example.vn', 'Nguyễn Văn An', 2020);
  await register('chi.snv@example.vn', 'Phạm Minh Chi', 2020);
  const party = await stack.send<{ status: string }>('POST', '/v1/party-status', {
    editId: 'an-2021',
    email: 'an.snv@example.vn',
    year: 2020,
    introducedAt: '2020-11-12',
    admittedAt: '2021-05-19',
  });
  expect(party.body.status).toBe('accepted');
  const lan = await stack.send<{ status: string }>('POST', '/v1/party-status', {
    editId: 'lan-2019',
    email: 'lan.stp@example.vn',
    year: 2019,
    introducedAt: '2019-11-20',
  });
  expect(lan.body.status).toBe('accepted');
  await stack.views.sync(2019);
  await stack.views.sync(2020);
}, 120_000);

afterAll(async () => {
  await stack.stop();
});

describe('Giai đoạn', () => {
  it('on the latest year: each member once, in the unit and year of first participation, admitted in a later year counted there', () => {
    expect(tabValues(masterOf(2020), 'Giai đoạn')).toEqual([
      [
        'Năm tham gia đầu tiên',
        'Cơ sở Đoàn',
        'Số đoàn viên',
        'Được giới thiệu kết nạp',
        'Được kết nạp',
        'Tỷ lệ kết nạp',
      ],
      [2019, 'Đoàn Sở Nội vụ', 2, 1, 1, '=IF(C2=0,"",E2/C2)'],
      [2019, 'Đoàn Sở Tư pháp', 1, 1, 0, '=IF(C3=0,"",E3/C3)'],
      [2020, 'Đoàn Sở Nội vụ', 1, 0, 0, '=IF(C4=0,"",E4/C4)'],
      [],
      [2019, 'Cộng năm 2019', 3, 2, 1, '=IF(C6=0,"",E6/C6)'],
      [2020, 'Cộng năm 2020', 1, 0, 0, '=IF(C7=0,"",E7/C7)'],
      ['2018–2020', 'Cả giai đoạn', 4, 2, 1, '=IF(C8=0,"",E8/C8)'],
    ]);
  });

  it('on an earlier year, points to the latest year instead of a stale copy', () => {
    const rows = tabValues(masterOf(2019), 'Giai đoạn');
    expect(rows[1]?.[0]).toContain('Xem tab "Giai đoạn" trong bảng tổng hợp của năm mới nhất');
  });
});
