// The signed HTTP client for the Journey function: one UrlFetchApp call per attempt, status always checked by the caller.
import { JourneyError } from './errors';
import type { Settings } from './settings';
import { signingHeaders } from './signing';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

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
  const response = UrlFetchApp.fetch(settings.baseUrl + path, fetchParams(settings, method, path, body));
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
    requests.map((r) => ({ url: settings.baseUrl + r.path, ...fetchParams(settings, r.method, r.path, r.body) })),
  );
  return responses.map((response) => {
    const text = response.getContentText('UTF-8');
    return { status: response.getResponseCode(), text, json: parseJson(text) };
  });
}

function fetchParams(
  settings: Settings,
  method: HttpMethod,
  path: string,
  body: string,
): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers: signingHeaders(settings.secret, method, path, body, Date.now()),
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (method !== 'GET') {
    params.contentType = 'application/json; charset=utf-8';
    params.payload = body;
  }
  return params;
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
    throw new JourneyError(
      'network',
      `Không kết nối được với hàm Journey khi ${what} (${error instanceof Error ? error.message : String(error)}). Vui lòng kiểm tra JOURNEY_URL và thử lại sau.`,
    );
  }
  if (answer.status === 401) {
    throw new JourneyError(
      'unauthorized',
      `Hàm Journey từ chối chữ ký khi ${what}. Vui lòng kiểm tra JOURNEY_SECRET có giống khóa JOURNEY_SHARED_SECRET của hàm không.`,
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
