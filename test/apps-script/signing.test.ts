// Signing: the bundle's signature equals Node's crypto.createHmac over `TIMESTAMP.METHOD.PATH.BODY`, and a strict journey.server accepts it.
import { createHmac } from 'node:crypto';
import { consentTicked } from '../helpers';
import { describe, expect, it } from 'vitest';
import { realHttp } from './fakes/url-fetch';
import { toJavaBytes } from './fakes/utilities';
import { PEOPLE, UNITS, yearConfig, YEAR } from './fixtures/year-config';
import { answersByTitle, MINUTE, newSandbox, registrationForm, SECRET, submitEvent, useJourneyServer } from './harness';

const journey = useJourneyServer();
const config = yearConfig();

function nodeSignature(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${method}.${path}.${body}`, 'utf8').digest('hex')}`;
}

describe('request signing (API.md §Signing)', () => {
  it('the fake Utilities returns signed Java bytes, as Apps Script does', () => {
    const bytes = toJavaBytes(createHmac('sha256', 'k').update('x').digest());
    expect(bytes.some((b) => b < 0)).toBe(true);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  it('signs every request with v1=hex(HMAC-SHA256) over TIMESTAMP.METHOD.PATH.BODY, equal to Node crypto', async () => {
    // Every timestamp is compared with the clock: it moves only when the test moves it.
    const s = await newSandbox(journey.server, { costs: false });
    s.bundle.setup();
    const form = registrationForm(s);
    const task = (code: string) => `${code} — ${config.tasks.find((t) => t.code === code)?.title ?? ''}`;
    const answers = answersByTitle(form, [
      ['Họ và tên', 'Trần Thị Bích Ngọc'],
      ['Cơ sở Đoàn', UNITS.stp.name],
      ['Nhiệm vụ rèn luyện', [task('RL2'), task('RL3'), task('RL4')]],
      ['Nhiệm vụ thử thách', [task('TT4')]],
      consentTicked(config),
    ]);
    s.bundle.onRegistrationSubmit(submitEvent(form, form.submit(PEOPLE.an, answers, new Date(s.fakes.clock.nowMs))));

    const requests = s.fakes.fetch.requests;
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const request of requests) {
      const url = new URL(request.url);
      const timestamp = request.headers['X-Journey-Timestamp'] ?? '';
      expect(timestamp).toBe(String(Math.floor(s.fakes.clock.nowMs / 1000)));
      expect(request.headers['X-Journey-Signature']).toBe(
        nodeSignature(SECRET, timestamp, request.method, url.pathname + url.search, request.body),
      );
    }
    expect(requests.some((r) => Buffer.byteLength(r.body, 'utf8') > r.body.length)).toBe(true);
    const seen = await journey.server.requests();
    expect(seen).toHaveLength(requests.length);
    expect(seen.map((r) => r.signatureError)).toEqual(seen.map(() => null));
  });

  it('sends JSON bodies as UTF-8 with the method the route needs', async () => {
    const s = await newSandbox(journey.server);
    s.bundle.setup();
    const put = s.fakes.fetch.requests.find((r) => r.method === 'PUT');
    expect(put?.headers['Content-Type']).toBe('application/json; charset=utf-8');
    const get = s.fakes.fetch.requests.find((r) => r.method === 'GET');
    expect(get?.body).toBe('');
    expect(get?.headers['Content-Type']).toBeUndefined();
  });

  it('a wrong secret is refused by the journey.server (401) and the submission is kept for a retry, not lost', async () => {
    const s = await newSandbox(journey.server);
    s.bundle.setup();
    s.fakes.userProps.of(s.fakes.owner).setProperty('JOURNEY_SECRET', 'a-wrong-secret');
    const form = registrationForm(s);
    const answers = answersByTitle(form, [['Họ và tên', 'Lê Văn Cường']]);
    s.bundle.onRegistrationSubmit(submitEvent(form, form.submit(PEOPLE.an, answers, new Date(s.fakes.clock.nowMs))));

    const last = (await journey.server.requests()).at(-1);
    expect(last?.status).toBe(401);
    expect(last?.signatureError).toBe('signature mismatch');
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'))).toHaveLength(1);

    s.fakes.userProps.of(s.fakes.owner).setProperty('JOURNEY_SECRET', SECRET);
    await s.advance(6 * MINUTE);
    s.bundle.drainRetryQueue();
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      path: '/v1/registrations',
      status: 200,
      signatureError: null,
    });
  });

  it('a strict journey.server refuses a timestamp more than 300 s old, which is why each attempt re-signs', async () => {
    const s = await newSandbox(journey.server, { fetch: realHttp() });
    await journey.server.setNow(s.fakes.clock.nowMs + 301_000);
    expect(() => s.bundle.setup()).toThrow(/từ chối chữ ký/);
    expect((await journey.server.requests()).at(-1)).toMatchObject({
      status: 401,
      signatureError: 'timestamp too old',
    });
  });

  it('signs the path relative to JOURNEY_URL, ignoring a trailing slash', async () => {
    const s = await newSandbox(journey.server, { properties: { JOURNEY_URL: `${journey.server.url}/` } });
    s.bundle.setup();
    expect(s.fakes.fetch.requests[0]?.url).toBe(`${journey.server.url}/v1/years/${String(YEAR)}/config`);
    expect((await journey.server.requests()).every((r) => r.signatureError === null)).toBe(true);
  });
});
