// The long jobs as executions run them: the drain with the reconciler after it, the continuation that takes up whatever
// an earlier execution left, and the status the menu shows of it all.
import { isPending, jobDone, jobName, markPending, pendingJobs, settleContinuation, type Job } from './continuation';
import { drainQueue } from './delivery';
import { JourneyError, messageOf } from './errors';
import { outOfTime } from './execution';
import { heldLeases } from './lock';
import { drainSummary } from './menu';
import { runNewYear } from './new-year';
import { collectDecisions, pollSummary } from './queue-poll';
import { reconcileIfDue, reconcileSummary, reconcileUnfinished } from './reconcile';
import { queueCounts } from './retry-queue';
import { runSetup } from './setup';
import { props } from './store';
import { displayDateTime } from './time';
import { usageText } from './usage';
import { log } from './log';

/**
 * The drain's time trigger: the due items of the retry queue, then — hourly, or at once when the last pass ran out of
 * time — the reconciler, both within this execution's one budget. What is left goes on a minute later.
 */
export function drainAndReconcile(): void {
  const report = drainQueue({ force: false });
  if (report.sent + report.refused + report.failed + report.dead > 0) log.info(drainSummary(report));
  if (!outOfTime()) {
    const reconciled = reconcileIfDue();
    if (reconciled && (reconciled.sent + reconciled.refused > 0 || reconciled.stopped !== null))
      log.info(reconcileSummary(reconciled));
  }
  const unfinished = reconcileUnfinished();
  // The continuation trigger is touched only when the drain's state changes (most runs have nothing left over).
  if (report.stoppedForTime || unfinished) {
    markPending(
      'drain',
      `còn ${String(report.left)} mục trong hàng đợi gửi lại${unfinished ? ', đối soát phản hồi chưa xong' : ''}`,
    );
    settleContinuation();
  } else if (isPending('drain')) {
    jobDone('drain');
    settleContinuation();
  }
}

/** Runs one pending job; returns when it may be retried if another execution holds it (0: not held). */
function runJob(job: Job): number {
  try {
    switch (job) {
      case 'newYear': {
        const report = runNewYear();
        log.info(
          report.unfinished
            ? `Chuyển sang năm ${String(report.to)}: chưa xong; còn tiếp.`
            : `Chuyển sang năm ${String(report.to)}: đã xong; thiết lập năm ${String(report.to)} ${report.setup && !report.setup.incomplete ? 'đã xong' : 'còn tiếp'}.`,
        );
        return 0;
      }
      case 'setup': {
        // Counts only in the log (the summary a person reads names the people sharing failed for).
        const report = runSetup();
        log.info(
          report.incomplete
            ? `Thiết lập năm ${String(report.year)}: đã xong ${String(report.incomplete.queuesDone)}/${String(report.incomplete.queues)} bảng tính hàng chờ; còn tiếp.`
            : `Thiết lập năm ${String(report.year)}: đã xong (tạo mới ${String(report.spreadsheetsCreated)} bảng tính).`,
        );
        return 0;
      }
      case 'drain': {
        const report = drainQueue({ force: false });
        if (!outOfTime()) reconcileIfDue();
        if (!report.stoppedForTime && !reconcileUnfinished()) jobDone('drain');
        return 0;
      }
      case 'poll': {
        const report = collectDecisions();
        log.info(pollSummary(report));
        return 0;
      }
    }
  } catch (error) {
    // Held by an execution still running: try again once it must have ended.
    if (error instanceof JourneyError && error.code === 'busy') return Date.now() + 6 * 60 * 1000;
    log.error(`${jobName(job)}: ${messageOf(error)}`);
    return 0;
  }
}

/**
 * The continuation trigger (continuation.ts): every pending job in turn — the year's rollover, setup, the drain, the
 * poller — while the budget lasts; each saves where it stands after each unit and marks itself done or still pending.
 * The trigger is armed again while anything is left.
 */
export function resumePending(): void {
  let notBefore = 0;
  for (const { job } of pendingJobs()) {
    if (outOfTime()) break;
    notBefore = Math.max(notBefore, runJob(job));
  }
  settleContinuation(notBefore);
}

/** What the menu "Tình trạng công việc" shows, in Vietnamese. */
export function statusText(nowMs: number): string {
  const all = props().getProperties();
  const lines: string[] = [];
  const pending = pendingJobs(all);
  if (pending.length === 0) {
    lines.push('Không có việc nào đang chờ chạy tiếp.');
  } else {
    lines.push(
      'Các việc chưa xong, sẽ tự chạy tiếp (mỗi lượt chạy tối đa 5 phút, lượt sau bắt đầu khoảng 1 phút sau):',
    );
    for (const p of pending) {
      const since = p.since > 0 ? ` (từ ${displayDateTime(new Date(p.since))})` : '';
      lines.push(`• ${jobName(p.job)}${since}${p.progress ? `: ${p.progress}` : ''}`);
    }
  }
  const leases = heldLeases(all, nowMs);
  if (leases.length > 0) {
    lines.push('', 'Đang chạy:');
    for (const { name, lease } of leases)
      lines.push(
        `• ${name} — bắt đầu ${displayDateTime(new Date(lease.at))}, chậm nhất kết thúc ${displayDateTime(new Date(lease.until))}`,
      );
  }
  const counts = queueCounts(nowMs);
  lines.push('', `Hàng đợi gửi lại: ${String(counts.pending)} mục đang chờ, ${String(counts.dead)} mục gửi thất bại.`);
  lines.push('', usageText(nowMs));
  return lines.join('\n');
}
