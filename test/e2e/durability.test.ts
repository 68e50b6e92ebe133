// The local stack keeps what it answered: a SIGKILL mid-burst, then a SIGTERM mid-burst (with a request in flight and one
// still arriving), each followed by a restart on the same data folder, which also holds refused bodies too large to
// reload in one gRPC message. `functions/dev/start.ts` runs in a child process; the steps share the folder and run in order.
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/dev/client';
import { signedHeaders } from '../../functions/src/http/signature';
import { CONFIG, registration, YEAR } from '../integration/fixtures';
import { freePort, localStackProcess, type StackProcess } from './local-stack';

const SECRET = 'durability-secret-hanh-trinh-2019';
const STOP_LIMIT_MS = 10_000;

interface Answer {
  status: string;
  id: string | null;
  errors: { field: string; code: string }[];
}

let dataDir: string;
let stack: StackProcess;
let send: JourneySend;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'journey-durability-'));
  stack = localStackProcess({ port: await freePort(), dataDir, secret: SECRET, logFile: join(dataDir, 'stack.log') });
  send = createJourneyClient(stack.url, SECRET, 'test');
  await stack.start();
  expect((await send('PUT', `/v1/years/${YEAR}/config`, CONFIG)).status).toBe(200);
});

afterAll(async () => {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Registers distinct members on parallel lanes until the server stops answering. `accepted` holds the member id of
 * every registration answered 200 `accepted`: exactly what must survive.
 */
function registrationBurst(lanes: number): {
  accepted: Set<string>;
  refused: Answer[];
  reached(count: number): Promise<void>;
  done: Promise<void>;
} {
  const accepted = new Set<string>();
  const refused: Answer[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      next += 1;
      const n = next;
      let answer: { status: number; body: unknown };
      try {
        answer = await send(
          'POST',
          '/v1/registrations',
          registration({ email: `burst${String(n)}.snv@example.vn`, fullName: `Thành Viên ${String(n)}` }),
        );
      } catch {
        return; // The server is gone: no answer, no promise.
      }
      const body = answer.body as Answer;
      if (answer.status === 200 && body.status === 'accepted' && body.id !== null) accepted.add(body.id);
      else {
        refused.push(body);
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: lanes }, lane)).then(() => undefined);
  return {
    accepted,
    refused,
    done,
    async reached(count) {
      while (accepted.size < count) {
        if (await Promise.race([done.then(() => true), new Promise((resolve) => setTimeout(resolve, 20, false))])) {
          throw new Error(`the burst ended after ${String(accepted.size)} accepted registrations:\n${stack.logTail()}`);
        }
      }
    },
  };
}

/** memberId → e-mail of every member registered in the year. */
async function registeredMembers(): Promise<Map<string, string>> {
  const answer = await send<{ members: { memberId: string; email: string }[] }>('GET', `/v1/years/${YEAR}/results`);
  expect(answer.status).toBe(200);
  return new Map(answer.body.members.map((m) => [m.memberId, m.email]));
}

/** A signed registration as raw HTTP/1.1 bytes. */
function signedRegistration(email: string): string {
  const body = JSON.stringify(registration({ email, fullName: 'Người Gửi Chậm' }));
  const path = '/v1/registrations';
  const headers = {
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...signedHeaders(SECRET, 'POST', path, body, new Date()),
  };
  return `POST ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n${body}`;
}

interface RawAnswer {
  status: number;
  head: string;
  body: Answer & { errors: { message?: string }[] };
}

/** One request written in two parts over its own connection; `finish` sends the rest and reads until the server closes. */
function rawRequest(
  port: number,
  text: string,
): { text: string; sendUpTo(bytes: number): Promise<void>; finish(): Promise<RawAnswer> } {
  const bytes = Buffer.from(text);
  const socket = connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
  });
  // A reset counts as the end too: what was received before it is the answer (or there is none).
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => {
      resolve();
    });
  });
  const connected = new Promise<void>((resolve) => {
    socket.once('connect', () => {
      resolve();
    });
  });
  let sent = 0;
  const write = (end: number): Promise<void> =>
    new Promise((resolve, reject) => {
      socket.write(bytes.subarray(sent, end), (error) => {
        if (error) reject(error);
        else resolve();
      });
      sent = end;
    });
  return {
    text,
    async sendUpTo(end) {
      await connected;
      await write(end);
    },
    async finish() {
      await write(bytes.length);
      await closed;
      const answer = Buffer.concat(received).toString('utf8');
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      return { status: Number(head.slice(9, 12)), head, body: JSON.parse(body) as RawAnswer['body'] };
    },
  };
}

const missing = (expected: Set<string>, found: Set<string>): string[] => [...expected].filter((id) => !found.has(id));

// 60,000 three-byte characters: about 180 KB each, under the 256 KiB body limit; 26 of them make over 4.5 MB.
const HUGE_NAME = 'Ễ'.repeat(60_000);
const HUGE_REFUSALS = 26;
/** Every registration answered accepted in any step: all must be there after each restart. */
const everAccepted = new Set<string>();

async function hugeRefusalsKept(): Promise<number> {
  const inbox = await send<{ items: { raw: string }[] }>('GET', `/v1/years/${YEAR}/inbox?status=refused`);
  expect(inbox.status).toBe(200);
  return inbox.body.items.filter((item) => item.raw.includes(HUGE_NAME)).length;
}

describe('local durability across stops', { timeout: 120_000 }, () => {
  it('keeps every registration answered accepted, and huge refused bodies, when killed (SIGKILL) mid-burst', async () => {
    const bodies = Array.from({ length: HUGE_REFUSALS }, (_, i) =>
      registration({ email: `huge${String(i)}.snv@example.vn`, fullName: HUGE_NAME }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < bodies.length; i += 4)
      statuses.push(
        ...(await Promise.all(
          bodies.slice(i, i + 4).map(async (b) => (await send('POST', '/v1/registrations', b)).status),
        )),
      );
    expect(statuses).toEqual(bodies.map(() => 422));

    const burst = registrationBurst(12);
    await burst.reached(40);
    expect(await stack.signal('SIGKILL', 5000)).toEqual({ code: null, signal: 'SIGKILL' });
    await burst.done;
    for (const id of burst.accepted) everAccepted.add(id);

    // The journal replays at start (in process, no gRPC message to outgrow), then becomes part of a fresh snapshot.
    await stack.start();
    expect(stack.logTail()).toContain('áp dụng lại');
    expect(missing(everAccepted, new Set((await registeredMembers()).keys()))).toEqual([]);
    expect(await hugeRefusalsKept()).toBe(HUGE_REFUSALS);
  });

  it('on SIGTERM mid-burst answers what is in flight, refuses what arrives with 503, exits within 10 s, loses nothing', async () => {
    const port = Number(new URL(stack.url).port);
    // A: headers and part of the body sent, so its request is in flight. B: part of its headers, not a request yet.
    const inFlight = rawRequest(port, signedRegistration('inflight.snv@example.vn'));
    const arriving = rawRequest(port, signedRegistration('arriving.snv@example.vn'));
    await inFlight.sendUpTo(inFlight.text.indexOf('\r\n\r\n') + 4 + 50);
    await arriving.sendUpTo(40);
    const burst = registrationBurst(12);
    await burst.reached(40);

    const exit = stack.signal('SIGTERM', STOP_LIMIT_MS);
    // Once the listener is closed, new connections are refused; the open ones still carry their bytes.
    await expect
      .poll(
        () =>
          fetch(`${stack.url}/healthz`).then(
            () => 'listening',
            () => 'closed',
          ),
        { timeout: 5000 },
      )
      .toBe('closed');
    const [answered, refused] = await Promise.all([inFlight.finish(), arriving.finish()]);
    expect(await exit, stack.logTail()).toEqual({ code: 0, signal: null });
    await burst.done;
    for (const id of burst.accepted) everAccepted.add(id);

    // After SIGTERM a caller gets an answer (then the connection closes) or no connection at all: never a half answer.
    for (const body of burst.refused) expect(body.errors.map((e) => e.code)).toEqual(['shutting_down']);
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('accepted');
    expect(answered.head).toMatch(/^connection: close$/im);
    expect(refused.status).toBe(503);
    expect(refused.head).toMatch(/^connection: close$/im);
    expect(refused.body).toMatchObject({ status: 'refused', id: null, errors: [{ field: '', code: 'shutting_down' }] });
    expect(refused.body.errors[0]?.message).toMatch(/vui lòng gửi lại/);

    await stack.start();
    // The stand-in had its own listener: the last sheet writes landed instead of failing against a closed port.
    expect(stack.logTail(Infinity)).not.toContain('ECONNREFUSED');
    const members = await registeredMembers();
    expect(missing(everAccepted, new Set(members.keys()))).toEqual([]);
    expect(members.get(answered.body.id ?? '')).toBe('inflight.snv@example.vn');
    expect([...members.values()]).not.toContain('arriving.snv@example.vn');
    expect(await hugeRefusalsKept()).toBe(HUGE_REFUSALS);
  });
});
