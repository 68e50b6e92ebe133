// `member <năm> <mã đoàn viên | email> [--json]`: one member's journey book, with task titles and unit names from the plan.
import { memberIdFor } from '../../src/app/ids';
import type { MemberAcrossPhase } from '../../src/app/member-phase';
import type { JourneyView } from '../../src/app/queries';
import { parseYearAndMember } from '../args';
import type { CliCommand } from '../command';
import { formatBody, formatDay, formatIsoDate, table } from '../format';
import { DECISION_LABELS, gradeLabel, TASK_STATUS_LABELS } from '../labels';

export interface MemberCommand {
  kind: 'member';
  year: number;
  member: string;
  json: boolean;
}

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

/** The entries by activity date, each with its task and decision. */
function entriesTable(journey: JourneyView): string {
  const entries = [...journey.entries].sort(
    (a, b) => a.activityDate.localeCompare(b.activityDate) || a.task.localeCompare(b.task),
  );
  return table(
    ['Ngày hoạt động', 'Nhiệm vụ', 'Kết quả', 'Mã minh chứng'],
    entries.map((e) => [formatIsoDate(e.activityDate), e.task, DECISION_LABELS[e.status] ?? e.status, e.evidenceId]),
  );
}

function partyLine(party: JourneyView['party']): string {
  const facts: string[] = [];
  if (party.introducedAt) facts.push(`giới thiệu kết nạp ngày ${formatIsoDate(party.introducedAt)}`);
  if (party.admittedAt) facts.push(`kết nạp Đảng ngày ${formatIsoDate(party.admittedAt)}`);
  if (party.reference) facts.push(party.reference);
  return `Kết nạp Đảng: ${facts.length > 0 ? facts.join(' · ') : 'chưa có thông tin'}`;
}

/** One member's journey book: who, result, tasks with status, evidence with its decision, party status. */
export function formatJourney(year: number, journey: JourneyView, names: PlanNames): string {
  const lines: string[] = [
    `Sổ hành trình năm ${year} — ${journey.fullName} (${journey.email})`,
    `Mã đoàn viên: ${journey.memberId}`,
    `Cơ sở Đoàn: ${names.units.get(journey.unitId) ?? journey.unitId}` +
      (journey.groupId ? ` · Tổ: ${names.groups.get(journey.groupId) ?? journey.groupId}` : ' · Chưa tham gia tổ'),
    `Xếp loại: ${gradeLabel(journey.grade)} · ${journey.points} điểm · hạng ${journey.rank} · ` +
      (journey.completed
        ? `hoàn thành hành trình ngày ${formatDay(journey.completedAt)}`
        : 'chưa hoàn thành hành trình'),
    '',
    'Nhiệm vụ:',
  ];
  const registered = Object.entries(journey.tasks).filter(([, t]) => t.status !== 'not_registered');
  lines.push(
    table(
      ['Mã', 'Nhiệm vụ', 'Trạng thái', 'Đã duyệt', 'Chờ'],
      registered.map(([code, t]) => [
        code,
        names.tasks.get(code) ?? '',
        TASK_STATUS_LABELS[t.status] ?? t.status,
        `${t.approved}/${t.required}`,
        String(t.pending),
      ]),
      [3, 4],
    ),
  );
  lines.push('', `Minh chứng (${journey.entries.length}):`);
  lines.push(journey.entries.length === 0 ? '  Chưa có minh chứng nào.' : entriesTable(journey));
  lines.push('', partyLine(journey.party));
  return lines.join('\n');
}

/** The member's years of the phase (API.md "Member across the phase"), the year shown marked, and their party dates. */
export function formatPhase(year: number, across: MemberAcrossPhase, names: PlanNames): string {
  const lines = ['Các năm trong giai đoạn:'];
  lines.push(
    table(
      ['Năm', 'Cơ sở Đoàn', 'Xếp loại', 'Điểm', 'Hạng', 'Hoàn thành', 'Hội trại'],
      across.years.map((y) => [
        y.year === year ? `${String(y.year)} (năm này)` : String(y.year),
        names.units.get(y.unitId) ?? y.unitId,
        gradeLabel(y.grade),
        String(y.points),
        y.rank === null ? '—' : String(y.rank),
        y.completed ? 'Có' : 'Chưa',
        y.camp ? 'Được đề cử' : '—',
      ]),
      [3, 4],
    ),
  );
  const party = [
    across.introducedAt ? `giới thiệu kết nạp ngày ${formatIsoDate(across.introducedAt)}` : '',
    across.admittedAt ? `kết nạp Đảng ngày ${formatIsoDate(across.admittedAt)}` : '',
  ].filter((p) => p !== '');
  lines.push(`Kết nạp Đảng (cả giai đoạn): ${party.length > 0 ? party.join(' · ') : 'chưa có thông tin'}`);
  return lines.join('\n');
}

export const member: CliCommand<MemberCommand> = {
  kind: 'member',
  name: 'member',
  usage: '<năm> <mã đoàn viên | email> [--json]',
  summary: 'Sổ hành trình của một đoàn viên: các nhiệm vụ, minh chứng và kết quả.',
  options: ['json'],
  maxArgs: 2,
  parse(words, values) {
    const read = parseYearAndMember('member', words);
    return typeof read === 'string' ? read : { kind: 'member', ...read, json: values.json ?? false };
  },
  async run(command, { io, send, ok }) {
    const memberId = command.member.includes('@') ? memberIdFor(command.member) : command.member;
    const journey = await ok<JourneyView>('GET', `/v1/years/${command.year}/members/${encodeURIComponent(memberId)}`);
    if (command.json) {
      io.out(formatBody(journey));
      return 0;
    }
    // Without the plan the journey still prints, with codes instead of names.
    const config = await send('GET', `/v1/years/${command.year}/config`);
    const names = planNames(config.status === 200 ? config.body : {});
    io.out(formatJourney(command.year, journey, names));
    // The member's other years of the phase; without them the year still prints.
    const across = await send<MemberAcrossPhase>('GET', `/v1/members/${encodeURIComponent(memberId)}`);
    if (across.status === 200 && across.body.years.length > 0)
      io.out(`\n${formatPhase(command.year, across.body, names)}`);
    return 0;
  },
};
