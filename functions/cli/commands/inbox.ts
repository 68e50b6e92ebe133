// `inbox <năm> [--status refused|accepted] [--json]`: what was sent, by whom, and every reason a submission was refused.
import type { InboxView } from '../../src/app/queries';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatTime, padEnd } from '../format';
import { INBOX_STATUS_LABELS, KIND_LABELS, KIND_WIDTH } from '../labels';

export type InboxFilter = 'refused' | 'accepted';

export interface InboxCommand {
  kind: 'inbox';
  year: number;
  status: InboxFilter | null;
  json: boolean;
}

function rawFields(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The inbox in the order people sent things (or, without such a time, when they arrived): what, from whom, every reason it was refused. */
export function formatInbox(year: number, items: readonly InboxView[], status: InboxFilter | null): string {
  const title = status === 'refused' ? 'bài gửi bị từ chối' : status === 'accepted' ? 'bài gửi đã nhận' : 'mọi bài gửi';
  const lines = [`Hộp thư năm ${year} — ${title} (${items.length})`];
  if (items.length === 0) {
    lines.push('Không có bài gửi nào.');
    return lines.join('\n');
  }
  const rows = items.map((item) => {
    const raw = rawFields(item.raw);
    const sent = text(raw.submittedAt) ?? text(raw.editedAt) ?? item.receivedAt;
    const time = Date.parse(sent);
    return { item, raw, sent, time: Number.isNaN(time) ? Date.parse(item.receivedAt) : time };
  });
  rows.sort((a, b) => a.time - b.time);
  for (const { item, raw, sent } of rows) {
    const who = item.email ?? text(raw.evaluatorEmail) ?? text(raw.memberId) ?? '—';
    const state = status === null ? `  [${INBOX_STATUS_LABELS[item.status] ?? item.status}]` : '';
    lines.push('', `${formatTime(sent)}  ${padEnd(KIND_LABELS[item.kind] ?? item.kind, KIND_WIDTH)}  ${who}${state}`);
    for (const error of item.errors) lines.push(`    ${error.code} (${error.field}): ${error.message}`);
  }
  return lines.join('\n');
}

export const inbox: CliCommand<InboxCommand> = {
  kind: 'inbox',
  name: 'inbox',
  usage: '<năm> [--status refused|accepted] [--json]',
  summary: 'Hộp thư các bài gửi (mặc định: tất cả), kèm mã lỗi và lời nhắn.',
  options: ['status', 'json'],
  maxArgs: 1,
  parse([word], values) {
    const year = parseYear(word);
    if (typeof year === 'string') return year;
    const status = values.status ?? null;
    if (status !== null && status !== 'refused' && status !== 'accepted')
      return `--status chỉ nhận "refused" hoặc "accepted" (đã ghi "${status}").`;
    return { kind: 'inbox', year, status, json: values.json ?? false };
  },
  async run(command, { io, pages }) {
    const query = command.status ? `?status=${command.status}` : '';
    // Every page, in the order received (API.md "Listings").
    const items = await pages(
      `/v1/years/${command.year}/inbox${query}`,
      (body) => (body as { items: InboxView[] }).items,
    );
    io.out(command.json ? formatBody({ year: command.year, items }) : formatInbox(command.year, items, command.status));
    return 0;
  },
};
