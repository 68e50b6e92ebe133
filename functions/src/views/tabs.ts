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
export function ensureTabs(info: SpreadsheetInfo, titles: readonly string[]): { requests: Request[]; tabs: Map<string, number> } {
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

/** Removes what a previous sync added to a tab (protections, charts, conditional formats) and clears it. */
export function resetTab(sheetId: number, info: SpreadsheetInfo['tabs'][number] | undefined, gridRows: number, width: number): Request[] {
  const requests: Request[] = [gridSize(sheetId, gridRows, width), clearTab(sheetId)];
  for (const id of info?.protectedRangeIds ?? []) requests.push({ deleteProtectedRange: { protectedRangeId: id } });
  for (const id of info?.chartIds ?? []) requests.push({ deleteEmbeddedObject: { objectId: id } });
  for (let i = 0; i < (info?.conditionalFormatCount ?? 0); i += 1) requests.push({ deleteConditionalFormatRule: { sheetId, index: 0 } });
  return requests;
}

/**
 * A whole tab rewritten in two parts, so a full sync stays within two write requests whatever its
 * size: structure, and the columns holding formulas, dropdowns or boxes, go into the batchUpdate;
 * every plain value goes into one compact values write (RAW: text is never parsed).
 */
export function rewriteTab(
  title: string,
  sheetId: number,
  info: SpreadsheetInfo['tabs'][number] | undefined,
  header: readonly string[],
  rows: Map<number, Row> | Row[],
  gridRows: number,
): { requests: Request[]; values: ValueRangeWrite } {
  const width = header.length;
  const requests = resetTab(sheetId, info, gridRows, width);
  requests.push(boldHeader(sheetId));
  const byRow = Array.isArray(rows) ? new Map(rows.map((r, i) => [i + 2, r] as const)) : rows;
  const lastRow = Math.max(1, ...byRow.keys());
  const special = new Set<number>();
  for (const row of byRow.values()) row.forEach((cell, column) => {
    if (cell !== null && typeof cell === 'object') special.add(column);
  });
  for (const column of special) {
    const cells = Array.from({ length: lastRow - 1 }, (_, i) => [byRow.get(i + 2)?.[column] ?? null]);
    requests.push(updateRows(sheetId, 1, cells, 1, column));
  }
  const grid: CellInput[][] = [[...header]];
  for (let n = 2; n <= lastRow; n += 1) {
    const row = byRow.get(n) ?? [];
    grid.push(Array.from({ length: width }, (_, column) => (special.has(column) ? null : plainValue(row[column] ?? null))));
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

export function protect(sheetId: number, description: string): Request {
  return { addProtectedRange: { protectedRange: { range: { sheetId }, description, warningOnly: false } } };
}

export function summaryChart(sheetId: number, rowCount: number): Request {
  const column = (index: number): sheets_v4.Schema$ChartData => ({
    sourceRange: { sources: [{ sheetId, startRowIndex: 0, endRowIndex: rowCount + 1, startColumnIndex: index, endColumnIndex: index + 1 }] },
  });
  return {
    addChart: {
      chart: {
        spec: {
          title: 'Đoàn viên hoàn thành hành trình theo đơn vị',
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
        position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 1, columnIndex: SUMMARY_COLUMNS.length + 1 } } },
      },
    },
  };
}
