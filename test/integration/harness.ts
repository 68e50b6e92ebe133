// The journey function on the embedded stack for integration tests: emulator, functions-framework test server, signed calls.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore, type StoreCounters } from '../../functions/src/adapters/firestore/store';
import type { AppContext } from '../../functions/src/app/context';
import { signedHeaders } from '../../functions/src/http/signature';
import { createJourneyFunction } from '../../functions/src/journey';
import type { Change, Store } from '../../functions/src/ports';
import { viewWorkFor } from '../../functions/src/views/work';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';

export const SECRET = 'integration-test-secret-0123456789';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
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
    options?: { raw?: string; headers?: Record<string, string>; unsigned?: boolean },
  ): Promise<Answer<T>>;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * `wrapStore` lets a test put a decorator around the real store (e.g. to make storage unavailable); `clock` replaces
 * the function's clock (signed calls still need it near the real time); `publicUrl` is the base of journey-book links.
 */
export async function startJourneyStack(
  options: { wrapStore?: (store: Store) => Store; clock?: () => Date; publicUrl?: string } = {},
): Promise<JourneyStack> {
  const firestore = await startEmbeddedFirestore();
  const store = createFirestoreStore(firestore.db);
  const changes: Change[] = [];
  const ctx: AppContext = {
    store: options.wrapStore ? options.wrapStore(store) : store,
    clock: options.clock ?? (() => new Date()),
    views: {
      workFor: viewWorkFor,
      changed: (c) => {
        changes.push(c);
        return Promise.resolve();
      },
    },
  };
  functions.http(
    'journey',
    createJourneyFunction(ctx, { secret: SECRET, publicUrl: options.publicUrl, log: () => undefined }),
  );
  const server = getTestServer('journey');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    firestore,
    counters: store.counters,
    changes,
    url,
    async call<T>(
      method: string,
      path: string,
      body?: unknown,
      options: { raw?: string; headers?: Record<string, string>; unsigned?: boolean } = {},
    ): Promise<Answer<T>> {
      const raw = options.raw ?? (body === undefined ? '' : JSON.stringify(body));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-journey-caller': 'test',
        ...(options.unsigned ? {} : signedHeaders(SECRET, method, path, raw, new Date())),
        ...options.headers,
      };
      const response = await fetch(url + path, { method, headers, ...(raw === '' ? {} : { body: raw }) });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as T, headers: response.headers };
    },
    reset() {
      firestore.clear();
      changes.length = 0;
      store.counters.reads = 0;
      store.counters.writes = 0;
    },
    async stop() {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await firestore.stop();
    },
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
