// The "Đề cử" tab's edit trigger: a base union's whole nominee list, sent signed each time its executive finishes an edit.
import { deliver, type DeliveryResult } from './delivery';
import { editIdentity, editorOf } from './queue-edit';
import {
  NOMINATING_ROLE,
  NOMINATION_TAB,
  nomineesOf,
  type Nominee,
} from '../../functions/src/contract/nomination-sheet';
import { sha256Hex } from './hashing';
import { readSettings } from './settings';
import { props } from './store';
import { cachedSheetsMap, refreshSheetsMap, type SheetsMap } from './sheets-map';
import { log } from './log';

/** True when an edit is in a "Đề cử" tab (the queue spreadsheets' edit trigger sees every tab). */
export function isNominationEdit(e: GoogleAppsScript.Events.SheetsOnEdit): boolean {
  return e.range.getSheet().getName() === NOMINATION_TAB;
}

function toast(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, message: string): void {
  try {
    spreadsheet.toast(message, 'Hành trình', 10);
  } catch {
    // Toasts are a courtesy; a trigger may run where none can be shown.
  }
}

/** The unit whose base union's queue lives in this spreadsheet: the list can only ever be that unit's. */
function unitOf(map: SheetsMap, spreadsheetId: string): string[] {
  const prefix = `${NOMINATING_ROLE}:`;
  return Object.entries(map.queues)
    .filter(([queue, ref]) => ref.spreadsheetId === spreadsheetId && queue.startsWith(prefix))
    .map(([queue]) => queue.slice(prefix.length));
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Reads the whole tab and sends it as the unit's list for the year (`PUT …/units/{unitId}/nominees`), through the retry
 * queue. Rows still being typed (a name without an e-mail, or the reverse) hold the list back until they are complete,
 * so a half-typed row is never sent as a refusal. The same list seen twice within minutes (a trigger fired twice) gets
 * the same edit id, so the function counts it once.
 */
export function handleNominationEdit(e: GoogleAppsScript.Events.SheetsOnEdit): DeliveryResult | null {
  const sheet = e.range.getSheet();
  const spreadsheet = e.source;
  const settings = readSettings();
  let map = cachedSheetsMap(settings.year);
  if (!map || unitOf(map, spreadsheet.getId()).length === 0) map = refreshSheetsMap(settings);
  const units = unitOf(map, spreadsheet.getId());
  const unitId = units[0];
  if (units.length !== 1 || unitId === undefined) {
    log.warn(
      `Bảng tính ${spreadsheet.getId()} không thuộc đúng một cơ sở Đoàn (${units.join(', ')}); bỏ qua thao tác sửa danh sách đề cử.`,
    );
    return null;
  }
  return sendNomineeList(
    settings.year,
    spreadsheet,
    unitId,
    sheet.getDataRange().getValues(),
    editorOf(e),
    (message) => {
      toast(spreadsheet, message);
    },
  );
}

/** What became of a tab's list: sent (or queued to resend), held back (half-typed rows, no header), or nothing new. */
export type NomineeListOutcome = DeliveryResult | null;

/**
 * Sends a unit's whole list as its "Đề cử" tab shows it, unless rows are half typed; `tell` shows the executive what
 * happened (a toast for an edit; the log for the poller). The list sent is remembered per unit (a hash, one small
 * property each), so the poller does not send again what an edit already sent.
 */
export function sendNomineeList(
  year: number,
  spreadsheet: { getId(): string },
  unitId: string,
  values: readonly (readonly unknown[])[],
  editor: string | undefined,
  tell: (message: string) => void,
): NomineeListOutcome {
  const nominees = nomineesOf(values);
  if (!nominees) {
    tell('Tab "Đề cử" thiếu dòng tiêu đề "Họ và tên" / "Email"; vui lòng đồng bộ lại bảng tính.');
    return null;
  }
  const incomplete = nominees.flatMap((n: Nominee, i) => (n.fullName === '' || !EMAIL.test(n.email) ? [i + 2] : []));
  if (incomplete.length > 0) {
    tell(
      `Dòng ${incomplete.join(', ')} chưa có đủ họ tên và email hợp lệ; danh sách đề cử sẽ được gửi khi các dòng này hoàn chỉnh.`,
    );
    return null;
  }
  const identity = editIdentity([spreadsheet.getId(), NOMINATION_TAB, unitId, JSON.stringify(nominees)], new Date());
  const result = deliver({
    key: `nominations:${identity.editId}`,
    method: 'PUT',
    path: `/v1/years/${String(year)}/units/${encodeURIComponent(unitId)}/nominees`,
    body: JSON.stringify({ ...identity, nominees, ...(editor === undefined ? {} : { editorEmail: editor }) }),
    label: `danh sách đề cử của ${unitId} (${String(nominees.length)} người)`,
  });
  // Sent, refused for good, or on the retry queue: either way the function will have it; not when the queue was full.
  if (!result.overflow) props().setProperty(sentListKey(year, unitId), listHash(nominees));
  if (result.verdict === 'done') tell(`Đã ghi nhận danh sách đề cử (${String(nominees.length)} người).`);
  if (result.verdict === 'final') tell(`Danh sách đề cử chưa được ghi nhận — ${result.detail}`);
  if (result.queued) tell('Chưa gửi được danh sách đề cử, hệ thống sẽ tự gửi lại.');
  return result;
}

function sentListKey(year: number, unitId: string): string {
  return `journey.nominees.${String(year)}.${unitId}`;
}

function listHash(nominees: readonly Nominee[]): string {
  return sha256Hex(JSON.stringify(nominees)).slice(0, 40);
}

/**
 * The tab against what was last sent for the unit: `same`; `new` (a different list, or one that cannot be read — sending
 * says why); or `untouched` — an empty list never sent before, which the poller must not send (it would close the
 * unit's registration to everyone before its executive typed anything).
 */
export function nomineeListStatus(
  year: number,
  unitId: string,
  values: readonly (readonly unknown[])[],
): 'same' | 'new' | 'untouched' {
  const nominees = nomineesOf(values);
  if (nominees === undefined) return 'new';
  const sent = props().getProperty(sentListKey(year, unitId));
  if (sent === null && nominees.length === 0) return 'untouched';
  return sent === listHash(nominees) ? 'same' : 'new';
}
