// Full rewrites of a tab as batchUpdate requests: grid, clearing, the objects a sync adds (protections, chart, formats).
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellInput, SpreadsheetInfo, ValueRangeWrite } from '../adapters/sheets';
import { columnLetter, quoteTab } from '../contract/a1';
import type { Cell, Row } from './cells';
import { SUMMARY_COLUMNS } from './layout';
import { boldHeader, clearTab, gridSize, updateRows } from './requests';
import { gridRowsFor, type RowIndex } from './state';

type Request = sheets_v4.Schema$Request;

/** Whether new rows would fall outside the grid; if so, records the larger grid to ask for (an idempotent resize). */
export function growGrid(index: RowIndex): boolean {
  if (index.next - 1 < index.gridRows) return false;
  index.gridRows = gridRowsFor(index.next);
  return true;
}

/** Adds the tabs that are missing (stable ids); answers every tab's sheetId. */
export function ensureTabs(
  info: SpreadsheetInfo,
  titles: readonly string[],
): { requests: Request[]; tabs: Map<string, number> } {
  const tabs = new Map(info.tabs.map((t) => [t.title, t.sheetId]));
  const requests: Request[] = [];
  let nextId = Math.max(100, ...info.tabs.map((t) => t.sheetId)) + 1;
  titles.forEach((title, index) => {
    if (tabs.has(title)) return;
    tabs.set(title, nextId);
    requests.push({ addSheet: { properties: { sheetId: nextId, title, index } } });
    nextId += 1;
  });
  return { requests, tabs };
}

/** Every protection the function adds starts with this: a full sync removes its own and keeps what people added. */
export const OWN_MARK = 'Hành trình:';

/** Descriptions written before protections carried the mark, still recognised as the function's own. */
const EARLIER_OWN_DESCRIPTIONS = new Set([
  'Bản sao kế hoạch năm, chỉ đọc: sửa kế hoạch bằng cách gửi cấu hình mới.',
  'Kết quả do hệ thống tính từ dữ liệu gốc; mọi thay đổi sẽ bị ghi đè khi đồng bộ.',
  'Thông tin minh chứng do hệ thống ghi. Người đánh giá chỉ chọn cột "Đánh giá" và ghi "Nhận xét".',
  'Dòng tiêu đề do hệ thống ghi: xin đừng sửa, hệ thống dựa vào đây để nhận kết quả đánh giá.',
]);

export const SUMMARY_CHART_TITLE = 'Đoàn viên hoàn thành hành trình theo đơn vị';
/** Columns kept free right of the Tổng hợp table for its chart. */
export const SUMMARY_CHART_COLUMNS = 8;
/** Where Tổng hợp shows the last sync's progress: the first row, above the chart (which starts on the second). */
export const SYNC_LINE_COLUMN = SUMMARY_COLUMNS.length + 1;

/** The conditional format rules the function adds (queue status), as the adapter reports their conditions. */
export function pendingStatusCondition(text: string): sheets_v4.Schema$BooleanCondition {
  return { type: 'TEXT_EQ', values: [{ userEnteredValue: text }] };
}

export type TabState = SpreadsheetInfo['tabs'][number];

/**
 * Removes what a previous sync added to a tab (its protections, its chart, its conditional formats) and clears the
 * values; whatever people added themselves stays. `ownConditions` are the conditions of the rules this tab gets.
 */
export function resetTab(
  sheetId: number,
  info: TabState | undefined,
  gridRows: number,
  width: number,
  ownConditions: readonly sheets_v4.Schema$BooleanCondition[] = [],
): Request[] {
  const requests: Request[] = [gridSize(sheetId, gridRows, width), clearTab(sheetId)];
  for (const { id, description } of info?.protectedRanges ?? []) {
    if (description.startsWith(OWN_MARK) || EARLIER_OWN_DESCRIPTIONS.has(description))
      requests.push({ deleteProtectedRange: { protectedRangeId: id } });
  }
  for (const { id, title } of info?.charts ?? []) {
    if (title === SUMMARY_CHART_TITLE) requests.push({ deleteEmbeddedObject: { objectId: id } });
  }
  const own = new Set(ownConditions.map((c) => JSON.stringify(c)));
  const conditions = info?.conditionalFormatConditions ?? [];
  // From the last to the first, so the indexes still to delete do not move.
  for (let index = conditions.length - 1; index >= 0; index -= 1) {
    if (own.has(conditions[index] ?? '')) requests.push({ deleteConditionalFormatRule: { sheetId, index } });
  }
  return requests;
}

/**
 * A whole tab rewritten in two parts, so a full sync stays within two write requests whatever its
 * size: structure, and the columns holding formulas, dropdowns or boxes, go into the batchUpdate;
 * every plain value goes into one compact values write (RAW: text is never parsed).
 */
export interface TabExtras {
  /** Conditions of the conditional format rules the function adds to this tab (removed and added again by a sync). */
  ownConditions?: readonly sheets_v4.Schema$BooleanCondition[];
  /** Grid columns, when the tab needs room beside its table (a chart): at least the header's width. */
  gridColumns?: number;
}

export function rewriteTab(
  title: string,
  sheetId: number,
  info: TabState | undefined,
  header: readonly string[],
  rows: Map<number, Row> | Row[],
  gridRows: number,
  extras: TabExtras = {},
): { requests: Request[]; values: ValueRangeWrite } {
  const width = header.length;
  const requests = resetTab(sheetId, info, gridRows, Math.max(width, extras.gridColumns ?? 0), extras.ownConditions);
  requests.push(boldHeader(sheetId));
  const byRow = Array.isArray(rows) ? new Map(rows.map((r, i) => [i + 2, r] as const)) : rows;
  const lastRow = Math.max(1, ...byRow.keys());
  const special = new Set<number>();
  for (const row of byRow.values())
    row.forEach((cell, column) => {
      if (cell !== null && typeof cell === 'object') special.add(column);
    });
  for (const column of special) {
    const cells = Array.from({ length: lastRow - 1 }, (_, i) => [byRow.get(i + 2)?.[column] ?? null]);
    requests.push(updateRows(sheetId, 1, cells, 1, column));
  }
  const grid: CellInput[][] = [[...header]];
  for (let n = 2; n <= lastRow; n += 1) {
    const row = byRow.get(n) ?? [];
    grid.push(
      Array.from({ length: width }, (_, column) => (special.has(column) ? null : plainValue(row[column] ?? null))),
    );
  }
  return { requests, values: { range: `${quoteTab(title)}!A1:${columnLetter(width - 1)}${lastRow}`, values: grid } };
}

/** A plain cell as the values API takes it; null leaves the (freshly cleared) cell alone. */
export function plainValue(cell: Cell): CellInput {
  if (cell === '' || cell === null || typeof cell === 'object') return null;
  return cell;
}

export function percentColumn(sheetId: number, column: number): Request {
  return {
    repeatCell: {
      range: { sheetId, startRowIndex: 1, startColumnIndex: column, endColumnIndex: column + 1 },
      cell: { userEnteredFormat: { numberFormat: { type: 'PERCENT', pattern: '0.0%' } } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

/** Protects a range (a whole tab by default), marked as the function's own. */
export function protect(range: sheets_v4.Schema$GridRange, description: string): Request {
  return {
    addProtectedRange: { protectedRange: { range, description: `${OWN_MARK} ${description}`, warningOnly: false } },
  };
}

export function summaryChart(sheetId: number, rowCount: number): Request {
  const column = (index: number): sheets_v4.Schema$ChartData => ({
    sourceRange: {
      sources: [
        { sheetId, startRowIndex: 0, endRowIndex: rowCount + 1, startColumnIndex: index, endColumnIndex: index + 1 },
      ],
    },
  });
  return {
    addChart: {
      chart: {
        spec: {
          title: SUMMARY_CHART_TITLE,
          basicChart: {
            chartType: 'COLUMN',
            legendPosition: 'BOTTOM_LEGEND',
            headerCount: 1,
            axis: [
              { position: 'BOTTOM_AXIS', title: 'Đơn vị' },
              { position: 'LEFT_AXIS', title: 'Số đoàn viên' },
            ],
            domains: [{ domain: column(0) }],
            series: [
              { series: column(2), targetAxis: 'LEFT_AXIS' },
              { series: column(3), targetAxis: 'LEFT_AXIS' },
            ],
          },
        },
        position: {
          overlayPosition: { anchorCell: { sheetId, rowIndex: 1, columnIndex: SUMMARY_COLUMNS.length + 1 } },
        },
      },
    },
  };
}
