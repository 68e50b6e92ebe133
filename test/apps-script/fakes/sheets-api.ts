// The Sheets API's values:batchGet over the fake spreadsheets, as UrlFetchApp reaches it with the script's OAuth token:
// formatted values, rows major, trailing empty cells and rows left out (as Google does), and Google's read quota — 60
// read requests a minute per user, past which it answers 429 RESOURCE_EXHAUSTED.
import { columnIndex } from '../../../functions/src/contract/a1';
import type { FetchRequest, FetchResponse } from './url-fetch';
import type { Cell, FakeSheet, FakeSpreadsheetApp } from './spreadsheets';

export const FAKE_OAUTH_TOKEN = 'ya29.fake-script-token';

function formatted(value: Cell): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `'Tab name'!A2:C`, `'Tab'!1:1`: the tab and 1-based bounds (open ends up to the data). */
function parseRange(
  a1: string,
): { sheetName: string; rows: [number, number | null]; columns: [number, number | null] } | undefined {
  const match = /^'((?:[^']|'')*)'!([A-Z]*)(\d*):([A-Z]*)(\d*)$/.exec(a1);
  if (!match) return undefined;
  const [, name = '', c1 = '', r1 = '', c2 = '', r2 = ''] = match;
  const column = (letters: string): number | null => (letters === '' ? null : (columnIndex(letters) ?? -1) + 1);
  return {
    sheetName: name.replace(/''/g, "'"),
    rows: [r1 === '' ? 1 : Number(r1), r2 === '' ? null : Number(r2)],
    columns: [column(c1) ?? 1, column(c2)],
  };
}

function valuesOf(sheet: FakeSheet, range: NonNullable<ReturnType<typeof parseRange>>): string[][] {
  const lastRow = Math.min(range.rows[1] ?? sheet.getLastRow(), sheet.getLastRow());
  const lastColumn = Math.min(range.columns[1] ?? sheet.getLastColumn(), sheet.getLastColumn());
  const rows: string[][] = [];
  for (let r = range.rows[0]; r <= lastRow; r++) {
    const row: string[] = [];
    for (let c = range.columns[0]; c <= lastColumn; c++) row.push(formatted(sheet.cell(r, c)));
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    rows.push(row);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

/** Google's Sheets API: read requests a minute per user. */
export const SHEETS_READS_PER_MINUTE = 60;

export interface SheetsApiCalls {
  /** Read requests answered (each spreadsheet read). */
  batchGet: number;
  /** Read requests refused with 429 (quota). */
  refused: number;
  /** When each answered read was made (ms of the fake clock), for the reads-per-minute figures. */
  times: number[];
}

/** The most reads answered in any 60 s window. */
export function peakReadsPerMinute(times: readonly number[]): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= 60_000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Answers Sheets API requests (undefined for any other URL); counts the spreadsheets read. */
export function sheetsApi(
  sheets: FakeSpreadsheetApp,
  calls: SheetsApiCalls,
  limits: { readsPerMinute: number } = { readsPerMinute: SHEETS_READS_PER_MINUTE },
): (request: FetchRequest) => FetchResponse | undefined {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== 'sheets.googleapis.com') return undefined;
    if (request.headers.Authorization !== `Bearer ${FAKE_OAUTH_TOKEN}`)
      return {
        status: 401,
        body: JSON.stringify({
          error: { code: 401, message: 'Request is missing required authentication credential.' },
        }),
      };
    const match = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/.exec(url.pathname);
    if (!match?.[1] || request.method !== 'GET')
      return { status: 404, body: JSON.stringify({ error: { code: 404, message: 'Not found' } }) };
    const now = sheets.now();
    const recent = calls.times.filter((t) => now - t < 60_000);
    if (recent.length >= limits.readsPerMinute) {
      calls.refused++;
      const retryAfter = Math.max(1, Math.ceil(((recent[0] ?? now) + 60_000 - now) / 1000));
      return {
        status: 429,
        headers: { 'Retry-After': String(retryAfter) },
        body: JSON.stringify({
          error: {
            code: 429,
            message:
              "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
            status: 'RESOURCE_EXHAUSTED',
          },
        }),
      };
    }
    calls.batchGet++;
    calls.times.push(now);
    const spreadsheet = sheets.spreadsheets.find((s) => s.id === decodeURIComponent(match[1] ?? ''));
    if (!spreadsheet)
      return {
        status: 404,
        body: JSON.stringify({ error: { code: 404, message: 'Requested entity was not found.' } }),
      };
    const valueRanges = [];
    for (const a1 of url.searchParams.getAll('ranges')) {
      const range = parseRange(a1);
      const sheet = range ? spreadsheet.getSheetByName(range.sheetName) : null;
      if (!range || !sheet)
        return { status: 400, body: JSON.stringify({ error: { code: 400, message: `Unable to parse range: ${a1}` } }) };
      const values = valuesOf(sheet, range);
      valueRanges.push({ range: a1, majorDimension: 'ROWS', ...(values.length > 0 ? { values } : {}) });
    }
    return { status: 200, body: JSON.stringify({ spreadsheetId: spreadsheet.id, valueRanges }) };
  };
}
