// UrlFetchApp fake: records each request and answers from a handler; `realHttp()` answers by a real HTTP call made synchronously.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { charge, countQuota } from './runtime';

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface FetchResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Answers a request, or throws to play a network error (DNS, timeout, connection refused). */
export type FetchHandler = (request: FetchRequest) => FetchResponse;

interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
}

export class FakeUrlFetchApp {
  readonly requests: FetchRequest[] = [];

  constructor(
    public handler: FetchHandler,
    /** Google APIs the script calls with its OAuth token (Sheets): answered here, never by `handler`. */
    private readonly googleApis: (request: FetchRequest) => FetchResponse | undefined = () => undefined,
  ) {}

  /** UrlFetchApp.fetchAll: the requests, answered in order (Apps Script sends them in parallel; one call, each counted). */
  fetchAll(requests: ReadonlyArray<FetchParams & { url: string }>): unknown[] {
    charge('fetchAll');
    charge('fetchAllPerRequest', requests.length);
    countQuota('urlFetch', requests.length);
    this.batches.push(requests.length);
    return requests.map(({ url, ...params }) => this.fetch(url, params));
  }

  /** How many requests each fetchAll call carried. */
  readonly batches: number[] = [];
  /** UrlFetchApp.fetch calls (one request each). */
  single = 0;

  fetch(url: string, params: FetchParams = {}): unknown {
    const headers: Record<string, string> = { ...(params.headers ?? {}) };
    if (params.contentType !== undefined) headers['Content-Type'] = params.contentType;
    if (params.payload !== undefined && typeof params.payload !== 'string')
      throw new Error('fake UrlFetchApp: payload must be a string');
    const request: FetchRequest = {
      url,
      method: (params.method ?? 'get').toUpperCase(),
      headers,
      body: params.payload ?? '',
    };
    const google = this.googleApis(request);
    if (!google) this.requests.push(request);
    const response = google ?? this.handler(request);
    if (!params.muteHttpExceptions && response.status >= 400) {
      throw new Error(
        `Exception: Request failed for ${url} returned code ${String(response.status)}. Truncated server response: ${response.body.slice(0, 100)}`,
      );
    }
    return {
      getResponseCode: () => response.status,
      getContentText: () => response.body,
      getHeaders: () => ({ ...(response.headers ?? {}) }),
      getAllHeaders: () => ({ ...(response.headers ?? {}) }),
    };
  }

  /** Test only: the JSON bodies sent to a path. */
  bodiesTo(path: string): unknown[] {
    return this.requests.filter((r) => new URL(r.url).pathname === path).map((r) => JSON.parse(r.body) as unknown);
  }

  global(): unknown {
    return {
      fetch: (url: string, params?: FetchParams) => {
        charge('urlFetch');
        countQuota('urlFetch');
        this.single++;
        return this.fetch(url, params);
      },
      fetchAll: (requests: ReadonlyArray<FetchParams & { url: string }>) => this.fetchAll(requests),
    };
  }
}

/** Runs in a worker thread: performs each fetch, posts the answer on the request's port, then wakes the waiting caller. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ request, shared, port }) => {
  const flag = new Int32Array(shared);
  try {
    const init = { method: request.method, headers: request.headers, redirect: 'manual' };
    if (request.method !== 'GET' && request.method !== 'HEAD') init.body = request.body;
    const response = await fetch(request.url, init);
    const body = await response.text();
    port.postMessage({ status: response.status, body, headers: Object.fromEntries(response.headers) });
  } catch (error) {
    port.postMessage({ error: String(error && error.cause ? error.cause.message || error.cause : error) });
  }
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

let worker: Worker | undefined;

function fetchWorker(): Worker {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
  }
  return worker;
}

/**
 * A handler that performs the request over real HTTP and waits for the answer: UrlFetchApp is synchronous and a vm
 * sandbox cannot await, so a worker thread makes the call while this thread blocks on Atomics.wait. The server must
 * not run on the caller's event loop (it is blocked while waiting): run it in another process (see server-process.ts)
 * or a worker thread.
 */
export function realHttp(timeoutMs = 20_000): FetchHandler {
  return (request) => {
    const shared = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    fetchWorker().postMessage({ request, shared, port: port2 }, [port2]);
    const woke = Atomics.wait(new Int32Array(shared), 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1);
    port1.close();
    if (woke === 'timed-out' || !message) throw new Error(`Exception: Timeout: ${request.url}`);
    const answer = message.message as FetchResponse & { error?: string };
    if (answer.error !== undefined) throw new Error(`Exception: Address unavailable: ${request.url} (${answer.error})`);
    return answer;
  };
}
