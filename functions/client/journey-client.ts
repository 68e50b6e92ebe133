// The signed HTTP client of the journey function (API.md §Signing): used by the CLI, the local stack's demo, the tests and the benchmarks.
import { signedHeaders } from '../src/http/signature';

export interface JourneyAnswer<T = unknown> {
  status: number;
  body: T;
  /** The answer's headers (a listing's next page is in `x-next-cursor`). */
  headers?: Headers;
}

export type JourneySend = <T = unknown>(method: string, path: string, body?: unknown) => Promise<JourneyAnswer<T>>;

/** The secret `npm start` uses when JOURNEY_SHARED_SECRET is not set, and the CLI's default to reach it. Local only: production has no default. */
export const LOCAL_SECRET = 'local-dev-secret-hanh-trinh-2019';

export interface JourneyRequest {
  method: string;
  /** Path with its query string, as signed. */
  path: string;
  /** The exact bytes sent ('' for none). */
  raw: string;
  headers: Record<string, string>;
}

/** Sends one request as it is (signed or not) and reads the answer: JSON as parsed, anything else (an HTML page) as text. */
export async function journeyRequest<T>(baseUrl: string, request: JourneyRequest): Promise<JourneyAnswer<T>> {
  const response = await fetch(baseUrl.replace(/\/+$/, '') + request.path, {
    method: request.method,
    headers: { 'content-type': 'application/json', ...request.headers },
    ...(request.raw === '' ? {} : { body: request.raw }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: returned as text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/**
 * Signs each request with the shared secret over the exact bytes sent (a string body is sent as it is, anything else
 * as JSON). `now` is the clock the signature is made with: a test that moves the function's clock moves it too.
 */
export function createJourneyClient(
  baseUrl: string,
  secret: string,
  caller = 'cli',
  now: () => Date = () => new Date(),
): JourneySend {
  return <T>(method: string, path: string, body?: unknown): Promise<JourneyAnswer<T>> => {
    const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return journeyRequest<T>(baseUrl, {
      method,
      path,
      raw,
      headers: { 'x-journey-caller': caller, ...signedHeaders(secret, method, path, raw, now()) },
    });
  };
}
