// A signed HTTP client for the journey function: used by the CLI, the demo seed and the benchmark.
import { signedHeaders } from '../src/http/signature';

export interface JourneyAnswer<T = unknown> {
  status: number;
  body: T;
  /** The answer's headers (a listing's next page is in `x-next-cursor`). */
  headers?: Headers;
}

export type JourneySend = <T = unknown>(method: string, path: string, body?: unknown) => Promise<JourneyAnswer<T>>;

/**
 * Signs each request with the shared secret over the exact bytes sent (no signature when `secret` is null); with
 * `bearer`, adds `Authorization: Bearer` + the Google ID token it gives, which `admin` routes take (API.md "Roles").
 */
export function createJourneyClient(
  baseUrl: string,
  secret: string | null,
  caller = 'cli',
  bearer?: () => Promise<string | null>,
): JourneySend {
  const base = baseUrl.replace(/\/+$/, '');
  return async <T>(method: string, path: string, body?: unknown): Promise<JourneyAnswer<T>> => {
    const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const token = bearer === undefined ? null : await bearer();
    const response = await fetch(base + path, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-journey-caller': caller,
        ...(secret === null ? {} : signedHeaders(secret, method, path, raw, new Date())),
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(raw === '' ? {} : { body: raw }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON answers (HTML pages) are returned as text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
}

/** The secret `npm start` uses when JOURNEY_SHARED_SECRET is not set. Local only: production has no default. */
export const LOCAL_SECRET = 'local-dev-secret-hanh-trinh-2019';
