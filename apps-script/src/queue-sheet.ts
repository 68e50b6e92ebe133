// What a queue tab holds, as both the edit trigger and the poller read it: columns found by header, decisions, statuses, fingerprints.
import { shortHash } from './hashing';
import { FP_WIDTH, SNAP_WIDTH } from './queue-state';
import { isoWithOffset } from './time';

/** Headers of the queue tab the script reads (functions/src/views/layout.ts writes them). */
export const HEADERS = {
  evidenceId: 'Mã minh chứng',
  status: 'Trạng thái',
  decision: 'Đánh giá',
  comment: 'Nhận xét',
  reviewer: 'Người đánh giá',
} as const;

export type Decision = 'approved' | 'rejected' | 'needs_info';

const DECISION_LABELS: ReadonlyArray<[string, Decision]> = [
  ['đạt', 'approved'],
  ['không đạt', 'rejected'],
  ['cần bổ sung', 'needs_info'],
];

export function normalize(value: unknown): string {
  return (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function decisionOf(label: unknown): Decision | undefined {
  const value = normalize(label);
  return DECISION_LABELS.find(([text]) => text === value)?.[1];
}

/**
 * The decision the function last recorded, as its 'Trạng thái' cell says it: 'Đã xử lý: Đạt', 'Đã xử lý: Không đạt',
 * 'Cần bổ sung: chờ đoàn viên'; null for 'Chờ đánh giá' and anything else.
 */
export function statusDecision(status: unknown): Decision | null {
  const value = normalize(status);
  const processed = /^đã xử lý\s*:\s*(.+)$/.exec(value);
  if (processed?.[1] !== undefined) return decisionOf(processed[1]) ?? null;
  if (value.startsWith('cần bổ sung')) return 'needs_info';
  return null;
}

export interface QueueColumns {
  evidenceId: number;
  decision: number;
  comment: number | null;
  status: number | null;
  reviewer: number | null;
}

/** 1-based column of each header we need, found by its text in row 1 (columns may be moved or added). */
export function findColumns(headerRow: readonly unknown[]): QueueColumns | undefined {
  const index = (title: string): number => headerRow.findIndex((cell) => normalize(cell) === normalize(title)) + 1;
  const optional = (title: string): number | null => {
    const column = index(title);
    return column === 0 ? null : column;
  };
  const evidenceId = index(HEADERS.evidenceId);
  const decision = index(HEADERS.decision);
  if (evidenceId === 0 || decision === 0) return undefined;
  return { evidenceId, decision, comment: optional(HEADERS.comment), status: optional(HEADERS.status), reviewer: optional(HEADERS.reviewer) };
}

export function normalizeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Dates from another realm are not `instanceof Date`; the tag is reliable.
  if (Object.prototype.toString.call(value) === '[object Date]') return isoWithOffset(value as Date);
  return (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '').trim();
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
  };
}

/**
 * Reads every row of a queue tab, fetching only the columns the script needs (the description columns may hold tens of
 * kilobytes per row): one read per run of adjacent needed columns. Returns undefined when the headers are missing.
 */
export function readQueueRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): { columns: QueueColumns; rows: QueueRow[] } | undefined {
  const lastColumn = sheet.getLastColumn();
  const lastRow = sheet.getLastRow();
  if (lastColumn < 1 || lastRow < 1) return undefined;
  const columns = findColumns(sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []);
  if (!columns) return undefined;
  if (lastRow < 2) return { columns, rows: [] };
  const needed = [...new Set([columns.evidenceId, columns.decision, columns.comment, columns.status, columns.reviewer])]
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

/** What the script compares to know whether a row's decision or comment changed: the decision (or the unknown label) and the comment. */
export function decisionFingerprint(row: Pick<QueueRow, 'label' | 'comment'>): string {
  const decision = decisionOf(row.label) ?? `?${normalize(row.label)}`;
  return shortHash(`${decision}\u001f${row.comment}`, FP_WIDTH);
}

/** The cells only the function writes (status and reviewer): when they change, the function rewrote the row. */
export function functionCellsFingerprint(row: Pick<QueueRow, 'status' | 'reviewer'>): string {
  return shortHash(`${normalize(row.status)}\u001f${normalize(row.reviewer)}`, SNAP_WIDTH);
}
