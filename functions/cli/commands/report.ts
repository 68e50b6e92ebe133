// `report <loại> [kỳ] [--year N] [--dry-run] [--json]`: queues a report's e-mails (each once), or shows what would be queued.
import type { ReportAnswer } from '../../src/app/mail/queue';
import { isReportKind, MAIL_KIND_LABELS, REPORT_KINDS, type ReportKind } from '../../src/domain/mail';
import { localDate } from '../../src/domain/dates';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody } from '../format';

export interface ReportCommand {
  kind: 'report';
  report: ReportKind;
  period: string | null;
  year: number;
  dryRun: boolean;
  json: boolean;
}

/** The year a period belongs to: `2019-Q2` → 2019; a phase `2018-2022` → its last year; none → this year. */
export function yearOfPeriod(report: ReportKind, period: string | null, today: string): number {
  if (period === null) return Number(today.slice(0, 4));
  const years = period.match(/\d{4}/g) ?? [];
  return Number((report === 'phase' ? years.at(-1) : years[0]) ?? today.slice(0, 4));
}

export function formatReport(answer: ReportAnswer, dryRun: boolean): string {
  const label = MAIL_KIND_LABELS[answer.kind];
  const lines = [
    dryRun ? `${label} kỳ ${answer.period} (chạy thử, chưa xếp thư nào):` : `${label} kỳ ${answer.period}:`,
    `  ${dryRun ? 'Sẽ xếp' : 'Đã xếp'} ${String(answer.queued)} thư, ${String(answer.alreadySent)} thư đã có từ trước (không gửi lại)` +
      (answer.deferred > 0 ? `, ${String(answer.deferred)} thư hoãn sang ngày sau vì hết hạn mức gửi hôm nay.` : '.'),
  ];
  for (const m of answer.messages) lines.push(`  → ${m.to}: ${m.subject}`);
  return lines.join('\n');
}

export const report: CliCommand<ReportCommand> = {
  kind: 'report',
  name: 'report',
  usage: `<${REPORT_KINDS.join('|')}> [kỳ] [--year N] [--dry-run] [--json]`,
  summary:
    'Xếp thư báo cáo vào hộp thư đi (mỗi thư một lần); kỳ: 2019-W05, 2019-Q2, 2019, 2018-2022 (mặc định kỳ hiện tại).',
  options: ['year', 'dry-run', 'json'],
  maxArgs: 2,
  parse([kind, period], values) {
    if (kind === undefined || !isReportKind(kind))
      return `Loại báo cáo phải là một trong: ${REPORT_KINDS.join(', ')}${kind === undefined ? '' : ` (đã ghi "${kind}")`}.`;
    const given =
      values.year === undefined ? yearOfPeriod(kind, period ?? null, localDate(new Date())) : parseYear(values.year);
    if (typeof given === 'string') return given;
    return {
      kind: 'report',
      report: kind,
      period: period ?? null,
      year: given,
      dryRun: values['dry-run'] ?? false,
      json: values.json ?? false,
    };
  },
  async run(command, { io, ok }) {
    const body = {
      ...(command.period === null ? {} : { period: command.period }),
      ...(command.dryRun ? { dryRun: true } : {}),
    };
    const answer = await ok<ReportAnswer>('POST', `/v1/years/${String(command.year)}/reports/${command.report}`, body);
    io.out(command.json ? formatBody(answer) : formatReport(answer, command.dryRun));
    return 0;
  },
};
