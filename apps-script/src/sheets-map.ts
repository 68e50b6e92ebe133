// The year's spreadsheets as the function knows them (GET/PUT /v1/years/{year}/sheets), cached in Script Properties for the
// edit trigger and the poller: one small property per spreadsheet (its queue tabs), so no value grows with the number of
// queues (Script Properties: 9 kB a value, 500 kB in all; at 200 queues the cache takes ~25 kB).
import { callJourney, callJourneyOk, describeAnswer } from './client';
import { JourneyError } from './errors';
import type { Settings } from './settings';
import { deleteWithPrefix, props, propertiesWithPrefix } from './store';

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
/** `journey.sheets.{year}.master`: the master spreadsheet (or null); its presence says the cache exists. */
const masterKey = (year: number): string => `${CACHE_PREFIX}${String(year)}.master`;
/** `journey.sheets.{year}.ss.{spreadsheetId}`: the queues whose tabs this spreadsheet holds, as [queue, tab] pairs. */
const spreadsheetPrefix = (year: number): string => `${CACHE_PREFIX}${String(year)}.ss.`;

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
    throw new JourneyError(
      'network',
      `Không kết nối được với hàm Journey khi đọc danh sách bảng tính (${String(error)}).`,
    );
  }
  if (answer.status === 404) return { master: null, queues: {} };
  if (answer.status < 200 || answer.status >= 300) {
    throw new JourneyError(
      'http_' + String(answer.status),
      `Hàm Journey không trả về danh sách bảng tính (${describeAnswer(answer)}).`,
    );
  }
  return parseSheetsMap(answer.json);
}

export function registerSheets(settings: Settings, map: SheetsMap): void {
  callJourneyOk(settings, 'PUT', path(settings.year), 'đăng ký các bảng tính', JSON.stringify(map));
}

function parseTabs(text: string | null): Array<[string, string]> | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return undefined;
    return value.filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string',
    );
  } catch {
    return undefined;
  }
}

/** A queue spreadsheet's address, from its id (the cache keeps no URLs: they are derived). */
export function spreadsheetUrl(spreadsheetId: string): string {
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
}

/** The cached map, read in one call; undefined when nothing is cached for the year. */
export function cachedSheetsMap(year: number): SheetsMap | undefined {
  const found = propertiesWithPrefix(`${CACHE_PREFIX}${String(year)}.`);
  const masterText = found[masterKey(year)];
  if (masterText === undefined) return undefined;
  let master: SheetRef | null;
  try {
    master = sheetRef(JSON.parse(masterText));
  } catch {
    master = null;
  }
  const map: SheetsMap = { master, queues: {} };
  const prefix = spreadsheetPrefix(year);
  for (const [key, text] of Object.entries(found)) {
    if (!key.startsWith(prefix)) continue;
    const spreadsheetId = key.slice(prefix.length);
    for (const [queue, sheetName] of parseTabs(text) ?? [])
      map.queues[queue] = { spreadsheetId, sheetName, url: spreadsheetUrl(spreadsheetId) };
  }
  return map;
}

/** The queue tabs of one spreadsheet, from the cache (one property read); undefined when the cache does not know it. */
export function cachedTabsOf(year: number, spreadsheetId: string): Array<[string, string]> | undefined {
  if (props().getProperty(masterKey(year)) === null) return undefined;
  return parseTabs(props().getProperty(spreadsheetPrefix(year) + spreadsheetId));
}

export function cacheSheetsMap(year: number, map: SheetsMap): void {
  const values: Record<string, string> = { [masterKey(year)]: JSON.stringify(map.master) };
  const bySpreadsheet = new Map<string, Array<[string, string]>>();
  for (const [queue, ref] of Object.entries(map.queues)) {
    bySpreadsheet.set(ref.spreadsheetId, [...(bySpreadsheet.get(ref.spreadsheetId) ?? []), [queue, ref.sheetName]]);
  }
  for (const [spreadsheetId, tabs] of bySpreadsheet)
    values[spreadsheetPrefix(year) + spreadsheetId] = JSON.stringify(tabs);
  props().setProperties(values);
  // Spreadsheets no longer registered, and the single property an older version kept the whole map in.
  deleteWithPrefix(spreadsheetPrefix(year), new Set(Object.keys(values)));
  props().deleteProperty(CACHE_PREFIX + String(year));
}

/** Fetches the map from the function and caches it. */
export function refreshSheetsMap(settings: Settings): SheetsMap {
  const map = fetchSheetsMap(settings);
  cacheSheetsMap(settings.year, map);
  return map;
}

/** The queue a sheet was registered for, by spreadsheet id and tab name. */
export function queueOfSheet(map: SheetsMap, spreadsheetId: string, sheetName: string): string | undefined {
  return Object.entries(map.queues).find(
    ([, ref]) => ref.spreadsheetId === spreadsheetId && ref.sheetName === sheetName,
  )?.[0];
}

/** Distinct spreadsheet ids of the queues (several queues may share one spreadsheet on different tabs). */
export function queueSpreadsheetIds(map: SheetsMap): string[] {
  return [...new Set(Object.values(map.queues).map((q) => q.spreadsheetId))];
}
