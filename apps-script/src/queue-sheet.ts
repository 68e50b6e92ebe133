// What a queue tab holds, as both the edit trigger and the poller read it: columns found by header, decisions, statuses, fingerprints.
import {
  decisionOf,
  findQueueColumns,
  normalizeLabel,
  type QueueColumns,
} from '../../functions/src/contract/queue-sheet';
import { shortHash } from './hashing';
import { FP_WIDTH, SNAP_WIDTH } from './queue-state';
import { isoWithOffset } from './time';

export function normalizeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Dates from another realm are not `instanceof Date`; the tag is reliable.
  if (Object.prototype.toString.call(value) === '[object Date]') return isoWithOffset(value as Date);
  return (
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
  ).trim();
}

/** One row of a queue tab, with the cells the script reads. */
export interface QueueRow {
  /** 1-based sheet row. */
  row: number;
  evidenceId: string;
  /** The 'Đánh giá' cell as typed. */
  label: string;
  comment: string;
  status: string;
  reviewer: string;
  /** The 'Người xác nhận' cell: the e-mail the evaluator picked ('' when none, or no such column). */
  confirmer: string;
}

/** A row from its cells, `cells[c - 1]` being column c. */
export function queueRowOf(row: number, cells: readonly unknown[], columns: QueueColumns): QueueRow {
  const at = (column: number | null): string => (column === null ? '' : normalizeCell(cells[column - 1]));
  return {
    row,
    evidenceId: at(columns.evidenceId),
    label: at(columns.decision),
    comment: at(columns.comment),
    status: at(columns.status),
    reviewer: at(columns.reviewer),
    confirmer: at(columns.confirmer).toLowerCase(),
  };
}

/**
 * Reads every row of a queue tab, fetching only the columns the script needs (the description columns may hold tens of
 * kilobytes per row): one read per run of adjacent needed columns. Returns undefined when the headers are missing.
 */
export function readQueueRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): { columns: QueueColumns; rows: QueueRow[] } | undefined {
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn < 1 || lastRow < 1) return undefined;
  const columns = findQueueColumns(sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []);
  if (!columns) return undefined;
  if (lastRow < 2) return { columns, rows: [] };
  const needed = [
    ...new Set([
      columns.evidenceId,
      columns.decision,
      columns.comment,
      columns.status,
      columns.reviewer,
      columns.confirmer,
    ]),
  ]
    .filter((c): c is number => c !== null)
    .sort((a, b) => a - b);
  const cells: unknown[][] = Array.from({ length: lastRow - 1 }, () => []);
  let start = 0;
  while (start < needed.length) {
    let end = start;
    while (end + 1 < needed.length && (needed[end + 1] ?? 0) - (needed[end] ?? 0) <= 2) end++;
    const first = needed[start] ?? 1;
    const width = (needed[end] ?? first) - first + 1;
    const values = sheet.getRange(2, first, lastRow - 1, width).getValues();
    values.forEach((valueRow, r) => {
      const target = cells[r];
      if (!target) return;
      valueRow.forEach((value, c) => {
        target[first - 1 + c] = value;
      });
    });
    start = end + 1;
  }
  return { columns, rows: cells.map((rowCells, r) => queueRowOf(r + 2, rowCells, columns)) };
}

/** The evaluator the function recorded for the row's decision: the e-mail its 'Người đánh giá' cell starts with. */
function recordedEvaluator(row: Pick<QueueRow, 'reviewer'>): string {
  const first = row.reviewer.split('·')[0]?.trim().toLowerCase() ?? '';
  return first.includes('@') ? first : '';
}

/**
 * What the script compares to know whether a row's decision changed: the decision (or the unknown label), the comment,
 * and who is named as deciding it — unless that is the evaluator the function recorded (it writes the name back with
 * the decision: that is no change by the evaluator, and rows remembered before the column existed stay as they were).
 */
export function decisionFingerprint(row: Pick<QueueRow, 'label' | 'comment' | 'confirmer' | 'reviewer'>): string {
  const decision = decisionOf(row.label) ?? `?${normalizeLabel(row.label)}`;
  const named = row.confirmer === '' || row.confirmer === recordedEvaluator(row) ? '' : `\u001f${row.confirmer}`;
  return shortHash(`${decision}\u001f${row.comment}${named}`, FP_WIDTH);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The evaluator a row names in 'Người xác nhận' (lower case), or undefined when it names none. */
export function namedEvaluator(row: Pick<QueueRow, 'confirmer'>): string | undefined {
  return EMAIL.test(row.confirmer) ? row.confirmer : undefined;
}

/** The cells only the function writes (status and reviewer): when they change, the function rewrote the row. */
export function functionCellsFingerprint(row: Pick<QueueRow, 'status' | 'reviewer'>): string {
  return shortHash(`${normalizeLabel(row.status)}\u001f${normalizeLabel(row.reviewer)}`, SNAP_WIDTH);
}
