// setup(): reads the year's plan, builds or updates the forms, creates and registers the spreadsheets, installs the triggers.
//
// At 200 queues this is more than one execution can do (each spreadsheet is opened or created, its tab checked, its
// evaluators added: seconds each). So setup is a round of units — each form, the master, each queue spreadsheet, the
// registration with the function, the triggers, the sync request — with a cursor saved after each unit
// (`journey.setup.{year}`). The execution's budget is asked before each unit; what is left continues a minute later
// (continuation.ts) from the cursor, so nothing is done twice and nothing is skipped. A new round starts when the plan's
// queues or evaluators change, or once a round has finished.
import { guardJob, jobDone, markPending, settleContinuation } from './continuation';
import { callJourney, describeAnswer } from './client';
import { JourneyError, messageOf } from './errors';
import { executionDeadline, outOfTime } from './execution';
import { ensureForms, type FormInfo } from './forms/ensure';
import type { FormKind } from './forms/registry';
import { shortHash } from './hashing';
import { acquireLease, releaseLease } from './lock';
import { fetchYearPlan, type YearPlan } from './plan';
import { readSettings, type Settings } from './settings';
import { cacheSheetsMap, fetchSheetsMap, refreshSheetsMap, registerSheets, type SheetsMap } from './sheets-map';
import { ensureMaster, ensureQueueSpreadsheet, remembered, rememberedMap, type SharingReport } from './spreadsheets';
import { yearQueues } from './queues';
import { startReconciling } from './reconcile';
import { readJson, props, writeJson } from './store';
import { queueDeliveryLines, reconcileTriggers, type TriggerReport } from './triggers';

export interface SetupReport {
  year: number;
  /** The forms as this execution left them; null when an earlier execution of the round did them. */
  registration: FormInfo | null;
  evidence: FormInfo | null;
  sheets: SheetsMap | null;
  /** Spreadsheets created in the whole round. */
  spreadsheetsCreated: number;
  sharing: SharingReport | null;
  triggers: TriggerReport | null;
  /** Result of asking the function to fill new spreadsheets (null when nothing new was created). */
  sync: string | null;
  /** Set when the round is not finished: how far it is, and whether it goes on by itself. */
  incomplete: { queuesDone: number; queues: number; continues: boolean } | null;
}

/** Where a setup round stands (one small property per year, saved after each unit). */
interface Progress {
  /** What the round is for: the plan's queues and evaluators, the settings that shape the spreadsheets. */
  plan: string;
  forms: FormKind[];
  master: boolean;
  /** Queues of yearQueues(plan), in order, done so far. */
  next: number;
  registered: boolean;
  created: number;
  shared: number;
  failed: string[];
}

const progressKey = (year: number): string => `journey.setup.${String(year)}`;
/** Sharing failures kept in the cursor at most (the rest are in the log). */
const MAX_FAILURES_KEPT = 20;

function fingerprint(plan: YearPlan, settings: Settings): string {
  const queues = yearQueues(plan).map((q) => [q.id, q.evaluators]);
  return shortHash(
    JSON.stringify([
      plan.year,
      plan.committee.BTV_DOAN_KHOI,
      queues,
      settings.createSpreadsheets,
      settings.serviceAccount,
    ]),
  );
}

function readProgress(year: number, plan: string): Progress {
  const value = readJson(progressKey(year)) as Partial<Progress> | undefined;
  if (value?.plan === plan && typeof value.next === 'number') {
    return {
      plan,
      forms: Array.isArray(value.forms) ? value.forms : [],
      master: value.master === true,
      next: value.next,
      registered: value.registered === true,
      created: typeof value.created === 'number' ? value.created : 0,
      shared: typeof value.shared === 'number' ? value.shared : 0,
      failed: Array.isArray(value.failed) ? value.failed : [],
    };
  }
  return { plan, forms: [], master: false, next: 0, registered: false, created: 0, shared: 0, failed: [] };
}

function progressText(progress: Progress, queues: number): string {
  return `biểu mẫu ${String(progress.forms.length)}/2, bảng tính hàng chờ ${String(progress.next)}/${String(queues)}`;
}

export function runSetup(): SetupReport {
  const settings = readSettings();
  if (!acquireLease('setup')) {
    throw new JourneyError('busy', 'Đang có một lượt thiết lập khác chạy. Vui lòng chờ ít phút rồi thử lại.');
  }
  try {
    return setupRound(settings);
  } catch (error) {
    // A failure (not the time limit: Apps Script lets no code run after that) is for a person to see and fix; the
    // cursor stays, so the next run from the menu resumes, but nothing retries it by itself every minute.
    jobDone('setup');
    settleContinuation();
    throw error;
  } finally {
    releaseLease('setup');
  }
}

function setupRound(settings: Settings): SetupReport {
  const plan = fetchYearPlan(settings);
  const queues = yearQueues(plan);
  const progress = readProgress(settings.year, fingerprint(plan, settings));
  const save = (): void => {
    writeJson(progressKey(settings.year), progress);
  };
  // Marked pending (with a continuation armed past this execution's limit) before any work: even a run Apps Script
  // stops goes on by itself.
  guardJob('setup', progressText(progress, queues.length), executionDeadline());
  const report: SetupReport = {
    year: settings.year,
    registration: null,
    evidence: null,
    sheets: null,
    spreadsheetsCreated: progress.created,
    sharing: null,
    triggers: null,
    sync: null,
    incomplete: null,
  };
  const stop = (): SetupReport => {
    save();
    markPending('setup', progressText(progress, queues.length));
    const continues = settleContinuation();
    return {
      ...report,
      spreadsheetsCreated: progress.created,
      sharing: { added: progress.shared, failed: progress.failed },
      incomplete: { queuesDone: progress.next, queues: queues.length, continues },
    };
  };

  // Forms, one unit each.
  if (progress.forms.length < 2) {
    const forms = ensureForms(
      plan,
      () => outOfTime(),
      new Set(progress.forms),
      (kind) => {
        progress.forms.push(kind);
        save();
      },
    );
    report.registration = forms.registration;
    report.evidence = forms.evidence;
    if (progress.forms.length < 2) return stop();
    startReconciling(Date.now());
  }

  const known = fetchSheetsMap(settings);
  if (settings.createSpreadsheets) {
    const saved = remembered(settings.year);
    const sharing: SharingReport = { added: 0, failed: [] };
    const keep = (created: number): void => {
      progress.created += created;
      progress.shared += sharing.added;
      progress.failed = [...progress.failed, ...sharing.failed].slice(0, MAX_FAILURES_KEPT);
      sharing.added = 0;
      sharing.failed = [];
    };
    if (!progress.master) {
      if (outOfTime()) return stop();
      keep(ensureMaster(plan, settings, known, saved, sharing));
      progress.master = true;
      save();
    }
    for (; progress.next < queues.length;) {
      const queue = queues[progress.next];
      if (!queue) break;
      if (outOfTime()) return stop();
      keep(ensureQueueSpreadsheet(plan, queue, settings, known, saved, sharing));
      progress.next++;
      save();
    }
    if (!progress.registered) {
      if (outOfTime()) return stop();
      registerSheets(settings, rememberedMap(plan, saved));
      progress.registered = true;
      save();
    }
    if (outOfTime()) return stop();
    report.sheets = refreshSheetsMap(settings);
  } else {
    cacheSheetsMap(settings.year, known);
    report.sheets = known;
    progress.next = queues.length;
  }

  if (outOfTime()) return stop();
  report.triggers = reconcileTriggers(settings.year, undefined, Object.fromEntries(queues.map((q) => [q.id, q.label])));
  if (progress.created > 0) report.sync = requestSync(settings);
  // The round is done: the next setup starts a new one (and checks every spreadsheet again).
  props().deleteProperty(progressKey(settings.year));
  jobDone('setup');
  settleContinuation();
  return {
    ...report,
    spreadsheetsCreated: progress.created,
    sharing: settings.createSpreadsheets ? { added: progress.shared, failed: progress.failed } : null,
  };
}

/** Asks the function to fill the spreadsheets this round created. */
function requestSync(settings: Settings): string {
  try {
    const answer = callJourney(settings, 'POST', `/v1/years/${String(settings.year)}/sync`);
    return answer.status >= 200 && answer.status < 300
      ? 'Đã yêu cầu hàm Journey điền dữ liệu vào các bảng tính mới.'
      : `Chưa đồng bộ được bảng tính (${describeAnswer(answer)}); vui lòng chọn "Đồng bộ lại bảng tính" sau.`;
  } catch (error) {
    return `Chưa đồng bộ được bảng tính (${messageOf(error)}); vui lòng chọn "Đồng bộ lại bảng tính" sau.`;
  }
}

const RESPONDER_TEXT: Record<FormInfo['responders'], string> = {
  anyone_with_link: 'ai có đường liên kết đều trả lời được',
  domain: 'chỉ người đăng nhập tài khoản trong tên miền của đơn vị trả lời được',
  domain_unavailable:
    'kế hoạch yêu cầu chỉ người trong tên miền trả lời nhưng tài khoản chạy tập lệnh không thuộc Google Workspace, nên ai có đường liên kết đều trả lời được',
};

function formLine(name: string, info: FormInfo): string {
  const state = info.created ? 'tạo mới' : 'đã cập nhật';
  const open = info.accepting
    ? 'đã xuất bản, đang nhận câu trả lời'
    : 'đã xuất bản nhưng đang đóng, không nhận câu trả lời';
  const email =
    info.emailCollection === 'verified' ? 'thu email đã xác minh của người trả lời' : 'người trả lời tự nhập email';
  const warn = info.responders === 'domain_unavailable' ? `\n  ⚠ ${RESPONDER_TEXT.domain_unavailable}.` : '';
  const who = info.responders === 'domain_unavailable' ? '' : `; ${RESPONDER_TEXT[info.responders]}`;
  return `• ${name} (${state}; ${open}${who}; ${email}): ${info.publishedUrl}\n  Chỉnh sửa: ${info.editUrl}${warn}`;
}

/** What the committee reads after setup, in Vietnamese. */
export function setupSummary(report: SetupReport): string {
  const lines: string[] = [];
  if (report.incomplete) {
    const { queuesDone, queues, continues } = report.incomplete;
    lines.push(
      `Thiết lập năm ${String(report.year)} chưa xong: mỗi lượt chạy của Apps Script chỉ được tối đa 6 phút, lượt này đã làm xong ${String(queuesDone)}/${String(queues)} bảng tính hàng chờ. ` +
        (continues
          ? 'Phần còn lại sẽ tự chạy tiếp sau khoảng 1 phút, không cần làm gì thêm; xem tiến độ ở "Tình trạng công việc".'
          : 'Không tạo được trình kích hoạt để tự chạy tiếp (đã dùng hết 20 trình kích hoạt); vui lòng chạy lại "Thiết lập / cập nhật biểu mẫu" để làm tiếp.'),
    );
  } else {
    lines.push(`Đã thiết lập xong năm ${String(report.year)}.`);
  }
  if (report.registration) lines.push(formLine('Biểu mẫu đăng ký', report.registration));
  if (report.evidence) lines.push(formLine('Biểu mẫu báo cáo minh chứng', report.evidence));
  if (report.sheets) {
    lines.push(
      `• Bảng tính: ${report.sheets.master ? '1 bảng tổng hợp, ' : ''}${String(Object.keys(report.sheets.queues).length)} hàng chờ đánh giá` +
        (report.spreadsheetsCreated > 0 ? ` (tạo mới ${String(report.spreadsheetsCreated)} bảng tính).` : '.'),
    );
  } else if (report.spreadsheetsCreated > 0) {
    lines.push(
      `• Đã tạo mới ${String(report.spreadsheetsCreated)} bảng tính (các bảng tính đã tạo đều được ghi nhớ, không tạo trùng).`,
    );
  }
  if (report.triggers) {
    lines.push(
      `• Trình kích hoạt: tạo mới ${String(report.triggers.created.length)}, giữ nguyên ${String(report.triggers.kept.length)}, xóa ${String(report.triggers.deleted)}.`,
    );
  }
  if (report.sharing && report.sharing.added > 0)
    lines.push(`• Đã chia sẻ quyền chỉnh sửa cho ${String(report.sharing.added)} lượt người.`);
  if (report.sharing && report.sharing.failed.length > 0) {
    lines.push(`⚠ Chưa chia sẻ được cho: ${report.sharing.failed.join('; ')}. Vui lòng kiểm tra lại địa chỉ email.`);
  }
  if (report.triggers) {
    lines.push(...queueDeliveryLines(report.triggers));
    if (report.triggers.skipped.length > 0) {
      lines.push(
        `⚠ Apps Script chỉ cho phép 20 trình kích hoạt cho mỗi tập lệnh và các trình kích hoạt khác của tài khoản đã dùng hết; ` +
          `chưa tạo được: ${report.triggers.skipped.join('; ')}. Vui lòng xóa bớt trình kích hoạt không dùng rồi chạy lại.`,
      );
    }
  }
  if (report.sync) lines.push(`• ${report.sync}`);
  return lines.join('\n');
}
