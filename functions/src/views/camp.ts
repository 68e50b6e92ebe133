// Đề cử hội trại: the members the camp takes as things stand, and the committee's "Xác nhận" ticks, which a rebuild
// keeps (read back by e-mail before the tab is rewritten: the function stores no tick of its own).
import type { SheetsClient, SpreadsheetInfo } from '../adapters/sheets';
import { columnLetter, quoteTab } from '../contract/a1';
import { TABS } from '../contract/queue-sheet';
import type { YearConfig } from '../domain/config';
import { nominateForCamp, rankMembers } from '../domain/ranking';
import { GRADE_LABELS } from '../domain/results';
import type { JourneyDoc } from '../model';
import type { Row } from './cells';
import { namers } from './layout';

export const CAMP_COLUMNS = ['Thứ tự', 'Họ và tên', 'Email', 'Cơ sở Đoàn', 'Xếp loại', 'Điểm', 'Xếp hạng', 'Xác nhận'];
const EMAIL = CAMP_COLUMNS.indexOf('Email');
const TICK = CAMP_COLUMNS.indexOf('Xác nhận');

/** The e-mails the committee has ticked in the tab as it is (one read; none when the tab does not exist yet). */
export async function campTicks(
  sheets: SheetsClient,
  spreadsheetId: string,
  info: SpreadsheetInfo,
): Promise<ReadonlySet<string>> {
  if (!info.tabs.some((t) => t.title === TABS.camp)) return new Set();
  const range = `${quoteTab(TABS.camp)}!${columnLetter(EMAIL)}2:${columnLetter(TICK)}`;
  const rows = await sheets.valuesGet(spreadsheetId, range);
  return new Set(
    rows
      .filter((row) => row[TICK - EMAIL] === true)
      .map((row) =>
        String(row[0] ?? '')
          .trim()
          .toLowerCase(),
      ),
  );
}

/** The rows of the tab: the camp's nominees ranked, each ticked as the committee left it. */
export function campTabRows(config: YearConfig, journeys: JourneyDoc[], ticked: ReadonlySet<string>): Row[] {
  const { unitName } = namers(config);
  return nominateForCamp(rankMembers(journeys), config.rules).map((n, i) => [
    i + 1,
    n.fullName,
    n.email,
    unitName(n.unitId),
    GRADE_LABELS[n.result.grade],
    n.result.points,
    n.rank,
    { checkbox: ticked.has(n.email.trim().toLowerCase()) },
  ]);
}
