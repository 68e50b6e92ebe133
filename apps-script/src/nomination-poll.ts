// The poller's part for base unions whose spreadsheet has no edit trigger: their "Đề cử" tab, read when Drive says the
// spreadsheet changed, and the list sent when it differs from the one last sent (nomination-edit.ts does the sending).
import { messageOf } from './errors';
import { NOMINATING_ROLE, NOMINATION_TAB } from '../../functions/src/contract/nomination-sheet';
import { nomineeListStatus, sendNomineeList } from './nomination-edit';
import type { QueueSheetRef } from './sheets-map';

export interface NominationPollReport {
  /** Lists sent (or put on the retry queue). */
  sent: number;
  failed: string[];
}

/**
 * Reads the "Đề cử" tab of each base union spreadsheet in `due` (their `BCH_CO_SO:{unit}` queues) and sends the lists
 * that changed. Cost: one spreadsheet opened per changed base union spreadsheet, one call per list that changed.
 */
export function pollNominationTabs(
  year: number,
  due: readonly (readonly [string, QueueSheetRef])[],
  open: (spreadsheetId: string) => GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  outOfTime: () => boolean,
): NominationPollReport {
  const report: NominationPollReport = { sent: 0, failed: [] };
  const prefix = `${NOMINATING_ROLE}:`;
  for (const [queue, ref] of due) {
    if (!queue.startsWith(prefix) || outOfTime()) continue;
    const unitId = queue.slice(prefix.length);
    try {
      const spreadsheet = open(ref.spreadsheetId);
      if (typeof spreadsheet === 'string') {
        report.failed.push(`${queue}: ${spreadsheet}`);
        continue;
      }
      // No tab yet: the function adds it at the spreadsheet's next full sync.
      const sheet = spreadsheet.getSheetByName(NOMINATION_TAB);
      if (!sheet) continue;
      const values = sheet.getDataRange().getValues();
      if (nomineeListStatus(year, unitId, values) !== 'new') continue;
      const result = sendNomineeList(year, spreadsheet, unitId, values, undefined, (message) => {
        console.log(`Đề cử của ${unitId}: ${message}`);
      });
      if (result) report.sent++;
    } catch (error) {
      report.failed.push(`${queue}: ${messageOf(error)}`);
    }
  }
  return report;
}
