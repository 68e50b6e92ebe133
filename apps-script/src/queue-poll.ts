// The time-driven poller: reads the queue tabs and sends every decision or comment an evaluator changed that was not sent yet.
//
// Apps Script allows 20 triggers per script, so some queue spreadsheets get no edit trigger (triggers.ts). This poller
// reads, every run, each queue tab whose spreadsheet has no edit trigger, and — as a safety net for a trigger that did
// not fire or failed — each tab that has one, at most once per SAFETY_NET_INTERVAL_MS.
//
// How a row is judged, per evidence id, against what the script remembers (queue-state.ts):
// - decision and comment as remembered (sent, or seen as processed) → nothing to do;
// - never seen before (first poll of the tab, or a new row): sent only when 'Trạng thái' does not say the decision of
//   'Đánh giá' (the evaluator decided after the function last wrote the row); otherwise remembered as processed;
// - changed since: when 'Trạng thái' does not say the decision of 'Đánh giá', the evaluator changed it → sent. When it
//   does, the change is the evaluator's (a new comment) only if the cells the function writes ('Trạng thái',
//   'Người đánh giá') are as they were: otherwise the function rewrote the row (e.g. another queue decided the same
//   evidence) and it is remembered, not sent.
// Tabs with a live edit trigger keep a light memory: rows the function has settled (its status says the decision) are
// forgotten unless the poller itself sent for them, so the safety net there catches missed decisions, not missed
// comment-only changes — and the memory stays small where most rows are (the busiest queues get the triggers).
import { deliver } from './delivery';
import { JourneyError, messageOf } from './errors';
import { sha256Hex } from './hashing';
import { acquireLease, releaseLease } from './lock';
import type { EvaluationBody } from './queue-edit';
import { decisionOf, QUEUE_HEADERS, statusDecision } from '../../functions/src/contract/queue-sheet';
import { decisionFingerprint, functionCellsFingerprint, readQueueRows, type QueueRow } from './queue-sheet';
import { pruneMemories, readPolledAt, rowKey, updateMemory, writePolledAt, type QueueMemory, type RowMemory } from './queue-state';
import { readSettings, type Settings } from './settings';
import { cachedSheetsMap, refreshSheetsMap, type QueueSheetRef } from './sheets-map';
import { isoWithOffset } from './time';
import { liveEditSpreadsheetIds } from './triggers';

/** Apps Script stops a run after 6 minutes: no new queue tab or send is started after this. */
export const POLL_BUDGET_MS = 4.5 * 60 * 1000;
/** Tabs with a live edit trigger are read again after this long, in case an edit was missed. */
export const SAFETY_NET_INTERVAL_MS = 60 * 60 * 1000;
/** Longer than a run can last, so a run killed by Apps Script frees the lease by itself. */
const POLL_LEASE_MS = 7 * 60 * 1000;
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
  /** Why the run stopped before reading every due tab: the time budget ran out, or the script lock was busy. */
  stopped: 'time' | 'busy' | null;
}

export interface PollOptions {
  /** Stop starting new work after this many ms (default POLL_BUDGET_MS). */
  budgetMs?: number;
}

type Plan =
  | { kind: 'remember' | 'forget'; key: string; before: RowMemory | undefined; after: RowMemory }
  | { kind: 'send'; key: string; before: RowMemory | undefined; after: RowMemory; body: EvaluationBody; label: string };

function sameMemory(a: RowMemory | undefined, b: RowMemory | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.fp === b.fp && a.n === b.n && a.snap === b.snap);
}

/** The edit id of the n-th decision sent for a row: the same for the same content, new after every send. */
function pollEditId(memory: QueueMemory, row: QueueRow, decision: string, n: number): string {
  const content = ['poll', memory.spreadsheetId, memory.sheetName, row.evidenceId, decision, row.comment, memory.epoch, String(n)];
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
function planRow(queue: string, memory: QueueMemory, row: QueueRow, options: { hasStatus: boolean; light: boolean; now: Date }): Plan | undefined {
  const key = rowKey(row.evidenceId);
  const before = memory.rows.get(key);
  const snap = functionCellsFingerprint(row);
  if (row.label === '') return before && before.snap !== snap ? { kind: 'remember', key, before, after: { ...before, snap } } : undefined;
  const decision = decisionOf(row.label);
  const statusSaysIt = options.hasStatus && decision !== undefined && statusDecision(row.status) === decision;
  if (options.light && statusSaysIt && (before === undefined || before.n === 0)) {
    return before ? { kind: 'forget', key, before, after: before } : undefined;
  }
  const fp = decisionFingerprint(row);
  if (before?.fp === fp) return before.snap === snap ? undefined : { kind: 'remember', key, before, after: { ...before, snap } };
  const remember: Plan = { kind: 'remember', key, before, after: { fp, n: before?.n ?? 0, snap } };
  if (!decision) {
    console.warn(`Hàng chờ ${queue}, dòng ${String(row.row)}: "${row.label}" không phải là một kết quả đánh giá (Đạt, Không đạt hoặc Cần bổ sung); chưa gửi.`);
    return remember;
  }
  const unchangedByFunction = before !== undefined && before.snap === snap;
  const evaluatorChanged = options.hasStatus && !statusSaysIt ? true : unchangedByFunction;
  if (!evaluatorChanged) return remember;

  const n = (before?.n ?? 0) + 1;
  const editId = pollEditId(memory, row, decision, n);
  const body: EvaluationBody = { editId, editedAt: editedAtFor(editId, options.now), queue, evidenceId: row.evidenceId, decision };
  if (row.comment !== '') body.comment = row.comment;
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

function openSheet(
  spreadsheets: Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>,
  ref: QueueSheetRef,
): GoogleAppsScript.Spreadsheet.Sheet | string {
  let spreadsheet = spreadsheets.get(ref.spreadsheetId);
  if (spreadsheet === undefined) {
    try {
      spreadsheet = SpreadsheetApp.openById(ref.spreadsheetId);
    } catch (error) {
      spreadsheet = `không mở được bảng tính ${ref.spreadsheetId} (${messageOf(error)})`;
    }
    spreadsheets.set(ref.spreadsheetId, spreadsheet);
  }
  if (typeof spreadsheet === 'string') return spreadsheet;
  return spreadsheet.getSheetByName(ref.sheetName) ?? `bảng tính không có trang "${ref.sheetName}"`;
}

/** Reads one queue tab, sends what changed, remembers what was done. */
function pollQueue(
  settings: Settings,
  queue: string,
  ref: QueueSheetRef,
  light: boolean,
  spreadsheets: Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>,
  outOfTime: () => boolean,
  report: PollReport,
): QueueOutcome {
  const sheet = openSheet(spreadsheets, ref);
  if (typeof sheet === 'string') {
    report.failed.push(`${queue}: ${sheet}`);
    return 'failed';
  }
  // Loaded (and, the first time, stored with its epoch) before anything is sent, so a resend reuses the same edit ids.
  const base = updateMemory(settings.year, queue, ref, () => false, { waitMs: 30_000 });
  const now = new Date();
  const read = sheet.getLastRow() === 0 ? { columns: null, rows: [] } : readQueueRows(sheet);
  if (!read) {
    report.failed.push(`${queue}: trang "${ref.sheetName}" thiếu cột "${QUEUE_HEADERS.evidenceId}" hoặc "${QUEUE_HEADERS.decision}"`);
    return 'failed';
  }
  const hasStatus = (read.columns?.status ?? null) !== null;
  const seen = new Set<string>();
  const plans: Plan[] = [];
  for (const row of read.rows) {
    if (row.evidenceId === '') continue;
    const key = rowKey(row.evidenceId);
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = planRow(queue, base, row, { hasStatus, light, now });
    if (plan) plans.push(plan);
  }
  const gone = [...base.rows.keys()].filter((id) => !seen.has(id));

  let complete = true;
  const done: Plan[] = [];
  for (const plan of plans) {
    if (plan.kind !== 'send') {
      done.push(plan);
      continue;
    }
    if (outOfTime()) {
      complete = false;
      continue;
    }
    const result = deliver({ key: `evaluation:${plan.body.editId}`, method: 'POST', path: '/v1/evaluations', body: JSON.stringify(plan.body), label: plan.label });
    if (result.verdict === 'done') report.sent++;
    else if (result.verdict === 'final') report.refused++;
    else report.queued++;
    done.push(plan);
  }
  report.remembered += done.filter((p) => p.kind === 'remember').length;

  if (done.length > 0 || gone.length > 0) {
    // Merged into the memory as it is now: a row the edit trigger recorded meanwhile keeps its record.
    updateMemory(
      settings.year,
      queue,
      ref,
      (memory) => {
        let changed = false;
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
      },
      { waitMs: 30_000 },
    );
  }
  return complete ? 'complete' : 'partial';
}

function emptyReport(): PollReport {
  return { busy: false, polled: 0, sent: 0, refused: 0, queued: 0, remembered: 0, failed: [], left: 0, stopped: null };
}

/** One run of the poller: the tabs without a live edit trigger first, then the safety net, oldest read first; resumes next run. */
export function collectDecisions(options: PollOptions = {}): PollReport {
  const settings = readSettings();
  const report = emptyReport();
  if (!acquireLease(POLL_LEASE, POLL_LEASE_MS)) return { ...report, busy: true };
  try {
    const started = Date.now();
    const budget = options.budgetMs ?? POLL_BUDGET_MS;
    const outOfTime = (): boolean => Date.now() - started > budget;
    const map = cachedSheetsMap(settings.year) ?? refreshSheetsMap(settings);
    const live = liveEditSpreadsheetIds();
    const polledAt = readPolledAt(settings.year);
    const age = (queue: string): number => polledAt[queue] ?? 0;
    const byAge = (a: [string, QueueSheetRef], b: [string, QueueSheetRef]): number => age(a[0]) - age(b[0]);
    const queues = Object.entries(map.queues);
    const due = [
      ...queues.filter(([, ref]) => !live.has(ref.spreadsheetId)).sort(byAge),
      ...queues.filter(([queue, ref]) => live.has(ref.spreadsheetId) && started - age(queue) >= SAFETY_NET_INTERVAL_MS).sort(byAge),
    ];
    const spreadsheets = new Map<string, GoogleAppsScript.Spreadsheet.Spreadsheet | string>();
    for (const [index, [queue, ref]] of due.entries()) {
      if (outOfTime()) {
        report.left = due.length - index;
        report.stopped = 'time';
        break;
      }
      let outcome: QueueOutcome;
      try {
        outcome = pollQueue(settings, queue, ref, live.has(ref.spreadsheetId), spreadsheets, outOfTime, report);
      } catch (error) {
        if (error instanceof JourneyError && error.code === 'busy') {
          report.left = due.length - index;
          report.stopped = 'busy';
          break;
        }
        // One queue failing (e.g. the property store is full) must not stop the others.
        report.failed.push(`${queue}: ${messageOf(error)}`);
        outcome = 'failed';
      }
      if (outcome === 'partial') {
        report.left = due.length - index;
        report.stopped = 'time';
        break;
      }
      polledAt[queue] = Date.now();
      if (outcome === 'complete') report.polled++;
    }
    writePolledAt(settings.year, Object.fromEntries(queues.map(([queue]) => [queue, age(queue)])));
    pruneMemories(settings.year, new Set(queues.map(([queue]) => queue)));
    if (report.failed.length > 0) console.error(`Không xử lý được ${String(report.failed.length)} hàng chờ: ${report.failed.join('; ')}.`);
    if (report.stopped === 'time') {
      console.warn(`Đã dừng để không vượt giới hạn 6 phút của Apps Script; còn ${String(report.left)} hàng chờ sẽ được đọc ở lượt sau.`);
    } else if (report.stopped === 'busy') {
      console.warn(`Tập lệnh đang bận (khóa đang được giữ); còn ${String(report.left)} hàng chờ sẽ được đọc ở lượt sau.`);
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
    `Không xử lý được: ${String(report.failed.length)}. Để lượt sau: ${String(report.left)}.`
  );
}
