// The memory scoring reuses from one member to the next (scoring is synchronous): each plan's catalogue computed once,
// typed arrays for counts and instants, and the frozen values results share; nothing is allocated per entry or task.
import type { TaskGroup } from './catalogue';
import type { YearConfig } from './config';
import type { TaskProgress, TaskStatus } from './task-progress';

/** Per plan, computed once: each task's position by code, and how many tasks are mandatory. */
export interface Catalogue {
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

export function catalogueOf(config: YearConfig): Catalogue {
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
export function doneCounts(BB: number, RL: number, TT: number): Record<TaskGroup, number> {
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
export function progressOf(
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

/** One member's scoring room: the plan's tasks and the member's entries. */
export type Scratch = TaskRoom & EntryRoom;

let scratch: Scratch = { ...taskRoom(0), ...entryRoom(64) };

export function scratchFor(tasks: number, entries: number): Scratch {
  if (scratch.tasks !== tasks) scratch = { ...scratch, ...taskRoom(tasks) };
  if (scratch.keptTime.length < entries)
    scratch = { ...scratch, ...entryRoom(Math.max(entries, 2 * scratch.keptTime.length)) };
  return scratch;
}

/**
 * Keeps, among the `count` approvals at `from` of a task counted on distinct dates (BB2), the first approval of each
 * activity date, moved to the front; answers how many there are.
 */
export function firstPerDate(times: Float64Array, dates: string[], from: number, count: number): number {
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
export function kthSmallest(values: Float64Array, from: number, count: number, k: number): number {
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
