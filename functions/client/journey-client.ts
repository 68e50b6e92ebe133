// The signed HTTP client of the journey function (API.md §Signing, "Roles"): used by the CLI, the local stack's demo, the tests and the benchmarks.
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

export interface ClientOptions {
  /** The clock the signature is made with: a test that moves the function's clock moves it too. */
  now?: () => Date;
  /** The Google ID token each request carries as `Authorization: Bearer` (API.md "Roles": `admin` routes take it). */
  bearer?: () => Promise<string | null>;
}

/**
 * Signs each request with the shared secret over the exact bytes sent (a string body is sent as it is, anything else
 * as JSON); no signature when `secret` is null. With `bearer`, adds the administrator's Google ID token it gives.
 */
export function createJourneyClient(
  baseUrl: string,
  secret: string | null,
  caller = 'cli',
  options: ClientOptions = {},
): JourneySend {
  const now = options.now ?? (() => new Date());
  return async <T>(method: string, path: string, body?: unknown): Promise<JourneyAnswer<T>> => {
    const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const token = options.bearer ? await options.bearer() : null;
    return journeyRequest<T>(baseUrl, {
      method,
      path,
      raw,
      headers: {
        'x-journey-caller': caller,
        ...(secret === null ? {} : signedHeaders(secret, method, path, raw, now())),
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
    });
  };
}
