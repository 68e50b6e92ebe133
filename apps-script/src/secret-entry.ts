// Giving the installing account the signing secret: asked for at setup (and from the menu after a rotation), checked
// against the function before it is kept, kept in that account's User Properties only (credentials.ts).
import { checkSecret } from './client';
import { heldSecret, SECRET_KEY, signingSecret, storeSigningSecret } from './credentials';
import { JourneyError } from './errors';
import { readSettings } from './settings';
import { hasUi, prompt } from './ui';

const TITLE = 'Khóa bí mật của hàm Journey';
const ASK =
  'Dán khóa bí mật JOURNEY_SHARED_SECRET hiện hành của hàm Journey (lệnh npm run deploy in ra cách lấy). Khóa được lưu ' +
  'trong Thuộc tính người dùng của riêng tài khoản này — tài khoản chạy các trình kích hoạt — nên người chỉnh sửa khác ' +
  'của bảng tính không đọc được.';

export type SecretEntry = 'stored' | 'cancelled' | 'refused';

/**
 * Asks for the secret and keeps it when the function accepts a request signed with it (a mistyped secret is not kept).
 * Throws when the function cannot be reached, so nothing unchecked is kept either.
 */
export function askForSecret(): { outcome: SecretEntry; detail: string } {
  const typed = prompt(TITLE, ASK);
  if (typed === null || typed.trim() === '')
    return { outcome: 'cancelled', detail: 'Chưa nhập khóa nào; không có gì thay đổi.' };
  const secret = typed.trim();
  const status = checkSecret(readSettings(), secret);
  if (status === 401) {
    return {
      outcome: 'refused',
      detail:
        'Hàm Journey không nhận khóa này (HTTP 401), nên khóa không được lưu. Vui lòng kiểm tra lại khóa hiện hành rồi thử lại.',
    };
  }
  storeSigningSecret(secret);
  return {
    outcome: 'stored',
    detail:
      'Đã lưu khóa bí mật vào Thuộc tính người dùng của tài khoản này; các trình kích hoạt của tài khoản này ký bằng khóa mới từ lượt chạy tới.',
  };
}

/**
 * Before setup, the triggers or the rollover (which install this account's triggers): this account must hold the
 * secret. A secret still in Script Properties is taken over (and deleted there); else the person is asked; in the
 * editor, where no one can be asked, the run stops saying where to enter it.
 */
export function ensureInstallerSecret(): void {
  if (heldSecret() !== null) return;
  const legacy = PropertiesService.getScriptProperties().getProperty(SECRET_KEY)?.trim() ?? '';
  if (legacy !== '') {
    storeSigningSecret(legacy);
    return;
  }
  if (!hasUi()) signingSecret();
  const entry = askForSecret();
  if (entry.outcome !== 'stored')
    throw new JourneyError(
      'missing_secret',
      `Chưa thể tiếp tục: tài khoản này cần khóa bí mật của hàm Journey. ${entry.detail}`,
    );
}
