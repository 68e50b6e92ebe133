// The year's plan as the function serves it (GET /v1/years/{year}/config), checked for the fields the forms and sheets are built from.
import { callJourneyOk } from './client';
import { JourneyError } from './errors';
import type { Settings } from './settings';

export type TaskGroup = 'BB' | 'RL' | 'TT';
export type Role = 'BTV_DOAN_KHOI' | 'CAP_UY' | 'BCH_CO_SO' | 'TO';

export interface TaskRequirements {
  initiativeAndRating: boolean;
  essay: boolean;
  meetingKind: boolean;
  attachment: boolean;
}

export interface PlanTask {
  code: string;
  group: TaskGroup;
  title: string;
  description: string;
  minEntries: number;
  confirmedBy: Role[];
  requires: TaskRequirements;
}

export interface PlanUnit {
  id: string;
  name: string;
  evaluators: Record<'BCH_CO_SO' | 'CAP_UY', string[]>;
}

export interface PlanGroup {
  id: string;
  name: string;
  leader: string;
  supervisor: string;
}

/** Who may answer the year's forms: anyone who has the link, or only people signed in to the Workspace domain. */
export type Responders = 'anyone_with_link' | 'domain';

export interface YearPlan {
  year: number;
  phase: string;
  calendar: Record<
    | 'registrationOpens'
    | 'registrationCloses'
    | 'amendmentCloses'
    | 'activityStarts'
    | 'activityEnds'
    | 'evaluationCloses',
    string
  >;
  rules: {
    minTraining: number;
    minChallenge: number;
    minEssayWords: number;
    themedMonths: number[];
    acceptedRatings: string[];
  };
  tasks: PlanTask[];
  units: PlanUnit[];
  groups: PlanGroup[];
  committee: { BTV_DOAN_KHOI: string[] };
  forms: { responders: Responders };
  /** The processing notice the registration form shows and asks consent to; its version names it in the answer. */
  privacy: { version: string; text: string };
}

const GROUPS: readonly string[] = ['BB', 'RL', 'TT'];
const ROLES: readonly string[] = ['BTV_DOAN_KHOI', 'CAP_UY', 'BCH_CO_SO', 'TO'];

function invalid(path: string, what: string): JourneyError {
  return new JourneyError('bad_config', `Cấu hình năm do hàm Journey trả về không hợp lệ: trường "${path}" ${what}.`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, 'phải là một đối tượng');
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, 'phải là chuỗi ký tự');
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw invalid(path, 'phải là số nguyên không âm');
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'phải là một danh sách');
  return value;
}

function texts(value: unknown, path: string): string[] {
  return list(value ?? [], path).map((v, i) => text(v, `${path}.${String(i)}`));
}

function task(value: unknown, path: string): PlanTask {
  const t = record(value, path);
  const group = text(t.group, `${path}.group`);
  if (!GROUPS.includes(group)) throw invalid(`${path}.group`, 'phải là BB, RL hoặc TT');
  const confirmedBy = texts(t.confirmedBy, `${path}.confirmedBy`).map((role, i) => {
    if (!ROLES.includes(role)) throw invalid(`${path}.confirmedBy.${String(i)}`, 'không phải vai trò đánh giá đã biết');
    return role as Role;
  });
  const requires = record(t.requires ?? {}, `${path}.requires`);
  return {
    code: text(t.code, `${path}.code`),
    group: group as TaskGroup,
    title: text(t.title, `${path}.title`),
    description: typeof t.description === 'string' ? t.description : '',
    minEntries: count(t.minEntries ?? 1, `${path}.minEntries`),
    confirmedBy,
    requires: {
      initiativeAndRating: requires.initiativeAndRating === true,
      essay: requires.essay === true,
      meetingKind: requires.meetingKind === true,
      attachment: requires.attachment === true,
    },
  };
}

/** Checks the served config; throws a JourneyError naming the first wrong field. */
export function parseYearPlan(json: unknown, year: number): YearPlan {
  const c = record(json, '(gốc)');
  if (c.year !== year) throw invalid('year', `phải là ${String(year)} (năm trong JOURNEY_YEAR)`);
  const calendar = record(c.calendar, 'calendar');
  const rules = record(c.rules, 'rules');
  const committee = record(c.committee ?? {}, 'committee');
  const tasks = list(c.tasks, 'tasks').map((t, i) => task(t, `tasks.${String(i)}`));
  if (tasks.length === 0) throw invalid('tasks', 'không được để trống');
  const units = list(c.units, 'units').map((value, i): PlanUnit => {
    const u = record(value, `units.${String(i)}`);
    const evaluators = record(u.evaluators ?? {}, `units.${String(i)}.evaluators`);
    return {
      id: text(u.id, `units.${String(i)}.id`),
      name: text(u.name, `units.${String(i)}.name`),
      evaluators: {
        BCH_CO_SO: texts(evaluators.BCH_CO_SO, `units.${String(i)}.evaluators.BCH_CO_SO`),
        CAP_UY: texts(evaluators.CAP_UY, `units.${String(i)}.evaluators.CAP_UY`),
      },
    };
  });
  const groups = list(c.groups ?? [], 'groups').map((value, i): PlanGroup => {
    const g = record(value, `groups.${String(i)}`);
    return {
      id: text(g.id, `groups.${String(i)}.id`),
      name: text(g.name, `groups.${String(i)}.name`),
      leader: text(g.leader, `groups.${String(i)}.leader`),
      supervisor: text(g.supervisor, `groups.${String(i)}.supervisor`),
    };
  });
  const day = (key: keyof YearPlan['calendar']): string => text(calendar[key], `calendar.${key}`);
  const forms = record(c.forms ?? {}, 'forms');
  const privacy = record(c.privacy, 'privacy');
  const responders = forms.responders ?? 'anyone_with_link';
  if (responders !== 'anyone_with_link' && responders !== 'domain')
    throw invalid('forms.responders', 'phải là anyone_with_link hoặc domain');
  return {
    year,
    phase: typeof c.phase === 'string' ? c.phase : '',
    calendar: {
      registrationOpens: day('registrationOpens'),
      registrationCloses: day('registrationCloses'),
      amendmentCloses: day('amendmentCloses'),
      activityStarts: day('activityStarts'),
      activityEnds: day('activityEnds'),
      evaluationCloses: day('evaluationCloses'),
    },
    rules: {
      minTraining: count(rules.minTraining, 'rules.minTraining'),
      minChallenge: count(rules.minChallenge, 'rules.minChallenge'),
      minEssayWords: count(rules.minEssayWords ?? 0, 'rules.minEssayWords'),
      themedMonths: list(rules.themedMonths ?? [], 'rules.themedMonths').map((m, i) =>
        count(m, `rules.themedMonths.${String(i)}`),
      ),
      acceptedRatings: texts(rules.acceptedRatings, 'rules.acceptedRatings'),
    },
    tasks,
    units,
    groups,
    committee: { BTV_DOAN_KHOI: texts(committee.BTV_DOAN_KHOI, 'committee.BTV_DOAN_KHOI') },
    forms: { responders },
    privacy: { version: text(privacy.version, 'privacy.version'), text: text(privacy.text, 'privacy.text') },
  };
}

export function fetchYearPlan(settings: Settings): YearPlan {
  const path = `/v1/years/${String(settings.year)}/config`;
  const answer = callJourneyOk(settings, 'GET', path, `đọc cấu hình năm ${String(settings.year)}`);
  return parseYearPlan(answer.json, settings.year);
}

/** `RL2 — Tham gia tổ chức …`: the label a form shows for a task; the function accepts it as the code. */
export function taskLabel(t: PlanTask): string {
  return `${t.code} — ${t.title}`;
}

/** The task code a label starts with (`RL2 — …` → `RL2`). */
export function taskCodeOf(label: string): string {
  const match = /^\s*([A-Za-z]{2}\d+)/.exec(label);
  return match?.[1] ? match[1].toUpperCase() : label.trim();
}
