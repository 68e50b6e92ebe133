// The operator CLI (`npm run journey -- …`): signed calls to the journey function, answers printed in readable Vietnamese.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import { memberIdFor } from '../src/app/ids';
import type { InboxView, JourneyView, YearResults } from '../src/app/queries';
import { displayDate, displayInstant, localDate } from '../src/domain/dates';
import { GRADE_LABELS, type Grade } from '../src/domain/results';
import { createJourneyClient, LOCAL_SECRET, type JourneyAnswer, type JourneySend } from './client';

export const DEFAULT_URL = 'http://localhost:8080';

export const HELP = `Công cụ dòng lệnh Hành trình "Người Cộng sản trẻ"

Cách dùng: npm run journey -- <lệnh> [tham số] [tùy chọn]

Lệnh:
  config push <tệp.json> [--year N]
      Gửi kế hoạch năm (năm lấy trong tệp nếu không ghi --year).
  config show <năm>
      Xem kế hoạch năm, với mọi giá trị mặc định đã được điền.
  results <năm> [--json]
      Bảng xếp hạng của năm, danh sách đề cử Hội trại "Lá Trung Quân" và phễu kết nạp Đảng.
  member <năm> <mã đoàn viên | email> [--json]
      Sổ hành trình của một đoàn viên: các nhiệm vụ, minh chứng và kết quả.
  inbox <năm> [--status refused|accepted] [--json]
      Hộp thư các bài gửi (mặc định: tất cả), kèm mã lỗi và lời nhắn.
  send <METHOD> <đường dẫn> [tệp.json | -]
      Gửi một yêu cầu đã ký và in nguyên câu trả lời ("-": đọc nội dung từ đầu vào chuẩn).

Tùy chọn chung:
  --json        In nguyên dữ liệu JSON máy chủ trả về.
  -h, --help    Xem hướng dẫn này.

Biến môi trường:
  JOURNEY_URL               Địa chỉ máy chủ (mặc định ${DEFAULT_URL}).
  JOURNEY_SHARED_SECRET     Khóa ký yêu cầu (mặc định: khóa cục bộ của npm start).

Mã thoát: 0 thành công; 1 máy chủ báo lỗi (HTTP từ 400 trở lên) hoặc không kết nối được; 2 lệnh viết chưa đúng.

Ví dụ:
  npm run journey -- results 2019
  npm run journey -- member 2019 an.nv.snv@example.vn
  npm run journey -- inbox 2019 --status refused
  npm run journey -- send GET /healthz
`;

// ---------------------------------------------------------------------------------------------
// Parsing (pure).

export type InboxFilter = 'refused' | 'accepted';

export type Command =
  | { kind: 'help' }
  | { kind: 'config-push'; file: string; year: number | null }
  | { kind: 'config-show'; year: number }
  | { kind: 'results'; year: number; json: boolean }
  | { kind: 'member'; year: number; member: string; json: boolean }
  | { kind: 'inbox'; year: number; status: InboxFilter | null; json: boolean }
  | { kind: 'send'; method: string; path: string; body: string | null };

export type ParsedArgs = { ok: true; command: Command } | { ok: false; error: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function parseYear(value: string | undefined, what = 'năm'): number | string {
  if (value === undefined) return `Thiếu ${what}.`;
  return /^\d{4}$/.test(value) ? Number(value) : `"${value}" không phải là ${what} hợp lệ (cần 4 chữ số, ví dụ 2019).`;
}

function optionError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Không có tùy chọn "${option ?? message}".`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Tùy chọn "${option ?? ''}" cần một giá trị.`;
  return `Tham số chưa đúng: ${message}`;
}

/**
 * Turns the command line (without `node` and the script) into a command, or a Vietnamese error.
 * @example parseArgs(['results', '2019', '--json']) // { ok: true, command: { kind: 'results', year: 2019, json: true } }
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let values: { year?: string; status?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseNodeArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        year: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, error: optionError(error) };
  }
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { ok: true, command: { kind: 'help' } };

  const fail = (error: string): ParsedArgs => ({ ok: false, error });
  const json = values.json ?? false;
  const only = (allowed: readonly ('year' | 'status' | 'json')[]): string | null => {
    for (const option of ['year', 'status', 'json'] as const) {
      if (values[option] !== undefined && !allowed.includes(option)) return `Tùy chọn --${option} không dùng với lệnh "${name}".`;
    }
    return null;
  };
  const extra = (count: number): string | null => (rest.length > count ? `Thừa tham số: ${rest.slice(count).join(' ')}.` : null);

  switch (name) {
    case 'config': {
      const [sub, arg] = rest;
      if (sub === 'push') {
        const problem = only(['year']) ?? extra(2);
        if (problem) return fail(problem);
        if (arg === undefined) return fail('Thiếu tên tệp kế hoạch: config push <tệp.json> [--year N].');
        let year: number | null = null;
        if (values.year !== undefined) {
          const parsed = parseYear(values.year);
          if (typeof parsed === 'string') return fail(parsed);
          year = parsed;
        }
        return { ok: true, command: { kind: 'config-push', file: arg, year } };
      }
      if (sub === 'show') {
        const problem = only([]) ?? extra(2);
        if (problem) return fail(problem);
        const year = parseYear(arg);
        return typeof year === 'string' ? fail(year) : { ok: true, command: { kind: 'config-show', year } };
      }
      return fail(sub === undefined ? 'Thiếu lệnh con: config push hoặc config show.' : `Không có lệnh "config ${sub}" (chỉ có config push, config show).`);
    }
    case 'results': {
      const problem = only(['json']) ?? extra(1);
      if (problem) return fail(problem);
      const year = parseYear(rest[0]);
      return typeof year === 'string' ? fail(year) : { ok: true, command: { kind: 'results', year, json } };
    }
    case 'member': {
      const problem = only(['json']) ?? extra(2);
      if (problem) return fail(problem);
      const year = parseYear(rest[0]);
      if (typeof year === 'string') return fail(year);
      const member = rest[1]?.trim();
      if (!member) return fail('Thiếu mã đoàn viên hoặc email: member <năm> <mã đoàn viên | email>.');
      return { ok: true, command: { kind: 'member', year, member, json } };
    }
    case 'inbox': {
      const problem = only(['status', 'json']) ?? extra(1);
      if (problem) return fail(problem);
      const year = parseYear(rest[0]);
      if (typeof year === 'string') return fail(year);
      const status = values.status ?? null;
      if (status !== null && status !== 'refused' && status !== 'accepted') return fail(`--status chỉ nhận "refused" hoặc "accepted" (đã ghi "${status}").`);
      return { ok: true, command: { kind: 'inbox', year, status, json } };
    }
    case 'send': {
      const problem = only([]) ?? extra(3);
      if (problem) return fail(problem);
      const [method, path, body] = rest;
      if (method === undefined || path === undefined) return fail('Cách dùng: send <METHOD> <đường dẫn> [tệp.json | -].');
      const upper = method.toUpperCase();
      if (!METHODS.includes(upper)) return fail(`Phương thức "${method}" không hợp lệ (ví dụ GET, POST, PUT).`);
      if (!path.startsWith('/')) return fail(`Đường dẫn phải bắt đầu bằng "/" (ví dụ /v1/years/2019/results), đã ghi "${path}".`);
      return { ok: true, command: { kind: 'send', method: upper, path, body: body ?? null } };
    }
    default:
      return fail(`Không có lệnh "${name}".`);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting (pure).

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Visible width of a string in a terminal: grapheme clusters, so a letter with its tone marks counts as one. */
function width(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

function padEnd(text: string, size: number): string {
  return text.normalize('NFC') + ' '.repeat(Math.max(0, size - width(text)));
}

function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text.normalize('NFC');
}

/** A plain text table; `right` marks columns aligned to the right (numbers). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (right.includes(i) ? padStart(cell, widths[i] ?? 0) : padEnd(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function gradeLabel(grade: string): string {
  return GRADE_LABELS[grade as Grade] ?? grade;
}

/** An instant as a date in Vietnam, dd/MM/yyyy; "—" when absent. */
export function formatDay(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : displayDate(localDate(date));
}

/** An instant in Vietnam, dd/MM/yyyy HH:mm. */
export function formatTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : displayInstant(date);
}

function formatIsoDate(date: string | null | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? displayDate(date) : '—';
}

/** The ranked year: the table, then the camp nominations and the party funnel. */
export function formatResults(results: YearResults): string {
  const unitNames = new Map(results.funnel.map((f) => [f.unitId, f.unitName]));
  const unit = (id: string): string => unitNames.get(id) ?? id;
  const lines: string[] = [`Kết quả Hành trình "Người Cộng sản trẻ" năm ${results.year} — ${results.members.length} đoàn viên`, ''];
  if (results.members.length === 0) lines.push('Chưa có đoàn viên nào đăng ký sổ hành trình.');
  else {
    lines.push(
      table(
        ['Hạng', 'Họ và tên', 'Cơ sở Đoàn', 'Xếp loại', 'Điểm', 'Hoàn thành'],
        results.members.map((m) => [String(m.rank), m.fullName, unit(m.unitId), gradeLabel(m.grade), String(m.points), formatDay(m.completedAt)]),
        [0, 4],
      ),
    );
    const counts = (['xuat_sac', 'tot', 'dat', 'chua_dat'] as const).map((g) => `${gradeLabel(g)}: ${results.members.filter((m) => m.grade === g).length}`);
    lines.push('', `Xếp loại — ${counts.join(' · ')}`);
  }
  lines.push('', `Đề cử Hội trại "Lá Trung Quân" (${results.camp.length} đoàn viên, Ban Thường vụ Đoàn Khối xác nhận trên bảng tính):`);
  if (results.camp.length === 0) lines.push('  Chưa có đoàn viên đạt xếp loại Tốt trở lên.');
  else {
    lines.push(
      table(
        ['STT', 'Họ và tên', 'Cơ sở Đoàn', 'Xếp loại', 'Điểm', 'Hạng'],
        results.camp.map((c, i) => [String(i + 1), c.fullName, unit(c.unitId), gradeLabel(c.grade), String(c.points), String(c.rank)]),
        [0, 4, 5],
      ),
    );
  }
  if (results.funnel.length > 0) {
    lines.push('', 'Phễu kết nạp Đảng theo cơ sở Đoàn:');
    lines.push(
      table(
        ['Cơ sở Đoàn', 'Bình chọn', 'Đăng ký', 'Hoàn thành', 'Hội trại', 'GT kết nạp', 'Kết nạp'],
        results.funnel.map((f) => [f.unitName, String(f.nominated), String(f.registered), String(f.completed), String(f.camp), String(f.introduced), String(f.admitted)]),
        [1, 2, 3, 4, 5, 6],
      ),
    );
  }
  return lines.join('\n');
}

const TASK_STATUS_LABELS: Record<string, string> = {
  not_registered: 'Không đăng ký',
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

const DECISION_LABELS: Record<string, string> = {
  pending: 'Chờ đánh giá',
  approved: 'Đạt',
  rejected: 'Không đạt',
  needs_info: 'Cần bổ sung',
};

/** What the CLI knows of the plan to print a journey: task titles and unit and group names. */
export interface PlanNames {
  tasks: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
}

export function planNames(config: unknown): PlanNames {
  const c = (typeof config === 'object' && config !== null ? config : {}) as {
    tasks?: { code: string; title: string }[];
    units?: { id: string; name: string }[];
    groups?: { id: string; name: string }[];
  };
  return {
    tasks: new Map((c.tasks ?? []).map((t) => [t.code, t.title])),
    units: new Map((c.units ?? []).map((u) => [u.id, u.name])),
    groups: new Map((c.groups ?? []).map((g) => [g.id, g.name])),
  };
}

/** One member's journey book: who, result, tasks with status, evidence with its decision, party status. */
export function formatJourney(year: number, journey: JourneyView, names: PlanNames): string {
  const lines: string[] = [
    `Sổ hành trình năm ${year} — ${journey.fullName} (${journey.email})`,
    `Mã đoàn viên: ${journey.memberId}`,
    `Cơ sở Đoàn: ${names.units.get(journey.unitId) ?? journey.unitId}` +
      (journey.groupId ? ` · Tổ: ${names.groups.get(journey.groupId) ?? journey.groupId}` : ' · Chưa tham gia tổ'),
    `Xếp loại: ${gradeLabel(journey.grade)} · ${journey.points} điểm · hạng ${journey.rank} · ` +
      (journey.completed ? `hoàn thành hành trình ngày ${formatDay(journey.completedAt)}` : 'chưa hoàn thành hành trình'),
    '',
    'Nhiệm vụ:',
  ];
  const registered = Object.entries(journey.tasks).filter(([, t]) => t.status !== 'not_registered');
  lines.push(
    table(
      ['Mã', 'Nhiệm vụ', 'Trạng thái', 'Đã duyệt', 'Chờ'],
      registered.map(([code, t]) => [code, names.tasks.get(code) ?? '', TASK_STATUS_LABELS[t.status] ?? t.status, `${t.approved}/${t.required}`, String(t.pending)]),
      [3, 4],
    ),
  );
  lines.push('', `Minh chứng (${journey.entries.length}):`);
  if (journey.entries.length === 0) lines.push('  Chưa có minh chứng nào.');
  else {
    const entries = [...journey.entries].sort((a, b) => a.activityDate.localeCompare(b.activityDate) || a.task.localeCompare(b.task));
    lines.push(
      table(
        ['Ngày hoạt động', 'Nhiệm vụ', 'Kết quả', 'Mã minh chứng'],
        entries.map((e) => [formatIsoDate(e.activityDate), e.task, DECISION_LABELS[e.status] ?? e.status, e.evidenceId]),
      ),
    );
  }
  const party: string[] = [];
  if (journey.party.introducedAt) party.push(`giới thiệu kết nạp ngày ${formatIsoDate(journey.party.introducedAt)}`);
  if (journey.party.admittedAt) party.push(`kết nạp Đảng ngày ${formatIsoDate(journey.party.admittedAt)}`);
  if (journey.party.reference) party.push(journey.party.reference);
  lines.push('', `Kết nạp Đảng: ${party.length > 0 ? party.join(' · ') : 'chưa có thông tin'}`);
  return lines.join('\n');
}

const KIND_LABELS: Record<string, string> = {
  config: 'Kế hoạch năm',
  registration: 'Đăng ký',
  evidence: 'Minh chứng',
  evaluation: 'Đánh giá',
  party_status: 'Kết nạp Đảng',
};

const INBOX_STATUS_LABELS: Record<string, string> = { refused: 'Bị từ chối', accepted: 'Đã nhận', received: 'Đang xử lý' };

function rawFields(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

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
    lines.push('', `${formatTime(sent)}  ${padEnd(KIND_LABELS[item.kind] ?? item.kind, 12)}  ${who}${state}`);
    for (const error of item.errors) lines.push(`    ${error.code} (${error.field}): ${error.message}`);
  }
  return lines.join('\n');
}

interface ErrorItem {
  field?: string;
  code?: string;
  message?: string;
}

/** Why the server said no, in Vietnamese: the HTTP status and each reason it gave. */
export function formatFailure(answer: JourneyAnswer): string {
  const lines: string[] = [];
  if (answer.status === 401) {
    lines.push('Máy chủ từ chối chữ ký của yêu cầu (HTTP 401). Vui lòng kiểm tra biến JOURNEY_SHARED_SECRET có trùng với khóa ký của máy chủ không.');
  } else {
    lines.push(`Máy chủ trả lời lỗi HTTP ${answer.status}.`);
  }
  const errors = typeof answer.body === 'object' && answer.body !== null ? (answer.body as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors)) {
    for (const e of errors as ErrorItem[]) lines.push(`  - ${e.code ?? 'lỗi'}${e.field ? ` (${e.field})` : ''}: ${e.message ?? ''}`);
  } else if (typeof answer.body === 'string' && answer.body.trim() !== '') {
    lines.push(`  ${answer.body.slice(0, 500)}`);
  }
  return lines.join('\n');
}

function formatBody(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

// ---------------------------------------------------------------------------------------------
// Running a command.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads standard input (for `send … -`). */
  readStdin?: () => Promise<string>;
}

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(file: string, io: CliIo): Promise<string> {
  if (file === '-') return (io.readStdin ?? readStdin)();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliFailure(code === 'ENOENT' ? `Không tìm thấy tệp "${file}".` : `Không đọc được tệp "${file}": ${String(error)}`, 2);
  }
}

/**
 * Runs the CLI: parses `argv`, calls the function at JOURNEY_URL signed with JOURNEY_SHARED_SECRET, prints to `io`.
 * @returns the exit code: 0 done, 1 HTTP ≥ 400 or network error, 2 a command or file the CLI cannot use.
 */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`${parsed.error}\nXem hướng dẫn: npm run journey -- --help`);
    return 2;
  }
  const { command } = parsed;
  if (command.kind === 'help') {
    io.out(HELP);
    return 0;
  }
  const url = env.JOURNEY_URL?.trim() || DEFAULT_URL;
  const client = createJourneyClient(url, env.JOURNEY_SHARED_SECRET ?? LOCAL_SECRET, 'cli');
  const send: JourneySend = async <T>(method: string, path: string, body?: unknown) => {
    try {
      return await client<T>(method, path, body);
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String(error);
      throw new CliFailure(`Không kết nối được tới máy chủ ${url} (${reason}). Vui lòng kiểm tra máy chủ đã chạy (npm start) và biến JOURNEY_URL.`, 1);
    }
  };
  /** Sends and returns the answer, or fails with the server's reasons. */
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await send<T>(method, path, body);
    if (answer.status >= 400) throw new CliFailure(formatFailure(answer), 1);
    return answer.body;
  };

  try {
    switch (command.kind) {
      case 'config-push': {
        const raw = await readText(command.file, io);
        let config: unknown;
        try {
          config = JSON.parse(raw);
        } catch {
          throw new CliFailure(`Tệp "${command.file}" không phải JSON hợp lệ.`, 2);
        }
        if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new CliFailure(`Tệp "${command.file}" phải chứa một đối tượng JSON (kế hoạch năm).`, 2);
        const given = (config as { year?: unknown }).year;
        const year = command.year ?? (typeof given === 'number' ? given : null);
        if (year === null) throw new CliFailure('Không xác định được năm: tệp không có trường "year", vui lòng ghi thêm --year N.', 2);
        const body = given === undefined ? { ...config, year } : raw;
        const answer = await ok<{ status: string; id: string | null }>('PUT', `/v1/years/${year}/config`, body);
        io.out(
          answer.status === 'duplicate'
            ? `Kế hoạch năm ${year} này đã được lưu trước đó (phiên bản ${answer.id ?? '?'}), không có thay đổi.`
            : `Đã lưu kế hoạch năm ${year} (phiên bản ${answer.id ?? '?'}).`,
        );
        return 0;
      }
      case 'config-show':
        io.out(formatBody(await ok('GET', `/v1/years/${command.year}/config`)));
        return 0;
      case 'results': {
        const results = await ok<YearResults>('GET', `/v1/years/${command.year}/results`);
        io.out(command.json ? formatBody(results) : formatResults(results));
        return 0;
      }
      case 'member': {
        const memberId = command.member.includes('@') ? memberIdFor(command.member) : command.member;
        const journey = await ok<JourneyView>('GET', `/v1/years/${command.year}/members/${encodeURIComponent(memberId)}`);
        if (command.json) {
          io.out(formatBody(journey));
          return 0;
        }
        const config = await send('GET', `/v1/years/${command.year}/config`);
        io.out(formatJourney(command.year, journey, planNames(config.status === 200 ? config.body : {})));
        return 0;
      }
      case 'inbox': {
        const query = command.status ? `?status=${command.status}` : '';
        const answer = await ok<{ items: InboxView[] }>('GET', `/v1/years/${command.year}/inbox${query}`);
        io.out(command.json ? formatBody(answer) : formatInbox(command.year, answer.items, command.status));
        return 0;
      }
      case 'send': {
        const body = command.body === null ? undefined : await readText(command.body, io);
        const answer = await send(command.method, command.path, body);
        io.out(`HTTP ${answer.status}\n${formatBody(answer.body)}`);
        if (answer.status >= 400) {
          io.err(formatFailure(answer));
          return 1;
        }
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof CliFailure) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`Lỗi ngoài dự kiến: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), process.env, {
    out: (t) => {
      process.stdout.write(`${t}\n`);
    },
    err: (t) => {
      process.stderr.write(`${t}\n`);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Lỗi ngoài dự kiến: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
