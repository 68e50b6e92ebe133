// What the reports share: the state of a journey at a period's end, the Youth Union document frame, names and cells.
import { TZDate } from '@date-fns/tz';
import { GROUP_LABELS, ROLE_LABELS } from '../../../domain/catalogue';
import type { YearConfig } from '../../../domain/config';
import { displayDate, localDate, TIME_ZONE, type IsoDate } from '../../../domain/dates';
import { parseQueueId } from '../../../domain/queues';
import { GRADE_LABELS, GRADE_ORDER, type Grade } from '../../../domain/results';
import type { Block, Cell, Chart, Letter, OfficialDocument } from '../../../domain/letter';
import type { Period } from '../../../domain/periods';
import { DECISION_LABELS } from '../../../contract/queue-sheet';
import type { JourneyDoc } from '../../../model';
import { PRIORITY } from '../../../domain/mail';
import type { MailDraft } from '../../../ports';
import { contentKey, isSendableAddress, reportMailId } from '../ids';

/** The plan's issuing bodies (the header of 44-KH/ĐTN). */
export const ISSUER = ['THÀNH ĐOÀN TP. HỒ CHÍ MINH', 'BCH ĐOÀN KHỐI DÂN - CHÍNH - ĐẢNG TP', '***'];
export const ORGANISATION = 'ĐOÀN TNCS HỒ CHÍ MINH';
export const SIGNER = { capacity: 'TM. BAN THƯỜNG VỤ ĐOÀN KHỐI', role: 'BÍ THƯ', name: '' };
export const PROGRAMME = 'Hành trình “Người Cộng sản trẻ”';
/** One line of a `facts` block: a figure and what it counts. */
export type Fact = Extract<Block, { kind: 'facts' }>['items'][number];

export const CLOSING = ['Trân trọng,', 'Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP. Hồ Chí Minh'];

/** Members are reminded from September (plan: activities end in October), until evaluation closes. */
export function remindsMembers(year: number, weekStart: string, evaluationCloses: string): boolean {
  return weekStart >= `${String(year)}-08-26` && weekStart <= evaluationCloses;
}

/** The last instant of a period (23:59:59.999 in Vietnam), or now when the period is not over. */
export function asOf(period: Period, now: Date): Date {
  const [y, m, d] = period.end.split('-').map(Number) as [number, number, number];
  const end = new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, TIME_ZONE).getTime());
  return end.getTime() < now.getTime() ? end : now;
}

/** `TP. Hồ Chí Minh, ngày 25 tháng 06 năm 2019` */
export function dateLine(day: IsoDate): string {
  const [y, m, d] = day.split('-');
  return `TP. Hồ Chí Minh, ngày ${d ?? ''} tháng ${m ?? ''} năm ${y ?? ''}`;
}

/** A report in the plan's layout; the number is left for the office to fill in when it is signed. */
export function officialDocument(input: {
  day: IsoDate;
  title: string;
  subtitle: string;
  sections: OfficialDocument['sections'];
  recipients: string[];
  landscape?: boolean;
  charts?: Chart[];
}): OfficialDocument {
  return {
    issuer: ISSUER,
    organisation: ORGANISATION,
    number: 'Số:        -BC/ĐTN',
    dateLine: dateLine(input.day),
    title: input.title,
    subtitle: input.subtitle,
    ...(input.charts ? { charts: input.charts } : {}),
    sections: input.sections,
    recipients: input.recipients,
    signer: SIGNER,
    ...(input.landscape ? { landscape: true } : {}),
  };
}

export function namesOf(config: YearConfig): {
  unit: (id: string) => string;
  group: (id: string | null) => string;
  queue: (id: string) => string;
} {
  const units = new Map(config.units.map((u) => [u.id, u.name]));
  const groups = new Map(config.groups.map((g) => [g.id, g.name]));
  const unit = (id: string): string => units.get(id) ?? id;
  const group = (id: string | null): string => (id === null ? '' : (groups.get(id) ?? id));
  return {
    unit,
    group,
    queue: (id) => {
      const ref = parseQueueId(id);
      if (!ref) return id;
      if (ref.scope === null) return ROLE_LABELS[ref.role];
      const where = ref.role === 'TO' ? group(ref.scope) : unit(ref.scope);
      return `${ref.role === 'CAP_UY' ? 'Cấp ủy' : ref.role === 'BCH_CO_SO' ? 'BCH Đoàn cơ sở' : 'Tổ'} — ${where}`;
    },
  };
}

/** A task in a member's row: done, approved entries of those required, or not registered. */
export function taskCell(journey: JourneyDoc, code: string): Cell {
  const progress = journey.result.tasks[code];
  if (!progress || progress.status === 'not_registered') return { text: '—', tone: 'muted' };
  if (progress.status === 'done') return { text: 'Xong', tone: 'good', strong: true };
  return {
    text: `${String(progress.approved)}/${String(progress.required)}`,
    tone: progress.approved > 0 || progress.pending > 0 ? 'warn' : 'normal',
  };
}

/**
 * Tasks done toward the year's requirement: every BB, and RL and TT up to their minimums. A member who did more than
 * the minimum has done 7 of 7, not 9 of 7 (the extra ones earn points, not a larger share).
 */
export function tasksDone(journey: JourneyDoc, config: YearConfig): number {
  const { BB, RL, TT } = journey.result.done;
  const bb = config.tasks.filter((t) => t.group === 'BB').length;
  return Math.min(BB, bb) + Math.min(RL, config.rules.minTraining) + Math.min(TT, config.rules.minChallenge);
}

/** Tasks the member must finish for the year (every BB and the minimum of RL and TT), for progress bars. */
export function tasksNeeded(config: YearConfig): number {
  return config.tasks.filter((t) => t.group === 'BB').length + config.rules.minTraining + config.rules.minChallenge;
}

export function progressCell(journey: JourneyDoc, config: YearConfig): Cell {
  const needed = tasksNeeded(config);
  const done = tasksDone(journey, config);
  return {
    progress: needed === 0 ? 0 : done / needed,
    label: `${String(done)}/${String(needed)} nhiệm vụ`,
  };
}

export function gradeCell(grade: Grade): Cell {
  return {
    text: GRADE_LABELS[grade],
    tone: grade === 'chua_dat' ? 'muted' : grade === 'xuat_sac' ? 'good' : 'normal',
    strong: grade === 'xuat_sac',
  };
}

/** Per grade, how many: `Xuất sắc 2 · Tốt 3 · Đạt 1 · Chưa đạt 4`. */
export function gradeCounts(journeys: readonly JourneyDoc[]): string {
  return GRADE_ORDER.map(
    (g) => `${GRADE_LABELS[g]} ${String(journeys.filter((j) => j.result.grade === g).length)}`,
  ).join(' · ');
}

export function decisionText(decision: keyof typeof DECISION_LABELS | 'pending'): string {
  return decision === 'pending' ? 'Chờ đánh giá' : DECISION_LABELS[decision];
}

export const displayIso = (iso: string): string => displayDate(localDate(new Date(iso)));

/** The catalogue's groups in words, for headings. */
export { GROUP_LABELS };

/** A table of members' results, one row each, every task a column: what quarterly and annual reports show. */
export function memberTable(config: YearConfig, journeys: readonly JourneyDoc[], withUnit: boolean): Block {
  const names = namesOf(config);
  return {
    kind: 'table',
    columns: [
      { title: 'STT', align: 'right', width: 18 },
      { title: 'Họ và tên', width: 90 },
      ...(withUnit ? [{ title: 'Cơ sở Đoàn', width: 80 }] : [{ title: 'Tổ', width: 70 }]),
      ...config.tasks.map((t) => ({ title: t.code, align: 'center' as const, width: 26 })),
      { title: 'Hoàn thành', align: 'center', width: 40 },
      { title: 'Xếp loại', width: 44 },
      { title: 'Điểm', align: 'right', width: 28 },
    ],
    rows: journeys.map((j, i) => [
      i + 1,
      j.fullName,
      withUnit ? names.unit(j.unitId) : names.group(j.groupId),
      ...config.tasks.map((t) => taskCell(j, t.code)),
      `${String(tasksDone(j, config))}/${String(tasksNeeded(config))}`,
      gradeCell(j.result.grade),
      j.result.points,
    ]),
    empty: 'Chưa có đoàn viên nào đăng ký.',
  };
}

/** File names people see: the report and its period, with Vietnamese letters, nothing a file system refuses. */
export function fileName(...parts: string[]): string {
  return `${parts.join(' — ').replace(/[\\/:*?"<>|]+/g, '-')}.pdf`;
}

/** The committee: its mailing list and the standing committee's members, each once. */
export function committeeRecipients(config: YearConfig): string[] {
  return [...new Set([...config.committee.digestTo, ...config.committee.BTV_DOAN_KHOI])].filter(isSendableAddress);
}

/**
 * One report letter to each sendable address, stored once under the report's content key: the year's, or the unit's
 * for a unit's report (whose mail ids carry the unit too).
 */
export function reportDrafts(
  kind: 'digest' | 'quarterly' | 'annual' | 'camp' | 'phase',
  config: YearConfig,
  period: Period,
  letter: Letter,
  recipients: readonly string[],
  unitId?: string,
): MailDraft[] {
  const key = contentKey(kind, period.label, unitId ?? String(config.year));
  return recipients.filter(isSendableAddress).map((to) => ({
    id: reportMailId(kind, period.label, to, unitId),
    year: config.year,
    kind,
    period: period.label,
    to,
    priority: PRIORITY.report,
    subject: letter.subject,
    letter,
    contentKey: key,
  }));
}

/** One letter to each address of the committee. */
export function committeeDrafts(
  kind: 'annual' | 'camp' | 'phase',
  config: YearConfig,
  period: Period,
  letter: Letter,
): MailDraft[] {
  return reportDrafts(kind, config, period, letter, committeeRecipients(config));
}
