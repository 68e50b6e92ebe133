// Entry points: every export here becomes a global function of the Apps Script project (see build.mjs). Each is thin and has one top-level catch.
import { JourneyError, messageOf } from './errors';
import { beginExecution } from './execution';
import { handleFormSubmit } from './form-triggers';
import * as menu from './menu';
import { confirmNewYear, newYearSummary, runNewYear } from './new-year';
import { handleNominationEdit, isNominationEdit } from './nomination-edit';
import { handleQueueEdit } from './queue-edit';
import { collectDecisions, pollSummary } from './queue-poll';
import { reconcileResponses as reconcilePass, reconcileSummary } from './reconcile';
import { readSettings } from './settings';
import { moveLegacySecret, SECRET_KEY, signingSecret } from './credentials';
import { askForSecret, ensureInstallerSecret } from './secret-entry';
import { runSetup, setupSummary } from './setup';
import { queueDeliveryLines, reconcileTriggers } from './triggers';
import { alert, hasUi } from './ui';
import { countStoppedRuns, markRunning, recordRun, usageText } from './usage';
import { resumePending, statusText, drainAndReconcile } from './work';
import { log } from './log';

/**
 * For triggers: starts the execution's clock (execution.ts), logs, then rethrows so Apps Script records the failure and
 * e-mails the owner. Each run's duration is added to the day's trigger run time (usage.ts), which the menu shows against
 * the daily quota. A long run marks itself as running first: if Apps Script stops it at 6 minutes, before its `finally`
 * can count it, the next long run counts it.
 */
function inTrigger<T>(name: string, fn: () => T, options: { long?: boolean } = {}): T {
  const started = Date.now();
  beginExecution(name, started);
  let running: string | undefined;
  if (options.long) {
    countStoppedRuns(started);
    running = markRunning(name, started);
    takeLegacySecret();
  }
  try {
    return fn();
  } catch (error) {
    log.error(`${name}: ${messageOf(error)}`, error instanceof Error ? error.stack : '');
    throw error;
  } finally {
    recordRun(name, started, Date.now(), running);
  }
}

/**
 * A secret an older version kept in Script Properties moves to the User Properties of the account whose triggers run
 * (credentials.ts): the drain runs every 15 minutes, so it is gone from Script Properties within that of the upgrade.
 * One property read per long run.
 */
function takeLegacySecret(): void {
  const legacy = PropertiesService.getScriptProperties().getProperty(SECRET_KEY)?.trim() ?? '';
  if (legacy !== '') moveLegacySecret(legacy);
}

/** For menu items and editor runs: a person is waiting, so show the Vietnamese message (or throw it in the editor). */
function forPerson<T>(title: string, fn: () => T, handler = title): T | undefined {
  beginExecution(handler);
  try {
    return fn();
  } catch (error) {
    const message =
      error instanceof JourneyError ? error.message : `Đã xảy ra lỗi không mong muốn: ${messageOf(error)}`;
    log.error(`${title}: ${messageOf(error)}`, error instanceof Error ? error.stack : '');
    if (!hasUi()) throw error;
    alert(title, message);
    return undefined;
  }
}

/** Simple trigger of the master spreadsheet (the project is bound to it): adds the "Hành trình" menu. */
export function onOpen(): void {
  menu.buildMenu();
}

/**
 * Menu "Thiết lập / cập nhật biểu mẫu", or run from the editor: builds or updates everything for JOURNEY_YEAR. What does
 * not fit in one execution continues by itself (continuation.ts); the summary says so.
 */
export function setup(): void {
  forPerson(
    'Thiết lập',
    () => {
      ensureInstallerSecret();
      alert('Thiết lập', setupSummary(runSetup()));
    },
    'setup',
  );
}

/** Reconciles the triggers with the stored forms, queue spreadsheets and schedules (setup does this too). */
export function installTriggers(): void {
  forPerson('Cài đặt trình kích hoạt', () => {
    ensureInstallerSecret();
    const report = reconcileTriggers(readSettings().year);
    alert(
      'Cài đặt trình kích hoạt',
      [
        `Tạo mới ${String(report.created.length)}, giữ nguyên ${String(report.kept.length)}, xóa ${String(report.deleted)}.`,
        ...queueDeliveryLines(report),
        ...(report.skipped.length > 0 ? [`Chưa tạo được (đã đạt giới hạn 20): ${report.skipped.join('; ')}`] : []),
      ].join('\n'),
    );
  });
}

export function onRegistrationSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  inTrigger('onRegistrationSubmit', () => handleFormSubmit(e, 'registration'));
}

export function onEvidenceSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): void {
  inTrigger('onEvidenceSubmit', () => handleFormSubmit(e, 'evidence'));
}

export function onQueueEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // The same spreadsheets carry a base union's "Đề cử" tab beside its queue.
  inTrigger('onQueueEdit', () => (isNominationEdit(e) ? handleNominationEdit(e) : handleQueueEdit(e)));
}

/**
 * Time trigger (every 15 minutes): sends the due items of the retry queue, then — hourly, or at once when the last pass
 * ran out of time — reconciles the forms with the function (reconcile.ts), without a trigger of its own; both within this
 * execution's one budget, the rest continued a minute later.
 */
export function drainRetryQueue(): void {
  inTrigger(
    'drainRetryQueue',
    () => {
      drainAndReconcile();
    },
    { long: true },
  );
}

/**
 * The one-off continuation trigger (continuation.ts): runs the jobs an earlier execution left unfinished — the year's
 * rollover, setup, the drain, the poller — in that order, within this execution's budget, and arms itself again while
 * any is left.
 */
export function resumeWork(): void {
  inTrigger(
    'resumeWork',
    () => {
      resumePending();
    },
    { long: true },
  );
}

/** Menu "Tình trạng công việc": what is running, what continues by itself, the retry queue, the day's run time. */
export function showStatus(): void {
  forPerson(
    'Tình trạng công việc',
    () => {
      alert('Tình trạng công việc', statusText(Date.now()));
    },
    'showStatus',
  );
}

/** Menu "Đối soát phản hồi biểu mẫu": sends every form response of the year the function does not have yet. */
export function reconcileResponses(): void {
  forPerson('Đối soát phản hồi biểu mẫu', () => {
    signingSecret();
    alert('Đối soát phản hồi biểu mẫu', reconcileSummary(reconcilePass()));
  });
}

/** Menu "Thời gian chạy hôm nay": the day's trigger run time against the daily quota. */
export function showTriggerUsage(): void {
  forPerson('Thời gian chạy của trình kích hoạt', () => {
    alert('Thời gian chạy của trình kích hoạt', usageText(Date.now()));
  });
}

/**
 * Time trigger (every 10 minutes; or run from the editor): reads the queue spreadsheets without an edit trigger — and,
 * hourly, those with one — and sends the decisions typed there that were not sent yet.
 */
export function collectQueueDecisions(): void {
  inTrigger(
    'collectQueueDecisions',
    () => {
      const report = collectDecisions();
      if (report.busy || report.sent + report.refused + report.queued + report.failed.length + report.left > 0)
        log.info(pollSummary(report));
    },
    { long: true },
  );
}

/** Menu "Gửi lại các mục đang chờ". */
export function sendPendingNow(): void {
  forPerson('Gửi lại các mục đang chờ', () => {
    // Only the installing account holds the secret: anyone else is told so rather than seeing every item fail again.
    signingSecret();
    return menu.sendPendingNow();
  });
}

/** Menu "Đồng bộ lại bảng tính". */
export function resyncSheets(): void {
  forPerson('Đồng bộ lại bảng tính', () => {
    menu.resync();
  });
}

/** Menu "Xem hàng đợi gửi lại". */
export function showRetryQueue(): void {
  forPerson('Hàng đợi gửi lại', () => {
    menu.showRetryQueue();
  });
}

/** Menu "Đưa các mục gửi thất bại vào hàng đợi lại". */
export function requeueFailed(): void {
  forPerson('Đưa các mục gửi thất bại vào hàng đợi lại', () => menu.requeueFailed());
}

/** Menu "Chuyển sang năm mới": asks first, then rolls the plan, the forms and the spreadsheets over to the next year. */
export function startNewYear(): void {
  forPerson(
    'Chuyển sang năm mới',
    () => {
      if (!confirmNewYear(readSettings().year)) return;
      ensureInstallerSecret();
      alert('Chuyển sang năm mới', newYearSummary(runNewYear()));
    },
    'startNewYear',
  );
}

/**
 * Menu "Nhập khóa bí mật": the installing account gives (or, after `npm run deploy -- --rotate-secret`, replaces) the
 * signing secret its triggers use; it is checked against the function and kept in that account's User Properties.
 */
export function enterSigningSecret(): void {
  forPerson(
    'Khóa bí mật của hàm Journey',
    () => {
      const entry = askForSecret();
      const installed = ScriptApp.getProjectTriggers().length > 0;
      const note =
        entry.outcome === 'stored' && !installed
          ? '\nTài khoản này chưa cài trình kích hoạt nào: nếu đây là tài khoản sẽ chạy hệ thống, hãy chọn Thiết lập / cập nhật biểu mẫu.'
          : '';
      alert('Khóa bí mật của hàm Journey', entry.detail + note);
    },
    'enterSigningSecret',
  );
}
