// Installable triggers as a desired set — form submits, queue edits and a table of time schedules — reconciled without duplicates.
import { formIdsOfYear } from './forms/registry';
import { cachedSheetsMap, queueSpreadsheetIds } from './sheets-map';
import { readJson, writeJson } from './store';
import { TIME_ZONE } from './time';

/** Names of the global functions triggers call; build.mjs makes each export of main.ts such a global. */
export const HANDLERS = {
  registrationSubmit: 'onRegistrationSubmit',
  evidenceSubmit: 'onEvidenceSubmit',
  queueEdit: 'onQueueEdit',
  drainRetryQueue: 'drainRetryQueue',
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
export const SCHEDULES: readonly Schedule[] = [{ handler: HANDLERS.drainRetryQueue, everyMinutes: 5 }];

/** Apps Script allows 20 triggers per user per script. */
export const MAX_TRIGGERS = 20;

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
  else if ('weekly' in schedule) builder.onWeekDay(ScriptApp.WeekDay[schedule.weekly.day]).atHour(schedule.weekly.atHour).inTimezone(TIME_ZONE);
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
  if ('weekly' in schedule) return `${schedule.handler} (${WEEKDAY_NAMES[schedule.weekly.day]} hằng tuần, lúc ${String(schedule.weekly.atHour)} giờ)`;
  return `${schedule.handler} (ngày ${String(schedule.monthly.day)} hằng tháng lúc ${String(schedule.monthly.atHour)} giờ)`;
}

/** Every trigger the script should have for `year`, most important first (they are created in this order under the quota). */
export function desiredTriggers(year: number, schedules: readonly Schedule[] = SCHEDULES): DesiredTrigger[] {
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
  const map = cachedSheetsMap(year);
  for (const spreadsheetId of map ? queueSpreadsheetIds(map) : []) {
    const queues = Object.entries(map?.queues ?? {})
      .filter(([, ref]) => ref.spreadsheetId === spreadsheetId)
      .map(([id]) => id);
    desired.push({
      key: keyOf(HANDLERS.queueEdit, 'ON_EDIT', spreadsheetId),
      handler: HANDLERS.queueEdit,
      label: `${HANDLERS.queueEdit} (hàng chờ ${queues.join(', ')})`,
      create: () => {
        ScriptApp.newTrigger(HANDLERS.queueEdit).forSpreadsheet(spreadsheetId).onEdit().create();
      },
    });
  }
  return desired;
}

export interface TriggerReport {
  created: string[];
  kept: string[];
  deleted: number;
  /** Wanted but not created: the 20-trigger quota is reached. */
  skipped: string[];
}

const FINGERPRINTS_KEY = 'journey.triggers.clock';

/**
 * Makes the project's triggers match the desired set: keeps what matches, deletes duplicates and stale triggers of the
 * script's own handlers (others are left alone), creates what is missing, and never exceeds the quota.
 */
export function reconcileTriggers(year: number, schedules: readonly Schedule[] = SCHEDULES): TriggerReport {
  const desired = desiredTriggers(year, schedules);
  const byKey = new Map(desired.map((d) => [d.key, d]));
  const managed = new Set<string>([...Object.values(HANDLERS), ...schedules.map((s) => s.handler)]);
  const stored = readJson(FINGERPRINTS_KEY);
  const fingerprints: Record<string, string> = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, string>) } : {};
  const report: TriggerReport = { created: [], kept: [], deleted: 0, skipped: [] };
  const kept = new Set<string>();
  let total = 0;

  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    if (!managed.has(handler)) {
      total++;
      continue;
    }
    const key = keyOf(handler, eventName(trigger.getEventType()), trigger.getTriggerSourceId());
    const wanted = byKey.get(key);
    const current = wanted !== undefined && (wanted.fingerprint === undefined || fingerprints[handler] === wanted.fingerprint);
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
  for (const d of desired) {
    if (!kept.has(d.key)) {
      if (total >= MAX_TRIGGERS) {
        report.skipped.push(d.label);
        continue;
      }
      d.create();
      report.created.push(d.label);
      total++;
    }
    if (d.fingerprint !== undefined) nextFingerprints[d.handler] = d.fingerprint;
  }
  writeJson(FINGERPRINTS_KEY, nextFingerprints);
  if (report.skipped.length > 0) {
    console.error(`Đã đạt giới hạn ${String(MAX_TRIGGERS)} trình kích hoạt của Apps Script; chưa tạo được: ${report.skipped.join('; ')}.`);
  }
  return report;
}
