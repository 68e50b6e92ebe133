// `results <năm> [--json]`: the ranked year, the camp nominations and the party funnel.
import type { YearResults } from '../../src/app/queries';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatDay, table } from '../format';
import { gradeLabel } from '../labels';
import type { JourneySend } from '../../dev/client';
import { phaseBounds } from '../../src/domain/phase';

/** The grades of the phase's earlier years, read from their results (a year without a plan is skipped). */
async function earlierYears(send: JourneySend, year: number): Promise<EarlierYears> {
  const config = await send<{ phase?: string }>('GET', `/v1/years/${year}/config`);
  const first =
    config.status === 200 && typeof config.body.phase === 'string' ? phaseBounds(config.body.phase)?.first : undefined;
  const earlier = new Map<string, string[]>();
  for (let y = first ?? year; y < year; y += 1) {
    const past = await send<YearResults>('GET', `/v1/years/${y}/results`);
    if (past.status !== 200) continue;
    for (const m of past.body.members)
      earlier.set(m.memberId, [...(earlier.get(m.memberId) ?? []), `${String(y)}: ${gradeLabel(m.grade)}`]);
  }
  return earlier;
}

export interface ResultsCommand {
  kind: 'results';
  year: number;
  json: boolean;
}

/** Each member's grade in the earlier years of the phase, e.g. "2018: Tốt", by member id. */
export type EarlierYears = ReadonlyMap<string, string[]>;

/** The ranked year: the table (with the earlier years of the phase when there are any), then the camp nominations and the party funnel. */
export function formatResults(results: YearResults, earlier: EarlierYears = new Map()): string {
  const unitNames = new Map(results.funnel.map((f) => [f.unitId, f.unitName]));
  const unit = (id: string): string => unitNames.get(id) ?? id;
  const lines: string[] = [
    `Kết quả Hành trình "Người Cộng sản trẻ" năm ${results.year} — ${results.members.length} đoàn viên`,
    '',
  ];
  if (results.members.length === 0) lines.push('Chưa có đoàn viên nào đăng ký sổ hành trình.');
  else {
    const withEarlier = earlier.size > 0;
    lines.push(
      table(
        [
          'Hạng',
          'Họ và tên',
          'Cơ sở Đoàn',
          'Xếp loại',
          'Điểm',
          'Hoàn thành',
          ...(withEarlier ? ['Các năm trước'] : []),
        ],
        results.members.map((m) => [
          String(m.rank),
          m.fullName,
          unit(m.unitId),
          gradeLabel(m.grade),
          String(m.points),
          formatDay(m.completedAt),
          ...(withEarlier ? [(earlier.get(m.memberId) ?? []).join(' · ') || '—'] : []),
        ]),
        [0, 4],
      ),
    );
    const counts = (['xuat_sac', 'tot', 'dat', 'chua_dat'] as const).map(
      (g) => `${gradeLabel(g)}: ${results.members.filter((m) => m.grade === g).length}`,
    );
    lines.push('', `Xếp loại — ${counts.join(' · ')}`);
  }
  lines.push(
    '',
    `Đề cử Hội trại "Lá Trung Quân" (${results.camp.length} đoàn viên, Ban Thường vụ Đoàn Khối xác nhận trên bảng tính):`,
  );
  if (results.camp.length === 0) lines.push('  Chưa có đoàn viên đạt xếp loại Tốt trở lên.');
  else {
    lines.push(
      table(
        ['STT', 'Họ và tên', 'Cơ sở Đoàn', 'Xếp loại', 'Điểm', 'Hạng'],
        results.camp.map((c, i) => [
          String(i + 1),
          c.fullName,
          unit(c.unitId),
          gradeLabel(c.grade),
          String(c.points),
          String(c.rank),
        ]),
        [0, 4, 5],
      ),
    );
  }
  if (results.funnel.length > 0) {
    lines.push('', 'Phễu kết nạp Đảng theo cơ sở Đoàn:');
    lines.push(
      table(
        ['Cơ sở Đoàn', 'Bình chọn', 'Đăng ký', 'Hoàn thành', 'Hội trại', 'GT kết nạp', 'Kết nạp'],
        results.funnel.map((f) => [
          f.unitName,
          String(f.nominated),
          String(f.registered),
          String(f.completed),
          String(f.camp),
          String(f.introduced),
          String(f.admitted),
        ]),
        [1, 2, 3, 4, 5, 6],
      ),
    );
  }
  return lines.join('\n');
}

export const results: CliCommand<ResultsCommand> = {
  kind: 'results',
  name: 'results',
  usage: '<năm> [--json]',
  summary: 'Bảng xếp hạng của năm, danh sách đề cử Hội trại "Lá Trung Quân" và phễu kết nạp Đảng.',
  options: ['json'],
  maxArgs: 1,
  parse([word], values) {
    const year = parseYear(word);
    return typeof year === 'string' ? year : { kind: 'results', year, json: values.json ?? false };
  },
  async run(command, { io, ok, send }) {
    const answer = await ok<YearResults>('GET', `/v1/years/${command.year}/results`);
    io.out(command.json ? formatBody(answer) : formatResults(answer, await earlierYears(send, command.year)));
    return 0;
  },
};
