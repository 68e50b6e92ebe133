// The "Yêu cầu dữ liệu" tab of the master spreadsheet: members' data requests (corrections, withdrawals of consent)
// with the day each arrived, the deadline the law sets and the committee's answer. A handful a year, so the tab is
// rewritten whole, inside the master's next flush (one write request with whatever else that flush carries), and at
// every full sync.
import type { sheets_v4 } from '@googleapis/sheets';
import { DATA_REQUEST_KIND_LABELS, DATA_REQUEST_STATUS_LABELS, daysLeft, isOpen } from '../domain/data-requests';
import { displayDate, displayInstant, localDate } from '../domain/dates';
import type { DataRequestDoc } from '../model';
import type { Store } from '../ports';
import type { Row } from './cells';
import { fitCell } from './cells';
import { boldRow, updateRows } from './requests';
import { gridRowsFor } from './state';
import { resetTab, type TabState } from './tabs';

export const DATA_REQUESTS_TAB = 'Yêu cầu dữ liệu';

export const DATA_REQUESTS_COLUMNS = [
  'Mã yêu cầu',
  'Loại yêu cầu',
  'Mã đoàn viên',
  'Họ và tên',
  'Nội dung',
  'Ngày nhận',
  'Hạn trả lời',
  'Còn lại (ngày)',
  'Trạng thái',
  'Trả lời',
  'Ngày trả lời',
] as const;

/** Rows shown; older answered requests beyond it are counted (the CLI and the store keep them all). */
export const DATA_REQUESTS_TAB_ROWS = 1_000;

export interface DataRequestsFacts {
  requests: readonly DataRequestDoc[];
  /** The member's name by member id (the committee acts on the request, so the master names them). */
  names: ReadonlyMap<string, string>;
  at: Date;
}

/** Reads the year's requests and the name on each requester's journey: one query and one read per requester. */
export async function readDataRequests(store: Store, year: number, at: Date): Promise<DataRequestsFacts> {
  const requests = await store.listDataRequests(year);
  const members = [...new Set(requests.map((r) => r.memberId))];
  const journeys = await Promise.all(members.map((m) => store.getJourney(year, m)));
  const names = new Map(journeys.flatMap((j) => (j ? [[j.memberId, j.fullName] as const] : [])));
  return { requests, names, at };
}

/** Open requests first, the nearest deadline on top; then the answered ones, the latest first. */
function ordered(requests: readonly DataRequestDoc[]): DataRequestDoc[] {
  return [...requests].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    if (open !== 0) return open;
    if (isOpen(a.status)) return a.deadline.localeCompare(b.deadline) || a.receivedAt.localeCompare(b.receivedAt);
    return b.receivedAt.localeCompare(a.receivedAt) || a.requestId.localeCompare(b.requestId);
  });
}

/** The tab's rows below its header, then a line saying when it was written (the days left count from that day). */
export function dataRequestRows(facts: DataRequestsFacts): Row[] {
  const today = localDate(facts.at);
  const all = ordered(facts.requests);
  const rows: Row[] = all
    .slice(0, DATA_REQUESTS_TAB_ROWS)
    .map((r) => [
      r.requestId,
      DATA_REQUEST_KIND_LABELS[r.kind],
      r.memberId,
      facts.names.get(r.memberId) ?? '',
      fitCell(r.text),
      displayDate(localDate(new Date(r.receivedAt))),
      displayDate(r.deadline),
      isOpen(r.status) ? daysLeft(r.deadline, today) : '',
      DATA_REQUEST_STATUS_LABELS[r.status],
      fitCell(r.answer ?? ''),
      r.answeredAt ? displayDate(localDate(new Date(r.answeredAt))) : '',
    ]);
  if (all.length === 0) rows.push(['Chưa có yêu cầu nào.']);
  if (all.length > DATA_REQUESTS_TAB_ROWS)
    rows.push([`Còn ${String(all.length - DATA_REQUESTS_TAB_ROWS)} yêu cầu đã trả lời cũ hơn không hiện ở đây.`]);
  rows.push([]);
  rows.push([
    `Cập nhật lúc ${displayInstant(facts.at)}: số ngày còn lại tính đến ngày này (số âm là đã quá hạn). Trả lời bằng lệnh "npm run journey -- data-request answer"; bảng do hệ thống ghi, mọi sửa đổi sẽ bị ghi đè.`,
  ]);
  return rows;
}

/** The whole tab as batchUpdate requests, carried by the flush or sync that writes the master. */
export function dataRequestsTabRequests(
  sheetId: number,
  info: TabState | undefined,
  facts: DataRequestsFacts,
): sheets_v4.Schema$Request[] {
  const rows = dataRequestRows(facts);
  const width = DATA_REQUESTS_COLUMNS.length;
  return [
    ...resetTab(sheetId, info, gridRowsFor(rows.length + 1), width),
    boldRow(sheetId, 0),
    updateRows(sheetId, 0, [[...DATA_REQUESTS_COLUMNS], ...rows], width),
  ];
}
