// The time-driven poller: reads the queue tabs and sends every decision or comment an evaluator changed that was not sent yet.
//
// Apps Script allows 20 triggers per script, so some queue spreadsheets get no edit trigger (triggers.ts). Each run asks
// Drive once which spreadsheets changed since then (drive-changes.ts) and reads only those queue tabs: every changed one
// whose spreadsheet has no edit trigger, and — as a safety net for a trigger that did not fire or failed — each changed
// one that has one, at most once per SAFETY_NET_INTERVAL_MS. The cost follows what changed, not how many queues exist.
//
// How a row is judged, per evidence id, against what the script remembers (queue-state.ts):
// - decision and comment as remembered (sent, or seen as processed) → nothing to do;
// - never seen before (first poll of the tab, or a new row): sent only when 'Trạng thái' does not say the decision of
//   'Đánh giá' (the evaluator decided after the function last wrote the row); otherwise remembered as processed;
// - changed since: when 'Trạng thái' does not say the decision of 'Đánh giá', the evaluator changed it → sent. When it
//   does, the change is the evaluator's (a new comment) only if the cells the function writes ('Trạng thái',
//   'Người đánh giá') are as they were: otherwise the function rewrote the row (e.g. another queue decided the same
//   evidence) and it is remembered, not sent.
// A decision is sent only when the row names its evaluator in 'Người xác nhận' (a poll cannot know who typed it):
// one that names nobody is remembered as it is and sent once a name is picked (the row then changed).
// Tabs with a live edit trigger keep a light memory: rows the function has settled (its status says the decision) are
// forgotten, so the safety net there catches missed decisions, not missed comment-only changes — and the memory stays
// small where most rows are (the busiest queues get the triggers). So does any tab whose full memory would take the
// memories of all tabs past POLL_MEMORY_BUDGET_BYTES.
import { isPending, jobDone, markPending, settleContinuation } from './continuation';
import { deliverAll } from './delivery';
import { JourneyError, messageOf } from './errors';
import { outOfTime } from './execution';
import { sha256Hex } from './hashing';
import { acquireLease, releaseLease } from './lock';
import type { EvaluationBody } from './queue-edit';
import { decisionOf, EVALUATOR_SOURCES, QUEUE_HEADERS, statusDecision } from '../../functions/src/contract/queue-sheet';
import {
  decisionFingerprint,
  functionCellsFingerprint,
  namedEvaluator,
  readQueueRows,
  type QueueRow,
} from './queue-sheet';
import { DEFERRED, READ_BATCH, readTabs, type TabRows } from './queue-read';
import { ReadPace } from './sheets-reads';
import { MODIFIED_MARGIN_MS, modifiedSpreadsheets } from './drive-changes';
import {
  loadMemory,
  POLL_MEMORY_BUDGET_BYTES,
  pruneMemories,
  readPollSnapshot,
  rowKey,
  saveMemory,
  updateMemory,
  writePolledAt,
  type QueueMemory,
  type RowMemory,
} from './queue-state';
import { readSettings, type Settings } from './settings';
import { cachedSheetsMap, refreshSheetsMap, type QueueSheetRef } from './sheets-map';
import { isoWithOffset } from './time';
import { liveEditSpreadsheetIds } from './triggers';
import { props } from './store';
import { nominationPassDue, nominationReadTimes, pollNominationTabs } from './nomination-poll';
import { log } from './log';

/** Decisions sent per fetchAll. */
const SEND_BATCH = 20;
/** Tabs with a live edit trigger that changed are read again after this long, in case an edit trigger was missed. */
export const SAFETY_NET_INTERVAL_MS = 6 * 60 * 60 * 1000;
const POLL_LEASE = 'poll';
/** The editedAt of a poll's send, remembered per edit id so that sending it again gives an identical body. */
const EDITED_AT_CACHE_S = 6 * 60 * 60;

export interface PollReport {
  /** Another poll holds the lease: nothing was done. */
  busy: boolean;
  /** Queue tabs read completely. */
  polled: number;
  sent: number;
  /** Refused for good by the function (it stored them with their reasons). */
  refused: number;
  /** Could not be sent now: on the retry queue. */
  queued: number;
  /** Rows remembered without sending: already processed when first seen, or rewritten by the function. */
  remembered: number;
  /** Queue tabs that could not be read (spreadsheet gone, tab or headers missing), with the reason. */
  failed: string[];
  /** Due queue tabs left for the next run. */
  left: number;
  /**
   * Why the run stopped before reading every due tab: the execution's time budget ran out, the script lock was busy, or
   * the Sheets API read quota (the pace, or a 429) — the rest is read at the continuation a minute later.
   */
  stopped: 'time' | 'busy' | 'quota' | null;
  /** Decisions not sent because their row names no evaluator in 'Người xác nhận'. */
  unnamed: number;
  /** Queue tabs not read because Drive says their spreadsheet did not change since they were last read. */
  unchanged: number;
  /** Drive could not be asked: every tab due by age was read. */
  driveUnavailable: boolean;
  /** Base unions' "Đề cử" lists sent from spreadsheets without an edit trigger. */
  nominations: number;
}

type Plan =
  | { kind: 'remember' | 'forget'; key: string; before: RowMemory | undefined; after: RowMemory }
  | { kind: 'send'; key: string; before: RowMemory | undefined; after: RowMemory; body: EvaluationBody; label: string };

function sameMemory(a: RowMemory | undefined, b: RowMemory | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.fp === b.fp && a.n === b.n && a.snap === b.snap);
}

/** The edit id of the tab's n-th send: the same for the same content and number, new after every send of the tab. */
function pollEditId(memory: QueueMemory, row: QueueRow, decision: string, n: number): string {
  const content = [
    'poll',
    memory.spreadsheetId,
    memory.sheetName,
    row.evidenceId,
    decision,
    row.comment,
    row.confirmer,
    memory.epoch,
    String(n),
  ];
  return `gs-${sha256Hex(content.join('\u001f')).slice(0, 40)}`;
}

function editedAtFor(editId: string, now: Date): string {
  const cache = CacheService.getScriptCache();
  const key = `journey.poll.edit.${editId}`;
  const cached = cache.get(key);
  if (cached !== null && cached !== '') return cached;
  const at = isoWithOffset(now);
  cache.put(key, at, EDITED_AT_CACHE_S);
  return at;
}

/** What to do with one row, given what is remembered of it (see the rules at the top of this file). */
function planRow(
  queue: string,
  memory: QueueMemory,
  row: QueueRow,
  options: { hasStatus: boolean; light: boolean; now: Date; sends: { next: number }; unnamed: { count: number } },
): Plan | undefined {
  const key = rowKey(row.evidenceId);
  const before = memory.rows.get(key);
  const snap = functionCellsFingerprint(row);
  if (row.label === '')
    return before && before.snap !== snap ? { kind: 'remember', key, before, after: { ...before, snap } } : undefined;
  const decision = decisionOf(row.label);
  const statusSaysIt = options.hasStatus && decision !== undefined && statusDecision(row.status) === decision;
  if (options.light && statusSaysIt) {
    return before ? { kind: 'forget', key, before, after: before } : undefined;
  }
  const fp = decisionFingerprint(row);
  if (before?.fp === fp)
    return before.snap === snap ? undefined : { kind: 'remember', key, before, after: { ...before, snap } };
  const remember: Plan = { kind: 'remember', key, before, after: { fp, n: before?.n ?? 0, snap } };
  if (!decision) {
    log.warn(
      `Hàng chờ ${queue}, dòng ${String(row.row)}: "${row.label}" không phải là một kết quả đánh giá (Đạt, Không đạt hoặc Cần bổ sung); chưa gửi.`,
    );
    return remember;
  }
  const unchangedByFunction = before !== undefined && before.snap === snap;
  const evaluatorChanged = options.hasStatus && !statusSaysIt ? true : unchangedByFunction;
  if (!evaluatorChanged) return remember;
  const evaluator = namedEvaluator(row);
  if (evaluator === undefined) {
    // Remembered as it is: picking a name changes the row, and it is sent then. Ids only in the log.
    options.unnamed.count++;
    log.warn(
      `Hàng chờ ${queue}, dòng ${String(row.row)}: đánh giá chưa có tên ở cột "${QUEUE_HEADERS.confirmer}"; chưa gửi.`,
    );
    return remember;
  }

  // Numbered in the tab's order of rows: a run cut off before it remembered gives the same numbers (and ids) again.
  options.sends.next += 1;
  const n = options.sends.next;
  const editId = pollEditId(memory, row, decision, n);
  const body: EvaluationBody = {
    editId,
    editedAt: editedAtFor(editId, options.now),
    queue,
    evidenceId: row.evidenceId,
    decision,
  };
  if (row.comment !== '') body.comment = row.comment;
  body.evaluatorEmail = evaluator;
  body.evaluatorSource = EVALUATOR_SOURCES.named;
  return {
    kind: 'send',
    key,
    before,
    after: { fp, n, snap },
    body,
    label: `đánh giá "${row.label}" cho minh chứng ${row.evidenceId} (${queue}, kiểm tra định kỳ)`,
  };
}

type QueueOutcome = 'complete' | 'partial' | 'failed';

/** A spreadsheet opened once per run, or why it could not be. */
function openSpreadsheet(
  spreadsheets: Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>,
  spreadsheetId: string,
): GoogleAppsScript.Spreadsheet.Spreadsheet | string {
  let spreadsheet = spreadsheets.get(spreadsheetId);
  if (spreadsheet === undefined) {
    try {
      spreadsheet = SpreadsheetApp.openById(spreadsheetId);
    } catch (error) {
      spreadsheet = `không mở được bảng tính ${spreadsheetId} (${messageOf(error)})`;
    }
    spreadsheets.set(spreadsheetId, spreadsheet);
  }
  return spreadsheet;
}

function openSheet(
  spreadsheets: Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>,
  ref: QueueSheetRef,
): GoogleAppsScript.Spreadsheet.Sheet | string {
  const spreadsheet = openSpreadsheet(spreadsheets, ref.spreadsheetId);
  if (typeof spreadsheet === 'string') return spreadsheet;
  return spreadsheet.getSheetByName(ref.sheetName) ?? `bảng tính không có trang "${ref.sheetName}"`;
}

/** The old way, for a tab the Sheets API could not read: open the spreadsheet and read the needed columns. */
function readWithSpreadsheetApp(
  spreadsheets: Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>,
  ref: QueueSheetRef,
): TabRows | string {
  const sheet = openSheet(spreadsheets, ref);
  if (typeof sheet === 'string') return sheet;
  if (sheet.getLastRow() === 0) return { columns: null, rows: [] };
  return (
    readQueueRows(sheet) ??
    `trang "${ref.sheetName}" thiếu cột "${QUEUE_HEADERS.evidenceId}" hoặc "${QUEUE_HEADERS.decision}"`
  );
}

/** One tab's work in a run: what its rows call for, and then what was done of it. */
interface TabWork {
  queue: string;
  ref: QueueSheetRef;
  base: QueueMemory;
  plans: Plan[];
  gone: string[];
  sends: { next: number };
  done: Plan[];
  complete: boolean;
}

/** What one queue tab's rows (already read) call for, against its memory as the run read it. */
function planQueue(
  settings: Settings,
  queue: string,
  ref: QueueSheetRef,
  light: boolean,
  read: TabRows,
  stored: Readonly<Record<string, string>>,
  unnamed: { count: number },
): TabWork {
  let base = loadMemory(settings.year, queue, ref, stored);
  // Stored with its epoch before anything is sent, so a resend reuses the same edit ids.
  if (!base.stored) base = updateMemory(settings.year, queue, ref, () => false, { waitMs: 30_000 });
  const now = new Date();
  const hasStatus = (read.columns?.status ?? null) !== null;
  const seen = new Set<string>();
  const plans: Plan[] = [];
  const sends = { next: base.sends };
  for (const row of read.rows) {
    if (row.evidenceId === '') continue;
    const key = rowKey(row.evidenceId);
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = planRow(queue, base, row, { hasStatus, light, now, sends, unnamed });
    if (plan) plans.push(plan);
  }
  const gone = [...base.rows.keys()].filter((id) => !seen.has(id));
  return { queue, ref, base, plans, gone, sends, done: plans.filter((p) => p.kind !== 'send'), complete: true };
}

/** Sends the decisions of several tabs together, SEND_BATCH per fetchAll; a tab whose sends ran out of time is partial. */
function sendPlans(work: readonly TabWork[], outOfTime: () => boolean, report: PollReport): void {
  const pending = work.flatMap((tab) =>
    tab.plans.filter((p): p is Extract<Plan, { kind: 'send' }> => p.kind === 'send').map((plan) => ({ tab, plan })),
  );
  for (let start = 0; start < pending.length; start += SEND_BATCH) {
    const batch = pending.slice(start, start + SEND_BATCH);
    if (outOfTime()) {
      for (const { tab } of pending.slice(start)) tab.complete = false;
      return;
    }
    const results = deliverAll(
      batch.map(({ plan }) => ({
        key: `evaluation:${plan.body.editId}`,
        method: 'POST',
        path: '/v1/evaluations',
        body: JSON.stringify(plan.body),
        label: plan.label,
      })),
    );
    results.forEach((result, i) => {
      const item = batch[i];
      if (!item) return;
      if (result.verdict === 'done') report.sent++;
      else if (result.verdict === 'final') report.refused++;
      else report.queued++;
      // Not on the retry queue (it was full): not remembered either, so the next run sends it again from the sheet.
      if (!result.overflow) item.tab.done.push(item.plan);
    });
  }
}

/** Applies what was done to a memory; says whether it changed. */
function applyDone(memory: QueueMemory, tab: TabWork): boolean {
  const { done, gone, base, sends } = tab;
  let changed = false;
  if (done.some((plan) => plan.kind === 'send') && memory.sends < sends.next) {
    memory.sends = sends.next;
    changed = true;
  }
  for (const plan of done) {
    const current = memory.rows.get(plan.key);
    if (sameMemory(current, plan.before)) {
      if (plan.kind === 'forget') memory.rows.delete(plan.key);
      else memory.rows.set(plan.key, plan.after);
    } else if (plan.kind === 'send' && current) {
      memory.rows.set(plan.key, { ...current, n: Math.max(current.n, plan.after.n) });
    } else {
      continue;
    }
    changed = true;
  }
  for (const id of gone) {
    if (!sameMemory(memory.rows.get(id), base.rows.get(id))) continue;
    memory.rows.delete(id);
    changed = true;
  }
  return changed;
}

/**
 * Records what was done in the tab's memory. A tab with a live edit trigger is merged into its memory as it is now,
 * under the script lock (the trigger may have recorded a send meanwhile); no one else writes the memory of a tab without
 * one (the poller holds its lease), so that is written from what the run read, with one call.
 */
function commitQueue(settings: Settings, tab: TabWork, live: boolean, report: PollReport): QueueOutcome {
  report.remembered += tab.done.filter((p) => p.kind === 'remember').length;
  if (tab.done.length > 0 || tab.gone.length > 0) {
    if (live) updateMemory(settings.year, tab.queue, tab.ref, (memory) => applyDone(memory, tab), { waitMs: 30_000 });
    else if (applyDone(tab.base, tab)) saveMemory(settings.year, tab.base);
  }
  return tab.complete ? 'complete' : 'partial';
}

function emptyReport(): PollReport {
  return {
    busy: false,
    polled: 0,
    sent: 0,
    refused: 0,
    queued: 0,
    remembered: 0,
    failed: [],
    left: 0,
    stopped: null,
    unnamed: 0,
    unchanged: 0,
    driveUnavailable: false,
    nominations: 0,
  };
}

const passKey = (year: number): string => `journey.poll.pass.${String(year)}`;

/**
 * When the pass this run belongs to began: its own start for a scheduled run, the first run's start for a continuation
 * of a pass left unfinished (kept only while one is: one property read a run, one write and one delete a pass left).
 */
function passStart(year: number, started: number): number {
  if (!isPending('poll')) return started;
  const stored = Number(props().getProperty(passKey(year)) ?? '');
  return Number.isFinite(stored) && stored > 0 && stored <= started ? stored : started;
}

/**
 * One run of the poller. Drive says which spreadsheets changed since each tab was last read; due are the changed tabs
 * without a live edit trigger, and the changed ones with a trigger not read for SAFETY_NET_INTERVAL_MS (oldest read
 * first); a tab never read is due at once. Without Drive: every tab without a trigger, and the others by the interval.
 *
 * Tabs are read through the Sheets API at the pace its read quota allows (sheets-reads.ts: JOURNEY_SHEETS_READS_PER_MINUTE,
 * default 50 a minute), within the execution's one budget: the first poll after setup (every tab at once) and any run
 * with more due tabs than that go on at the continuation a minute later, oldest-read first, so every tab is read once.
 */
export function collectDecisions(): PollReport {
  const settings = readSettings();
  const report = emptyReport();
  if (!acquireLease(POLL_LEASE)) return { ...report, busy: true };
  try {
    const started = Date.now();
    const map = cachedSheetsMap(settings.year) ?? refreshSheetsMap(settings);
    const live = liveEditSpreadsheetIds();
    const snapshot = readPollSnapshot(settings.year);
    const { polledAt, memoryBytes } = snapshot;
    const age = (queue: string): number => polledAt[queue] ?? 0;
    const queues = Object.entries(map.queues);
    // Base unions' "Đề cử" tabs keep their own read times (read after the queue tabs, when time is left).
    const nominationsRead = nominationReadTimes(settings.year);
    const known = [...queues.map(([queue]) => age(queue)), ...nominationsRead.values()].filter((ms) => ms > 0);
    const modified = known.length === 0 ? new Map<string, number>() : modifiedSpreadsheets(Math.min(...known));
    report.driveUnavailable = modified === null;
    // A pass is one scheduled run and the continuations that finish it: without Drive every tab not read since the pass
    // began counts as changed (a continuation does not read again what its pass already read).
    const pass = passStart(settings.year, started);
    const unread = (queue: string): boolean => age(queue) < pass;
    const changed = (queue: string, ref: QueueSheetRef): boolean => {
      if (age(queue) === 0) return true;
      if (modified === null) return unread(queue);
      const at = modified.get(ref.spreadsheetId);
      return at !== undefined && at >= age(queue) - MODIFIED_MARGIN_MS;
    };
    const byAge = (a: [string, QueueSheetRef], b: [string, QueueSheetRef]): number => age(a[0]) - age(b[0]);
    const polled = queues.filter(([, ref]) => !live.has(ref.spreadsheetId));
    const watched = queues.filter(([, ref]) => live.has(ref.spreadsheetId));
    const due = [
      ...polled.filter(([queue, ref]) => changed(queue, ref)).sort(byAge),
      ...watched
        .filter(([queue, ref]) => started - age(queue) >= SAFETY_NET_INTERVAL_MS && changed(queue, ref))
        .sort(byAge),
    ];
    report.unchanged = polled.length - polled.filter(([queue, ref]) => changed(queue, ref)).length;
    // What every tab's memory takes; a tab whose full memory would take them all past the budget keeps a light one.
    let memoryTotal = Object.values(memoryBytes).reduce((a, b) => a + b, 0);
    const spreadsheets = new Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>();
    const pace = ReadPace.load(settings.sheetsReadsPerMinute);
    const unnamed = { count: 0 };
    let start = 0;
    while (start < due.length && report.stopped === null) {
      if (outOfTime()) {
        report.stopped = 'time';
        report.left = due.length - start;
        break;
      }
      // Read from here on: an edit made while the tabs are read is seen as a change at the next run.
      const readFrom = Date.now();
      const candidates = due.slice(start, start + READ_BATCH);
      const reads = readTabs(
        candidates.map(([queue, ref]) => ({ key: queue, spreadsheetId: ref.spreadsheetId, sheetName: ref.sheetName })),
        pace,
      );
      pace.save(Date.now());
      // Only the tabs read, in order; the first deferred one (no turn, or a 429) ends this run's reading.
      const firstDeferred = candidates.findIndex(([queue]) => reads.get(queue) === DEFERRED);
      const batch = firstDeferred < 0 ? candidates : candidates.slice(0, firstDeferred);
      if (firstDeferred >= 0) report.stopped = 'quota';
      // Plan every tab of the batch, send all their decisions together, then remember what was done, tab by tab.
      const work: TabWork[] = [];
      let busy = false;
      for (const [queue, ref] of batch) {
        const light = live.has(ref.spreadsheetId) || memoryTotal > POLL_MEMORY_BUDGET_BYTES;
        // Tabs grow a little per run: the next tab sees the memory total as it was plus a margin for this one.
        memoryTotal += 1024;
        try {
          const fetched = reads.get(queue) ?? 'chưa đọc';
          const read =
            typeof fetched === 'string'
              ? readWithSpreadsheetApp(spreadsheets, ref)
              : 'deferred' in fetched
                ? 'chưa đọc'
                : fetched;
          if (typeof read === 'string') report.failed.push(`${queue}: ${read}`);
          else work.push(planQueue(settings, queue, ref, light, read, snapshot.stored, unnamed));
        } catch (error) {
          if (error instanceof JourneyError && error.code === 'busy') {
            busy = true;
            report.stopped = 'busy';
            break;
          }
          // One queue failing (e.g. the property store is full) must not stop the others.
          report.failed.push(`${queue}: ${messageOf(error)}`);
        }
      }
      sendPlans(work, () => outOfTime(), report);
      const done: Array<[string, number]> = [];
      let partial = false;
      for (const tab of work) {
        let outcome: QueueOutcome;
        try {
          outcome = commitQueue(settings, tab, live.has(tab.ref.spreadsheetId), report);
        } catch (error) {
          report.failed.push(`${tab.queue}: ${messageOf(error)}`);
          outcome = 'failed';
        }
        if (outcome === 'complete') {
          done.push([tab.queue, readFrom]);
          report.polled++;
        } else if (outcome === 'partial') {
          partial = true;
        }
      }
      // Saved after each batch: a run stopped later reads these tabs again only if they change.
      writePolledAt(settings.year, done);
      if (partial) report.stopped = 'time';
      if (busy || partial || report.stopped !== null) {
        report.left = Math.max(0, due.length - start - done.length);
        break;
      }
      start += batch.length;
    }
    report.unnamed = unnamed.count;
    // Then, with the time left and at most hourly, the "Đề cử" tabs of base unions without an edit trigger that changed
    // since last read: after the decisions, which are many and urgent where a nominee list changes a few times a year.
    if (report.stopped === null && !outOfTime() && nominationPassDue(settings.year, started)) {
      const nominating = polled.filter(([queue, ref]) => {
        const unit = queue.slice(queue.indexOf(':') + 1);
        const at = nominationsRead.get(unit) ?? 0;
        if (at === 0 || modified === null) return true;
        const when = modified.get(ref.spreadsheetId);
        return when !== undefined && when >= at - MODIFIED_MARGIN_MS;
      });
      const nominations = pollNominationTabs(
        settings.year,
        nominating,
        (id) => openSpreadsheet(spreadsheets, id),
        () => outOfTime(),
        pace,
      );
      pace.save(Date.now());
      report.nominations = nominations.sent;
      report.failed.push(...nominations.failed);
    }
    pruneMemories(settings.year, new Set(queues.map(([queue]) => queue)));
    if (report.failed.length > 0)
      log.error(`Không xử lý được ${String(report.failed.length)} hàng chờ: ${report.failed.join('; ')}.`);
    if (report.stopped === 'time') {
      log.warn(
        `Đã dừng để không vượt giới hạn 6 phút của Apps Script; còn ${String(report.left)} hàng chờ sẽ được đọc ở lượt sau.`,
      );
    } else if (report.stopped === 'quota') {
      log.warn(
        `Đã đọc đủ số lượt Sheets API cho phép trong một phút; còn ${String(report.left)} hàng chờ sẽ được đọc ở lượt sau.`,
      );
    } else if (report.stopped === 'busy') {
      log.warn(`Tập lệnh đang bận (khóa đang được giữ); còn ${String(report.left)} hàng chờ sẽ được đọc ở lượt sau.`);
    }
    // What is left goes on a minute later (not at the next scheduled run, ten minutes away).
    if (report.left > 0 && report.stopped !== null) {
      if (pass === started) props().setProperty(passKey(settings.year), String(pass));
      markPending('poll', `còn ${String(report.left)} hàng chờ cần đọc`);
      settleContinuation(report.stopped === 'quota' ? pace.nextAt(Date.now()) : 0);
    } else if (pass !== started) {
      props().deleteProperty(passKey(settings.year));
      jobDone('poll');
      settleContinuation();
    }
    return report;
  } finally {
    releaseLease(POLL_LEASE);
  }
}

/** One line for the log, in Vietnamese. */
export function pollSummary(report: PollReport): string {
  if (report.busy) return 'Đang có một lượt kiểm tra hàng chờ khác chạy; bỏ qua lượt này.';
  return (
    `Đã đọc ${String(report.polled)} hàng chờ. Đã gửi ${String(report.sent)} đánh giá, bị từ chối ${String(report.refused)}, ` +
    `chờ gửi lại ${String(report.queued)}; ghi nhớ không gửi ${String(report.remembered)} dòng đã xử lý. ` +
    `Không xử lý được: ${String(report.failed.length)}. Để lượt sau: ${String(report.left)}.` +
    (report.unnamed > 0 ? ` ${String(report.unnamed)} đánh giá chưa có tên người xác nhận nên chưa gửi.` : '') +
    (report.nominations > 0 ? ` Đã gửi ${String(report.nominations)} danh sách đề cử.` : '')
  );
}
