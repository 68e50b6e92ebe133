// Production spreadsheets: the master and one queue spreadsheet per queue, created once (ids remembered), shared with the right people.
import { messageOf } from './errors';
import { PROGRAMME } from './forms/texts';
import type { YearPlan } from './plan';
import { yearQueues, type QueueInfo } from './queues';
import type { Settings } from './settings';
import { spreadsheetUrl, type SheetsMap } from './sheets-map';
import { props, propertiesWithPrefix, readJson } from './store';
import { log } from './log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The tab evaluators work in; the function writes its rows (header `Mã minh chứng`, …, `Đánh giá`, `Nhận xét`). */
export const QUEUE_SHEET_NAME = 'Hàng chờ đánh giá';

export interface Remembered {
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

/** The spreadsheets remembered for the year, from one read of the store (an older version's single property moved on). */
export function remembered(year: number): Remembered {
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
  for (const [key, id] of Object.entries(found))
    if (key.startsWith(prefix)) result.queues[key.slice(prefix.length)] = id;
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
    log.warn(`Không mở được bảng tính ${id} (${messageOf(error)}); sẽ tạo bảng tính mới.`);
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

/** The spreadsheets setup made or found, as remembered (ids) — enough to register them without opening any. */
export function rememberedMap(plan: YearPlan, saved: Remembered): SheetsMap {
  const map: SheetsMap = {
    master: saved.master === undefined ? null : { spreadsheetId: saved.master, url: spreadsheetUrl(saved.master) },
    queues: {},
  };
  for (const queue of yearQueues(plan)) {
    const id = saved.queues[queue.id];
    if (id !== undefined)
      map.queues[queue.id] = { spreadsheetId: id, sheetName: QUEUE_SHEET_NAME, url: spreadsheetUrl(id) };
  }
  return map;
}

/**
 * The master spreadsheet: the bound one, else the one remembered or the function's, else a new one — remembered at once
 * — shared with the standing committee and the service account. One unit of setup's work; returns spreadsheets created.
 */
export function ensureMaster(
  plan: YearPlan,
  settings: Settings,
  known: SheetsMap,
  saved: Remembered,
  sharing: SharingReport,
): number {
  const year = plan.year;
  forgetLegacy(year, saved);
  let created = 0;
  let master = activeSpreadsheet() ?? tryOpen(saved.master) ?? tryOpen(known.master?.spreadsheetId);
  if (!master) {
    master = SpreadsheetApp.create(`${PROGRAMME} năm ${String(year)} — Bảng tổng hợp`);
    created++;
  }
  if (saved.master !== master.getId()) rememberMaster(year, master.getId());
  saved.master = master.getId();
  shareWith(master, [...plan.committee.BTV_DOAN_KHOI, ...serviceAccounts(settings)], sharing);
  return created;
}

/**
 * One queue's spreadsheet: reused in the order remembered id, the function's, and only then created — its id remembered
 * as soon as it exists, so a run stopped anywhere resumes without duplicates — with its tab, shared with the queue's
 * evaluators. One unit of setup's work; returns spreadsheets created.
 */
export function ensureQueueSpreadsheet(
  plan: YearPlan,
  queue: QueueInfo,
  settings: Settings,
  known: SheetsMap,
  saved: Remembered,
  sharing: SharingReport,
): number {
  const year = plan.year;
  let created = 0;
  let spreadsheet = tryOpen(saved.queues[queue.id]) ?? tryOpen(known.queues[queue.id]?.spreadsheetId);
  const fresh = spreadsheet === null;
  if (!spreadsheet) {
    spreadsheet = SpreadsheetApp.create(`${PROGRAMME} năm ${String(year)} — Hàng chờ đánh giá — ${queue.label}`);
    created++;
  }
  if (saved.queues[queue.id] !== spreadsheet.getId()) rememberQueue(year, queue.id, spreadsheet.getId());
  saved.queues[queue.id] = spreadsheet.getId();
  ensureQueueTab(spreadsheet, fresh);
  shareWith(spreadsheet, [...queue.evaluators, ...serviceAccounts(settings)], sharing);
  return created;
}

function serviceAccounts(settings: Settings): string[] {
  return settings.serviceAccount === null ? [] : [settings.serviceAccount];
}
