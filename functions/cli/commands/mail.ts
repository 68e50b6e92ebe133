// `mail [năm] [trạng thái] [--json]`: the year's e-mails, by state, with the reason of each failure.
import type { MailView } from '../../src/app/mail/outbox';
import { localDate } from '../../src/domain/dates';
import {
  MAIL_KIND_LABELS,
  MAIL_STATUS_LABELS,
  MAIL_STATUSES,
  type MailKind,
  type MailStatus,
} from '../../src/domain/mail';
import type { CliCommand } from '../command';
import { formatBody, formatTime } from '../format';

export interface MailCommand {
  kind: 'mail';
  year: number;
  status: MailStatus | null;
  json: boolean;
}

export function formatMail(year: number, mails: readonly MailView[], status: MailStatus | null): string {
  const title = status === null ? 'mọi thư' : `thư ${MAIL_STATUS_LABELS[status].toLocaleLowerCase('vi')}`;
  const lines = [`Hộp thư đi năm ${String(year)} — ${title} (${String(mails.length)})`];
  if (status === null && mails.length > 0)
    lines.push(
      MAIL_STATUSES.map((s) => `${MAIL_STATUS_LABELS[s]}: ${String(mails.filter((m) => m.status === s).length)}`).join(
        ' · ',
      ),
    );
  if (mails.length === 0) lines.push('Không có thư nào.');
  for (const m of mails) {
    const when = m.sentAt ? `gửi ${formatTime(m.sentAt)}` : `xếp ${formatTime(m.queuedAt)}`;
    lines.push(
      '',
      `[${MAIL_STATUS_LABELS[m.status]}] ${MAIL_KIND_LABELS[m.kind as MailKind] ?? m.kind} ${m.period} → ${m.to}  (${when})`,
      `    ${m.subject}`,
    );
    const next = m.retrying
      ? ` — gửi lại lúc ${formatTime(m.dueAt)}`
      : m.status === 'failed'
        ? ' — xin kiểm tra địa chỉ người nhận'
        : '';
    if (m.reason) lines.push(`    Lý do: ${m.reason}${next}`);
  }
  return lines.join('\n');
}

export const mail: CliCommand<MailCommand> = {
  kind: 'mail',
  name: 'mail',
  usage: `[năm] [${MAIL_STATUSES.join('|')}] [--json]`,
  summary: 'Hộp thư đi của năm (mặc định năm nay): thư chờ gửi, đã gửi, hoãn, gửi lỗi kèm lý do.',
  options: ['json'],
  maxArgs: 2,
  parse(words, values) {
    let year = Number(localDate(new Date()).slice(0, 4));
    let status: MailStatus | null = null;
    for (const word of words) {
      if (/^\d{4}$/.test(word)) year = Number(word);
      else if ((MAIL_STATUSES as readonly string[]).includes(word)) status = word as MailStatus;
      else return `"${word}" không phải năm (4 chữ số) hay trạng thái thư (${MAIL_STATUSES.join(', ')}).`;
    }
    return { kind: 'mail', year, status, json: values.json ?? false };
  },
  async run(command, { io, pages }) {
    const query = command.status ? `?status=${command.status}` : '';
    // Every page, oldest queued first (API.md "Listings").
    const mails = await pages(`/v1/years/${String(command.year)}/mail${query}`, (body) => body as MailView[]);
    io.out(command.json ? formatBody(mails) : formatMail(command.year, mails, command.status));
    return 0;
  },
};
