// `book-link <năm> <mã đoàn viên | email> [--json]`: a fresh signed link to a member's journey book, printed alone on its first line.
import type { BookLink } from '../../src/app/book-links';
import { parseYearAndMember } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatTime } from '../format';

export interface BookLinkCommand {
  kind: 'book-link';
  year: number;
  member: string;
  json: boolean;
}

/** The path of a member's link routes; an e-mail travels percent-encoded. */
export function bookLinkPath(year: number, member: string): string {
  return `/v1/years/${year}/members/${encodeURIComponent(member)}/book-link`;
}

export const bookLink: CliCommand<BookLinkCommand> = {
  kind: 'book-link',
  name: 'book-link',
  usage: '<năm> <mã đoàn viên | email> [--json]',
  summary: 'Tạo liên kết mới (hiệu lực 90 ngày) tới sổ hành trình của một đoàn viên; dòng đầu là liên kết.',
  options: ['json'],
  maxArgs: 2,
  parse(words, values) {
    const read = parseYearAndMember('book-link', words);
    return typeof read === 'string' ? read : { kind: 'book-link', ...read, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    const link = await ok<BookLink>('GET', bookLinkPath(command.year, command.member));
    io.out(
      command.json
        ? formatBody(link)
        : `${link.url}\nLiên kết tới sổ hành trình năm ${command.year} của ${command.member}, có hiệu lực đến ${formatTime(link.expiresAt)}.`,
    );
    return 0;
  },
};
