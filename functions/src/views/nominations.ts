// Nominations as views: the "Đề cử" tab of a base union's spreadsheet, and the "Đề cử tham gia" tab of the master (per unit, which list is in force).
import type { sheets_v4 } from '@googleapis/sheets';
import type { SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import { NOMINATION_COLUMNS, NOMINATION_TAB } from '../contract/nomination-sheet';
import { quoteTab } from '../contract/a1';
import { TABS } from '../contract/queue-sheet';
import type { YearConfig } from '../domain/config';
import { displayInstant } from '../domain/dates';
import { effectiveNominees, withNomineesInForce } from '../domain/nominations';
import type { NominationsDoc } from '../model';
import type { Store } from '../ports';
import type { Row } from './cells';
import { resultsColumn } from './layout';
import { gridRowsFor } from './state';
import { protect, rewriteTab } from './tabs';

type Request = sheets_v4.Schema$Request;

export const NOMINATIONS_SUMMARY_TAB = 'Đề cử tham gia';

export const NOMINATIONS_SUMMARY_COLUMNS = [
  'Cơ sở Đoàn',
  'Danh sách áp dụng',
  'Số được đề cử',
  'Đã đăng ký',
  'Cập nhật lúc',
  'Ghi chú',
];

const SOURCE_LABELS = {
  sheet: 'Bảng tính của cơ sở Đoàn',
  plan: 'Kế hoạch năm',
  none: 'Không giới hạn (chưa có danh sách)',
} as const;

/** Everything the nomination views need for a year: the plan's set times and every base union's own list. */
export interface YearNominations {
  planSetAt: Readonly<Record<string, string>>;
  sheets: ReadonlyMap<string, NominationsDoc>;
}

/** Every unit's list (for the master), or one unit's only (for that base union's spreadsheet: two reads, not one per unit). */
export async function loadNominations(store: Store, year: number, unitId?: string): Promise<YearNominations> {
  const lists =
    unitId === undefined ? store.listNominations(year) : store.getNominations(year, unitId).then((l) => (l ? [l] : []));
  const [plan, found] = await Promise.all([store.getYear(year), lists]);
  return { planSetAt: plan?.nomineesSetAt ?? {}, sheets: new Map(found.map((l) => [l.unitId, l])) };
}

/** The plan with every unit's list in force (the Kết nạp Đảng tab counts nominees from it). */
export function planInForce(config: YearConfig, nominations: YearNominations): YearConfig {
  return withNomineesInForce(config, nominations.planSetAt, nominations.sheets);
}

/**
 * The unit's "Đề cử" tab rewritten with the list in force: the sheet's own rows when it is in force, the plan's e-mails
 * otherwise (so the executive always sees what registration checks). The header row is protected: Apps Script finds the
 * columns by it.
 */
export function nominationTab(
  config: YearConfig,
  unitId: string,
  nominations: YearNominations,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
): { requests: Request[]; values: ValueRangeWrite } {
  const unit = config.units.find((u) => u.id === unitId);
  const own = nominations.sheets.get(unitId);
  const inForce = effectiveNominees(unit?.nominees, nominations.planSetAt[unitId], own);
  const rows: Row[] =
    inForce.source === 'sheet' && own
      ? own.nominees.map((n) => [n.fullName, n.email])
      : (inForce.emails ?? []).map((email) => ['', email]);
  const rewrite = rewriteTab(NOMINATION_TAB, sheetId, info, NOMINATION_COLUMNS, rows, gridRowsFor(rows.length));
  rewrite.requests.push(
    protect(
      { sheetId, startRowIndex: 0, endRowIndex: 1 },
      'Dòng tiêu đề do hệ thống ghi: xin đừng sửa, hệ thống dựa vào đây để nhận danh sách đề cử.',
    ),
  );
  return rewrite;
}

/** Per base union: which list is in force and why, how many it names, how many registered (a formula over Kết quả), conflicts. */
export function nominationSummaryRows(config: YearConfig, nominations: YearNominations): Row[] {
  const results = quoteTab(TABS.results);
  const unitColumn = resultsColumn(config, 'Cơ sở Đoàn');
  const claimed = new Map<string, string[]>();
  for (const unit of config.units) {
    for (const email of effectiveNominees(
      unit.nominees,
      nominations.planSetAt[unit.id],
      nominations.sheets.get(unit.id),
    ).emails ?? []) {
      claimed.set(email, [...(claimed.get(email) ?? []), unit.name]);
    }
  }
  return config.units.map((unit, i) => {
    const own = nominations.sheets.get(unit.id);
    const inForce = effectiveNominees(unit.nominees, nominations.planSetAt[unit.id], own);
    const notes: string[] = [];
    if (inForce.conflict) {
      const other = inForce.source === 'sheet' ? 'kế hoạch năm' : 'bảng tính của cơ sở Đoàn';
      notes.push(
        `Danh sách trong ${other} khác danh sách đang áp dụng; danh sách cập nhật sau được áp dụng, danh sách kia vẫn được lưu.`,
      );
    }
    const shared = (inForce.emails ?? []).filter((email) => (claimed.get(email) ?? []).length > 1);
    if (shared.length > 0) notes.push(`Được cơ sở Đoàn khác cùng đề cử: ${shared.join(', ')}.`);
    const updated =
      inForce.source === 'sheet' && own
        ? own.editedAt
        : inForce.source === 'plan'
          ? nominations.planSetAt[unit.id]
          : undefined;
    return [
      unit.name,
      SOURCE_LABELS[inForce.source],
      inForce.emails === undefined ? '' : inForce.emails.length,
      { formula: `=COUNTIF(${results}!$${unitColumn}$2:$${unitColumn},$A${String(i + 2)})` },
      updated ? displayInstant(new Date(updated)) : '',
      notes.join(' '),
    ];
  });
}
