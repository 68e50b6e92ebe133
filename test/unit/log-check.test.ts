// The check over the integration suite's log lines (test/log-check): it finds an e-mail or a member's name however a
// logger writes it, and lets through what logs should hold — ids, codes, counts, English messages.
import { describe, expect, it } from 'vitest';
import { createLog } from '../../functions/src/adapters/logging/cloud-logging';
import { fixtureNames, personalDataIn } from '../log-check/personal-data';

const NAMES = fixtureNames(new URL('../integration/', import.meta.url).pathname);

/** The lines a logger writes for one event, as the stacks' logger (JSON) does. */
function logged(event: Parameters<ReturnType<typeof createLog>>[0]): string[] {
  const lines: string[] = [];
  createLog({ format: 'json', write: (line) => lines.push(line) })(event);
  return lines;
}

describe('the log check', () => {
  it('knows the names the integration tests give their members', () => {
    expect(NAMES).toContain('Nguyễn Văn An');
    expect(NAMES).toContain('Trần Thị Bình');
  });

  it('fails a line that names a member, in a message, a field or an error', () => {
    const lines = [
      ...logged({ severity: 'INFO', message: 'registration accepted for Nguyễn Văn An' }),
      ...logged({ severity: 'INFO', message: 'registration accepted', fields: { who: 'Trần Thị Bình' } }),
      ...logged({ severity: 'ERROR', message: 'sheet write failed', error: new Error('row of Lê Văn Cường refused') }),
    ];
    expect(personalDataIn(lines, NAMES).map((leak) => leak.found)).toEqual(
      expect.arrayContaining(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']),
    );
    expect(new Set(personalDataIn(lines, NAMES).map((leak) => leak.line)).size).toBe(3);
  });

  it('fails a demo member’s name it was never told, and a name in decomposed Unicode', () => {
    expect(personalDataIn(['mail failed for Huỳnh Ngọc Thùy Trang'], []).map((l) => l.found)).toEqual([
      'Huỳnh Ngọc Thùy Trang',
    ]);
    expect(personalDataIn(['Nguyễn Văn An'.normalize('NFD')], [])).toHaveLength(1);
  });

  it('fails an e-mail address, also percent- or JSON-escaped', () => {
    const lines = [
      ...logged({ severity: 'WARNING', message: 'mail refused', fields: { to: 'an.snv@example.vn' } }),
      'GET /v1/members/an.snv%40example.vn 404',
      '{"message":"to an\\u0040example.vn"}',
    ];
    expect(personalDataIn(lines, NAMES).map((leak) => leak.found)).toEqual([
      'an.snv@example.vn',
      'an.snv%40example.vn',
      'an\\u0040example.vn',
    ]);
  });

  it('lets through ids, codes, counts, places and English', () => {
    const lines = [
      ...logged({
        severity: 'INFO',
        message: 'registration accepted',
        fields: { id: 'm-0123456789abcdef', codes: ['consent_required'], year: 2019, route: 'POST /v1/registrations' },
      }),
      ...logged({
        severity: 'ERROR',
        message: 'storage unavailable',
        error: new Error('Firestore unavailable (code 14)'),
      }),
      '12:00:01 INFO    sheets written spreadsheet=ss-1 rows=40 trace=abc',
      'Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh',
    ];
    expect(personalDataIn(lines, NAMES)).toEqual([]);
  });
});
