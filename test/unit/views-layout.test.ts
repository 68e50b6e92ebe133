// What the Lỗi tab shows of a refused submission: readable, bounded, the inbox keeping the whole body.
import { describe, expect, it } from 'vitest';
import { ERROR_COLUMNS, errorRow, RAW_BODY_SHOWN } from '../../functions/src/views/layout';
import type { InboxDoc } from '../../functions/src/model';

function refusedWith(raw: string): InboxDoc {
  return {
    key: 'registration-1',
    kind: 'registration',
    sourceKey: 'r1',
    year: 2019,
    email: 'an@example.vn',
    raw,
    receivedAt: '2019-01-10T02:00:00.000Z',
    caller: 'test',
    status: 'refused',
    id: null,
    errors: [{ field: 'fullName', code: 'invalid_value', message: 'Mục "Họ và tên" chưa hợp lệ: quá dài.' }],
    decidedAt: '2019-01-10T02:00:00.000Z',
  };
}

describe('Lỗi rows', () => {
  const shown = (raw: string): string => errorRow(refusedWith(raw))[ERROR_COLUMNS.indexOf('Nội dung đã gửi')] as string;

  it('show a short body whole', () => {
    expect(shown('{"fullName":"An"}')).toBe('{"fullName":"An"}');
  });

  it('cut a huge body to a readable size, saying so', () => {
    const cell = shown(`{"fullName":"${'Đ'.repeat(60_000)}"}`);
    expect(cell.length).toBeLessThan(RAW_BODY_SHOWN + 100);
    expect(cell.startsWith('{"fullName":"ĐĐĐ')).toBe(true);
    expect(cell).toContain('đã rút gọn, bản đầy đủ lưu trong hệ thống');
  });
});
