// The journey function on the embedded stack for integration tests: emulator, functions-framework test server, signed calls.
import { captureLog } from '../log-check/capture';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { StoreCounters } from '../../functions/src/adapters/firestore/store';
import { signedHeaders } from '../../functions/src/http/signature';
import type { Change, Store } from '../../functions/src/ports';
import { journeyRequest } from '../../functions/client/journey-client';
import type { EmbeddedFirestore } from '../../functions/dev/firestore';
import { startJourneyStack as startStack } from '../../functions/dev/stack';

export const SECRET = 'integration-test-secret-0123456789';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** How a test sends a request: signed as it is by default, or its exact bytes, extra headers, no signature. */
export interface CallOptions {
  raw?: string;
  headers?: Record<string, string>;
  unsigned?: boolean;
}

export interface JourneyStack {
  firestore: EmbeddedFirestore;
  counters: StoreCounters;
  changes: Change[];
  url: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options?: CallOptions,
  ): Promise<Answer<T>>;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * The function alone (no views: the changes they would be told of are recorded). `wrapStore` lets a test put a
 * decorator around the real store (e.g. to make storage unavailable); `clock` replaces the function's clock (signed
 * calls still need it near the real time); `publicUrl` is the base of journey-book links.
 */
export async function startJourneyStack(
  options: { wrapStore?: (store: Store) => Store; clock?: () => Date; publicUrl?: string } = {},
): Promise<JourneyStack> {
  const stack = await startStack({ ...options, secret: SECRET, log: captureLog });
  const { firestore, changes, url, store } = stack;
  return {
    firestore,
    counters: store.counters,
    changes,
    url,
    async call<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer<T>> {
      const raw = options.raw ?? (body === undefined ? '' : JSON.stringify(body));
      const headers: Record<string, string> = {
        'x-journey-caller': 'test',
        ...(options.unsigned ? {} : signedHeaders(SECRET, method, path, raw, new Date())),
        ...options.headers,
      };
      const answer = await journeyRequest<T>(url, { method, path, raw, headers });
      return { ...answer, headers: answer.headers ?? new Headers() };
    },
    reset() {
      firestore.clear();
      changes.length = 0;
      store.counters.reads = 0;
      store.counters.writes = 0;
    },
    stop: () => stack.stop(),
  };
}

/** Every entry of a listing (API.md "Listings"), page after page, following `X-Next-Cursor`. */
export async function listAll<T>(
  stack: Pick<JourneyStack, 'call'>,
  path: string,
  itemsOf: (body: unknown) => T[],
  limit = 1_000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `${path.includes('?') ? '&' : '?'}limit=${String(limit)}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const answer = await stack.call<unknown>('GET', path + query);
    expect(answer.status).toBe(200);
    items.push(...itemsOf(answer.body));
    cursor = answer.headers.get('x-next-cursor');
  } while (cursor !== null);
  return items;
}

/** An answer of API.md §Answers. */
export interface Outcome {
  status: string;
  id: string | null;
  errors: { field: string; code: string; message: string }[];
}

/**
 * One stack for a test file, cleared before each test with `config` in force (the usual year): returns a getter,
 * since the stack exists only once `beforeAll` ran.
 */
export function useJourneyStack(config: unknown): () => JourneyStack {
  let stack: JourneyStack | undefined;
  const current = (): JourneyStack => stack ?? expect.fail('the journey stack has not started');
  beforeAll(async () => {
    stack = await startJourneyStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(async () => {
    current().reset();
    const put = await current().call('PUT', `/v1/years/${String((config as { year: number }).year)}/config`, config);
    expect(put.status).toBe(200);
  });
  return current;
}
