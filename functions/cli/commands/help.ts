// `help`, `--help`, `-h` or no command at all: how to use the CLI, with a line for every registered command.
import type { CliCommand } from '../command';
import { DEFAULT_URL } from '../connection';

export interface HelpCommand {
  kind: 'help';
}

type Listed = Pick<CliCommand<{ kind: string }>, 'name' | 'usage' | 'summary'>;

/** The help text, listing `commands` in the order given. */
export function helpText(commands: readonly Listed[]): string {
  const lines = commands.map((c) => `  ${c.name} ${c.usage}\n      ${c.summary}`);
  return `Công cụ dòng lệnh Hành trình "Người Cộng sản trẻ"

Cách dùng: npm run journey -- <lệnh> [tham số] [tùy chọn]

Lệnh:
${lines.join('\n')}

Tùy chọn chung:
  --json        In nguyên dữ liệu JSON máy chủ trả về.
  -h, --help    Xem hướng dẫn này.

Biến môi trường:
  JOURNEY_URL               Địa chỉ máy chủ (mặc định ${DEFAULT_URL}).
  JOURNEY_SHARED_SECRET     Khóa ký yêu cầu (mặc định: khóa cục bộ của npm start).

Mã thoát: 0 thành công; 1 máy chủ báo lỗi (HTTP từ 400 trở lên) hoặc không kết nối được; 2 lệnh viết chưa đúng.

Ví dụ:
  npm run journey -- year next 2020
  npm run journey -- results 2019
  npm run journey -- member 2019 an.nv.snv@example.vn
  npm run journey -- inbox 2019 --status refused
  npm run journey -- sync 2019
  npm run journey -- send GET /healthz
`;
}

/** The help command for the commands listed; the parser routes every request for help to it, whatever else is written. */
export function createHelp(commands: readonly Listed[]): CliCommand<HelpCommand> {
  return {
    kind: 'help',
    name: 'help',
    usage: '',
    summary: 'Xem hướng dẫn này.',
    options: [],
    maxArgs: Number.POSITIVE_INFINITY,
    parse: () => ({ kind: 'help' }),
    run: (_command, { io }) => {
      io.out(helpText(commands));
      return Promise.resolve(0);
    },
  };
}
