// The script's two credentials with the function (API.md "Roles"):
// - the signing secret of the `forms` and `queues` routes, kept in the User Properties of the account that installs the
//   triggers — which only that account's executions read (its triggers, its own menu clicks), not another editor of
//   the master spreadsheet, who sees neither Project Settings → Script Properties holding it nor any way to read it;
// - for `admin` routes, the Google identity of the account running the execution (ScriptApp.getIdentityToken(), scope
//   `openid`): the person at the menu, or the installing account in a continuation of their setup or rollover.
import { JourneyError } from './errors';
import { currentExecution } from './execution';
import { log } from './log';

/** The key of the secret in the installing account's User Properties (and, before this version, in Script Properties). */
export const SECRET_KEY = 'JOURNEY_SECRET';

const SECRET_MENU = 'Hành trình → Nhập khóa bí mật';

/** Read once per execution: delivery signs each request, and each read of User Properties is a call on the daily quota. */
let memo: { execution: object; secret: string | null } | null = null;

function userProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getUserProperties();
}

/** The secret this account holds, or null. */
export function heldSecret(): string | null {
  const execution = currentExecution();
  if (memo !== null && execution !== null && memo.execution === execution) return memo.secret;
  const secret = userProperties().getProperty(SECRET_KEY)?.trim() ?? '';
  const held = secret === '' ? null : secret;
  if (execution !== null) memo = { execution, secret: held };
  return held;
}

/** The secret for signing a `forms` or `queues` request; a Vietnamese error naming what to do when this account has none. */
export function signingSecret(): string {
  const secret = heldSecret();
  if (secret !== null) return secret;
  throw new JourneyError(
    'missing_secret',
    `Tài khoản ${accountName()} chưa có khóa bí mật của hàm Journey. Khóa chỉ được lưu trong Thuộc tính người dùng của ` +
      `tài khoản đã cài đặt trình kích hoạt (người khác mở dự án không đọc được). Vui lòng đăng nhập bằng tài khoản đó, ` +
      `mở bảng tính tổng hợp và chọn menu ${SECRET_MENU} (hoặc Thiết lập / cập nhật biểu mẫu).`,
  );
}

/** Stores the secret for this account (setup, the menu), and removes any copy left in Script Properties. */
export function storeSigningSecret(secret: string): void {
  const value = secret.trim();
  userProperties().setProperty(SECRET_KEY, value);
  const execution = currentExecution();
  memo = execution === null ? null : { execution, secret: value };
  const script = PropertiesService.getScriptProperties();
  if (script.getProperty(SECRET_KEY) !== null) script.deleteProperty(SECRET_KEY);
}

/**
 * A secret still in Script Properties (where every editor reads it; versions before this one kept it there) moves to
 * the User Properties of the account whose triggers sign with it — this account, if it has installed the project's
 * triggers (Apps Script lists an account only its own) — and is deleted from Script Properties. Run by any other
 * account it stays where it is until the installing account's next trigger (at most 15 minutes: the drain's schedule).
 * Returns true when it was moved.
 */
export function moveLegacySecret(value: string): boolean {
  if (ScriptApp.getProjectTriggers().length === 0) return false;
  if (heldSecret() === null) storeSigningSecret(value);
  else PropertiesService.getScriptProperties().deleteProperty(SECRET_KEY);
  log.info(
    'Đã chuyển khóa bí mật từ Thuộc tính tập lệnh sang Thuộc tính người dùng của tài khoản cài đặt trình kích hoạt.',
  );
  return true;
}

/** A Google ID token of the account running this execution, for an `admin` route. */
export function identityToken(): string {
  let token: string | null;
  try {
    token = ScriptApp.getIdentityToken();
  } catch {
    token = null;
  }
  if (token === null || token === '') {
    throw new JourneyError(
      'no_identity',
      'Không lấy được mã danh tính Google của tài khoản này (cần quyền "openid" và "userinfo.email" trong appsscript.json). ' +
        'Vui lòng chạy npm run gas:push rồi mở lại bảng tính và cấp quyền khi được hỏi.',
    );
  }
  return token;
}

/** The account running, as people know it (blank when Google does not say). */
export function accountName(): string {
  try {
    const email = Session.getEffectiveUser().getEmail();
    return email === '' ? 'này' : email;
  } catch {
    return 'này';
  }
}
