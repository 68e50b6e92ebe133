// setup(): reads the year's plan, builds or updates the forms, creates and registers the spreadsheets, installs the triggers.
import { callJourney, describeAnswer } from './client';
import { JourneyError, messageOf } from './errors';
import { ensureForms, type FormInfo } from './forms/ensure';
import { acquireLease, releaseLease } from './lock';
import { fetchYearPlan } from './plan';
import { readSettings } from './settings';
import { cacheSheetsMap, fetchSheetsMap, refreshSheetsMap, registerSheets, type SheetsMap } from './sheets-map';
import { ensureSpreadsheets, type SharingReport } from './spreadsheets';
import { yearQueues } from './queues';
import { startReconciling } from './reconcile';
import { queueDeliveryLines, reconcileTriggers, type TriggerReport } from './triggers';

export interface SetupReport {
  year: number;
  registration: FormInfo;
  evidence: FormInfo;
  sheets: SheetsMap;
  spreadsheetsCreated: number;
  sharing: SharingReport | null;
  triggers: TriggerReport;
  /** Result of asking the function to fill new spreadsheets (null when nothing new was created). */
  sync: string | null;
}

/** Apps Script stops a run after 6 minutes; new spreadsheets are not started after this. */
const SPREADSHEET_BUDGET_MS = 4 * 60 * 1000;

export function runSetup(): SetupReport {
  const settings = readSettings();
  if (!acquireLease('setup', 10 * 60 * 1000)) {
    throw new JourneyError('busy', 'Đang có một lượt thiết lập khác chạy. Vui lòng chờ ít phút rồi thử lại.');
  }
  try {
    const started = Date.now();
    const plan = fetchYearPlan(settings);
    const forms = ensureForms(plan);
    startReconciling(Date.now());
    const known = fetchSheetsMap(settings);
    let sheets = known;
    let created = 0;
    let sharing: SharingReport | null = null;
    if (settings.createSpreadsheets) {
      const result = ensureSpreadsheets(plan, settings, known, started + SPREADSHEET_BUDGET_MS);
      created = result.created;
      sharing = result.sharing;
      registerSheets(settings, result.map);
      sheets = refreshSheetsMap(settings);
    } else {
      cacheSheetsMap(settings.year, known);
    }
    const triggers = reconcileTriggers(settings.year, undefined, Object.fromEntries(yearQueues(plan).map((q) => [q.id, q.label])));
    let sync: string | null = null;
    if (created > 0) {
      try {
        const answer = callJourney(settings, 'POST', `/v1/years/${String(settings.year)}/sync`);
        sync = answer.status >= 200 && answer.status < 300 ? 'Đã yêu cầu hàm Journey điền dữ liệu vào các bảng tính mới.' : `Chưa đồng bộ được bảng tính (${describeAnswer(answer)}); vui lòng chọn "Đồng bộ lại bảng tính" sau.`;
      } catch (error) {
        sync = `Chưa đồng bộ được bảng tính (${messageOf(error)}); vui lòng chọn "Đồng bộ lại bảng tính" sau.`;
      }
    }
    return { year: settings.year, ...forms, sheets, spreadsheetsCreated: created, sharing, triggers, sync };
  } finally {
    releaseLease('setup');
  }
}

function formLine(name: string, info: FormInfo): string {
  const state = info.created ? 'tạo mới' : 'đã cập nhật';
  return `• ${name} (${state}): ${info.publishedUrl}\n  Chỉnh sửa: ${info.editUrl}`;
}

/** What the committee reads after setup, in Vietnamese. */
export function setupSummary(report: SetupReport): string {
  const lines = [
    `Đã thiết lập xong năm ${String(report.year)}.`,
    formLine('Biểu mẫu đăng ký', report.registration),
    formLine('Biểu mẫu báo cáo minh chứng', report.evidence),
    `• Bảng tính: ${report.sheets.master ? '1 bảng tổng hợp, ' : ''}${String(Object.keys(report.sheets.queues).length)} hàng chờ đánh giá` +
      (report.spreadsheetsCreated > 0 ? ` (tạo mới ${String(report.spreadsheetsCreated)} bảng tính).` : '.'),
    `• Trình kích hoạt: tạo mới ${String(report.triggers.created.length)}, giữ nguyên ${String(report.triggers.kept.length)}, xóa ${String(report.triggers.deleted)}.`,
  ];
  if (report.sharing && report.sharing.added > 0) lines.push(`• Đã chia sẻ quyền chỉnh sửa cho ${String(report.sharing.added)} lượt người.`);
  if (report.sharing && report.sharing.failed.length > 0) {
    lines.push(`⚠ Chưa chia sẻ được cho: ${report.sharing.failed.join('; ')}. Vui lòng kiểm tra lại địa chỉ email.`);
  }
  lines.push(...queueDeliveryLines(report.triggers));
  if (report.triggers.skipped.length > 0) {
    lines.push(
      `⚠ Apps Script chỉ cho phép 20 trình kích hoạt cho mỗi tập lệnh và các trình kích hoạt khác của tài khoản đã dùng hết; ` +
        `chưa tạo được: ${report.triggers.skipped.join('; ')}. Vui lòng xóa bớt trình kích hoạt không dùng rồi chạy lại.`,
    );
  }
  if (report.sync) lines.push(`• ${report.sync}`);
  return lines.join('\n');
}
