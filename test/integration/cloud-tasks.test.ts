// Production pacing through Cloud Tasks: named tasks per spreadsheet and second, callbacks with an OIDC token minted at dispatch that write the sheets.
import { captureLog } from '../log-check/capture';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleOidcInvoker } from '../../functions/src/adapters/identity/google-oidc';
import { inboxKeyFor } from '../../functions/src/app/ids';
import { cloudTasksScheduler } from '../../functions/src/adapters/tasks/cloud-tasks';
import { cloudTasksMailScheduler } from '../../functions/src/adapters/tasks/mail-tasks';
import { MAIL_DRAIN_PATH } from '../../functions/src/http/mail-routes';
import { FLUSH_PATH, RESUME_PATH } from '../../functions/src/http/sheets-routes';
import { signedHeaders } from '../../functions/src/http/signature';
import { testIdentityIssuer } from '../fakes/google-identity';
import { CONFIG, YEAR, evidence, registration } from './fixtures';
import { SECRET } from './harness';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

const QUEUE = 'projects/hanh-trinh/locations/asia-southeast1/queues/sheets';
const FUNCTION_URL = 'https://journey.example.run.app';
const INVOKER = 'journey-invoker@hanh-trinh.iam.gserviceaccount.com';
const HOUR = 3600 * 1000;

interface Task {
  name: string;
  scheduleTime: string;
  httpRequest: {
    url: string;
    httpMethod: string;
    headers: Record<string, string>;
    body: string;
    oidcToken?: { serviceAccountEmail: string; audience: string };
  };
}

/** Google's token service, with a key of the test's own: the function is given its certificates. */
const google = testIdentityIssuer();
/** The function's clock (and the queue's), moved by the tests that let an hour pass; Google mints at real time. */
let offset = 0;
const clock = (): Date => new Date(Date.now() + offset);

/** A fake of the Cloud Tasks REST API's task creation: 409 for a name it has seen, as Google answers. */
function fakeCloudTasks(): Promise<{
  url: string;
  tasks: Task[];
  authorizations: string[];
  server: Server;
  latency: { ms: number };
}> {
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
        res
          .writeHead(409, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 409, status: 'ALREADY_EXISTS' } }));
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
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        tasks,
        authorizations,
        server,
        latency,
      });
    });
  });
}

let fake: Awaited<ReturnType<typeof fakeCloudTasks>>;
let stack: ViewsStack;

beforeAll(async () => {
  fake = await fakeCloudTasks();
  stack = await startViewsStack({
    clock,
    invoker: googleOidcInvoker({
      audience: FUNCTION_URL,
      serviceAccount: INVOKER,
      certs: () => Promise.resolve(google.certs),
    }),
    scheduler: () =>
      cloudTasksScheduler({
        queue: QUEUE,
        callbackUrl: `${FUNCTION_URL}${FLUSH_PATH}`,
        invoker: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
        accessToken: () => Promise.resolve('token-123'),
        rootUrl: fake.url,
        now: clock,
        log: captureLog,
      }),
  });
  await stack.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
  // The spreadsheets exist before the burst: a sync schedules their rebuild, and its tasks are dispatched one at a
  // time, as the queue (max concurrent dispatches 1) sends them.
  fake.tasks.length = 0;
  expect((await stack.send('POST', `/v1/years/${YEAR}/sync`)).status).toBe(200);
  for (const task of fake.tasks.filter((t) => taskBody(t).includes('"syncIds"')))
    expect(await dispatch(task)).toBe(200);
});

afterAll(async () => {
  await stack.stop();
  await new Promise<void>((resolve) =>
    fake.server.close(() => {
      resolve();
    }),
  );
});

/** Sends `body` to the function with the headers given, and nothing else. */
async function post(path: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(stack.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const taskBody = (task: Task): string => Buffer.from(task.httpRequest.body, 'base64').toString();

/**
 * Delivers a task as Cloud Tasks would: the stored method, headers and body, and, when the task names an OIDC
 * identity, a token Google mints for it at that moment.
 */
async function dispatch(task: Task): Promise<number> {
  const path = new URL(task.httpRequest.url).pathname;
  const identity = task.httpRequest.oidcToken;
  const response = await fetch(stack.url + path, {
    method: task.httpRequest.httpMethod,
    headers: {
      ...task.httpRequest.headers,
      ...(identity
        ? { authorization: `Bearer ${google.mint({ aud: identity.audience, email: identity.serviceAccountEmail })}` }
        : {}),
    },
    body: taskBody(task),
  });
  return response.status;
}

/** The master spreadsheet's Kết quả: the member ids it shows. */
function membersShown(): unknown[] {
  const master = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
  if (!master) throw new Error('no master');
  return tabValues(master, 'Kết quả').map((r) => r[0]);
}

/** The master spreadsheet's flush task among those created since `fake.tasks` was last emptied. */
function masterTask(): Task {
  const task = fake.tasks.find(
    (t) => (JSON.parse(taskBody(t)) as { spreadsheet: { kind: string } }).spreadsheet.kind === 'master',
  );
  if (!task) throw new Error('no task for the master spreadsheet');
  return task;
}

/**
 * A registration sent, and its task created, with the function's clock an hour behind (time T); then the clock is
 * moved on by that hour, and the task waits to be dispatched at T + 1 h.
 */
async function taskMadeAnHourAgo(email: string): Promise<{ task: Task; memberId: string; madeAt: Date }> {
  fake.tasks.length = 0;
  offset = -HOUR;
  try {
    const madeAt = clock();
    const raw = JSON.stringify(registration({ email, fullName: 'Lê Văn Bình' }));
    const answer = await post(
      '/v1/registrations',
      raw,
      signedHeaders(SECRET, 'POST', '/v1/registrations', raw, madeAt),
    );
    expect(answer.status).toBe(200);
    const { id } = (await answer.json()) as { id: string };
    return { task: masterTask(), memberId: id, madeAt };
  } finally {
    offset = 0;
  }
}

describe('Cloud Tasks pacing', () => {
  it('makes at most one task per spreadsheet and second, however many submissions ask', async () => {
    fake.tasks.length = 0;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((x) =>
        stack.send(
          'POST',
          '/v1/registrations',
          registration({ email: `${x}.burst@example.vn`, fullName: `Đoàn viên ${x}` }),
        ),
      ),
    );
    await stack.views.idle();
    const master = fake.tasks.filter((t) => t.name.includes('/tasks/flush-'));
    const seconds = new Set(master.map((t) => t.scheduleTime));
    expect(master.length).toBe(seconds.size);
    expect(master.length).toBeLessThanOrEqual(2);
    for (const task of master) {
      expect(task.name.startsWith(`${QUEUE}/tasks/flush-`)).toBe(true);
      expect(task.httpRequest.url).toBe('https://journey.example.run.app/v1/internal/flush');
      // Who the callback is comes from Cloud Tasks at dispatch, not from a signature that ages in the queue.
      expect(task.httpRequest.oidcToken).toEqual({ serviceAccountEmail: INVOKER, audience: FUNCTION_URL });
      expect(Object.keys(task.httpRequest.headers).map((h) => h.toLowerCase())).not.toContain('x-journey-signature');
      expect(JSON.parse(Buffer.from(task.httpRequest.body, 'base64').toString())).toEqual({
        spreadsheet: { kind: 'master', year: YEAR },
        full: false,
      });
    }
    expect(fake.authorizations.every((a) => a === 'Bearer token-123')).toBe(true);
  });

  it('writes the stored rows when Cloud Tasks calls back, and nothing before', async () => {
    fake.tasks.length = 0;
    const answer = await stack.send<{ id: string }>(
      'POST',
      '/v1/registrations',
      registration({ email: 'tasks.member@example.vn', fullName: 'Phạm Thị Thu' }),
    );
    await stack.send('POST', '/v1/evidence', evidence({ email: 'tasks.member@example.vn' }));
    await stack.views.idle();
    expect(membersShown()).not.toContain(answer.body.id);
    const statuses = await Promise.all(fake.tasks.map((task) => dispatch(task)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(membersShown()).toContain(answer.body.id);
    expect(await stack.store.listViewWork(null, 100)).toEqual([]);
  });

  it('answers a submission only once its task exists (Cloud Run throttles the CPU after the answer)', async () => {
    fake.tasks.length = 0;
    fake.latency.ms = 400;
    try {
      const answer = await stack.send(
        'POST',
        '/v1/registrations',
        registration({ email: 'awaited.task@example.vn', fullName: 'Võ Thị Hằng' }),
      );
      expect(answer.status).toBe(200);
      // No idle(): what exists at the moment of the answer.
      expect(fake.tasks.filter((t) => t.name.includes('/tasks/flush-'))).toHaveLength(1);
    } finally {
      fake.latency.ms = 0;
    }
  });

  it.each(['constructor', '__proto__', 'toString', 'CAP_UY:../x'])(
    'refuses a callback for queue %j with reasons, never a 500',
    async (queue) => {
      const body = JSON.stringify({ spreadsheet: { kind: 'queue', year: YEAR, queue }, full: true });
      const response = await post(FLUSH_PATH, body, signedHeaders(SECRET, 'POST', FLUSH_PATH, body, new Date()));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('spreadsheet.queue');
    },
  );

  it('refuses an unsigned callback', async () => {
    const response = await fetch(`${stack.url}/v1/internal/flush`, {
      method: 'POST',
      body: JSON.stringify({ spreadsheet: { kind: 'master', year: YEAR } }),
    });
    expect(response.status).toBe(401);
  });
});

describe('a task dispatched an hour after it was created', () => {
  it('is let in by the token Cloud Tasks mints at dispatch, and writes the sheet', async () => {
    const { task, memberId, madeAt } = await taskMadeAnHourAgo('late.task@example.vn');
    expect(Math.abs(Date.parse(task.scheduleTime) - madeAt.getTime())).toBeLessThan(2_000);
    expect(clock().getTime() - madeAt.getTime()).toBeGreaterThanOrEqual(HOUR);
    expect(membersShown()).not.toContain(memberId);
    expect(await dispatch(task)).toBe(200);
    expect(membersShown()).toContain(memberId);
    expect(await stack.store.listViewWork({ kind: 'master', year: YEAR }, 100)).toEqual([]);
  });

  it('was refused 401 when it carried a signature made at its creation (the defect this replaces), and nothing was written', async () => {
    const { task, memberId, madeAt } = await taskMadeAnHourAgo('signed.task@example.vn');
    const body = taskBody(task);
    const answer = await post(FLUSH_PATH, body, {
      ...task.httpRequest.headers,
      ...signedHeaders(SECRET, 'POST', FLUSH_PATH, body, madeAt),
    });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual([
      'unauthorized',
    ]);
    expect(membersShown()).not.toContain(memberId);
    expect((await stack.store.listViewWork({ kind: 'master', year: YEAR }, 100)).length).toBeGreaterThan(0);
    // The same task, as Cloud Tasks really sends it, gets in and leaves nothing behind.
    expect(await dispatch(task)).toBe(200);
    expect(membersShown()).toContain(memberId);
  });
});

describe('who may call which route', () => {
  const flushBody = JSON.stringify({ spreadsheet: { kind: 'master', year: YEAR }, full: false });
  const token = (claims: Record<string, unknown> = {}, options: Parameters<typeof google.mint>[1] = {}): string =>
    `Bearer ${google.mint({ aud: FUNCTION_URL, email: INVOKER, ...claims }, options)}`;

  it.each<[string, () => string]>([
    ['another audience', () => token({ aud: 'https://other.example.run.app' })],
    ['another service account', () => token({ email: 'intruder@hanh-trinh.iam.gserviceaccount.com' })],
    ['an expired token', () => token({}, { now: new Date(Date.now() - 2 * HOUR) })],
    ['a signature by a key Google does not list', () => token({}, { key: google.strangerKey })],
    ['alg none', () => token({}, { header: { alg: 'none' } })],
  ])('refuses a callback whose token has %s: 401 in the API’s shape', async (_what, authorization) => {
    const answer = await post(FLUSH_PATH, flushBody, { authorization: authorization() });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({
      status: 'refused',
      id: null,
      errors: [{ field: 'body', code: 'unauthorized', message: expect.stringContaining('chữ ký') as unknown }],
    });
  });

  it.each<[string, string, string]>([
    [
      'a registration',
      '/v1/registrations',
      JSON.stringify(registration({ responseId: 'token-only', email: 'token.only@example.vn' })),
    ],
    ['a sync', `/v1/years/${YEAR}/sync`, ''],
    ['a plan', `/v1/years/${YEAR}/config`, JSON.stringify(CONFIG)],
  ])(
    'refuses %s carrying a valid invoker token but no signature: public routes take the signature only',
    async (_what, path, body) => {
      const answer = await post(path, body, { authorization: token() });
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual([
        'unauthorized',
      ]);
    },
  );

  it('stores nothing from a registration that only carries an invoker token', async () => {
    const body = JSON.stringify(registration({ responseId: 'token-only-stored', email: 'token.stored@example.vn' }));
    const key = inboxKeyFor('registration', 'token-only-stored');
    expect((await post('/v1/registrations', body, { authorization: token() })).status).toBe(401);
    expect(await stack.store.getInbox(key)).toBeUndefined();
    // The same body, signed, is stored under that key: the check above looked in the right place.
    expect(
      (await post('/v1/registrations', body, signedHeaders(SECRET, 'POST', '/v1/registrations', body, new Date())))
        .status,
    ).toBe(200);
    expect((await stack.store.getInbox(key))?.status).toBe('accepted');
  });

  it('schedules the stored work of every spreadsheet when Cloud Scheduler calls resume with its token', async () => {
    await stack.send(
      'POST',
      '/v1/registrations',
      registration({ email: 'resume.member@example.vn', fullName: 'Trần Thị Mai' }),
    );
    const pending = new Set((await stack.store.listViewWork(null, 1000)).map((w) => JSON.stringify(w.spreadsheet)));
    expect(pending.size).toBeGreaterThan(0);
    fake.tasks.length = 0;
    const answer = await post(RESUME_PATH, '', { authorization: token() });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'accepted', spreadsheets: pending.size });
    expect(
      new Set(fake.tasks.map((t) => JSON.stringify((JSON.parse(taskBody(t)) as { spreadsheet: unknown }).spreadsheet))),
    ).toEqual(pending);
  });

  it('takes the signature on internal routes too (npm start and the CLI), and refuses neither', async () => {
    expect((await post(RESUME_PATH, '', signedHeaders(SECRET, 'POST', RESUME_PATH, '', new Date()))).status).toBe(200);
    expect((await post(RESUME_PATH, '', {})).status).toBe(401);
  });
});

describe('a sync run through Cloud Tasks', () => {
  interface SyncAnswer {
    status: string;
    spreadsheets: number;
    scheduled: number;
    syncId: string;
  }
  const syncPath = `/v1/years/${YEAR}/sync`;
  const progress = async (): Promise<Record<string, unknown>> =>
    (await stack.send<Record<string, unknown>>('GET', syncPath)).body;
  const runTasks = (syncId: string): Task[] =>
    fake.tasks.filter((t) => (JSON.parse(taskBody(t)) as { syncIds?: string[] }).syncIds?.includes(syncId));
  /** The master spreadsheet's line about the last sync (Tổng hợp, first row). */
  const syncLine = (): string => {
    const master = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
    return master
      ? String(tabValues(master, 'Tổng hợp')[0]?.find((c) => typeof c === 'string' && c.startsWith('Đồng bộ')) ?? '')
      : '';
  };

  it('answers only once a task exists for every spreadsheet, each named after the run', async () => {
    fake.tasks.length = 0;
    fake.latency.ms = 100;
    try {
      const answer = await stack.send<SyncAnswer>('POST', syncPath);
      expect(answer.body).toMatchObject({ status: 'accepted', spreadsheets: 7, scheduled: 7 });
      // No idle(): the tasks that exist at the moment of the answer.
      const tasks = runTasks(answer.body.syncId);
      expect(tasks).toHaveLength(7);
      for (const task of tasks) {
        expect(task.name).toContain(`-sync-${answer.body.syncId}`);
        expect(task.httpRequest.oidcToken).toEqual({ serviceAccountEmail: INVOKER, audience: FUNCTION_URL });
        expect(JSON.parse(taskBody(task))).toMatchObject({ full: true, syncIds: [answer.body.syncId] });
      }
      expect(
        new Set(tasks.map((t) => JSON.stringify((JSON.parse(taskBody(t)) as { spreadsheet: unknown }).spreadsheet)))
          .size,
      ).toBe(7);
      expect(await progress()).toMatchObject({
        status: 'running',
        syncId: answer.body.syncId,
        spreadsheets: 7,
        done: 0,
      });
    } finally {
      fake.latency.ms = 0;
    }
  });

  it('records each callback once (a repeated delivery counts once), finishes, and shows its end on the master', async () => {
    fake.tasks.length = 0;
    const { syncId } = (await stack.send<SyncAnswer>('POST', syncPath)).body;
    const [first, ...rest] = runTasks(syncId);
    expect(await dispatch(first as Task)).toBe(200);
    expect(await progress()).toMatchObject({ status: 'running', done: 1 });
    expect(await dispatch(first as Task)).toBe(200);
    expect(await progress()).toMatchObject({ status: 'running', done: 1 });
    for (const task of rest) expect(await dispatch(task)).toBe(200);
    expect(await progress()).toMatchObject({ status: 'finished', done: 7, failed: 0 });
    // The end asks the master spreadsheet to show it: a task of its own, without a run.
    const line = fake.tasks.filter(
      (t) =>
        !taskBody(t).includes('syncIds') &&
        (JSON.parse(taskBody(t)) as { spreadsheet: { kind: string } }).spreadsheet.kind === 'master',
    );
    expect(line.length).toBeGreaterThan(0);
    for (const task of line) expect(await dispatch(task)).toBe(200);
    expect(syncLine()).toMatch(/, xong .*, 7\/7 bảng tính$/);
  });

  it('fails a callback whose rebuild fails (Cloud Tasks retries it), counts it failed, then done on the retry', async () => {
    fake.tasks.length = 0;
    const { syncId } = (await stack.send<SyncAnswer>('POST', syncPath)).body;
    const [first, ...rest] = runTasks(syncId);
    stack.sheets.standIn.injectFaults({ rate: 1, statuses: [500] });
    try {
      expect(await dispatch(first as Task)).toBeGreaterThanOrEqual(500);
    } finally {
      stack.sheets.standIn.clearFaults();
    }
    expect(await progress()).toMatchObject({ status: 'running', done: 0, failed: 1 });
    expect(await dispatch(first as Task)).toBe(200);
    expect(await progress()).toMatchObject({ done: 1, failed: 0 });
    for (const task of rest) expect(await dispatch(task)).toBe(200);
    expect(await progress()).toMatchObject({ status: 'finished', done: 7, failed: 0 });
  });

  it('spreads a run’s tasks at the pace it is given, so other tasks fit between them', async () => {
    fake.tasks.length = 0;
    const scheduler = cloudTasksScheduler({
      queue: QUEUE,
      callbackUrl: `${FUNCTION_URL}${FLUSH_PATH}`,
      invoker: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
      accessToken: () => Promise.resolve(null),
      rootUrl: fake.url,
      now: () => new Date('2019-03-01T03:00:00.000Z'),
    });
    expect(
      await scheduler.request(
        { kind: 'queue', year: YEAR, queue: 'TO:TO1' },
        { full: true, syncIds: ['run-1'], delayMs: 12_000 },
      ),
    ).toBe(true);
    expect(fake.tasks[0]?.scheduleTime).toBe('2019-03-01T03:00:13.000Z');
  });
});

describe('the outbox drain through Cloud Tasks', () => {
  it('makes one named drain task per second, calling the drain route with the invoker’s OIDC token, awaited', async () => {
    const before = fake.tasks.length;
    const at = new Date(clock().getTime() + 60_000);
    const scheduler = cloudTasksMailScheduler({
      queue: QUEUE,
      callbackUrl: `${FUNCTION_URL}${MAIL_DRAIN_PATH}`,
      invoker: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
      accessToken: () => Promise.resolve('test-token'),
      rootUrl: fake.url,
      now: clock,
    });
    // Two submissions asking for the same second: Cloud Tasks keeps the first name (409 for the second), one drain.
    await scheduler.request(at);
    await scheduler.request(at);
    const made = fake.tasks.slice(before);
    expect(made).toHaveLength(1);
    const [task] = made;
    const second = Math.ceil(at.getTime() / 1000);
    expect(task?.name).toBe(`${QUEUE}/tasks/mail-drain-${String(second)}`);
    expect(task?.scheduleTime).toBe(new Date(second * 1000).toISOString());
    expect(task?.httpRequest).toMatchObject({
      url: `${FUNCTION_URL}${MAIL_DRAIN_PATH}`,
      httpMethod: 'POST',
      oidcToken: { serviceAccountEmail: INVOKER, audience: FUNCTION_URL },
    });
    expect(task && taskBody(task)).toBe('{}');
    expect(fake.authorizations.at(-1)).toBe('Bearer test-token');
  });
});
