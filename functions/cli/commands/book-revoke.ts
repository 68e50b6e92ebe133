// `book-revoke <năm> <mã đoàn viên | email> [--json]`: every journey-book link given to a member stops working; prints the new one.
import { parseYearAndMember } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatTime } from '../format';
import { bookLinkPath } from './book-link';

export interface BookRevokeCommand {
  kind: 'book-revoke';
  year: number;
  member: string;
  json: boolean;
}

interface RevokeAnswer {
  id: string;
  linkVersion: number;
  url?: string;
  expiresAt?: string;
}

export const bookRevoke: CliCommand<BookRevokeCommand> = {
  kind: 'book-revoke',
  name: 'book-revoke',
  usage: '<năm> <mã đoàn viên | email> [--json]',
  summary: 'Thu hồi mọi liên kết sổ hành trình đã cấp cho một đoàn viên (email, bảng tính) và in liên kết mới.',
  options: ['json'],
  maxArgs: 2,
  parse(words, values) {
    const read = parseYearAndMember('book-revoke', words);
    return typeof read === 'string' ? read : { kind: 'book-revoke', ...read, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    const answer = await ok<RevokeAnswer>('POST', `${bookLinkPath(command.year, command.member)}/revoke`);
    if (command.json) {
      io.out(formatBody(answer));
      return 0;
    }
    const lines = [
      `Đã thu hồi mọi liên kết sổ hành trình cấp trước đây cho ${command.member} (mã ${answer.id}); liên kết trong bảng tính Kết quả được thay mới.`,
    ];
    if (answer.url) lines.push(`Liên kết mới (hiệu lực đến ${formatTime(answer.expiresAt)}):`, answer.url);
    io.out(lines.join('\n'));
    return 0;
  },
};
