// `year next <năm> [--from N] [--json]`: the year's plan rolled over from the year before, and the members who continue.
import type { ContinuingMember } from '../../src/app/rollover';
import type { YearConfig } from '../../src/domain/config';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatIsoDate, table } from '../format';

export interface YearNextCommand {
  kind: 'year-next';
  year: number;
  from: number;
  json: boolean;
}

interface RolloverAnswer {
  status: string;
  id: string | null;
  plan: YearConfig;
  continuing: ContinuingMember[];
}

/** What the committee reads: the new plan's calendar, what was kept, and who continues, by base union. */
export function formatRollover(command: Pick<YearNextCommand, 'year' | 'from'>, answer: RolloverAnswer): string {
  const { plan, continuing } = answer;
  const c = plan.calendar;
  const units = new Map(plan.units.map((u) => [u.id, u.name]));
  const emptied = plan.units.filter((u) => u.nominees !== undefined).length;
  const lines = [
    answer.status === 'duplicate'
      ? `Kế hoạch năm ${command.year} đã được tạo từ năm ${command.from} trước đó (phiên bản ${answer.id ?? '?'}); không tạo lại.`
      : `Đã tạo kế hoạch năm ${command.year} từ kế hoạch năm ${command.from} (phiên bản ${answer.id ?? '?'}).`,
    `Lịch năm ${command.year}: đăng ký ${formatIsoDate(c.registrationOpens)}–${formatIsoDate(c.registrationCloses)}, ` +
      `đăng ký bổ sung đến ${formatIsoDate(c.amendmentCloses)}, rèn luyện ${formatIsoDate(c.activityStarts)}–${formatIsoDate(c.activityEnds)}, ` +
      `đánh giá đến ${formatIsoDate(c.evaluationCloses)}.`,
    `Giữ nguyên: ${plan.tasks.length} nhiệm vụ, các quy định, ${plan.units.length} cơ sở Đoàn, ${plan.groups.length} tổ, người đánh giá và Ban Thường vụ Đoàn Khối.`,
    emptied > 0
      ? `Danh sách đề cử của ${emptied} cơ sở Đoàn đã được làm trống: các cơ sở Đoàn đề cử lại cho năm ${command.year}.`
      : 'Không cơ sở Đoàn nào có danh sách đề cử riêng.',
    '',
    `Đoàn viên năm ${command.from} tiếp tục hành trình (chưa được kết nạp Đảng): ${continuing.length}`,
  ];
  if (continuing.length > 0) {
    lines.push(
      table(
        ['Cơ sở Đoàn', 'Họ và tên', 'Email', 'Giới thiệu kết nạp'],
        continuing.map((m) => [units.get(m.unitId) ?? m.unitId, m.fullName, m.email, formatIsoDate(m.introducedAt)]),
      ),
    );
  }
  return lines.join('\n');
}

export const yearNext: CliCommand<YearNextCommand> = {
  kind: 'year-next',
  name: 'year next',
  usage: '<năm> [--from N] [--json]',
  summary:
    'Tạo kế hoạch năm mới từ kế hoạch năm trước (mặc định năm liền trước): lịch dời sang năm mới, giữ nhiệm vụ và danh sách, làm trống danh sách đề cử.',
  options: ['from', 'json'],
  maxArgs: 1,
  parse([word], values) {
    const year = parseYear(word);
    if (typeof year === 'string') return year;
    const from = values.from === undefined ? year - 1 : parseYear(values.from, 'năm chuyển từ');
    if (typeof from === 'string') return from;
    if (from >= year) return `Năm chuyển từ (${from}) phải trước năm ${year}.`;
    return { kind: 'year-next', year, from, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    // The same edit id for the same two years: running the command again answers the plan it made, never a second one.
    const answer = await ok<RolloverAnswer>('POST', `/v1/years/${command.year}/rollover`, {
      editId: `cli-rollover-${command.from}-${command.year}`,
      fromYear: command.from,
    });
    io.out(command.json ? formatBody(answer) : formatRollover(command, answer));
    return 0;
  },
};
