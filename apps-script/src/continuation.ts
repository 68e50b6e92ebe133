// Work that did not fit in one execution continues in the next: the job is recorded as pending (one small property per
// job) and one one-off time trigger calls `resumeWork` a minute later, which runs the pending jobs within its own budget
// and arms the trigger again while any is left. Each job keeps its own cursor, saved after each unit, so a continuation
// (or a run Apps Script stopped) resumes where the work stands: nothing is done twice, nothing is skipped.
import { props, propertiesWithPrefix } from './store';
import { log } from './log';

/** The jobs that may span executions, in the order a continuation runs them. */
export const JOBS = ['newYear', 'setup', 'drain', 'poll'] as const;
export type Job = (typeof JOBS)[number];

/** The global function the one-off trigger calls (main.ts). */
export const RESUME_HANDLER = 'resumeWork';
/** How long after an execution its continuation runs. */
export const CONTINUE_AFTER_MS = 60 * 1000;

const PENDING_PREFIX = 'journey.continue.';

export interface PendingJob {
  job: Job;
  /** When the job was first left unfinished. */
  since: number;
  /** Where it stands, in Vietnamese (the status menu shows it). */
  progress: string;
}

const JOB_NAMES: Record<Job, string> = {
  newYear: 'Chuyển sang năm mới',
  setup: 'Thiết lập biểu mẫu và bảng tính',
  drain: 'Gửi lại các mục đang chờ và đối soát phản hồi',
  poll: 'Kiểm tra các hàng chờ đánh giá',
};

export function jobName(job: Job): string {
  return JOB_NAMES[job];
}

function isJob(value: string): value is Job {
  return (JOBS as readonly string[]).includes(value);
}

/** The pending jobs, from one read of the store (or from values already read). */
export function pendingJobs(all?: Readonly<Record<string, string>>): PendingJob[] {
  const found = all
    ? Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith(PENDING_PREFIX)))
    : propertiesWithPrefix(PENDING_PREFIX);
  const jobs: PendingJob[] = [];
  for (const [key, text] of Object.entries(found)) {
    const job = key.slice(PENDING_PREFIX.length);
    if (!isJob(job)) continue;
    try {
      const value = JSON.parse(text) as Partial<PendingJob>;
      jobs.push({
        job,
        since: typeof value.since === 'number' ? value.since : 0,
        progress: typeof value.progress === 'string' ? value.progress : '',
      });
    } catch {
      jobs.push({ job, since: 0, progress: '' });
    }
  }
  return jobs.sort((a, b) => JOBS.indexOf(a.job) - JOBS.indexOf(b.job));
}

export function isPending(job: Job): boolean {
  return props().getProperty(PENDING_PREFIX + job) !== null;
}

/** Records where an unfinished job stands (its first `since` is kept). */
export function markPending(job: Job, progress: string): void {
  const key = PENDING_PREFIX + job;
  const earlier = pendingJobs({ [key]: props().getProperty(key) ?? '{}' }).find((p) => p.job === job);
  props().setProperty(
    key,
    JSON.stringify({ since: earlier && earlier.since > 0 ? earlier.since : Date.now(), progress }),
  );
}

/** The job is done: nothing of it is pending any more. */
export function jobDone(job: Job): void {
  if (props().getProperty(PENDING_PREFIX + job) !== null) props().deleteProperty(PENDING_PREFIX + job);
}

function continuationTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === RESUME_HANDLER);
}

/**
 * The one continuation trigger, set to fire at `atMs` (any earlier one is replaced: a one-off trigger that fired stays
 * listed and counts toward the 20). False when it could not be made — the account's 20 triggers are used — and the work
 * then continues at the job's next scheduled run, or when the committee runs it again from the menu.
 */
export function scheduleContinuation(atMs: number): boolean {
  for (const trigger of continuationTriggers()) ScriptApp.deleteTrigger(trigger);
  try {
    ScriptApp.newTrigger(RESUME_HANDLER)
      .timeBased()
      .after(Math.max(CONTINUE_AFTER_MS, Math.round(atMs - Date.now())))
      .create();
    return true;
  } catch (error) {
    log.error(
      `Không tạo được trình kích hoạt chạy tiếp (${String(error)}); phần việc còn lại sẽ làm ở lượt chạy định kỳ sau hoặc khi chạy lại từ trình đơn.`,
    );
    return false;
  }
}

/**
 * A job a person started (setup, the new year) may be stopped by Apps Script before it can say what is left: it is
 * marked pending and a continuation is armed for just after this execution's limit, so even then it goes on by itself.
 */
export function guardJob(job: Job, progress: string, deadlineMs: number): void {
  markPending(job, progress);
  scheduleContinuation(deadlineMs + CONTINUE_AFTER_MS);
}

/**
 * At the end of a long execution: while any job is pending, the continuation runs a minute from now (or at `notBeforeMs`,
 * when the job is held by an execution still running); with nothing pending, no continuation trigger is left.
 */
export function settleContinuation(notBeforeMs = 0): boolean {
  if (pendingJobs().length === 0) {
    for (const trigger of continuationTriggers()) ScriptApp.deleteTrigger(trigger);
    return false;
  }
  return scheduleContinuation(Math.max(Date.now() + CONTINUE_AFTER_MS, notBeforeMs));
}

/** True when a continuation trigger is armed. */
export function continuationArmed(): boolean {
  return continuationTriggers().length > 0;
}
