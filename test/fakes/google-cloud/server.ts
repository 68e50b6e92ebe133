// A local fake of Google Cloud's REST APIs for the real gcloud: every API the deploy calls, answering as Google does
// (operations, 404 for what is missing, 409 for what exists), recording each request. gcloud reaches it through its
// endpoint overrides (CLOUDSDK_API_ENDPOINT_OVERRIDES_<API>=http://<api>.googleapis.test/) and its proxy settings, so
// that regional endpoints (`asia-southeast1-run.googleapis.test`) reach it too; nothing can go to Google.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudFunctions } from './apis/cloud-functions';
import { cloudRun } from './apis/cloud-run';
import { cloudScheduler } from './apis/cloud-scheduler';
import { cloudTasks } from './apis/cloud-tasks';
import { firebaseRules } from './apis/firebase-rules';
import { firestoreAdmin } from './apis/firestore-admin';
import { iam } from './apis/iam';
import { resourceManager } from './apis/resource-manager';
import { secretManager } from './apis/secret-manager';
import { serviceUsage } from './apis/service-usage';
import { googleError, type FakeAnswer, type FakeContext, type FakeRequest, type Handler } from './http';
import type { FakeProject } from './project';

/** gcloud's API names (the <API> of its endpoint overrides) and the fake of each. */
const HANDLERS: Record<string, Handler> = {
  cloudresourcemanager: resourceManager,
  serviceusage: serviceUsage,
  iam,
  secretmanager: secretManager,
  firestore: firestoreAdmin,
  cloudtasks: cloudTasks,
  cloudscheduler: cloudScheduler,
  cloudfunctions: cloudFunctions,
  run: cloudRun,
  firebaserules: firebaseRules,
};

/** One request as received, for the tests to assert on. */
export interface Recorded {
  method: string;
  api: string;
  region: string | undefined;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** What the fake answered. */
  answer: unknown;
}

export interface GoogleCloudFake {
  project: FakeProject;
  /** Every request, in order of arrival. */
  requests: Recorded[];
  /** The source archives gcloud uploaded to the signed URLs, in order. */
  uploads: Buffer[];
  /** Requests no fake API answered (a test fails on any). */
  unhandled: string[];
  /** Answers the next request matching `method` and `path` with `answer` instead (e.g. a failure), `times` times. */
  intercept(method: string, path: RegExp, answer: FakeAnswer, times?: number): void;
  /** Answers the next such request with a long-running operation that failed (gcloud polls it and reports its error). */
  failOperation(method: string, path: RegExp, parent: string, code: number, message: string): void;
  /** The environment that points the real gcloud (and the deploy's own calls) at this fake, with a configuration of its own. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const TEST_DOMAIN = 'googleapis.test';
const REGIONAL = /^([a-z]+-[a-z]+\d+)-(.+)$/;

function parse(incoming: IncomingMessage, raw: Buffer): Omit<FakeRequest, 'body'> & { body: unknown } {
  const absolute = incoming.url?.startsWith('http://') ?? false;
  const url = new URL(incoming.url ?? '/', absolute ? undefined : `http://${incoming.headers.host ?? 'localhost'}`);
  let api: string;
  let region: string | undefined;
  let path = url.pathname;
  if (url.hostname.endsWith(`.${TEST_DOMAIN}`)) {
    const name = url.hostname.slice(0, -TEST_DOMAIN.length - 1);
    const regional = REGIONAL.exec(name);
    api = regional?.[2] ?? name;
    region = regional?.[1];
  } else {
    // Direct calls (the deploy's own fetch, which uses no proxy): the API is the first path segment.
    const [, first = '', ...rest] = url.pathname.split('/');
    api = first;
    path = `/${rest.join('/')}`;
  }
  let body: unknown;
  try {
    body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  return {
    method: incoming.method ?? 'GET',
    api,
    region,
    path,
    query: url.searchParams,
    headers: incoming.headers,
    raw,
    body,
  };
}

export async function startGoogleCloudFake(project: FakeProject): Promise<GoogleCloudFake> {
  const requests: Recorded[] = [];
  const uploads: Buffer[] = [];
  const unhandled: string[] = [];
  const operations = new Map<string, Record<string, unknown>>();
  const intercepts: { method: string; path: RegExp; answer: FakeAnswer; times: number }[] = [];
  let sequence = 0;

  const context: FakeContext = {
    project,
    operation(parent, response, metadata) {
      sequence += 1;
      const operation = {
        name: `${parent}/operation-${String(sequence)}`,
        done: true,
        response,
        ...(metadata === undefined ? {} : { metadata }),
      };
      operations.set(operation.name, operation);
      return operation;
    },
    runningOperation(parent, metadata) {
      sequence += 1;
      const operation = { name: `${parent}/operation-${String(sequence)}`, metadata };
      operations.set(operation.name, operation);
      return operation;
    },
    failedOperation(parent, code, message) {
      sequence += 1;
      const operation = { name: `${parent}/operation-${String(sequence)}`, done: true, error: { code, message } };
      operations.set(operation.name, operation);
      return operation;
    },
    uploadUrl: (object) => `http://storage.${TEST_DOMAIN}/upload/${object}?X-Goog-Signature=fake`,
    now: () => new Date().toISOString(),
  };

  function answer(request: FakeRequest): FakeAnswer {
    const intercept = intercepts.find((i) => i.times > 0 && i.method === request.method && i.path.test(request.path));
    if (intercept) {
      intercept.times -= 1;
      return intercept.answer;
    }
    if (request.api === 'storage' && request.method === 'PUT' && request.path.startsWith('/upload/')) {
      if (request.headers['content-type'] !== 'application/zip')
        return googleError(400, 'signed for content-type application/zip');
      uploads.push(request.raw);
      return { status: 200, json: {} };
    }
    // gcloud polls every long-running operation by its name, whatever the API.
    const polled = /^\/v\d+\/(.*\/?operations\/.+)$/.exec(request.path);
    if (request.method === 'GET' && polled) {
      const operation = operations.get(polled[1] ?? '');
      if (operation) return { status: 200, json: operation };
    }
    const handler = HANDLERS[request.api];
    const handled = handler?.(request, context);
    if (handled) return handled;
    unhandled.push(`${request.method} ${request.api}${request.region ? ` (${request.region})` : ''} ${request.path}`);
    return googleError(
      501,
      `the fake of Google Cloud does not know ${request.method} ${request.api} ${request.path}`,
      'UNIMPLEMENTED',
    );
  }

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = parse(incoming, Buffer.concat(chunks));
      const result = answer(request);
      requests.push({
        method: request.method,
        api: request.api,
        region: request.region,
        path: request.path,
        query: Object.fromEntries(request.query),
        body: request.body,
        status: result.status,
        answer: result.json,
      });
      response.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(result.json ?? {}));
    });
  });
  // gcloud opens a tunnel for an https endpoint nobody overrode: refused and noted, so no call can leave the machine.
  server.on('connect', (request: IncomingMessage, socket: import('node:net').Socket) => {
    unhandled.push(`CONNECT ${request.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const config = mkdtempSync(join(tmpdir(), 'journey-gcloud-config-'));
  const tokenFile = join(config, 'access-token');
  writeFileSync(tokenFile, 'ya29.fake-access-token');
  const overrides = Object.fromEntries(
    Object.keys(HANDLERS).map((api) => [
      `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api.toUpperCase()}`,
      `http://${api}.${TEST_DOMAIN}/`,
    ]),
  );
  const env: Record<string, string> = {
    CLOUDSDK_CONFIG: config,
    CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: tokenFile,
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_PROXY_TYPE: 'http',
    CLOUDSDK_PROXY_ADDRESS: '127.0.0.1',
    CLOUDSDK_PROXY_PORT: String(port),
    ...overrides,
    // The deploy's own calls (the Rules API) use Node's fetch, which takes no proxy: straight to the fake.
    CLOUDSDK_API_ENDPOINT_OVERRIDES_FIREBASERULES: `http://127.0.0.1:${String(port)}/firebaserules/`,
  };

  return {
    project,
    requests,
    uploads,
    unhandled,
    intercept(method, path, result, times = 1) {
      intercepts.push({ method, path, answer: result, times });
    },
    failOperation(method, path, parent, code, message) {
      intercepts.push({
        method,
        path,
        answer: { status: 200, json: context.failedOperation(parent, code, message) },
        times: 1,
      });
    },
    env,
    async close() {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeAllConnections();
      rmSync(config, { recursive: true, force: true });
    },
  };
}
