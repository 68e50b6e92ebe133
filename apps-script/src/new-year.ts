// Menu "Chuyển sang năm mới": next year's plan rolled over from this year's, this year's forms closed and its sheets kept readable, then setup() for the new year.
import { guardJob, jobDone, markPending, settleContinuation } from './continuation';
import { callJourney, describeAnswer } from './client';
import { JourneyError } from './errors';
import { executionDeadline, outOfTime } from './execution';
import { formIdsOfYear } from './forms/registry';
import { PROGRAMME } from './forms/texts';
import { acquireLease, releaseLease } from './lock';
import { readSettings, SETTING_KEYS, type Settings } from './settings';
import { fetchSheetsMap, registerSheets } from './sheets-map';
import { runSetup, setupSummary, type SetupReport } from './setup';
import { props, readJson, writeJson } from './store';
import { log } from './log';

export interface NewYearReport {
  from: number;
  to: number;
  /** False when the new year had a plan already (sent by hand, or an earlier run of this menu item). */
  planCreated: boolean;
  /** Members of the year ending who were not admitted to the Party, as the function counted them. */
  continuing: number | null;
  closedForms: number;
  /** The spreadsheet that now shows the year ending (the bound spreadsheet shows the new year); null when none was needed. */
  archiveUrl: string | null;
  /** The new year's setup as this execution left it; null when it had no time left to start it (it continues). */
  setup: SetupReport | null;
  /** The rollover itself is not finished (it continues by itself a minute later). */
  unfinished: boolean;
}

const ARCHIVE_PREFIX = 'journey.archive.';
const LEASE = 'new-year';
/** Where a rollover stands, saved after each step (a continuation resumes from it). */
const STATE_KEY = 'journey.newYear';

type Step = 'rollover' | 'archive' | 'close' | 'switch' | 'setup';
const STEPS: readonly Step[] = ['rollover', 'archive', 'close', 'switch', 'setup'];

interface RolloverState {
  from: number;
  to: number;
  /** The next step to do. */
  step: Step;
  planCreated: boolean;
  continuing: number | null;
  closedForms: number;
  archiveUrl: string | null;
}

/** Asks the person to confirm: the whole system moves to the next year. */
export function confirmNewYear(from: number): boolean {
  let ui: GoogleAppsScript.Base.Ui;
  try {
    ui = SpreadsheetApp.getUi();
  } catch {
    // Run from the editor: whoever runs it there means it.
    return true;
  }
  const answer = ui.alert(
    'Chuyển sang năm mới',
    `Tạo kế hoạch năm ${String(from + 1)} từ kế hoạch năm ${String(from)}, đóng các biểu mẫu năm ${String(from)} và thiết lập biểu mẫu, bảng tính năm ${String(from + 1)}?\n` +
      `Bảng tính năm ${String(from)} vẫn được giữ để xem. Nên làm sau khi đã hết hạn đánh giá năm ${String(from)}.`,
    ui.ButtonSet.YES_NO,
  );
  return answer === ui.Button.YES;
}

/** POST /rollover: true when it made the plan; a year that already has one (409) is kept as it is. */
function rollover(settings: Settings, from: number, to: number): { created: boolean; continuing: number | null } {
  const body = JSON.stringify({ editId: `apps-script-rollover-${String(from)}-${String(to)}`, fromYear: from });
  let answer;
  try {
    answer = callJourney(settings, 'POST', `/v1/years/${String(to)}/rollover`, body);
  } catch (error) {
    throw new JourneyError(
      'network',
      `Không kết nối được với hàm Journey khi tạo kế hoạch năm ${String(to)} (${String(error)}). Chưa có gì thay đổi; vui lòng thử lại sau.`,
    );
  }
  if (answer.status === 409) return { created: false, continuing: null };
  if (answer.status < 200 || answer.status >= 300) {
    throw new JourneyError(
      'http_' + String(answer.status),
      `Hàm Journey chưa tạo được kế hoạch năm ${String(to)} (${describeAnswer(answer)}). Chưa có gì thay đổi.`,
    );
  }
  const result = answer.json as { status?: unknown; continuing?: unknown };
  return {
    created: result.status === 'accepted',
    continuing: Array.isArray(result.continuing) ? result.continuing.length : null,
  };
}

/**
 * The bound spreadsheet is every year's master in turn, so the year ending gets a spreadsheet of its own first: created
 * once (its id remembered), shared like the master, and registered with the function as that year's master — the
 * function then rebuilds the year's tabs there from Firestore, and keeps them up to date (a late party admission).
 */
function archiveMaster(settings: Settings, from: number): string | null {
  if (!settings.createSpreadsheets) return null;
  const known = fetchSheetsMap(settings);
  const bound = SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  const remembered = readJson(ARCHIVE_PREFIX + String(from));
  if (typeof remembered === 'string' && known.master?.spreadsheetId === remembered) return known.master.url;
  if (!bound || known.master?.spreadsheetId !== bound.getId()) return known.master?.url ?? null;
  let archive: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  if (typeof remembered === 'string') {
    try {
      archive = SpreadsheetApp.openById(remembered);
    } catch {
      archive = null;
    }
  }
  if (!archive) {
    archive = SpreadsheetApp.create(`${PROGRAMME} năm ${String(from)} — Bảng tổng hợp (lưu trữ)`);
    writeJson(ARCHIVE_PREFIX + String(from), archive.getId());
  }
  for (const editor of [
    ...bound.getEditors().map((u) => u.getEmail()),
    ...(settings.serviceAccount === null ? [] : [settings.serviceAccount]),
  ]) {
    if (editor !== Session.getEffectiveUser().getEmail()) archive.addEditor(editor);
  }
  registerSheets(
    { ...settings, year: from },
    { master: { spreadsheetId: archive.getId(), url: archive.getUrl() }, queues: known.queues },
  );
  return archive.getUrl();
}

/** The year's forms stop taking answers, with a message pointing to the new year's: no answer waits for a trigger that is gone. */
function closeForms(from: number, to: number): number {
  let closed = 0;
  for (const formId of Object.values(formIdsOfYear(from))) {
    try {
      const form = FormApp.openById(formId);
      if (!form.isAcceptingResponses()) continue;
      form
        .setAcceptingResponses(false)
        .setCustomClosedFormMessage(
          `${PROGRAMME} năm ${String(from)} đã kết thúc nên biểu mẫu này không nhận thêm câu trả lời. ` +
            `Vui lòng dùng biểu mẫu năm ${String(to)} do Ban Thường vụ Đoàn Khối gửi. Các câu trả lời đã gửi vẫn được lưu.`,
        );
      closed++;
    } catch (error) {
      log.warn(`Không đóng được biểu mẫu ${formId} của năm ${String(from)} (${String(error)}).`);
    }
  }
  return closed;
}

function readState(): RolloverState | null {
  const value = readJson(STATE_KEY) as Partial<RolloverState> | undefined;
  if (!value || typeof value.from !== 'number' || typeof value.to !== 'number' || !STEPS.includes(value.step as Step))
    return null;
  return {
    from: value.from,
    to: value.to,
    step: value.step as Step,
    planCreated: value.planCreated === true,
    continuing: typeof value.continuing === 'number' ? value.continuing : null,
    closedForms: typeof value.closedForms === 'number' ? value.closedForms : 0,
    archiveUrl: typeof value.archiveUrl === 'string' ? value.archiveUrl : null,
  };
}

const STEP_TEXT: Record<Step, string> = {
  rollover: 'tạo kế hoạch năm mới',
  archive: 'lưu bảng tổng hợp năm cũ',
  close: 'đóng biểu mẫu năm cũ',
  switch: 'chuyển JOURNEY_YEAR',
  setup: 'thiết lập năm mới',
};

/**
 * Rolls the script over to the next year, one step per unit of work, the state saved after each (`journey.newYear`),
 * so a rollover that does not fit in one execution continues a minute later from the step it reached (continuation.ts).
 * Every step can run again: the rollover is idempotent (its edit id is fixed by the two years), the archive is
 * remembered, closed forms stay closed. JOURNEY_YEAR moves only once they are done; the new year's setup() then builds
 * its forms and spreadsheets and reconciles the triggers, which removes those of the year ending (its forms, its queue
 * spreadsheets): its spreadsheets stay readable, nothing sends from them any more.
 */
export function runNewYear(): NewYearReport {
  const settings = readSettings();
  const state: RolloverState = readState() ?? {
    from: settings.year,
    to: settings.year + 1,
    step: 'rollover',
    planCreated: false,
    continuing: null,
    closedForms: 0,
    archiveUrl: null,
  };
  if (!acquireLease(LEASE))
    throw new JourneyError('busy', 'Đang có một lượt chuyển năm khác chạy. Vui lòng chờ ít phút rồi thử lại.');
  const save = (): void => {
    writeJson(STATE_KEY, state);
  };
  const report = (setup: SetupReport | null, unfinished: boolean): NewYearReport => ({
    from: state.from,
    to: state.to,
    planCreated: state.planCreated,
    continuing: state.continuing,
    closedForms: state.closedForms,
    archiveUrl: state.archiveUrl,
    setup,
    unfinished,
  });
  try {
    if (state.step !== 'setup') guardJob('newYear', `bước "${STEP_TEXT[state.step]}"`, executionDeadline());
    const from = { ...settings, year: state.from };
    while (state.step !== 'setup') {
      if (outOfTime()) {
        save();
        markPending('newYear', `bước "${STEP_TEXT[state.step]}"`);
        settleContinuation();
        return report(null, true);
      }
      switch (state.step) {
        case 'rollover': {
          const plan = rollover(from, state.from, state.to);
          state.planCreated = plan.created;
          state.continuing = plan.continuing;
          state.step = 'archive';
          break;
        }
        case 'archive':
          state.archiveUrl = archiveMaster(from, state.from);
          state.step = 'close';
          break;
        case 'close':
          state.closedForms = closeForms(state.from, state.to);
          state.step = 'switch';
          break;
        case 'switch':
          props().setProperty(SETTING_KEYS.year, String(state.to));
          state.step = 'setup';
          break;
      }
      save();
    }
  } catch (error) {
    // Nothing is lost: the state says which step failed; the next run starts there.
    if (state.step === 'rollover') props().deleteProperty(STATE_KEY);
    jobDone('newYear');
    settleContinuation();
    throw error;
  } finally {
    releaseLease(LEASE);
  }
  // The rollover itself is done; the new year's setup is a job of its own from here.
  props().deleteProperty(STATE_KEY);
  jobDone('newYear');
  if (outOfTime()) {
    markPending('setup', `năm ${String(state.to)}: chưa bắt đầu`);
    settleContinuation();
    return report(null, false);
  }
  return report(runSetup(), false);
}

/** What the committee reads afterwards, in Vietnamese. */
export function newYearSummary(report: NewYearReport): string {
  const lines = [
    report.planCreated
      ? `Đã tạo kế hoạch năm ${String(report.to)} từ kế hoạch năm ${String(report.from)} (lịch dời sang năm mới, danh sách đề cử của các cơ sở Đoàn để trống).`
      : `Kế hoạch năm ${String(report.to)} đã có sẵn nên được giữ nguyên.`,
  ];
  if (report.continuing !== null)
    lines.push(
      `• ${String(report.continuing)} đoàn viên năm ${String(report.from)} chưa được kết nạp Đảng có thể tiếp tục hành trình.`,
    );
  lines.push(
    `• Đã đóng ${String(report.closedForms)} biểu mẫu năm ${String(report.from)} (các câu trả lời đã gửi vẫn được lưu).`,
  );
  if (report.archiveUrl) lines.push(`• Bảng tổng hợp năm ${String(report.from)} được lưu tại: ${report.archiveUrl}`);
  if (report.unfinished) {
    lines.push(
      '• Việc chuyển năm chưa xong vì mỗi lượt chạy của Apps Script chỉ được tối đa 6 phút; phần còn lại sẽ tự chạy tiếp sau khoảng 1 phút (xem "Tình trạng công việc").',
    );
    return lines.join('\n');
  }
  lines.push(
    `• Các hàng chờ đánh giá năm ${String(report.from)} vẫn mở để xem nhưng không còn gửi đánh giá về hệ thống.`,
    '',
  );
  lines.push(
    report.setup
      ? setupSummary(report.setup)
      : `Thiết lập năm ${String(report.to)} sẽ tự chạy sau khoảng 1 phút (xem "Tình trạng công việc").`,
  );
  return lines.join('\n');
}
