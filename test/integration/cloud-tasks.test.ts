// Production pacing through Cloud Tasks: named tasks per spreadsheet and second, signed callbacks that write the sheets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTasksScheduler } from '../../functions/src/adapters/tasks/cloud-tasks';
import { FLUSH_PATH } from '../../functions/src/http/sheets-routes';
import { signedHeaders } from '../../functions/src/http/signature';
import { CONFIG, YEAR, evidence, registration } from './fixtures';
import { SECRET } from './harness';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

const QUEUE = 'projects/hanh-trinh/locations/asia-southeast1/queues/sheets';

interface Task {
  name: string;
  scheduleTime: string;
  httpRequest: { url: string; httpMethod: string; headers: Record<string, string>; body: string };
}

/** A fake of the Cloud Tasks REST API's task creation: 409 for a name it has seen, as Google answers. */
function fakeCloudTasks(): Promise<{ url: string; tasks: Task[]; authorizations: string[]; server: Server; latency: { ms: number } }> {
  const tasks: Task[] = [];
  const latency = { ms: 0 };
  const creating = new Set<string>();
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      authorizations.push(req.headers.authorization ?? '');
      if (req.method !== 'POST' || req.url !== `/v2/${QUEUE}/tasks`) {
        res.writeHead(404).end();
        return;
      }
      const { task } = JSON.parse(raw) as { task: Task };
      if (creating.has(task.name) || tasks.some((t) => t.name === task.name)) {
        res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 409, status: 'ALREADY_EXISTS' } }));
        return;
      }
      creating.add(task.name);
      // The task is visible once Cloud Tasks answers; a slow answer shows whether the function waits for it.
      setTimeout(() => {
        creating.delete(task.name);
        tasks.push(task);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(task));
      }, latency.ms);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, tasks, authorizations, server, latency });
    });
  });
}

let fake: Awaited<ReturnType<typeof fakeCloudTasks>>;
let stack: ViewsStack;

beforeAll(async () => {
  fake = await fakeCloudTasks();
  stack = await startViewsStack({
    scheduler: () =>
      cloudTasksScheduler({ queue: QUEUE, callbackUrl: `https://journey.example.run.app${FLUSH_PATH}`, callbackHeaders: (body, at) => signedHeaders(SECRET, 'POST', FLUSH_PATH, body, at), accessToken: () => Promise.resolve('token-123'), rootUrl: fake.url, log: () => undefined }),
  });
  await stack.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
  // The spreadsheets exist before the burst (a sync builds them in the request itself).
  expect((await stack.send('POST', `/v1/years/${YEAR}/sync`)).status).toBe(200);
});

afterAll(async () => {
  await stack.stop();
  await new Promise<void>((resolve) => fake.server.close(() => { resolve(); }));
});

/** Delivers a task as Cloud Tasks would: the stored method, headers and body, to the function. */
async function dispatch(task: Task): Promise<number> {
  const path = new URL(task.httpRequest.url).pathname;
  const response = await fetch(stack.url + path, {
    method: task.httpRequest.httpMethod,
    headers: task.httpRequest.headers,
    body: Buffer.from(task.httpRequest.body, 'base64').toString(),
  });
  return response.status;
}

describe('Cloud Tasks pacing', () => {
  it('makes at most one task per spreadsheet and second, however many submissions ask', async () => {
    fake.tasks.length = 0;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((x) => stack.send('POST', '/v1/registrations', registration({ email: `${x}.burst@example.vn`, fullName: `Đoàn viên ${x}` }))),
    );
    await stack.views.idle();
    const master = fake.tasks.filter((t) => t.name.includes('/tasks/flush-'));
    const seconds = new Set(master.map((t) => t.scheduleTime));
    expect(master.length).toBe(seconds.size);
    expect(master.length).toBeLessThanOrEqual(2);
    for (const task of master) {
      expect(task.name.startsWith(`${QUEUE}/tasks/flush-`)).toBe(true);
      expect(task.httpRequest.url).toBe('https://journey.example.run.app/v1/internal/flush');
      expect(task.httpRequest.headers['X-Journey-Signature']).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(JSON.parse(Buffer.from(task.httpRequest.body, 'base64').toString())).toEqual({ spreadsheet: { kind: 'master', year: YEAR }, full: false });
    }
    expect(fake.authorizations.every((a) => a === 'Bearer token-123')).toBe(true);
  });

  it('writes the stored rows when Cloud Tasks calls back, and nothing before', async () => {
    fake.tasks.length = 0;
    const answer = await stack.send<{ id: string }>('POST', '/v1/registrations', registration({ email: 'tasks.member@example.vn', fullName: 'Phạm Thị Thu' }));
    await stack.send('POST', '/v1/evidence', evidence({ email: 'tasks.member@example.vn' }));
    await stack.views.idle();
    const master = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
    if (!master) throw new Error('no master');
    const members = (): unknown[] => tabValues(master, 'Kết quả').map((r) => r[0]);
    expect(members()).not.toContain(answer.body.id);
    const statuses = await Promise.all(fake.tasks.map((task) => dispatch(task)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(members()).toContain(answer.body.id);
    expect(await stack.store.listViewWork(null, 100)).toEqual([]);
  });

  it('answers a submission only once its task exists (Cloud Run throttles the CPU after the answer)', async () => {
    fake.tasks.length = 0;
    fake.latency.ms = 400;
    try {
      const answer = await stack.send('POST', '/v1/registrations', registration({ email: 'awaited.task@example.vn', fullName: 'Võ Thị Hằng' }));
      expect(answer.status).toBe(200);
      // No idle(): what exists at the moment of the answer.
      expect(fake.tasks.filter((t) => t.name.includes('/tasks/flush-'))).toHaveLength(1);
    } finally {
      fake.latency.ms = 0;
    }
  });

  it.each(['constructor', '__proto__', 'toString', 'CAP_UY:../x'])('refuses a callback for queue %j with reasons, never a 500', async (queue) => {
    const body = JSON.stringify({ spreadsheet: { kind: 'queue', year: YEAR, queue }, full: true });
    const response = await fetch(`${stack.url}${FLUSH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, 'POST', FLUSH_PATH, body, new Date()) },
      body,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('spreadsheet.queue');
  });

  it('refuses an unsigned callback', async () => {
    const response = await fetch(`${stack.url}/v1/internal/flush`, { method: 'POST', body: JSON.stringify({ spreadsheet: { kind: 'master', year: YEAR } }) });
    expect(response.status).toBe(401);
  });
});
