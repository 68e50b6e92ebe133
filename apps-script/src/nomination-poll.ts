// The poller's part for base unions whose spreadsheet has no edit trigger: their "Đề cử" tab, read when Drive says the
// spreadsheet changed, and the list sent when it differs from the one last sent (nomination-edit.ts does the sending).
import { messageOf } from './errors';
import { NOMINATING_ROLE, NOMINATION_TAB } from '../../functions/src/contract/nomination-sheet';
import { nomineeListStatus, sendNomineeList } from './nomination-edit';
import { READ_BATCH } from './queue-read';
import { retryAfterMs, type ReadPace } from './sheets-reads';
import type { QueueSheetRef } from './sheets-map';
import { props, propertiesWithPrefix } from './store';
import { log } from './log';

const readAtPrefix = (year: number): string => `journey.nomineesRead.${String(year)}.`;

/**
 * Nominee lists change a few times a year, decisions every hour: the poller looks at "Đề cử" tabs at most this often
 * (a spreadsheet with an edit trigger sends at once), which keeps their share of the daily trigger time small.
 */
export const NOMINATION_POLL_INTERVAL_MS = 60 * 60 * 1000;
const passKey = (year: number): string => `journey.nomineesPolledAt.${String(year)}`;

/** True when the last pass over the "Đề cử" tabs is at least NOMINATION_POLL_INTERVAL_MS old; records this one. */
export function nominationPassDue(year: number, nowMs: number): boolean {
  const last = Number(props().getProperty(passKey(year)) ?? 0) || 0;
  if (nowMs - last < NOMINATION_POLL_INTERVAL_MS) return false;
  props().setProperty(passKey(year), String(nowMs));
  return true;
}

/**
 * When each base union's "Đề cử" tab was last read by the poller (ms; one small property per unit, read in one call):
 * a tab is due again only once Drive says its spreadsheet changed after that.
 */
export function nominationReadTimes(year: number): Map<string, number> {
  const prefix = readAtPrefix(year);
  return new Map(
    Object.entries(propertiesWithPrefix(prefix)).map(([key, value]) => [key.slice(prefix.length), Number(value) || 0]),
  );
}

export interface NominationPollReport {
  /** Lists sent (or put on the retry queue). */
  sent: number;
  failed: string[];
}

const RANGE = `'${NOMINATION_TAB}'!A:B`;

/**
 * The tabs' cells through the Sheets API, READ_BATCH spreadsheets per fetchAll at the pace of the read quota (as
 * queue-read.ts reads queue tabs): per spreadsheet its rows, `absent` when it has no such tab yet (the API answers
 * 400), `deferred` when the quota gives it no turn now (or Google answered 429: it waits for Retry-After, and the
 * spreadsheet is not opened instead), or why it could not be read.
 */
function readNominationTabs(
  spreadsheetIds: readonly string[],
  pace: ReadPace,
): Map<string, unknown[][] | 'absent' | 'deferred' | Error> {
  const results = new Map<string, unknown[][] | 'absent' | 'deferred' | Error>();
  const headers = { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` };
  let start = 0;
  while (start < spreadsheetIds.length) {
    const now = Date.now();
    const batch = spreadsheetIds.slice(start, start + Math.min(READ_BATCH, pace.available(now)));
    if (batch.length === 0) {
      for (const id of spreadsheetIds.slice(start)) results.set(id, 'deferred');
      break;
    }
    const url = (id: string): string =>
      `https://sheets.googleapis.com/v4/spreadsheets/${encodeURIComponent(id)}/values:batchGet?ranges=${encodeURIComponent(RANGE)}&majorDimension=ROWS&valueRenderOption=FORMATTED_VALUE`;
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      pace.took(batch.length, now);
      responses = UrlFetchApp.fetchAll(batch.map((id) => ({ url: url(id), headers, muteHttpExceptions: true })));
    } catch {
      for (const id of spreadsheetIds.slice(start)) results.set(id, 'deferred');
      break;
    }
    batch.forEach((id, i) => {
      const response = responses[i];
      const status = response?.getResponseCode() ?? 0;
      if (status === 429 && response) {
        pace.blockUntil(Date.now() + retryAfterMs(response.getAllHeaders() as Record<string, unknown>, Date.now()));
        results.set(id, 'deferred');
      } else if (status >= 500) results.set(id, 'deferred');
      else if (status === 400) results.set(id, 'absent');
      else if (status !== 200) results.set(id, new Error(`Sheets API: HTTP ${String(status)}`));
      else {
        try {
          const answer = JSON.parse(response?.getContentText('UTF-8') ?? '{}') as {
            valueRanges?: Array<{ values?: unknown[][] }>;
          };
          results.set(id, answer.valueRanges?.[0]?.values ?? []);
        } catch (error) {
          results.set(id, new Error(messageOf(error)));
        }
      }
    });
    start += batch.length;
  }
  return results;
}

/**
 * Reads the "Đề cử" tab of each base union spreadsheet in `due` (their `BCH_CO_SO:{unit}` queues) and sends the lists
 * that changed. Cost: one Sheets API read per changed base union spreadsheet, in parallel batches (a spreadsheet is
 * opened only when the API cannot read it), and one call to the function per list that changed.
 */
export function pollNominationTabs(
  year: number,
  due: readonly (readonly [string, QueueSheetRef])[],
  open: (spreadsheetId: string) => GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  outOfTime: () => boolean,
  pace: ReadPace,
): NominationPollReport {
  const report: NominationPollReport = { sent: 0, failed: [] };
  const prefix = `${NOMINATING_ROLE}:`;
  const nominating = due.filter(([queue]) => queue.startsWith(prefix));
  if (nominating.length === 0) return report;
  // Read from here on: an edit made while the tabs are read is seen as a change at the next run.
  const readFrom = Date.now();
  const read = readNominationTabs(
    nominating.map(([, ref]) => ref.spreadsheetId),
    pace,
  );
  for (const [queue, ref] of nominating) {
    if (outOfTime()) break;
    const unitId = queue.slice(prefix.length);
    try {
      let values = read.get(ref.spreadsheetId);
      // No turn under the read quota: read at a later pass (it stays due: its read time is not moved).
      if (values === 'deferred') continue;
      // No tab yet (the function adds it at the spreadsheet's next full sync): nothing to read until it changes.
      if (values === 'absent') {
        props().setProperty(`${readAtPrefix(year)}${unitId}`, String(readFrom));
        continue;
      }
      const spreadsheet = { getId: () => ref.spreadsheetId };
      if (values === undefined || values instanceof Error) {
        const opened = open(ref.spreadsheetId);
        if (typeof opened === 'string') {
          report.failed.push(`${queue}: ${opened}`);
          continue;
        }
        const sheet = opened.getSheetByName(NOMINATION_TAB);
        if (!sheet) continue;
        values = sheet.getDataRange().getValues();
      }
      if (nomineeListStatus(year, unitId, values) === 'new') {
        const result = sendNomineeList(year, spreadsheet, unitId, values, undefined, (message) => {
          log.info(`Đề cử của ${unitId}: ${message}`);
        });
        if (result) report.sent++;
      }
      props().setProperty(`${readAtPrefix(year)}${unitId}`, String(readFrom));
    } catch (error) {
      report.failed.push(`${queue}: ${messageOf(error)}`);
    }
  }
  return report;
}
