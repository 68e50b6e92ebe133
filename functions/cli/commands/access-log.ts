// `access-log <mã đoàn viên | email> [--json]`: who read a member's data, when and what (the access log), newest first.
import { memberIdFor } from '../../src/app/ids';
import type { CliCommand } from '../command';
import { formatBody, formatTime, table } from '../format';

export interface AccessLogCommand {
  kind: 'access-log';
  member: string;
  json: boolean;
}

interface AccessRow {
  at: string;
  by: string;
  what: string;
}

/** Who read, in Vietnamese: the member's link by its version, a role, an administrator's e-mail; the program it came through. */
export function readerLabel(by: string): string {
  const link = /^member link v(\d+)$/.exec(by);
  if (link) return `liên kết sổ của đoàn viên (phiên bản ${link[1] ?? ''})`;
  const [who = by, via] = by.split(' via ');
  const role = /^(\w+) role \((.+)\)$/.exec(who);
  const named = role ? `quyền ${role[1] ?? ''} (${role[2] ?? ''})` : who;
  return via === undefined ? named : `${named} qua ${via}`;
}

/** What was read, in Vietnamese (the entries' `what`, app/access-log.ts READ). */
export function readLabel(what: string): string {
  const [kind, year = ''] = what.split(' ');
  switch (kind) {
    case 'book':
      return `Mở trang sổ hành trình năm ${year}`;
    case 'journey':
      return `Sổ hành trình năm ${year} (kết quả, nhiệm vụ, minh chứng)`;
    case 'phase':
      return 'Thông tin qua các năm của giai đoạn';
    case 'book-link':
      return `Cấp liên kết tới sổ hành trình năm ${year}`;
    case 'data':
      return `Tải toàn bộ dữ liệu của đoàn viên (năm ${year})`;
    default:
      return what;
  }
}

export function formatAccessLog(memberId: string, rows: readonly AccessRow[]): string {
  const title = `Nhật ký truy cập dữ liệu của đoàn viên ${memberId} — ${String(rows.length)} lượt, mới nhất trước`;
  if (rows.length === 0) return `${title}\nChưa có lượt đọc nào được ghi lại (hoặc các lượt đã quá thời hạn lưu).`;
  return `${title}\n${table(
    ['Thời điểm', 'Người hoặc liên kết đã đọc', 'Nội dung'],
    rows.map((r) => [formatTime(r.at), readerLabel(r.by), readLabel(r.what)]),
  )}`;
}

export const accessLog: CliCommand<AccessLogCommand> = {
  kind: 'access-log',
  name: 'access-log',
  usage: '<mã đoàn viên | email> [--json]',
  summary: 'Nhật ký truy cập: ai đã đọc dữ liệu của một đoàn viên, khi nào, đọc gì (mới nhất trước).',
  options: ['json'],
  maxArgs: 1,
  parse([who], values) {
    const member = who?.trim();
    if (!member) return 'Thiếu mã đoàn viên hoặc email: access-log <mã đoàn viên | email>.';
    return { kind: 'access-log', member, json: values.json ?? false };
  },
  async run(command, { io, pages }) {
    const memberId = command.member.includes('@') ? memberIdFor(command.member) : command.member;
    const rows = await pages<AccessRow>(`/v1/members/${encodeURIComponent(memberId)}/access-log`, (body) =>
      Array.isArray(body) ? (body as AccessRow[]) : [],
    );
    io.out(command.json ? formatBody(rows) : formatAccessLog(memberId, rows));
    return 0;
  },
};
