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
export function scoreJourney(
  config: YearConfig,
  registered: RegisteredJourney,
  entries: readonly ScoredEntry[],
): JourneyResult {
  const { rules } = config;
  const catalogue = catalogueOf(config);
  const { index, mandatory, groups, taskShape } = catalogue;
  const taskCount = config.tasks.length;
  const work = scratchFor(taskCount, entries.length);
  const { isRegistered, waiting, approvals, start } = work;
  isRegistered.set(catalogue.mandatoryFlags);
  for (const code of registered.training) markRegistered(isRegistered, index, code);
  for (const code of registered.challenge) markRegistered(isRegistered, index, code);
  waiting.fill(0);
  approvals.fill(0);

  // The effective decision of each entry: waiting ones counted by task, approvals of registered tasks kept (task, instant, date).
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
  // Grouped by task (a counting sort into `times` and `dates`): task i's approvals are at start[i] … start[i] + approvals[i].
  let offset = 0;
  for (let i = 0; i < taskCount; i += 1) {
    start[i] = offset;
    offset += approvals[i] ?? 0;
  }
  const fill = work.fill;
  fill.set(start.subarray(0, taskCount));
  for (let k = 0; k < kept; k += 1) {
    const i = work.keptTask[k] ?? 0;
    const at = fill[i] ?? 0;
    work.times[at] = work.keptTime[k] ?? 0;
    work.dates[at] = work.keptDate[k] ?? '';
    fill[i] = at + 1;
  }

  // A copy of one object shaped like the result (every task's key, in order): each task is then stored in place,
  // rather than the object growing key by key.
  const tasks = { ...taskShape } as Record<string, TaskProgress>;
  let doneBB = 0;
  let doneRL = 0;
  let doneTT = 0;
  // When each done task was done (the instant of the approval that met its rule), per group, in `doneAt`.
  const doneCount = work.doneCount;
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
      const group = groups[i] ?? 0;
      if (group === 0) doneBB += 1;
      else if (group === 1) doneRL += 1;
      else doneTT += 1;
      const at = doneCount[group] ?? 0;
      work.doneAt[group * taskCount + at] = kthSmallest(work.times, from, counting, task.minEntries);
      doneCount[group] = at + 1;
      extraEntries += counting - task.minEntries;
    } else if (status !== 'not_registered') allRegisteredDone = false;
    tasks[task.code] = progressOf(catalogue, i, status, approved, pending, task.minEntries);
  }

  // The year was first completed when the last BB task, the minTraining-th RL task and the minChallenge-th TT task were done.
  const completed = doneBB >= mandatory && doneRL >= rules.minTraining && doneTT >= rules.minChallenge;
  let completedAt: number | null = null;
  if (completed) {
    const latestBB = kthSmallest(work.doneAt, 0, doneCount[0] ?? 0, doneCount[0] ?? 0);
    const rl = kthSmallest(work.doneAt, taskCount, doneCount[1] ?? 0, rules.minTraining);
    const tt = kthSmallest(work.doneAt, 2 * taskCount, doneCount[2] ?? 0, rules.minChallenge);
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

/** Per plan, computed once: each task's position by code, and how many tasks are mandatory. */
interface Catalogue {
  index: Map<string, number>;
  mandatory: number;
  /** 1 for each mandatory (BB) task: every member is registered for those. */
  mandatoryFlags: Uint8Array;
  /** Each task's group as 0 (BB), 1 (RL) or 2 (TT). */
  groups: Uint8Array;
  /** Every task's code as a key, in the plan's order: the shape of a result's `tasks`. */
  taskShape: Readonly<Record<string, TaskProgress | null>>;
  /** Each task's progress values already made, by status and counts (see `progressOf`). */
  progress: (TaskProgress | undefined)[][];
}
const catalogues = new WeakMap<YearConfig, Catalogue>();
const GROUP_INDEX: Record<TaskGroup, number> = { BB: 0, RL: 1, TT: 2 };

function catalogueOf(config: YearConfig): Catalogue {
  let catalogue = catalogues.get(config);
  if (!catalogue) {
    catalogue = {
      index: new Map(config.tasks.map((t, i) => [t.code, i])),
      mandatory: config.tasks.filter((t) => t.group === 'BB').length,
      mandatoryFlags: Uint8Array.from(config.tasks, (t) => (t.group === 'BB' ? 1 : 0)),
      groups: Uint8Array.from(config.tasks, (t) => GROUP_INDEX[t.group]),
      taskShape: Object.fromEntries(config.tasks.map((t) => [t.code, null])),
      progress: config.tasks.map(() => []),
    };
    catalogues.set(config, catalogue);
  }
  return catalogue;
}

/** Tasks done per group, as a frozen value shared by every result with the same counts (a handful in a year). */
const doneValues = new Map<number, Readonly<Record<TaskGroup, number>>>();
function doneCounts(BB: number, RL: number, TT: number): Record<TaskGroup, number> {
  if (BB >= 256 || RL >= 256 || TT >= 256) return { BB, RL, TT };
  const key = (BB * 256 + RL) * 256 + TT;
  let value = doneValues.get(key);
  if (!value) {
    value = Object.freeze({ BB, RL, TT });
    doneValues.set(key, value);
  }
  return value;
}

const STATUS_INDEX: Record<TaskStatus, number> = { not_registered: 0, not_started: 1, in_progress: 2, done: 3 };
/** Counts of approved and pending entries below this share their progress value; a task with more gets its own. */
const PROGRESS_COUNTS = 64;

/**
 * A task's progress as a value shared by every result that has the same one (frozen): of 10,000 members' 14 tasks,
 * nearly all are one of a few dozen values, so a year's results hold a few hundred such objects instead of 140,000.
 */
function progressOf(
  catalogue: Catalogue,
  task: number,
  status: TaskStatus,
  approved: number,
  pending: number,
  required: number,
): TaskProgress {
  if (approved >= PROGRESS_COUNTS || pending >= PROGRESS_COUNTS) return { status, approved, pending, required };
  const key = (STATUS_INDEX[status] * PROGRESS_COUNTS + approved) * PROGRESS_COUNTS + pending;
  const known = catalogue.progress[task] ?? [];
  let value = known[key];
  if (!value) {
    value = Object.freeze({ status, approved, pending, required });
    known[key] = value;
  }
  return value;
}

function markRegistered(isRegistered: Uint8Array, index: ReadonlyMap<string, number>, code: string): void {
  const i = index.get(code);
  if (i !== undefined) isRegistered[i] = 1;
}

/** Room reused by every call (scoring is synchronous): nothing is allocated per entry or per task. */
interface TaskRoom {
  tasks: number;
  isRegistered: Uint8Array;
  waiting: Int32Array;
  approvals: Int32Array;
  start: Int32Array;
  fill: Int32Array;
  doneCount: Int32Array;
  /** The done instants of group g at g × tasks + 0 … doneCount[g]. */
  doneAt: Float64Array;
}
interface EntryRoom {
  keptTask: Int32Array;
  keptTime: Float64Array;
  keptDate: string[];
  times: Float64Array;
  dates: string[];
}

function taskRoom(tasks: number): TaskRoom {
  const ints = (): Int32Array => new Int32Array(tasks);
  return {
    tasks,
    isRegistered: new Uint8Array(tasks),
    waiting: ints(),
    approvals: ints(),
    start: ints(),
    fill: ints(),
    doneCount: new Int32Array(3),
    doneAt: new Float64Array(3 * tasks),
  };
}

function entryRoom(entries: number): EntryRoom {
  const texts = (): string[] => new Array<string>(entries).fill('');
  return {
    keptTask: new Int32Array(entries),
    keptTime: new Float64Array(entries),
    keptDate: texts(),
    times: new Float64Array(entries),
    dates: texts(),
  };
}

let scratch: TaskRoom & EntryRoom = { ...taskRoom(0), ...entryRoom(64) };

function scratchFor(tasks: number, entries: number): TaskRoom & EntryRoom {
  if (scratch.tasks !== tasks) scratch = { ...scratch, ...taskRoom(tasks) };
  if (scratch.keptTime.length < entries)
    scratch = { ...scratch, ...entryRoom(Math.max(entries, 2 * scratch.keptTime.length)) };
  return scratch;
}

/**
 * Keeps, among the `count` approvals at `from` of a task counted on distinct dates (BB2), the first approval of each
 * activity date, moved to the front; answers how many there are.
 */
function firstPerDate(times: Float64Array, dates: string[], from: number, count: number): number {
  let distinct = 0;
  for (let k = from; k < from + count; k += 1) {
    const date = dates[k];
    const time = times[k] ?? 0;
    let j = from;
    while (j < from + distinct && dates[j] !== date) j += 1;
    if (j < from + distinct) {
      if (time < (times[j] ?? 0)) times[j] = time;
    } else {
      times[from + distinct] = time;
      dates[from + distinct] = date ?? '';
      distinct += 1;
    }
  }
  return distinct;
}

/**
 * The k-th smallest of the `count` values at `from` (sorted in place: a task has a few dozen approvals at most);
 * -Infinity for k = 0 (nothing needed), Infinity when there are fewer than k.
 */
function kthSmallest(values: Float64Array, from: number, count: number, k: number): number {
  if (k <= 0) return Number.NEGATIVE_INFINITY;
  if (count < k) return Number.POSITIVE_INFINITY;
  for (let a = from + 1; a < from + count; a += 1) {
    const value = values[a] ?? 0;
    let b = a - 1;
    while (b >= from && (values[b] ?? 0) > value) {
      values[b + 1] = values[b] ?? 0;
      b -= 1;
    }
    values[b + 1] = value;
  }
  return values[from + k - 1] ?? Number.POSITIVE_INFINITY;
}
