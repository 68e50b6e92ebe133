// Argument helpers shared by the commands: the options the CLI knows, read once, and a year read from a word.
import { parseArgs as parseNodeArgs } from 'node:util';

/** The options of every command; each command says which of them it accepts. */
export interface OptionValues {
  year?: string;
  from?: string;
  status?: string;
  json?: boolean;
  'no-wait'?: boolean;
  'dry-run'?: boolean;
  introduced?: string;
  admitted?: string;
  reference?: string;
  'edit-id'?: string;
  help?: boolean;
}

/** Options a command may accept (`--help` is accepted everywhere). */
export type CommandOption =
  'year' | 'from' | 'status' | 'json' | 'no-wait' | 'dry-run' | 'introduced' | 'admitted' | 'reference' | 'edit-id';

export const COMMAND_OPTIONS: readonly CommandOption[] = [
  'year',
  'from',
  'status',
  'json',
  'no-wait',
  'dry-run',
  'introduced',
  'admitted',
  'reference',
  'edit-id',
];

export type ReadArgs = { ok: true; values: OptionValues; positionals: string[] } | { ok: false; error: string };

function optionError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Không có tùy chọn "${option ?? message}".`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Tùy chọn "${option ?? ''}" cần một giá trị.`;
  return `Tham số chưa đúng: ${message}`;
}

/** Splits the command line into options and words; an unknown or incomplete option is a Vietnamese error. */
export function readArgs(argv: readonly string[]): ReadArgs {
  try {
    const { values, positionals } = parseNodeArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        year: { type: 'string' },
        from: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
        'no-wait': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        introduced: { type: 'string' },
        admitted: { type: 'string' },
        reference: { type: 'string' },
        'edit-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { ok: true, values, positionals };
  } catch (error) {
    return { ok: false, error: optionError(error) };
  }
}

/**
 * A year written with four digits, or a Vietnamese error naming what is missing or wrong.
 * @example parseYear('2019') // 2019
 */
export function parseYear(value: string | undefined, what = 'năm'): number | string {
  if (value === undefined) return `Thiếu ${what}.`;
  return /^\d{4}$/.test(value) ? Number(value) : `"${value}" không phải là ${what} hợp lệ (cần 4 chữ số, ví dụ 2019).`;
}

/**
 * The year and the member (id or e-mail) of commands written `<lệnh> <năm> <mã đoàn viên | email>`, or a Vietnamese error.
 * @example parseYearAndMember('member', ['2019', 'an.nv@example.vn']) // { year: 2019, member: 'an.nv@example.vn' }
 */
export function parseYearAndMember(
  command: string,
  [word, who]: readonly string[],
): { year: number; member: string } | string {
  const year = parseYear(word);
  if (typeof year === 'string') return year;
  const member = who?.trim();
  if (!member) return `Thiếu mã đoàn viên hoặc email: ${command} <năm> <mã đoàn viên | email>.`;
  return { year, member };
}
