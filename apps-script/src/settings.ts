// Script Properties the script runs on (JOURNEY_URL, JOURNEY_YEAR, …), read and checked in one place. The signing
// secret is not one of them: it lives in the installing account's User Properties (credentials.ts).
import { moveLegacySecret, SECRET_KEY } from './credentials';
import { JourneyError } from './errors';

export const SETTING_KEYS = {
  url: 'JOURNEY_URL',
  year: 'JOURNEY_YEAR',
  serviceAccount: 'JOURNEY_SERVICE_ACCOUNT',
  createSpreadsheets: 'JOURNEY_CREATE_SPREADSHEETS',
  sheetsReadsPerMinute: 'JOURNEY_SHEETS_READS_PER_MINUTE',
} as const;

/**
 * Sheets API reads a minute by default: Google allows 60 a minute per user (the script's account, which the committee
 * also uses by hand), so the poller keeps to well under half of it; the setting may raise it up to 50.
 */
export const DEFAULT_SHEETS_READS_PER_MINUTE = 25;
/** The most the setting may allow: Google's 60 less room for the account's other reads. */
export const MAX_SHEETS_READS_PER_MINUTE = 50;

export interface Settings {
  /** The function's base URL without a trailing slash; request paths (`/v1/...`) are signed relative to it. */
  baseUrl: string;
  year: number;
  /** The function's service account, given edit rights on every spreadsheet; null when not set. */
  serviceAccount: string | null;
  /** False when the function owns the spreadsheets (local stand-in): setup then only reads their ids. */
  createSpreadsheets: boolean;
  /** Sheets API reads the poller makes in any minute at most (Google allows 60 per user). */
  sheetsReadsPerMinute: number;
}

const DESCRIPTIONS: Record<string, string> = {
  [SETTING_KEYS.url]: 'địa chỉ của hàm Journey, ví dụ https://journey-xxxx.a.run.app',
  [SETTING_KEYS.year]: 'năm của hành trình, ví dụ 2019',
};

type Values = Readonly<Record<string, string | undefined>>;

function required(values: Values, key: string): string {
  const value = values[key]?.trim() ?? '';
  if (value === '') {
    throw new JourneyError(
      'missing_setting',
      `Chưa có thuộc tính "${key}" (${DESCRIPTIONS[key] ?? key}) trong Script Properties. ` +
        'Vui lòng mở Cài đặt dự án → Thuộc tính tập lệnh, thêm thuộc tính này rồi chạy lại.',
    );
  }
  return value;
}

/**
 * The settings' properties in one call (every trigger run starts here). A signing secret still found among them is
 * moved to the installing account's User Properties (credentials.ts) — at no extra call when there is none.
 */
function settingValues(props: GoogleAppsScript.Properties.Properties): Values {
  const all = props.getProperties();
  const legacy = all[SECRET_KEY];
  if (legacy !== undefined && legacy.trim() !== '') moveLegacySecret(legacy.trim());
  return Object.fromEntries(Object.values(SETTING_KEYS).map((key) => [key, all[key]]));
}

/** Reads and checks the settings; throws a JourneyError naming the missing or wrong property. */
export function readSettings(
  props: GoogleAppsScript.Properties.Properties = PropertiesService.getScriptProperties(),
): Settings {
  const values = settingValues(props);
  const url = required(values, SETTING_KEYS.url);
  if (!/^https?:\/\/[^\s/]+/i.test(url)) {
    throw new JourneyError(
      'bad_setting',
      `Thuộc tính "${SETTING_KEYS.url}" phải là một địa chỉ bắt đầu bằng https:// (hoặc http:// khi chạy thử trên máy; hiện là "${url}"). Vui lòng sửa lại rồi chạy lại.`,
    );
  }
  const yearText = required(values, SETTING_KEYS.year);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) {
    throw new JourneyError(
      'bad_setting',
      `Thuộc tính "${SETTING_KEYS.year}" phải là một năm có 4 chữ số, ví dụ 2019 (hiện là "${yearText}"). Vui lòng sửa lại rồi chạy lại.`,
    );
  }
  const serviceAccount = values[SETTING_KEYS.serviceAccount]?.trim() ?? '';
  const create = (values[SETTING_KEYS.createSpreadsheets]?.trim() ?? '').toLowerCase();
  const readsText = values[SETTING_KEYS.sheetsReadsPerMinute]?.trim() ?? '';
  const reads = readsText === '' ? DEFAULT_SHEETS_READS_PER_MINUTE : Number(readsText);
  if (!/^\d+$/.test(readsText === '' ? '0' : readsText) || reads < 1 || reads > MAX_SHEETS_READS_PER_MINUTE) {
    throw new JourneyError(
      'bad_setting',
      `Thuộc tính "${SETTING_KEYS.sheetsReadsPerMinute}" phải là một số từ 1 đến ${String(MAX_SHEETS_READS_PER_MINUTE)} ` +
        `(Google cho phép mỗi tài khoản 60 lượt đọc Sheets API mỗi phút; hiện là "${readsText}"). Vui lòng sửa lại rồi chạy lại.`,
    );
  }
  return {
    baseUrl: url.replace(/\/+$/, ''),
    year,
    serviceAccount: serviceAccount === '' ? null : serviceAccount,
    createSpreadsheets: !['false', '0', 'no', 'khong', 'không'].includes(create),
    sheetsReadsPerMinute: reads,
  };
}
