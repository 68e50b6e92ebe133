// `send <METHOD> <đường dẫn> [tệp.json | -]`: one signed request, the answer printed as it came.
import type { CliCommand } from '../command';
import { formatBody, formatFailure } from '../format';
import { readText } from '../io';

export interface SendCommand {
  kind: 'send';
  method: string;
  path: string;
  /** A file name, "-" for standard input, or null for no body. */
  body: string | null;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export const send: CliCommand<SendCommand> = {
  kind: 'send',
  name: 'send',
  usage: '<METHOD> <đường dẫn> [tệp.json | -]',
  summary: 'Gửi một yêu cầu đã ký và in nguyên câu trả lời ("-": đọc nội dung từ đầu vào chuẩn).',
  options: [],
  maxArgs: 3,
  parse([method, path, body]) {
    if (method === undefined || path === undefined) return 'Cách dùng: send <METHOD> <đường dẫn> [tệp.json | -].';
    const upper = method.toUpperCase();
    if (!METHODS.includes(upper)) return `Phương thức "${method}" không hợp lệ (ví dụ GET, POST, PUT).`;
    if (!path.startsWith('/'))
      return `Đường dẫn phải bắt đầu bằng "/" (ví dụ /v1/years/2019/results), đã ghi "${path}".`;
    return { kind: 'send', method: upper, path, body: body ?? null };
  },
  async run(command, ctx) {
    const body = command.body === null ? undefined : await readText(command.body, ctx.io);
    // Unlike the other commands, an answer of 400 or more is still printed in full: seeing it is the point.
    const answer = await ctx.send(command.method, command.path, body);
    ctx.io.out(`HTTP ${answer.status}\n${formatBody(answer.body)}`);
    if (answer.status >= 400) {
      ctx.io.err(formatFailure(answer));
      return 1;
    }
    return 0;
  },
};
