// `config push <tệp.json> [--year N]`: sends a year's plan from a JSON file.
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import { CliFailure } from '../failure';
import { readText } from '../io';

export interface ConfigPushCommand {
  kind: 'config-push';
  file: string;
  year: number | null;
}

/** The plan in the file as an object, or a usage failure (exit 2) naming the file. */
function readPlan(raw: string, file: string): object {
  let config: unknown;
  try {
    config = JSON.parse(raw);
  } catch {
    throw new CliFailure(`Tệp "${file}" không phải JSON hợp lệ.`, 2);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new CliFailure(`Tệp "${file}" phải chứa một đối tượng JSON (kế hoạch năm).`, 2);
  return config;
}

export const configPush: CliCommand<ConfigPushCommand> = {
  kind: 'config-push',
  name: 'config push',
  usage: '<tệp.json> [--year N]',
  summary: 'Gửi kế hoạch năm (năm lấy trong tệp nếu không ghi --year).',
  options: ['year'],
  maxArgs: 1,
  parse([file], values) {
    if (file === undefined) return 'Thiếu tên tệp kế hoạch: config push <tệp.json> [--year N].';
    if (values.year === undefined) return { kind: 'config-push', file, year: null };
    const year = parseYear(values.year);
    return typeof year === 'string' ? year : { kind: 'config-push', file, year };
  },
  async run(command, { io, ok }) {
    const raw = await readText(command.file, io);
    const config = readPlan(raw, command.file);
    const given = (config as { year?: unknown }).year;
    const year = command.year ?? (typeof given === 'number' ? given : null);
    if (year === null)
      throw new CliFailure('Không xác định được năm: tệp không có trường "year", vui lòng ghi thêm --year N.', 2);
    // The file is sent byte for byte when it names its year, so the stored body is exactly what the person wrote.
    const body = given === undefined ? { ...config, year } : raw;
    const answer = await ok<{ status: string; id: string | null }>('PUT', `/v1/years/${year}/config`, body);
    io.out(
      answer.status === 'duplicate'
        ? `Kế hoạch năm ${year} này đã được lưu trước đó (phiên bản ${answer.id ?? '?'}), không có thay đổi.`
        : `Đã lưu kế hoạch năm ${year} (phiên bản ${answer.id ?? '?'}).`,
    );
    return 0;
  },
};
