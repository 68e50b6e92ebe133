// The "Hành trình" menu of the master spreadsheet and what its items do.
import { callJourneyOk } from './client';
import { drainQueue, type DrainReport } from './delivery';
import { listItems, loadBody, queueCounts, requeueDead, MAX_ATTEMPTS } from './retry-queue';
import { requestForSource } from './responses';
import { readSettings } from './settings';
import { refreshSheetsMap } from './sheets-map';
import { displayDateTime } from './time';
import { alert, toast } from './ui';

export const MENU_TITLE = 'Hành trình';

/** Caption and global function of each menu item; null is a separator. */
export const MENU_ITEMS: ReadonlyArray<readonly [string, string] | null> = [
  ['Đồng bộ lại bảng tính', 'resyncSheets'],
  ['Gửi lại các mục đang chờ', 'sendPendingNow'],
  ['Xem hàng đợi gửi lại', 'showRetryQueue'],
  ['Đưa các mục gửi thất bại vào hàng đợi lại', 'requeueFailed'],
  ['Kiểm tra các hàng chờ đánh giá ngay', 'collectQueueDecisions'],
  ['Đối soát phản hồi biểu mẫu', 'reconcileResponses'],
  ['Thời gian chạy hôm nay', 'showTriggerUsage'],
  ['Tình trạng công việc', 'showStatus'],
  null,
  ['Thiết lập / cập nhật biểu mẫu', 'setup'],
  ['Chuyển sang năm mới', 'startNewYear'],
  ['Nhập khóa bí mật (tài khoản cài đặt trình kích hoạt)', 'enterSigningSecret'],
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function resync(): void {
  const settings = readSettings();
  toast(`Đang yêu cầu đồng bộ lại các bảng tính năm ${String(settings.year)}…`, 30);
  // The function schedules one rebuild per spreadsheet at Google's pace and answers at once (a re-sync of 100 queues
  // takes a few minutes); its progress shows on the first row of Tổng hợp.
  callJourneyOk(settings, 'POST', `/v1/years/${String(settings.year)}/sync`, 'đồng bộ lại bảng tính');
  refreshSheetsMap(settings);
  toast(`Đã lên lịch đồng bộ lại các bảng tính năm ${String(settings.year)}; tiến độ hiện ở dòng đầu tab Tổng hợp.`);
}

export function drainSummary(report: DrainReport): string {
  if (report.busy) return 'Đang có một lượt gửi lại khác chạy. Vui lòng thử lại sau ít phút.';
  return (
    `Đã gửi: ${String(report.sent)}. Bị từ chối (đã lưu kèm lý do): ${String(report.refused)}. ` +
    `Chưa gửi được, sẽ tự thử lại: ${String(report.failed + report.left)}. Chuyển vào danh sách gửi thất bại: ${String(report.dead)}.`
  );
}

export function sendPendingNow(): DrainReport {
  const total = queueCounts(Date.now()).pending;
  if (total === 0) {
    toast('Không có mục nào đang chờ gửi lại.');
    return { busy: false, sent: 0, refused: 0, failed: 0, dead: 0, left: 0, stoppedForTime: false };
  }
  toast(`Đang gửi lại ${String(total)} mục…`, 30);
  const report = drainQueue({
    force: true,
    onProgress: (done, count) => {
      if (done < count && done % 5 === 0) toast(`Đã xử lý ${String(done)}/${String(count)} mục…`, 30);
    },
  });
  toast(drainSummary(report), 10);
  return report;
}

/**
 * Who sent a queued submission, for the committee reading the list: the e-mail in its body (a form's response is read
 * again from the form, where it stays). Items are labelled by response id only, since their labels are also logged.
 */
function senderOf(body: string | undefined): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    const email = typeof parsed === 'object' && parsed !== null ? (parsed as { email?: unknown }).email : undefined;
    return typeof email === 'string' && email !== '' ? email : undefined;
  } catch {
    return undefined;
  }
}

export function retryQueueText(nowMs: number): string {
  const counts = queueCounts(nowMs);
  const lines = [
    `Đang chờ gửi lại: ${String(counts.pending)} mục (đến hạn gửi: ${String(counts.due)}).`,
    `Gửi thất bại sau ${String(MAX_ATTEMPTS)} lần thử: ${String(counts.dead)} mục.`,
  ];
  if (counts.oldestQueuedAt !== null)
    lines.push(`Mục chờ lâu nhất từ: ${displayDateTime(new Date(counts.oldestQueuedAt))}.`);
  const show = (title: string, kind: 'retry' | 'dead'): void => {
    const items = listItems(kind);
    if (items.length === 0) return;
    lines.push('', title);
    for (const item of items.slice(0, 10)) {
      const when = kind === 'retry' ? `, lần tới lúc ${displayDateTime(new Date(item.nextAttemptAt))}` : '';
      const who = senderOf(item.source ? requestForSource(item.source)?.body : loadBody(kind, item));
      lines.push(
        `• ${item.label}${who ? ` — ${who}` : ''} — đã thử ${String(item.attempts)} lần${when}. Lỗi gần nhất: ${item.lastError}`,
      );
    }
    if (items.length > 10) lines.push(`… và ${String(items.length - 10)} mục khác.`);
  };
  show('Các mục đang chờ:', 'retry');
  show('Các mục gửi thất bại:', 'dead');
  return lines.join('\n');
}

export function showRetryQueue(): void {
  alert('Hàng đợi gửi lại', retryQueueText(Date.now()));
}

export function requeueFailed(): number {
  const moved = requeueDead(Date.now());
  toast(
    moved === 0
      ? 'Không có mục gửi thất bại nào.'
      : `Đã đưa ${String(moved)} mục gửi thất bại vào hàng đợi; hệ thống sẽ gửi lại trong ít phút.`,
  );
  return moved;
}
