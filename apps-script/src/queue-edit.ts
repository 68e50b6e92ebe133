// The queue-sheet edit trigger: a decision (Đạt / Không đạt / Cần bổ sung) or comment typed in a queue row becomes a signed
// Evaluation that names its evaluator — the editor's account where Google gives it, else the e-mail picked in the row's
// 'Người xác nhận' column. A decision that names nobody is not sent: the evaluator is asked to pick their name.
import { deliverAll, type DeliveryResult } from './delivery';
import { sha256Hex } from './hashing';
import { withScriptLock } from './lock';
import {
  decisionOf,
  EVALUATOR_SOURCES,
  findQueueColumns,
  QUEUE_HEADERS,
  type Decision,
  type EvaluatorSource,
} from '../../functions/src/contract/queue-sheet';
import {
  decisionFingerprint,
  functionCellsFingerprint,
  namedEvaluator,
  queueRowOf,
  type QueueRow,
} from './queue-sheet';
import { rowKey, updateMemory } from './queue-state';
import { readSettings } from './settings';
import { cachedTabsOf, queueOfSheet, refreshSheetsMap } from './sheets-map';
import { isoWithOffset } from './time';
import { log } from './log';

export interface EvaluationBody {
  editId: string;
  editedAt: string;
  queue: string;
  evidenceId: string;
  decision: Decision;
  comment?: string;
  evaluatorEmail?: string;
  /** How the evaluator was known (API.md extension): `account` from Google, `named` in the 'Người xác nhận' column. */
  evaluatorSource?: EvaluatorSource;
}

/** How long a repeat of the same content counts as the same edit (a trigger fired twice), not a new decision. */
const SAME_EDIT_WINDOW_S = 15 * 60;

/**
 * The edit id and time of a decision. Google gives an edit no id, so the script makes one: the same content
 * (spreadsheet, tab, evidence, decision, comment) seen again within SAME_EDIT_WINDOW_S — a trigger fired twice — gets
 * the id and time remembered (CacheService) for the first firing, so the body is identical; anything else (another
 * decision or comment, or the same one typed again later, e.g. Đạt → Không đạt → Đạt) gets a new id from the content
 * and the time of the edit. Under the script lock, so two firings running together agree.
 */
export function editIdentity(content: readonly string[], editedAt: Date): { editId: string; editedAt: string } {
  const [identity] = editIdentities([content], editedAt);
  if (!identity) throw new Error('no edit identity');
  return identity;
}

/** editIdentity for several edits at once (a pasted block): one turn of the script lock for all of them. */
export function editIdentities(
  contents: ReadonlyArray<readonly string[]>,
  editedAt: Date,
): Array<{ editId: string; editedAt: string }> {
  const keyed = contents.map((content) => ({
    content,
    contentHash: sha256Hex(content.join('\u001f')),
    cacheKey: `journey.edit.${sha256Hex(`${content[0] ?? ''}\u001f${content[1] ?? ''}\u001f${content[2] ?? ''}`).slice(0, 40)}`,
  }));
  if (keyed.length === 0) return [];
  return withScriptLock(
    () => {
      const cache = CacheService.getScriptCache();
      return keyed.map(({ content, contentHash, cacheKey }) => {
        const cached = cache.get(cacheKey);
        if (cached !== null) {
          try {
            const seen = JSON.parse(cached) as { contentHash?: unknown; editId?: unknown; editedAt?: unknown };
            if (
              seen.contentHash === contentHash &&
              typeof seen.editId === 'string' &&
              typeof seen.editedAt === 'string'
            ) {
              return { editId: seen.editId, editedAt: seen.editedAt };
            }
          } catch {
            // A damaged cache entry is treated as absent.
          }
        }
        const at = isoWithOffset(editedAt);
        const editId = `gs-${sha256Hex(`${content.join('\u001f')}\u001f${at}`).slice(0, 40)}`;
        cache.put(cacheKey, JSON.stringify({ contentHash, editId, editedAt: at }), SAME_EDIT_WINDOW_S);
        return { editId, editedAt: at };
      });
    },
    { waitMs: 20_000, proceedUnlocked: true },
  );
}

/**
 * Who made an edit: the event's user, or the active user; undefined when Google does not say — which is the case for
 * any editor but the trigger's owner unless both are in the same Google Workspace domain (Google's User.getEmail).
 */
export function editorOf(e: GoogleAppsScript.Events.SheetsOnEdit): string | undefined {
  const fromEvent = (e.user as GoogleAppsScript.Base.User | undefined)?.getEmail() ?? '';
  const email = fromEvent !== '' ? fromEvent : Session.getActiveUser().getEmail();
  return email.trim() === '' ? undefined : email.trim().toLowerCase();
}

/**
 * The evaluator of a decision: the account Google names (used and checked by the function whenever Google gives it),
 * else the e-mail the row names in 'Người xác nhận'; undefined when neither says.
 */
export function evaluatorOf(
  editor: string | undefined,
  row: Pick<QueueRow, 'confirmer'>,
): { email: string; source: EvaluatorSource } | undefined {
  if (editor !== undefined) return { email: editor, source: EVALUATOR_SOURCES.account };
  const named = namedEvaluator(row);
  return named === undefined ? undefined : { email: named, source: EVALUATOR_SOURCES.named };
}

function toast(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, message: string): void {
  try {
    spreadsheet.toast(message, 'Hành trình', 10);
  } catch {
    // Toasts are a courtesy; an edit trigger may run where none can be shown.
  }
}

/**
 * Handles one edit event; returns the deliveries made (empty when the edit is not a decision). A pasted block of rows
 * goes out in one UrlFetchApp.fetchAll.
 */
export function handleQueueEdit(e: GoogleAppsScript.Events.SheetsOnEdit): DeliveryResult[] {
  const range = e.range;
  const sheet = range.getSheet();
  const spreadsheet = e.source;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return [];

  const settings = readSettings();
  // One property read; the cache is refreshed only for a spreadsheet it does not know (an unknown tab of a known
  // spreadsheet is not a queue).
  const tabs = cachedTabsOf(settings.year, spreadsheet.getId());
  const queue = tabs
    ? tabs.find(([, name]) => name === sheet.getName())?.[0]
    : queueOfSheet(refreshSheetsMap(settings), spreadsheet.getId(), sheet.getName());
  if (queue === undefined) return [];

  const lastColumn = sheet.getLastColumn();
  if (lastColumn < 1) return [];
  const columns = findQueueColumns(sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []);
  if (!columns) {
    log.warn(
      `Trang "${sheet.getName()}" thiếu cột "${QUEUE_HEADERS.evidenceId}" hoặc "${QUEUE_HEADERS.decision}"; bỏ qua thao tác sửa.`,
    );
    return [];
  }
  const firstColumn = range.getColumn();
  const lastEditedColumn = firstColumn + range.getNumColumns() - 1;
  const touches = (column: number | null): boolean =>
    column !== null && column >= firstColumn && column <= lastEditedColumn;
  if (!touches(columns.decision) && !touches(columns.comment) && !touches(columns.confirmer)) return [];

  const rows = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, lastColumn).getValues();
  const editor = editorOf(e);
  const decided: Array<{ row: QueueRow; decision: Decision; evaluator: { email: string; source: EvaluatorSource } }> =
    [];
  const unnamed: number[] = [];
  rows.forEach((cells, offset) => {
    const row = queueRowOf(firstRow + offset, cells, columns);
    const { evidenceId, label } = row;
    if (evidenceId === '' || label === '') return;
    const decision = decisionOf(label);
    if (!decision) {
      toast(
        spreadsheet,
        `Dòng ${String(row.row)}: "${label}" không phải là một kết quả đánh giá. Vui lòng chọn Đạt, Không đạt hoặc Cần bổ sung.`,
      );
      return;
    }
    const evaluator = evaluatorOf(editor, row);
    if (!evaluator) {
      unnamed.push(row.row);
      return;
    }
    const named = namedEvaluator(row);
    if (evaluator.source === EVALUATOR_SOURCES.account && named !== undefined && named !== evaluator.email) {
      toast(
        spreadsheet,
        `Dòng ${String(row.row)}: bạn đang đăng nhập bằng ${evaluator.email} nên đánh giá được ghi nhận là của ${evaluator.email}, không phải ${named}.`,
      );
    }
    decided.push({ row, decision, evaluator });
  });
  if (unnamed.length > 0) {
    toast(
      spreadsheet,
      `Dòng ${unnamed.join(', ')}: vui lòng chọn email của bạn ở cột "${QUEUE_HEADERS.confirmer}". Đánh giá sẽ được gửi ngay khi có tên người xác nhận.`,
    );
  }
  const identities = editIdentities(
    decided.map(({ row, decision, evaluator }) => [
      spreadsheet.getId(),
      sheet.getName(),
      row.evidenceId,
      decision,
      row.comment,
      evaluator.email,
    ]),
    new Date(),
  );
  const pending = decided.map(({ row, decision, evaluator }, i) => {
    const body: EvaluationBody = {
      ...(identities[i] ?? { editId: '', editedAt: '' }),
      queue,
      evidenceId: row.evidenceId,
      decision,
    };
    if (row.comment !== '') body.comment = row.comment;
    body.evaluatorEmail = evaluator.email;
    body.evaluatorSource = evaluator.source;
    return { row, body, label: `đánh giá "${row.label}" cho minh chứng ${row.evidenceId} (${queue})` };
  });
  const results = deliverAll(
    pending.map(({ body, label }) => ({
      key: `evaluation:${body.editId}`,
      method: 'POST' as const,
      path: '/v1/evaluations',
      body: JSON.stringify(body),
      label,
    })),
  );
  const sent: Array<{ evidenceId: string; fp: string; snap: string }> = [];
  results.forEach((result, i) => {
    const item = pending[i];
    if (!item) return;
    const { evidenceId } = item.row;
    if (result.verdict === 'final')
      toast(spreadsheet, `Minh chứng ${evidenceId}: đánh giá chưa được ghi nhận — ${result.detail}`);
    if (result.queued || result.overflow)
      toast(spreadsheet, `Minh chứng ${evidenceId}: chưa gửi được đánh giá, hệ thống sẽ tự gửi lại.`);
    // Not recorded when the retry queue was full: the poller then finds the decision in the sheet and sends it.
    if (!result.overflow)
      sent.push({ evidenceId, fp: decisionFingerprint(item.row), snap: functionCellsFingerprint(item.row) });
  });
  if (sent.length > 0)
    recordSends(settings.year, queue, { spreadsheetId: spreadsheet.getId(), sheetName: sheet.getName() }, sent);
  return results;
}

/**
 * Tells the poller what this trigger sent (delivered, refused for good, or queued for retry — each is dealt with), so it
 * does not send the same decision again. Proceeds without the lock rather than forget: a lost record only costs a
 * second, identical decision from the poller.
 */
function recordSends(
  year: number,
  queue: string,
  ref: { spreadsheetId: string; sheetName: string },
  sent: ReadonlyArray<{ evidenceId: string; fp: string; snap: string }>,
): void {
  try {
    updateMemory(
      year,
      queue,
      ref,
      (memory) => {
        for (const { evidenceId, fp, snap } of sent) {
          const key = rowKey(evidenceId);
          // n counts the poller's sends only (its edit ids); this trigger's ids come from the edit's time.
          memory.rows.set(key, { fp, n: memory.rows.get(key)?.n ?? 0, snap });
        }
        return true;
      },
      { waitMs: 20_000, proceedUnlocked: true },
    );
  } catch (error) {
    log.warn(
      `Không ghi nhớ được đánh giá đã gửi của hàng chờ ${queue} (${String(error)}); lượt kiểm tra định kỳ có thể gửi lại cùng nội dung.`,
    );
  }
}
