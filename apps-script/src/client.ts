// The HTTP client for the Journey function: one UrlFetchApp call per attempt, status always checked by the caller. Each
// request carries the credential its route's role needs (API.md "Roles"): the signature for `forms` and `queues`, the
// running account's Google identity for `admin`.
import { accountName, heldSecret, identityToken, signingSecret } from './credentials';
import { JourneyError } from './errors';
import type { Settings } from './settings';
import { isAdminRoute, type HttpMethod } from './route-credentials';
import { signingHeaders } from './signing';

export type { HttpMethod };

export interface JourneyAnswer {
  status: number;
  text: string;
  /** The parsed JSON answer, or undefined when the body is not JSON. */
  json: unknown;
}

export interface AnswerError {
  field: string;
  code: string;
  message: string;
}

/**
 * Sends one signed request. Never throws for an HTTP status (the caller decides what a status means);
 * throws what UrlFetchApp throws for network errors, timeouts and quota.
 */
export function callJourney(settings: Settings, method: HttpMethod, path: string, body = ''): JourneyAnswer {
  const response = UrlFetchApp.fetch(settings.baseUrl + path, fetchParams(method, path, body));
  const text = response.getContentText('UTF-8');
  return { status: response.getResponseCode(), text, json: parseJson(text) };
}

/**
 * Several signed requests in one UrlFetchApp.fetchAll (Apps Script sends them in parallel: one run's time for the
 * slowest, not their sum); answers in order. Throws, like fetch, when the network fails.
 */
export function callJourneyAll(
  settings: Settings,
  requests: ReadonlyArray<{ method: HttpMethod; path: string; body: string }>,
): JourneyAnswer[] {
  if (requests.length === 0) return [];
  const responses = UrlFetchApp.fetchAll(
    requests.map((r) => ({ url: settings.baseUrl + r.path, ...fetchParams(r.method, r.path, r.body) })),
  );
  return responses.map((response) => {
    const text = response.getContentText('UTF-8');
    return { status: response.getResponseCode(), text, json: parseJson(text) };
  });
}

/**
 * The credential of the route: an `admin` route gets `Authorization: Bearer` + the running account's ID token — and the
 * signature too when this account holds the secret, which opens every route on the local stack (`npm start`) and none
 * of the admin ones in production; any other route gets the signature, with the secret of this account.
 */
function credentialHeaders(method: HttpMethod, path: string, body: string): Record<string, string> {
  if (!isAdminRoute(method, path)) return signingHeaders(signingSecret(), method, path, body, Date.now());
  const secret = heldSecret();
  return {
    Authorization: `Bearer ${identityToken()}`,
    ...(secret === null ? {} : signingHeaders(secret, method, path, body, Date.now())),
  };
}

function fetchParams(
  method: HttpMethod,
  path: string,
  body: string,
): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers: credentialHeaders(method, path, body),
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (method !== 'GET') {
    params.contentType = 'application/json; charset=utf-8';
    params.payload = body;
  }
  return params;
}

/**
 * The status the function answers a request signed with `secret` (reading the year's plan, a `forms` route): 401 when
 * it does not take the secret. Throws when the function cannot be reached.
 */
export function checkSecret(settings: Settings, secret: string): number {
  const path = `/v1/years/${String(settings.year)}/config`;
  const response = UrlFetchApp.fetch(settings.baseUrl + path, {
    method: 'get',
    headers: signingHeaders(secret, 'GET', path, '', Date.now()),
    muteHttpExceptions: true,
    followRedirects: false,
  });
  return response.getResponseCode();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The `errors` of an answer (API.md §Answers), ignoring anything malformed. */
export function answerErrors(json: unknown): AnswerError[] {
  if (typeof json !== 'object' || json === null) return [];
  const errors = (json as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((item: unknown): AnswerError[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { field, code, message } = item as Record<string, unknown>;
    return [
      {
        field: typeof field === 'string' ? field : '',
        code: typeof code === 'string' ? code : '',
        message: typeof message === 'string' ? message : '',
      },
    ];
  });
}

/** A one-line Vietnamese account of an answer, for logs and alerts. */
export function describeAnswer(answer: JourneyAnswer): string {
  const messages = answerErrors(answer.json)
    .map((e) => e.message || e.code)
    .filter((m) => m !== '');
  const detail = messages.length > 0 ? messages.join('; ') : answer.text.slice(0, 300);
  return `HTTP ${String(answer.status)}${detail ? `: ${detail}` : ''}`;
}

/** Calls and insists on a 2xx answer: for setup and menu actions, where a person is waiting for the result. */
export function callJourneyOk(
  settings: Settings,
  method: HttpMethod,
  path: string,
  what: string,
  body = '',
): JourneyAnswer {
  let answer: JourneyAnswer;
  try {
    answer = callJourney(settings, method, path, body);
  } catch (error) {
    // No credential (the secret, the identity token) is the person's to fix, not the network's.
    if (error instanceof JourneyError) throw error;
    throw new JourneyError(
      'network',
      `Không kết nối được với hàm Journey khi ${what} (${error instanceof Error ? error.message : String(error)}). Vui lòng kiểm tra JOURNEY_URL và thử lại sau.`,
    );
  }
  const admin = isAdminRoute(method, path);
  if (answer.status === 401) {
    throw new JourneyError(
      'unauthorized',
      admin
        ? `Hàm Journey không nhận danh tính Google của tài khoản ${accountName()} khi ${what} (${describeAnswer(answer)}). Vui lòng kiểm tra cấu hình triển khai có "appsScriptClientId" là mã OAuth client của dự án Apps Script này không (docs/deploy.md), rồi chạy lại npm run deploy.`
        : `Hàm Journey từ chối chữ ký khi ${what}. Vui lòng chọn menu Hành trình → Nhập khóa bí mật và nhập đúng khóa JOURNEY_SHARED_SECRET hiện hành của hàm.`,
    );
  }
  if (answer.status === 403 && admin) {
    throw new JourneyError(
      'forbidden_role',
      `Tài khoản ${accountName()} không có quyền quản trị để ${what} (${describeAnswer(answer)}). Việc này cần một tài khoản có trong danh sách quản trị viên của hàm (JOURNEY_ADMINS).`,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new JourneyError(
      'http_' + String(answer.status),
      `Hàm Journey không thực hiện được việc ${what} (${describeAnswer(answer)}).`,
    );
  }
  return answer;
}
