// The year's spreadsheets as the function knows them (GET/PUT /v1/years/{year}/sheets), cached in Script Properties for the edit trigger.
import { callJourney, callJourneyOk, describeAnswer } from './client';
import { JourneyError } from './errors';
import type { Settings } from './settings';
import { readJson, writeJson } from './store';

export interface SheetRef {
  spreadsheetId: string;
  url: string;
}

export interface QueueSheetRef extends SheetRef {
  sheetName: string;
}

export interface SheetsMap {
  master: SheetRef | null;
  queues: Record<string, QueueSheetRef>;
}

const CACHE_PREFIX = 'journey.sheets.';

function sheetRef(value: unknown): SheetRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.spreadsheetId !== 'string' || v.spreadsheetId === '') return null;
  return { spreadsheetId: v.spreadsheetId, url: typeof v.url === 'string' ? v.url : '' };
}

export function parseSheetsMap(json: unknown): SheetsMap {
  const map: SheetsMap = { master: null, queues: {} };
  if (typeof json !== 'object' || json === null) return map;
  const value = json as Record<string, unknown>;
  map.master = sheetRef(value.master);
  const queues = value.queues;
  if (typeof queues === 'object' && queues !== null) {
    for (const [queueId, entry] of Object.entries(queues as Record<string, unknown>)) {
      const ref = sheetRef(entry);
      const sheetName = (entry as { sheetName?: unknown }).sheetName;
      if (ref && typeof sheetName === 'string') map.queues[queueId] = { ...ref, sheetName };
    }
  }
  return map;
}

function path(year: number): string {
  return `/v1/years/${String(year)}/sheets`;
}

/** The function's map; an unknown year (404) is an empty map. */
export function fetchSheetsMap(settings: Settings): SheetsMap {
  let answer;
  try {
    answer = callJourney(settings, 'GET', path(settings.year));
  } catch (error) {
    throw new JourneyError('network', `Không kết nối được với hàm Journey khi đọc danh sách bảng tính (${String(error)}).`);
  }
  if (answer.status === 404) return { master: null, queues: {} };
  if (answer.status < 200 || answer.status >= 300) {
    throw new JourneyError('http_' + String(answer.status), `Hàm Journey không trả về danh sách bảng tính (${describeAnswer(answer)}).`);
  }
  return parseSheetsMap(answer.json);
}

export function registerSheets(settings: Settings, map: SheetsMap): void {
  callJourneyOk(settings, 'PUT', path(settings.year), 'đăng ký các bảng tính', JSON.stringify(map));
}

export function cachedSheetsMap(year: number): SheetsMap | undefined {
  const value = readJson(CACHE_PREFIX + String(year));
  return value === undefined ? undefined : parseSheetsMap(value);
}

export function cacheSheetsMap(year: number, map: SheetsMap): void {
  writeJson(CACHE_PREFIX + String(year), map);
}

/** Fetches the map from the function and caches it. */
export function refreshSheetsMap(settings: Settings): SheetsMap {
  const map = fetchSheetsMap(settings);
  cacheSheetsMap(settings.year, map);
  return map;
}

/** The queue a sheet was registered for, by spreadsheet id and tab name. */
export function queueOfSheet(map: SheetsMap, spreadsheetId: string, sheetName: string): string | undefined {
  return Object.entries(map.queues).find(([, ref]) => ref.spreadsheetId === spreadsheetId && ref.sheetName === sheetName)?.[0];
}

/** Distinct spreadsheet ids of the queues (several queues may share one spreadsheet on different tabs). */
export function queueSpreadsheetIds(map: SheetsMap): string[] {
  return [...new Set(Object.values(map.queues).map((q) => q.spreadsheetId))];
}
