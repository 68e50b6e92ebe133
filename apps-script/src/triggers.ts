// Installable triggers as a desired set — form submits, queue edits and a table of time schedules — reconciled without duplicates
// and within the 20-trigger quota: edit triggers go to as many queue spreadsheets as fit, by priority; the poller reads the rest.
import { RESUME_HANDLER } from './continuation';
import { formIdsOfYear } from './forms/registry';
import { cachedSheetsMap, queueSpreadsheetIds } from './sheets-map';
import { readJson, writeJson } from './store';
import { TIME_ZONE } from './time';
import { log } from './log';

/** Names of the global functions triggers call; build.mjs makes each export of main.ts such a global. */
export const HANDLERS = {
  registrationSubmit: 'onRegistrationSubmit',
  evidenceSubmit: 'onEvidenceSubmit',
  queueEdit: 'onQueueEdit',
  drainRetryQueue: 'drainRetryQueue',
  collectQueueDecisions: 'collectQueueDecisions',
} as const;

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

/** When a time trigger runs; hours are in Asia/Ho_Chi_Minh. */
export type Schedule = { handler: string } & (
  | { everyMinutes: 1 | 5 | 10 | 15 | 30 }
  | { everyHours: number }
  | { daily: { atHour: number } }
  | { weekly: { day: Weekday; atHour: number } }
  | { monthly: { day: number; atHour: number } }
);

/**
 * The time-driven work of the script, one entry per handler. The e-mail and report work adds its entries here
 * (e.g. `{ handler: 'sendWeeklyDigest', weekly: { day: 'MONDAY', atHour: 7 } }`); `installTriggers()` does the rest.
 */
export const SCHEDULES: readonly Schedule[] = [
  // Every 15 minutes: a run costs ~0.5 s of the daily trigger quota even with nothing queued (see npm run bench).
  { handler: HANDLERS.drainRetryQueue, everyMinutes: 15 },
  { handler: HANDLERS.collectQueueDecisions, everyMinutes: 10 },
];

/** Minutes between two runs of the queue poller, as scheduled (what the committee is told a polled queue takes). */
export function pollIntervalMinutes(schedules: readonly Schedule[] = SCHEDULES): number | null {
  const schedule = schedules.find((s) => s.handler === HANDLERS.collectQueueDecisions);
  if (!schedule) return null;
  if ('everyMinutes' in schedule) return schedule.everyMinutes;
  if ('everyHours' in schedule) return schedule.everyHours * 60;
  return 24 * 60;
}

/**
 * Which queue spreadsheets get the live edit triggers when not all can: the roles with the most decisions first —
 * BTV Đoàn Khối (most tasks, every member), then BCH Đoàn cơ sở (monthly meetings), Cấp ủy, Tổ — and within a role the
 * order of the year's plan. A spreadsheet holding several queues ranks as its first one.
 */
export const EDIT_TRIGGER_PRIORITY: readonly string[] = ['BTV_DOAN_KHOI', 'BCH_CO_SO', 'CAP_UY', 'TO'];

function rolePriority(queueId: string): number {
  const index = EDIT_TRIGGER_PRIORITY.indexOf(queueId.split(':')[0] ?? '');
  return index < 0 ? EDIT_TRIGGER_PRIORITY.length : index;
}

/** Apps Script allows 20 triggers per user per script. */
export const MAX_TRIGGERS = 20;
/** Kept free for the one-off trigger that continues work an execution could not finish (continuation.ts). */
export const CONTINUATION_SLOTS = 1;

type EventName = 'CLOCK' | 'ON_FORM_SUBMIT' | 'ON_EDIT' | 'ON_OPEN' | 'ON_CHANGE' | 'OTHER';

interface DesiredTrigger {
  key: string;
  handler: string;
  label: string;
  /** For time triggers: their schedule, since Apps Script cannot tell it back. */
  fingerprint?: string;
  create: () => void;
}

function eventName(type: GoogleAppsScript.Script.EventType): EventName {
  const types = ScriptApp.EventType;
  if (type === types.CLOCK) return 'CLOCK';
  if (type === types.ON_FORM_SUBMIT) return 'ON_FORM_SUBMIT';
  if (type === types.ON_EDIT) return 'ON_EDIT';
  if (type === types.ON_OPEN) return 'ON_OPEN';
  if (type === types.ON_CHANGE) return 'ON_CHANGE';
  return 'OTHER';
}

function keyOf(handler: string, event: EventName, sourceId: string | null): string {
  return `${handler}|${event}|${event === 'CLOCK' ? '' : (sourceId ?? '')}`;
}

function createClock(schedule: Schedule): void {
  const builder = ScriptApp.newTrigger(schedule.handler).timeBased();
  if ('everyMinutes' in schedule) builder.everyMinutes(schedule.everyMinutes);
  else if ('everyHours' in schedule) builder.everyHours(schedule.everyHours);
  else if ('daily' in schedule) builder.everyDays(1).atHour(schedule.daily.atHour).inTimezone(TIME_ZONE);
  else if ('weekly' in schedule)
    builder.onWeekDay(ScriptApp.WeekDay[schedule.weekly.day]).atHour(schedule.weekly.atHour).inTimezone(TIME_ZONE);
  else builder.onMonthDay(schedule.monthly.day).atHour(schedule.monthly.atHour).inTimezone(TIME_ZONE);
  builder.create();
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  MONDAY: 'thứ Hai',
  TUESDAY: 'thứ Ba',
  WEDNESDAY: 'thứ Tư',
  THURSDAY: 'thứ Năm',
  FRIDAY: 'thứ Sáu',
  SATURDAY: 'thứ Bảy',
  SUNDAY: 'Chủ nhật',
};

function scheduleLabel(schedule: Schedule): string {
  if ('everyMinutes' in schedule) return `${schedule.handler} (mỗi ${String(schedule.everyMinutes)} phút)`;
  if ('everyHours' in schedule) return `${schedule.handler} (mỗi ${String(schedule.everyHours)} giờ)`;
  if ('daily' in schedule) return `${schedule.handler} (hằng ngày lúc ${String(schedule.daily.atHour)} giờ)`;
  if ('weekly' in schedule)
    return `${schedule.handler} (${WEEKDAY_NAMES[schedule.weekly.day]} hằng tuần, lúc ${String(schedule.weekly.atHour)} giờ)`;
  return `${schedule.handler} (ngày ${String(schedule.monthly.day)} hằng tháng lúc ${String(schedule.monthly.atHour)} giờ)`;
}

/** The time and form-submit triggers the script needs for `year`, most important first (created in this order under the quota). */
export function fixedTriggers(year: number, schedules: readonly Schedule[] = SCHEDULES): DesiredTrigger[] {
  const desired: DesiredTrigger[] = [];
  const handlers = new Set<string>();
  for (const schedule of schedules) {
    if (handlers.has(schedule.handler)) throw new Error(`Lịch chạy của "${schedule.handler}" bị khai báo hai lần.`);
    handlers.add(schedule.handler);
    desired.push({
      key: keyOf(schedule.handler, 'CLOCK', null),
      handler: schedule.handler,
      label: scheduleLabel(schedule),
      fingerprint: JSON.stringify(schedule),
      create: () => {
        createClock(schedule);
      },
    });
  }
  const forms = formIdsOfYear(year);
  for (const [formId, handler, label] of [
    [forms.registration, HANDLERS.registrationSubmit, 'biểu mẫu đăng ký'],
    [forms.evidence, HANDLERS.evidenceSubmit, 'biểu mẫu báo cáo minh chứng'],
  ] as const) {
    if (formId === undefined) continue;
    desired.push({
      key: keyOf(handler, 'ON_FORM_SUBMIT', formId),
      handler,
      label: `${handler} (${label})`,
      create: () => {
        ScriptApp.newTrigger(handler).forForm(formId).onFormSubmit().create();
      },
    });
  }
  return desired;
}

interface EditTrigger extends DesiredTrigger {
  /** How the committee knows each queue of the spreadsheet (its Vietnamese name, or its id). */
  queueNames: string[];
}

/** One edit trigger per queue spreadsheet of the cached sheets map, in EDIT_TRIGGER_PRIORITY order. */
export function editTriggers(year: number, queueNames: Readonly<Record<string, string>> = {}): EditTrigger[] {
  const map = cachedSheetsMap(year);
  if (!map) return [];
  const queues = Object.entries(map.queues);
  const ranked = queueSpreadsheetIds(map).map((spreadsheetId, order) => {
    const ids = queues.filter(([, ref]) => ref.spreadsheetId === spreadsheetId).map(([id]) => id);
    return { spreadsheetId, ids, order, priority: Math.min(...ids.map(rolePriority)) };
  });
  ranked.sort((a, b) => a.priority - b.priority || a.order - b.order);
  return ranked.map(({ spreadsheetId, ids }) => ({
    key: keyOf(HANDLERS.queueEdit, 'ON_EDIT', spreadsheetId),
    handler: HANDLERS.queueEdit,
    label: `${HANDLERS.queueEdit} (hàng chờ ${ids.join(', ')})`,
    queueNames: ids.map((id) => queueNames[id] ?? id),
    create: () => {
      ScriptApp.newTrigger(HANDLERS.queueEdit).forSpreadsheet(spreadsheetId).onEdit().create();
    },
  }));
}

/** Spreadsheets that have a live edit trigger of this script now (the poller reads the others every run). */
export function liveEditSpreadsheetIds(): Set<string> {
  const ids = new Set<string>();
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() !== HANDLERS.queueEdit || eventName(trigger.getEventType()) !== 'ON_EDIT')
      continue;
    const id = trigger.getTriggerSourceId();
    if (id !== null && id !== '') ids.add(id);
  }
  return ids;
}

export interface TriggerReport {
  created: string[];
  kept: string[];
  deleted: number;
  /** Time or form triggers wanted but not created: other triggers of the account already use the 20-trigger quota. */
  skipped: string[];
  /** Queues whose decisions are sent as they are typed (their spreadsheet has an edit trigger). */
  liveQueues: string[];
  /** Queues without an edit trigger: the poller sends their decisions every `pollMinutes`. */
  polledQueues: string[];
  /** Minutes between two runs of the poller; null when it has no trigger (then polled queues are not sent at all). */
  pollMinutes: number | null;
}

const FINGERPRINTS_KEY = 'journey.triggers.clock';

/**
 * Makes the project's triggers match the desired set: keeps what matches, deletes duplicates and stale triggers of the
 * script's own handlers (others are left alone), creates what is missing, and never exceeds the quota. The time and
 * form triggers come first; the queue spreadsheets get the edit triggers that are left, by EDIT_TRIGGER_PRIORITY, and
 * the poller (one of the time triggers) reads the others.
 */
export function reconcileTriggers(
  year: number,
  schedules: readonly Schedule[] = SCHEDULES,
  queueNames: Readonly<Record<string, string>> = {},
): TriggerReport {
  const managed = new Set<string>([...Object.values(HANDLERS), ...schedules.map((s) => s.handler)]);
  const existing = ScriptApp.getProjectTriggers();
  // Continuation triggers are the continuation's own (never touched here); one slot stays free for them.
  const continuations = existing.filter((t) => t.getHandlerFunction() === RESUME_HANDLER).length;
  const foreign = existing.filter((t) => !managed.has(t.getHandlerFunction())).length;
  const fixed = fixedTriggers(year, schedules);
  const edits = editTriggers(year, queueNames);
  const editSlots = Math.max(
    0,
    MAX_TRIGGERS - foreign - Math.max(0, CONTINUATION_SLOTS - continuations) - fixed.length,
  );
  const desired: DesiredTrigger[] = [...fixed, ...edits.slice(0, editSlots)];
  const byKey = new Map(desired.map((d) => [d.key, d]));
  const stored = readJson(FINGERPRINTS_KEY);
  const fingerprints: Record<string, string> =
    typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, string>) } : {};
  const report: TriggerReport = {
    created: [],
    kept: [],
    deleted: 0,
    skipped: [],
    liveQueues: [],
    polledQueues: [],
    pollMinutes: null,
  };
  const kept = new Set<string>();
  let total = foreign;

  for (const trigger of existing) {
    const handler = trigger.getHandlerFunction();
    if (!managed.has(handler)) continue;
    const key = keyOf(handler, eventName(trigger.getEventType()), trigger.getTriggerSourceId());
    const wanted = byKey.get(key);
    const current =
      wanted !== undefined && (wanted.fingerprint === undefined || fingerprints[handler] === wanted.fingerprint);
    if (wanted && current && !kept.has(key)) {
      kept.add(key);
      report.kept.push(wanted.label);
      total++;
    } else {
      ScriptApp.deleteTrigger(trigger);
      report.deleted++;
    }
  }

  const nextFingerprints: Record<string, string> = {};
  const installed = new Set<string>(kept);
  // A continuation trigger waiting (setup arms one while it runs) gives way to a time or form trigger the quota would
  // otherwise leave out: whoever left work re-arms it when it ends.
  const waiting = existing.filter((t) => t.getHandlerFunction() === RESUME_HANDLER);
  for (const d of desired) {
    if (!kept.has(d.key)) {
      const fixedTrigger = !edits.some((e) => e.key === d.key);
      const spare = waiting.pop();
      if (total >= MAX_TRIGGERS && fixedTrigger && spare) {
        ScriptApp.deleteTrigger(spare);
        total--;
      } else if (spare) {
        waiting.push(spare);
      }
      if (total >= MAX_TRIGGERS) {
        if (!edits.some((e) => e.key === d.key)) report.skipped.push(d.label);
        continue;
      }
      d.create();
      report.created.push(d.label);
      installed.add(d.key);
      total++;
    }
    if (d.fingerprint !== undefined) nextFingerprints[d.handler] = d.fingerprint;
  }
  writeJson(FINGERPRINTS_KEY, nextFingerprints);
  for (const edit of edits)
    (installed.has(edit.key) ? report.liveQueues : report.polledQueues).push(...edit.queueNames);
  const poller = fixed.find((d) => d.handler === HANDLERS.collectQueueDecisions);
  report.pollMinutes = poller && installed.has(poller.key) ? pollIntervalMinutes(schedules) : null;
  if (report.skipped.length > 0) {
    log.error(
      `Đã đạt giới hạn ${String(MAX_TRIGGERS)} trình kích hoạt của Apps Script; chưa tạo được: ${report.skipped.join('; ')}.`,
    );
  }
  if (report.polledQueues.length > 0) {
    log.info(
      `Apps Script cho phép ${String(MAX_TRIGGERS)} trình kích hoạt: ${String(report.liveQueues.length)} hàng chờ gửi đánh giá ngay khi nhập, ` +
        `${String(report.polledQueues.length)} hàng chờ được kiểm tra định kỳ: ${report.polledQueues.join('; ')}.`,
    );
  }
  return report;
}

/** What the committee is told about how each queue's decisions reach the system, in Vietnamese (setup and installTriggers). */
export function queueDeliveryLines(report: TriggerReport): string[] {
  const lines: string[] = [];
  const every = report.pollMinutes === null ? null : `${String(report.pollMinutes)} phút`;
  if (report.polledQueues.length === 0) {
    if (report.liveQueues.length > 0) {
      lines.push(
        `• Đánh giá ghi trong ${String(report.liveQueues.length)} hàng chờ được gửi ngay khi nhập` +
          (every === null ? '.' : `; hệ thống vẫn kiểm tra lại định kỳ để không bỏ sót.`),
      );
    }
    return lines;
  }
  if (every === null) {
    lines.push(
      `⚠ Apps Script chỉ cho phép ${String(MAX_TRIGGERS)} trình kích hoạt cho mỗi tập lệnh và chưa tạo được trình kiểm tra định kỳ; ` +
        `đánh giá ghi trong các hàng chờ sau sẽ chưa được gửi tự động: ${report.polledQueues.join('; ')}.`,
    );
    return lines;
  }
  lines.push(
    `• ${String(report.liveQueues.length)} hàng chờ gửi đánh giá ngay khi nhập. Apps Script chỉ cho phép ${String(MAX_TRIGGERS)} trình kích hoạt ` +
      `cho mỗi tập lệnh, nên ${String(report.polledQueues.length)} hàng chờ sau được kiểm tra định kỳ mỗi ${every} ` +
      `(đánh giá ghi ở đó đến hệ thống trong vòng khoảng ${every}, không kèm email người đánh giá): ${report.polledQueues.join('; ')}.`,
  );
  return lines;
}
