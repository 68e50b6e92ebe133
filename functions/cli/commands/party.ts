// `party <năm> <mã đoàn viên | email> [--introduced ngày] [--admitted ngày] [--reference số] [--json]`: records the day
// a member was introduced for, or admitted into, the Party (POST /v1/party-status). Days as people write them
// (dd/MM/yyyy) or as ISO dates. The same command twice records once (its editId comes from what it says).
import { createHash } from 'node:crypto';
import { parseYearAndMember } from '../args';
import type { CliCommand } from '../command';
import { formatBody } from '../format';

export interface PartyCommand {
  kind: 'party';
  year: number;
  member: string;
  introducedAt?: string;
  admittedAt?: string;
  reference?: string;
  json: boolean;
}

/**
 * A day written dd/MM/yyyy or yyyy-MM-dd, as yyyy-MM-dd; undefined when it is neither.
 * @example isoDay('02/09/2020') // '2020-09-02'
 */
export function isoDay(text: string): string | undefined {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (vn) return `${vn[3] ?? ''}-${(vn[2] ?? '').padStart(2, '0')}-${(vn[1] ?? '').padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : undefined;
}

function day(option: string, text: string | undefined): string | undefined | { error: string } {
  if (text === undefined) return undefined;
  return isoDay(text) ?? { error: `--${option} "${text}" không phải là ngày (ghi dd/MM/yyyy, ví dụ 02/09/2020).` };
}

export const party: CliCommand<PartyCommand> = {
  kind: 'party',
  name: 'party',
  usage: '<năm> <mã đoàn viên | email> [--introduced dd/MM/yyyy] [--admitted dd/MM/yyyy] [--reference số] [--json]',
  summary: 'Ghi ngày đoàn viên được giới thiệu kết nạp và/hoặc được kết nạp Đảng, với số quyết định.',
  options: ['introduced', 'admitted', 'reference', 'json'],
  maxArgs: 2,
  parse(words, values) {
    const read = parseYearAndMember('party', words);
    if (typeof read === 'string') return read;
    const introducedAt = day('introduced', values.introduced);
    const admittedAt = day('admitted', values.admitted);
    for (const given of [introducedAt, admittedAt]) if (typeof given === 'object') return given.error;
    if (introducedAt === undefined && admittedAt === undefined)
      return 'Cần ít nhất một ngày: --introduced (giới thiệu kết nạp) hoặc --admitted (kết nạp), ghi dd/MM/yyyy.';
    return {
      kind: 'party',
      ...read,
      ...(typeof introducedAt === 'string' ? { introducedAt } : {}),
      ...(typeof admittedAt === 'string' ? { admittedAt } : {}),
      ...(values.reference === undefined ? {} : { reference: values.reference }),
      json: values.json ?? false,
    };
  },
  async run(command, { io, ok }) {
    const { year, member, introducedAt, admittedAt, reference } = command;
    const said = { year, member, introducedAt, admittedAt, reference };
    const editId = `cli-party-${createHash('sha256').update(JSON.stringify(said)).digest('hex').slice(0, 24)}`;
    const who = member.includes('@') ? { email: member } : { memberId: member };
    const body = { editId, year, ...who, introducedAt, admittedAt, reference };
    const answer = await ok<{ status: string; id: string }>('POST', '/v1/party-status', body);
    if (command.json) {
      io.out(formatBody(answer));
      return 0;
    }
    const days = [
      introducedAt ? `ngày giới thiệu kết nạp ${introducedAt.split('-').reverse().join('/')}` : '',
      admittedAt ? `ngày kết nạp ${admittedAt.split('-').reverse().join('/')}` : '',
    ].filter(Boolean);
    const again = answer.status === 'duplicate' ? ' (đã ghi từ trước, không ghi lại)' : '';
    io.out(`Đã ghi ${days.join(' và ')} của ${member} (mã ${answer.id}) vào hành trình năm ${String(year)}${again}.`);
    return 0;
  },
};
