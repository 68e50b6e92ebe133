// A member's year result (SPEC §2 Results): task status, completion and when it was first reached, grade, points.
import type { TaskDefinition, TaskGroup } from './catalogue';
import type { YearConfig } from './config';
import type { IsoDate } from './dates';
import { effectiveDecision, type Decision } from './evaluation';

export type TaskStatus = 'not_registered' | 'not_started' | 'in_progress' | 'done';
export type Grade = 'xuat_sac' | 'tot' | 'dat' | 'chua_dat';

export const GRADE_LABELS: Record<Grade, string> = {
  xuat_sac: 'Xuất sắc',
  tot: 'Tốt',
  dat: 'Đạt',
  chua_dat: 'Chưa đạt',
};

/** Best first. */
export const GRADE_ORDER: readonly Grade[] = ['xuat_sac', 'tot', 'dat', 'chua_dat'];

export interface TaskProgress {
  status: TaskStatus;
  approved: number;
  pending: number;
  required: number;
}

export interface JourneyResult {
  tasks: Record<string, TaskProgress>;
  done: Record<TaskGroup, number>;
  completed: boolean;
  /** The instant the year was first completed (ISO-8601), from the approving decisions' times. */
  completedAt: string | null;
  grade: Grade;
  points: number;
}

/** One evidence entry with every decision made on it, in any order. */
export interface ScoredEntry {
  task: string;
  activityDate: IsoDate;
  decisions: readonly Decision[];
}

export interface RegisteredJourney {
  training: readonly string[];
  challenge: readonly string[];
}

/**
 * Scores a member's year. Pure and independent of the order entries and decisions arrive in.
 * @example scoreJourney(config, { training: ['RL1','RL2','RL3'], challenge: ['TT1'] }, entries)
 */
export function scoreJourney(config: YearConfig, registered: RegisteredJourney, entries: readonly ScoredEntry[]): JourneyResult {
  const registeredCodes = new Set([...config.tasks.filter((t) => t.group === 'BB').map((t) => t.code), ...registered.training, ...registered.challenge]);
  const approvals: { task: string; activityDate: IsoDate; at: Date }[] = [];
  const pending = new Map<string, number>();
  for (const entry of entries) {
    const decision = effectiveDecision(entry.decisions);
    if (decision?.decision === 'approved') approvals.push({ task: entry.task, activityDate: entry.activityDate, at: decision.editedAt });
    else if (decision === undefined || decision.decision === 'needs_info') pending.set(entry.task, (pending.get(entry.task) ?? 0) + 1);
  }
  approvals.sort((a, b) => a.at.getTime() - b.at.getTime() || a.task.localeCompare(b.task) || a.activityDate.localeCompare(b.activityDate));

  // Replay approvals in decision order: the counts at the end are the result, the first moment of completion is completedAt.
  const tally = new Tally(config.tasks);
  let completedAt: Date | null = null;
  for (const approval of approvals) {
    if (!registeredCodes.has(approval.task)) continue;
    tally.add(approval.task, approval.activityDate);
    if (completedAt === null && isCompleted(config, tally.doneByGroup(registeredCodes))) completedAt = approval.at;
  }

  const tasks: Record<string, TaskProgress> = {};
  let extraEntries = 0;
  let allRegisteredDone = true;
  for (const task of config.tasks) {
    const counted = tally.counted(task.code);
    const waiting = pending.get(task.code) ?? 0;
    const done = counted >= task.minEntries;
    let status: TaskStatus;
    if (!registeredCodes.has(task.code)) status = 'not_registered';
    else if (done) status = 'done';
    else if (counted > 0 || waiting > 0 || tally.approved(task.code) > 0) status = 'in_progress';
    else status = 'not_started';
    if (status === 'done') extraEntries += counted - task.minEntries;
    if (registeredCodes.has(task.code) && status !== 'done') allRegisteredDone = false;
    tasks[task.code] = { status, approved: tally.approved(task.code), pending: waiting, required: task.minEntries };
  }

  const done = tally.doneByGroup(registeredCodes);
  const completed = isCompleted(config, done);
  const { rules } = config;
  let grade: Grade = 'chua_dat';
  if (completed && allRegisteredDone && done.RL > rules.minTraining && done.TT > rules.minChallenge) grade = 'xuat_sac';
  else if (completed && allRegisteredDone) grade = 'tot';
  else if (completed) grade = 'dat';
  const points =
    done.BB * rules.weights.BB +
    done.RL * rules.weights.RL +
    done.TT * rules.weights.TT +
    Math.min(rules.extraCap, extraEntries * rules.extraPerEntry);
  return { tasks, done, completed, completedAt: completedAt?.toISOString() ?? null, grade, points };
}

/** The year is completed when every BB task is done and the RL and TT minimums are met. */
function isCompleted(config: YearConfig, done: Record<TaskGroup, number>): boolean {
  const mandatory = config.tasks.filter((t) => t.group === 'BB').length;
  return done.BB >= mandatory && done.RL >= config.rules.minTraining && done.TT >= config.rules.minChallenge;
}

/** Approved entries per task; tasks counted on distinct dates keep the set of dates. */
class Tally {
  private readonly definitions: Map<string, TaskDefinition>;
  private readonly dates = new Map<string, Set<IsoDate>>();
  private readonly entries = new Map<string, number>();

  constructor(tasks: readonly TaskDefinition[]) {
    this.definitions = new Map(tasks.map((t) => [t.code, t]));
  }

  add(task: string, activityDate: IsoDate): void {
    this.entries.set(task, (this.entries.get(task) ?? 0) + 1);
    const dates = this.dates.get(task) ?? new Set<IsoDate>();
    dates.add(activityDate);
    this.dates.set(task, dates);
  }

  approved(task: string): number {
    return this.entries.get(task) ?? 0;
  }

  /** Entries that count toward the task's rule. */
  counted(task: string): number {
    return this.definitions.get(task)?.distinctDates ? (this.dates.get(task)?.size ?? 0) : this.approved(task);
  }

  doneByGroup(registered: ReadonlySet<string>): Record<TaskGroup, number> {
    const done: Record<TaskGroup, number> = { BB: 0, RL: 0, TT: 0 };
    for (const [code, definition] of this.definitions) {
      if (registered.has(code) && this.counted(code) >= definition.minEntries) done[definition.group] += 1;
    }
    return done;
  }
}
