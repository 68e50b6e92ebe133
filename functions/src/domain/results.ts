// A member's year result (SPEC §2 Results): task status, completion and when it was first reached, grade, points.
import type { TaskDefinition, TaskGroup } from './catalogue';
import type { YearConfig } from './config';
import type { IsoDate } from './dates';
import { effectiveDecision, type Decision } from './evaluation';
import {
  catalogueOf,
  doneCounts,
  firstPerDate,
  kthSmallest,
  progressOf,
  scratchFor,
  type Catalogue,
  type Scratch,
} from './scoring-room';
import type { TaskProgress, TaskStatus } from './task-progress';

export { TASK_STATUSES, type TaskProgress, type TaskStatus } from './task-progress';

/** Best first. */
export const GRADES = ['xuat_sac', 'tot', 'dat', 'chua_dat'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  xuat_sac: 'Xuất sắc',
  tot: 'Tốt',
  dat: 'Đạt',
  chua_dat: 'Chưa đạt',
};

/** Best first. */
export const GRADE_ORDER: readonly Grade[] = GRADES;

export interface JourneyResult {
  tasks: Record<string, TaskProgress>;
  done: Record<TaskGroup, number>;
  completed: boolean;
  /** The instant the year was first completed (ISO-8601), from the approving decisions' times. */
  completedAt: string | null;
  grade: Grade;
  points: number;
}

/** The result a journey book holds before it is first scored: nothing done, not graded. */
export function emptyResult(): JourneyResult {
  return {
    tasks: {},
    done: { BB: 0, RL: 0, TT: 0 },
    completed: false,
    completedAt: null,
    grade: 'chua_dat',
    points: 0,
  };
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
export function scoreJourney(
  config: YearConfig,
  registered: RegisteredJourney,
  entries: readonly ScoredEntry[],
): JourneyResult {
  const { rules } = config;
  const catalogue = catalogueOf(config);
  const taskCount = config.tasks.length;
  const work = scratchFor(taskCount, entries.length);
  groupApprovals(catalogue, work, registered, entries);
  // A copy of one object shaped like the result (every task's key, in order): each task is then stored in place,
  // rather than the object growing key by key.
  const tasks = { ...catalogue.taskShape } as Record<string, TaskProgress>;
  const { extraEntries, allRegisteredDone } = tallyTasks(config, catalogue, work, tasks);
  const { doneCount } = work;
  const doneBB = doneCount[0] ?? 0;
  const doneRL = doneCount[1] ?? 0;
  const doneTT = doneCount[2] ?? 0;

  // The year was first completed when the last BB task, the minTraining-th RL task and the minChallenge-th TT task were done.
  const completed = doneBB >= catalogue.mandatory && doneRL >= rules.minTraining && doneTT >= rules.minChallenge;
  let completedAt: number | null = null;
  if (completed) {
    const latestBB = kthSmallest(work.doneAt, 0, doneBB, doneBB);
    const rl = kthSmallest(work.doneAt, taskCount, doneRL, rules.minTraining);
    const tt = kthSmallest(work.doneAt, 2 * taskCount, doneTT, rules.minChallenge);
    completedAt = Math.max(latestBB, rl, tt);
  }

  let grade: Grade = 'chua_dat';
  if (completed && allRegisteredDone && doneRL > rules.minTraining && doneTT > rules.minChallenge) grade = 'xuat_sac';
  else if (completed && allRegisteredDone) grade = 'tot';
  else if (completed) grade = 'dat';
  const points =
    doneBB * rules.weights.BB +
    doneRL * rules.weights.RL +
    doneTT * rules.weights.TT +
    Math.min(rules.extraCap, extraEntries * rules.extraPerEntry);
  return {
    tasks,
    done: doneCounts(doneBB, doneRL, doneTT),
    completed,
    completedAt: completedAt === null || !Number.isFinite(completedAt) ? null : new Date(completedAt).toISOString(),
    grade,
    points,
  };
}

/**
 * Marks the tasks the member is registered for, counts each entry by its effective decision (waiting ones by task,
 * approvals of registered tasks kept), then groups the approvals by task: task i's are at start[i] … start[i] +
 * approvals[i] of `times` and `dates` (a counting sort).
 */
function groupApprovals(
  catalogue: Catalogue,
  work: Scratch,
  registered: RegisteredJourney,
  entries: readonly ScoredEntry[],
): void {
  const { index } = catalogue;
  const { isRegistered, waiting, approvals, start } = work;
  isRegistered.set(catalogue.mandatoryFlags);
  for (const code of registered.training) markRegistered(isRegistered, index, code);
  for (const code of registered.challenge) markRegistered(isRegistered, index, code);
  waiting.fill(0);
  approvals.fill(0);
  let kept = 0;
  for (const entry of entries) {
    const i = index.get(entry.task);
    if (i === undefined) continue;
    const decision = effectiveDecision(entry.decisions);
    if (decision === undefined || decision.decision === 'needs_info') waiting[i] = (waiting[i] ?? 0) + 1;
    else if (decision.decision === 'approved' && isRegistered[i] === 1) {
      work.keptTask[kept] = i;
      work.keptTime[kept] = decision.editedAt.getTime();
      work.keptDate[kept] = entry.activityDate;
      approvals[i] = (approvals[i] ?? 0) + 1;
      kept += 1;
    }
  }
  let offset = 0;
  for (let i = 0; i < work.tasks; i += 1) {
    start[i] = offset;
    offset += approvals[i] ?? 0;
  }
  const fill = work.fill;
  fill.set(start.subarray(0, work.tasks));
  for (let k = 0; k < kept; k += 1) {
    const i = work.keptTask[k] ?? 0;
    const at = fill[i] ?? 0;
    work.times[at] = work.keptTime[k] ?? 0;
    work.dates[at] = work.keptDate[k] ?? '';
    fill[i] = at + 1;
  }
}

/**
 * Each task's status and progress into `tasks`; done tasks counted per group in `work.doneCount`, with when each was
 * done (the instant of the approval that met its rule) in `work.doneAt`. Answers the approvals beyond what done tasks
 * needed, and whether every registered task is done.
 */
function tallyTasks(
  config: YearConfig,
  catalogue: Catalogue,
  work: Scratch,
  tasks: Record<string, TaskProgress>,
): { extraEntries: number; allRegisteredDone: boolean } {
  const { isRegistered, waiting, approvals, start, doneCount } = work;
  const taskCount = work.tasks;
  doneCount.fill(0);
  let extraEntries = 0;
  let allRegisteredDone = true;
  for (let i = 0; i < taskCount; i += 1) {
    const task = config.tasks[i] as TaskDefinition;
    const from = start[i] ?? 0;
    const approved = approvals[i] ?? 0;
    // Tasks counted on distinct dates (BB2) keep the first approval of each date only.
    const counting = task.distinctDates ? firstPerDate(work.times, work.dates, from, approved) : approved;
    const pending = waiting[i] ?? 0;
    let status: TaskStatus;
    if (isRegistered[i] !== 1) status = 'not_registered';
    else if (counting >= task.minEntries) status = 'done';
    else if (approved > 0 || pending > 0) status = 'in_progress';
    else status = 'not_started';
    if (status === 'done') {
      const group = catalogue.groups[i] ?? 0;
      const at = doneCount[group] ?? 0;
      work.doneAt[group * taskCount + at] = kthSmallest(work.times, from, counting, task.minEntries);
      doneCount[group] = at + 1;
      extraEntries += counting - task.minEntries;
    } else if (status !== 'not_registered') allRegisteredDone = false;
    tasks[task.code] = progressOf(catalogue, i, status, approved, pending, task.minEntries);
  }
  return { extraEntries, allRegisteredDone };
}

function markRegistered(isRegistered: Uint8Array, index: ReadonlyMap<string, number>, code: string): void {
  const i = index.get(code);
  if (i !== undefined) isRegistered[i] = 1;
}
