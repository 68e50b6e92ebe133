// What the function logs, as Cloud Logging reads it: the lines of an accepted submission, an error and a drain, printed
// here and parsed back as structured entries (severity, message, the request's trace; Error Reporting's shape for errors).
import { captureLine } from '../log-check/capture';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLog } from '../../functions/src/adapters/logging/cloud-logging';
import { createSheetsClient } from '../../functions/src/adapters/sheets';
import { signedHeaders } from '../../functions/src/http/signature';
import type { Store } from '../../functions/src/ports';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';
import { buildJourney } from '../../functions/dev/stack';
import { NO_WRITE_QUOTA, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { CONFIG, registration, YEAR } from './fixtures';

const SECRET = 'structured-log-test-secret-0123456789';
const PROJECT = 'hanh-trinh-test';
const NOW = new Date('2019-05-02T03:00:00Z');
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

interface Entry {
  severity: string;
  message: string;
  time: string;
  'logging.googleapis.com/trace'?: string;
  'logging.googleapis.com/spanId'?: string;
  '@type'?: string;
  stack_trace?: string;
  serviceContext?: { service: string; version?: string };
  [field: string]: unknown;
}

let firestore: EmbeddedFirestore;
let sheets: RunningSheetsStandIn;
let url: string;
let close: () => Promise<void>;
const lines: string[] = [];
/** Makes every store call throw, as a defect would (not an outage: those are 503). */
const broken = { on: false };

/** The real store, throwing a plain Error while `broken.on`. */
function breakable(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (broken.on) throw new Error('the store broke');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  firestore = await startEmbeddedFirestore();
  sheets = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
  const { server } = buildJourney({
    firestore,
    secret: SECRET,
    clock: () => NOW,
    log: createLog({
      format: 'json',
      projectId: PROJECT,
      service: 'journey',
      version: 'journey-00042-abc',
      write: (line) => {
        lines.push(line);
        // Checked for names and e-mails with every other line of the suite (test/log-check/setup.ts).
        captureLine(line);
      },
      clock: () => NOW,
    }),
    wrapStore: breakable,
    compose: {
      sheets: createSheetsClient({ rootUrl: sheets.url, retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 } }),
      autoCreateSheets: true,
      sheetsIntervalMs: 20,
      sheetsPace: { writesPerMinute: 60_000, maxRequestBytes: 2_000_000 },
      mail: {
        mailer: { send: () => Promise.resolve({ providerId: 'sent-1' }) },
        sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
        dailyBudget: 100,
        // Drained through the route below, as Cloud Tasks does.
        scheduler: () => ({ request: () => Promise.resolve(), idle: () => Promise.resolve() }),
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
});

afterAll(async () => {
  await close();
  await sheets.close();
  await firestore.stop();
});

async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, method, path, raw, NOW), ...headers },
    ...(raw === '' ? {} : { body: raw }),
  });
  await response.text();
  return response.status;
}

/** The lines logged since `from`, printed as they are, then parsed as Cloud Logging parses a JSON line. */
function entriesSince(from: number): Entry[] {
  return lines.slice(from).map((line) => {
    console.log(line);
    expect(line).not.toContain('\n');
    return JSON.parse(line) as Entry;
  });
}

describe('log lines as Cloud Logging reads them', () => {
  it('an accepted submission: one INFO entry with its ids, the request’s trace, and no personal data', async () => {
    expect(await call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG, {})).toBe(200);
    const from = lines.length;
    const member = registration({ email: 'log.member@example.vn', fullName: 'Trần Thị Nhật Ký' });
    expect(await call('POST', '/v1/registrations', member, { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` })).toBe(
      200,
    );
    const entry = entriesSince(from).find((e) => e.message === 'registration accepted');
    expect(entry).toMatchObject({
      severity: 'INFO',
      route: 'POST /v1/registrations',
      httpStatus: 200,
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${TRACE}`,
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': true,
    });
    expect(typeof entry?.id).toBe('string');
    const text = lines.slice(from).join('\n');
    for (const personal of ['log.member@example.vn', 'Trần Thị Nhật Ký', 'Nhật Ký'])
      expect(text).not.toContain(personal);
  });

  it('an error: an ERROR entry with its stack in the shape Error Reporting picks up, under the request’s trace', async () => {
    const from = lines.length;
    broken.on = true;
    try {
      expect(
        await call('GET', `/v1/years/${String(YEAR)}/results`, undefined, {
          'x-cloud-trace-context': `${TRACE.toUpperCase()}/12345;o=1`,
        }),
      ).toBe(500);
    } finally {
      broken.on = false;
    }
    const errors = entriesSince(from).filter((e) => e.severity === 'ERROR');
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toMatchObject({
      message: 'unexpected error: the store broke',
      '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
      serviceContext: { service: 'journey', version: 'journey-00042-abc' },
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${TRACE}`,
      'logging.googleapis.com/spanId': (12345).toString(16).padStart(16, '0'),
    });
    // V8's stack as Error Reporting parses it: the error's line, then its frames.
    expect(error?.stack_trace).toMatch(/^Error: the store broke\n\s+at /);
  });

  it('a drain: an INFO entry with what it sent, under the callback’s trace', async () => {
    const from = lines.length;
    expect(await call('POST', '/v1/internal/mail/drain', {}, { 'x-cloud-trace-context': `${TRACE}/1` })).toBe(200);
    const drained = entriesSince(from).find((e) => e.message === 'mail drained');
    expect(drained).toMatchObject({
      severity: 'INFO',
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${TRACE}`,
      failed: 0,
      years: [String(YEAR)],
    });
    expect(drained?.sent).toBeGreaterThanOrEqual(1);
  });
});
