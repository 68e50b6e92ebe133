// Production spreadsheets: the master and one queue spreadsheet per queue, created once (ids remembered), shared with the right people.
import { JourneyError, messageOf } from './errors';
import { PROGRAMME } from './forms/texts';
import type { YearPlan } from './plan';
import { yearQueues } from './queues';
import type { Settings } from './settings';
import type { SheetsMap } from './sheets-map';
import { props, propertiesWithPrefix, readJson } from './store';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The tab evaluators work in; the function writes its rows (header `Mã minh chứng`, …, `Đánh giá`, `Nhận xét`). */
export const QUEUE_SHEET_NAME = 'Hàng chờ đánh giá';

interface Remembered {
  master?: string;
  queues: Record<string, string>;
}

/**
 * The spreadsheets setup created, remembered as soon as each exists (so an interrupted run resumes without duplicates):
 * `journey.spreadsheets.{year}.master` and one `journey.spreadsheets.{year}.q.{queue}` per queue — no value grows with
 * the number of queues.
 */
const REMEMBERED_PREFIX = 'journey.spreadsheets.';
const masterKey = (year: number): string => `${REMEMBERED_PREFIX}${String(year)}.master`;
const queuePrefix = (year: number): string => `${REMEMBERED_PREFIX}${String(year)}.q.`;

function remembered(year: number): Remembered {
  const found = propertiesWithPrefix(`${REMEMBERED_PREFIX}${String(year)}.`);
  const result: Remembered = { queues: {} };
  // What an older version kept in one property, read once and then stored per queue.
  const legacy = readJson(REMEMBERED_PREFIX + String(year));
  if (typeof legacy === 'object' && legacy !== null) {
    const v = legacy as Partial<Remembered>;
    if (typeof v.master === 'string') result.master = v.master;
    if (typeof v.queues === 'object') Object.assign(result.queues, v.queues);
  }
  const master = found[masterKey(year)];
  if (master !== undefined) result.master = master;
  const prefix = queuePrefix(year);
  for (const [key, id] of Object.entries(found)) if (key.startsWith(prefix)) result.queues[key.slice(prefix.length)] = id;
  return result;
}

function rememberMaster(year: number, spreadsheetId: string): void {
  props().setProperty(masterKey(year), spreadsheetId);
}

function rememberQueue(year: number, queue: string, spreadsheetId: string): void {
  props().setProperty(queuePrefix(year) + queue, spreadsheetId);
}

/** Moves what an older version kept in one property into one property per queue. */
function forgetLegacy(year: number, saved: Remembered): void {
  if (props().getProperty(REMEMBERED_PREFIX + String(year)) === null) return;
  const values: Record<string, string> = {};
  if (saved.master !== undefined) values[masterKey(year)] = saved.master;
  for (const [queue, id] of Object.entries(saved.queues)) values[queuePrefix(year) + queue] = id;
  props().setProperties(values);
  props().deleteProperty(REMEMBERED_PREFIX + String(year));
}

function tryOpen(id: string | undefined): Spreadsheet | null {
  if (id === undefined || id === '') return null;
  try {
    return SpreadsheetApp.openById(id);
  } catch (error) {
    console.warn(`Không mở được bảng tính ${id} (${messageOf(error)}); sẽ tạo bảng tính mới.`);
    return null;
  }
}

function activeSpreadsheet(): Spreadsheet | null {
  try {
    return SpreadsheetApp.getActiveSpreadsheet();
  } catch {
    return null;
  }
}

export interface SharingReport {
  added: number;
  failed: string[];
}

/** Gives edit rights to the people not yet editors (never removes anyone). */
function shareWith(spreadsheet: Spreadsheet, emails: readonly string[], report: SharingReport): void {
  const current = new Set(spreadsheet.getEditors().map((u) => u.getEmail().toLowerCase()));
  const owner = Session.getEffectiveUser().getEmail().toLowerCase();
  for (const email of new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))) {
    if (current.has(email) || email === owner) continue;
    try {
      spreadsheet.addEditor(email);
      report.added++;
    } catch (error) {
      report.failed.push(`${email} (${spreadsheet.getName()}): ${messageOf(error)}`);
    }
  }
}

function ensureQueueTab(spreadsheet: Spreadsheet, fresh: boolean): void {
  if (spreadsheet.getSheetByName(QUEUE_SHEET_NAME)) return;
  const first = spreadsheet.getSheets()[0];
  if (fresh && first) first.setName(QUEUE_SHEET_NAME);
  else spreadsheet.insertSheet(QUEUE_SHEET_NAME);
}

export interface SpreadsheetsReport {
  map: SheetsMap;
  created: number;
  sharing: SharingReport;
}

/**
 * Creates or reuses the master spreadsheet and one spreadsheet per queue. Reuse order: the ids remembered by an
 * earlier run, then those the function already has, and only then a new spreadsheet — so re-runs never duplicate.
 * Ids are remembered as soon as each spreadsheet exists, so a run stopped by the time limit resumes where it was.
 */
export function ensureSpreadsheets(plan: YearPlan, settings: Settings, known: SheetsMap, deadlineMs: number): SpreadsheetsReport {
  const year = plan.year;
  const saved = remembered(year);
  forgetLegacy(year, saved);
  const sharing: SharingReport = { added: 0, failed: [] };
  const service = settings.serviceAccount === null ? [] : [settings.serviceAccount];
  let created = 0;

  let master = activeSpreadsheet() ?? tryOpen(saved.master) ?? tryOpen(known.master?.spreadsheetId);
  if (!master) {
    master = SpreadsheetApp.create(`${PROGRAMME} năm ${String(year)} — Bảng tổng hợp`);
    created++;
  }
  if (saved.master !== master.getId()) rememberMaster(year, master.getId());
  saved.master = master.getId();
  shareWith(master, [...plan.committee.BTV_DOAN_KHOI, ...service], sharing);

  const map: SheetsMap = { master: { spreadsheetId: master.getId(), url: master.getUrl() }, queues: {} };
  for (const queue of yearQueues(plan)) {
    let spreadsheet = tryOpen(saved.queues[queue.id]) ?? tryOpen(known.queues[queue.id]?.spreadsheetId);
    const fresh = spreadsheet === null;
    if (!spreadsheet) {
      if (Date.now() > deadlineMs) {
        throw new JourneyError(
          'setup_incomplete',
          `Thiết lập chưa xong: đã gần hết thời gian chạy cho phép nên mới tạo được ${String(created)} bảng tính. ` +
            'Các bảng tính đã tạo đều được ghi nhớ; vui lòng chạy lại "Thiết lập / cập nhật biểu mẫu" để làm tiếp.',
        );
      }
      spreadsheet = SpreadsheetApp.create(`${PROGRAMME} năm ${String(year)} — Hàng chờ đánh giá — ${queue.label}`);
      created++;
    }
    if (saved.queues[queue.id] !== spreadsheet.getId()) rememberQueue(year, queue.id, spreadsheet.getId());
    saved.queues[queue.id] = spreadsheet.getId();
    ensureQueueTab(spreadsheet, fresh);
    shareWith(spreadsheet, [...queue.evaluators, ...service], sharing);
    map.queues[queue.id] = { spreadsheetId: spreadsheet.getId(), sheetName: QUEUE_SHEET_NAME, url: spreadsheet.getUrl() };
  }
  return { map, created, sharing };
}
