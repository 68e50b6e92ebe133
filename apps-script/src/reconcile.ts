// The reconciler: every response of the year's forms that the function does not have yet is sent, read from the form.
//
// The form is the durable record of what people typed. Per form, a cursor (the time of the last response known to be
// with the function, and the ids at exactly that time) marks how far it is reconciled. A pass reads the responses from
// the cursor on (FormApp), asks the function which of them it already decided — one signed call per 500 responses
// (`POST /v1/years/{year}/inbox/known`) — sends the others (UrlFetchApp.fetchAll, 20 at a time), and moves the cursor
// past every response that is now with the function. It stops at the first response the function cannot take (down:
// 5xx, network), so nothing behind it is skipped; the next pass starts there. A response that no trigger ever sent
// (a trigger that did not fire, a quota spent, the retry queue full) is found the same way.
//
// Cost: a pass with nothing new reads the responses after the cursor and calls nothing; with new responses, one call per
// form and 500 responses, plus one request per response the function does not have (normally none: the form-submit
// trigger sent them). Run hourly from the drain's time trigger (no trigger of its own), and from the menu.
import { callJourney, callJourneyAll, describeAnswer, type JourneyAnswer } from './client';
import { verdictFor } from './delivery';
import { messageOf } from './errors';
import { outOfTime as executionOutOfTime } from './execution';
import { formIdsOfYear, formRecord, type FormKind } from './forms/registry';
import { acquireLease, releaseLease } from './lock';
import { requestFor } from './responses';
import { listItems, removeByKey } from './retry-queue';
import { readSettings, type Settings } from './settings';
import { props } from './store';
import { log } from './log';

/** A pass at most this often from the drain's trigger (a pass cut short by the time limit continues at the next drain). */
export const RECONCILE_INTERVAL_MS = 60 * 60 * 1000;
/** Response ids per question to the function (its limit). */
export const KNOWN_BATCH = 500;
/** Requests per UrlFetchApp.fetchAll. */
export const SEND_BATCH = 20;

const CURSOR_PREFIX = 'journey.reconcile.cursor.';
const LAST_PASS_KEY = 'journey.reconcile.last';
/** Set while a pass stopped for lack of time: the next drain continues it at once. */
const UNFINISHED_KEY = 'journey.reconcile.unfinished';
const LEASE = 'reconcile';

interface Cursor {
  /** Every response before this time (ms) is with the function. */
  t: number;
  /** Responses at exactly `t` that are with it too. */
  ids: string[];
}

function readCursor(formId: string): Cursor {
  const text = props().getProperty(CURSOR_PREFIX + formId);
  if (text === null) return { t: 0, ids: [] };
  try {
    const value = JSON.parse(text) as Partial<Cursor>;
    return {
      t: typeof value.t === 'number' ? value.t : 0,
      ids: Array.isArray(value.ids) ? value.ids.filter((id) => typeof id === 'string') : [],
    };
  } catch {
    return { t: 0, ids: [] };
  }
}

function writeCursor(formId: string, cursor: Cursor): void {
  // The ids at one instant are few; a handful is kept at most (a repeat costs one `duplicate`).
  props().setProperty(CURSOR_PREFIX + formId, JSON.stringify({ t: cursor.t, ids: cursor.ids.slice(-20) }));
}

export interface ReconcileReport {
  busy: boolean;
  /** Responses read after the cursors. */
  checked: number;
  /** Of those, already with the function. */
  known: number;
  sent: number;
  /** Refused for good by the function (it stored them with their reasons). */
  refused: number;
  /** Why the pass stopped early: the function cannot take them now, or the time budget ran out. */
  stopped: 'unavailable' | 'time' | null;
  detail: string;
}

/** Asks the function which of these responses it has decided; null when it cannot answer now. */
function knownOf(settings: Settings, kind: FormKind, ids: readonly string[]): Set<string> | null {
  let answer: JourneyAnswer;
  try {
    answer = callJourney(
      settings,
      'POST',
      `/v1/years/${String(settings.year)}/inbox/known`,
      JSON.stringify({ kind, responseIds: ids }),
    );
  } catch {
    return null;
  }
  if (answer.status < 200 || answer.status >= 300) return null;
  const known = (answer.json as { known?: unknown } | undefined)?.known;
  return new Set(Array.isArray(known) ? known.filter((id): id is string => typeof id === 'string') : []);
}

interface Pending {
  response: GoogleAppsScript.Forms.FormResponse;
  id: string;
  at: number;
}

/** One form: returns false when the pass must stop (function unavailable, time). */
function reconcileForm(
  settings: Settings,
  formId: string,
  report: ReconcileReport,
  queuedKeys: ReadonlySet<string>,
  outOfTime: () => boolean,
): boolean {
  const record = formRecord(formId);
  if (!record) return true;
  const cursor = readCursor(formId);
  const seenAtCursor = new Set(cursor.ids);
  const responses: Pending[] = FormApp.openById(formId)
    .getResponses(new Date(cursor.t))
    .map((response) => ({ response, id: response.getId(), at: response.getTimestamp().getTime() }))
    .filter((p) => !(p.at === cursor.t && seenAtCursor.has(p.id)))
    .sort((a, b) => a.at - b.at);
  report.checked += responses.length;
  const next: Cursor = { t: cursor.t, ids: [...cursor.ids] };
  const confirm = (p: Pending): void => {
    if (p.at !== next.t) {
      next.t = p.at;
      next.ids = [];
    }
    next.ids.push(p.id);
  };
  // The cursor is saved after each unit (a batch of known responses, a group sent), never in a `finally`: Apps Script
  // runs none when it stops an execution, and a pass resumed from an old cursor would only ask again, not lose anything.
  const saved = { t: cursor.t, count: cursor.ids.length };
  const save = (): void => {
    if (next.t === saved.t && next.ids.length === saved.count) return;
    writeCursor(formId, next);
    saved.t = next.t;
    saved.count = next.ids.length;
  };
  let ok = true;
  for (let start = 0; start < responses.length && ok; start += KNOWN_BATCH) {
    if (outOfTime()) {
      report.stopped = 'time';
      ok = false;
      break;
    }
    const batch = responses.slice(start, start + KNOWN_BATCH);
    const known = knownOf(
      settings,
      record.kind,
      batch.map((p) => p.id),
    );
    if (known === null) {
      report.stopped = 'unavailable';
      report.detail = 'hàm Journey chưa trả lời được';
      ok = false;
      break;
    }
    // In order: a response is confirmed once known or delivered; the first that is neither stops the pass.
    for (let i = 0; i < batch.length && ok;) {
      const p = batch[i];
      if (!p) break;
      if (known.has(p.id)) {
        report.known++;
        confirm(p);
        i++;
        continue;
      }
      save();
      if (outOfTime()) {
        report.stopped = 'time';
        ok = false;
        break;
      }
      const group: Pending[] = [];
      while (i < batch.length && group.length < SEND_BATCH) {
        const candidate = batch[i];
        if (!candidate || known.has(candidate.id)) break;
        group.push(candidate);
        i++;
      }
      const requests = group.map((g) => requestFor(record, g.response));
      let answers: JourneyAnswer[];
      try {
        answers = callJourneyAll(settings, requests);
      } catch (error) {
        report.stopped = 'unavailable';
        report.detail = messageOf(error);
        ok = false;
        break;
      }
      for (const [j, answer] of answers.entries()) {
        const p2 = group[j];
        const request = requests[j];
        if (!p2 || !request) continue;
        const verdict = verdictFor(answer.status);
        if (verdict === 'retry') {
          report.stopped = 'unavailable';
          report.detail = describeAnswer(answer);
          ok = false;
          break;
        }
        if (verdict === 'done') report.sent++;
        else {
          report.refused++;
          log.warn(
            `Đối soát: hàm Journey không nhận ${request.label} (${describeAnswer(answer)}); đã lưu kèm lý do ở phía hàm.`,
          );
        }
        if (queuedKeys.has(request.key)) removeByKey(request.key);
        confirm(p2);
      }
      save();
    }
    save();
  }
  return ok;
}

/** One pass over the year's two forms, within what is left of the execution's budget. */
export function reconcileResponses(): ReconcileReport {
  const settings = readSettings();
  const report: ReconcileReport = { busy: false, checked: 0, known: 0, sent: 0, refused: 0, stopped: null, detail: '' };
  if (!acquireLease(LEASE)) return { ...report, busy: true };
  try {
    const started = Date.now();
    const outOfTime = (): boolean => executionOutOfTime();
    const queuedKeys = new Set(listItems('retry').map((item) => item.key));
    const forms = formIdsOfYear(settings.year);
    for (const formId of [forms.registration, forms.evidence]) {
      if (formId === undefined) continue;
      if (!reconcileForm(settings, formId, report, queuedKeys, outOfTime)) break;
    }
    const store = props();
    if (report.stopped === 'time') store.setProperty(UNFINISHED_KEY, '1');
    else store.deleteProperty(UNFINISHED_KEY);
    store.setProperty(LAST_PASS_KEY, String(started));
    return report;
  } finally {
    releaseLease(LEASE);
  }
}

/** Setup starts the clock: the first pass comes an hour after the forms exist (nothing can be missing before). */
export function startReconciling(nowMs: number): void {
  if (props().getProperty(LAST_PASS_KEY) === null) props().setProperty(LAST_PASS_KEY, String(nowMs));
}

/** True when the last pass stopped for lack of time (the continuation takes it up). */
export function reconcileUnfinished(): boolean {
  return props().getProperty(UNFINISHED_KEY) !== null;
}

/** From the drain's trigger: a pass when the last one is an hour old, or did not finish. */
export function reconcileIfDue(): ReconcileReport | null {
  const store = props();
  const last = Number(store.getProperty(LAST_PASS_KEY) ?? '0');
  if (store.getProperty(UNFINISHED_KEY) === null && Date.now() - last < RECONCILE_INTERVAL_MS) return null;
  try {
    return reconcileResponses();
  } catch (error) {
    log.error(`Đối soát phản hồi biểu mẫu không chạy được: ${messageOf(error)}`);
    return null;
  }
}

/** One line for the log and the menu, in Vietnamese. */
export function reconcileSummary(report: ReconcileReport): string {
  if (report.busy) return 'Đang có một lượt đối soát khác chạy; bỏ qua lượt này.';
  const stop =
    report.stopped === 'unavailable'
      ? ` Dừng lại vì hàm Journey chưa nhận được (${report.detail}); lượt sau sẽ gửi tiếp, không bỏ sót phản hồi nào.`
      : report.stopped === 'time'
        ? ' Dừng lại để không vượt giới hạn 6 phút; lượt sau (trong vài phút) làm tiếp.'
        : '';
  return (
    `Đối soát phản hồi biểu mẫu: đã xem ${String(report.checked)} phản hồi mới, ${String(report.known)} phản hồi hàm đã có, ` +
    `gửi bổ sung ${String(report.sent)}, bị từ chối ${String(report.refused)}.${stop}`
  );
}
