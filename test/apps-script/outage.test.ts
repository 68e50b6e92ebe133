// Nothing typed into a form is lost however long the function is down: with the function answering 503 for a whole
// day, 5,000 registrations and 500 BB3 essays (10–30 kB each) are submitted; Script Properties never pass their quota
// (the retry queue keeps at most 150 response ids, never bodies); once the function is back the drain and the
// reconciler bring every response to it, each stored exactly once.
import { describe, expect, it } from 'vitest';
import type { Answer } from './fakes/forms';
import { STORE_LIMIT_BYTES } from './fakes/properties';
import { EXECUTION_LIMIT_MS } from './fakes/runtime';
import type { FetchHandler, FetchRequest } from './fakes/url-fetch';
import { verifySignature } from './fakes/journey-server';
import { UNITS, yearConfig } from './fixtures/year-config';
import {
  answersByTitle,
  evidenceForm,
  execution,
  MINUTE,
  readySandbox,
  registrationForm,
  SECRET,
  submitEvent,
  type Sandbox,
  useJourneyServer,
} from './harness';
import { consentTicked, taskLabel } from '../helpers';

const journey = useJourneyServer();
const config = yearConfig();
const label = (code: string): string => taskLabel(config, code);

/**
 * The function in process (the HTTP stand-in would cost a socket per call): checks every signature like API.md says,
 * stores registrations and evidence by response id, answers `duplicate` for a known one, answers the reconciler's
 * `inbox/known`, and 503 to everything while `down`.
 */
function inProcessFunction(nowMs: () => number): {
  handler: FetchHandler;
  down: boolean;
  stored: Map<string, number>;
  calls: number;
  duplicates: number;
} {
  const state = {
    down: true,
    stored: new Map<string, number>(),
    calls: 0,
    duplicates: 0,
    handler: (() => ({ status: 500, body: '' })) as FetchHandler,
  };
  state.handler = (request: FetchRequest) => {
    state.calls++;
    const url = new URL(request.url);
    const path = url.pathname + url.search;
    const error = verifySignature(
      SECRET,
      Math.floor(nowMs() / 1000),
      request.method,
      path,
      request.body,
      request.headers['X-Journey-Timestamp'] ?? null,
      request.headers['X-Journey-Signature'] ?? null,
    );
    if (error !== null)
      return {
        status: 401,
        body: JSON.stringify({ status: 'refused', errors: [{ code: 'unauthorized', message: error }] }),
      };
    if (state.down)
      return {
        status: 503,
        body: JSON.stringify({
          status: 'refused',
          id: null,
          errors: [{ field: 'body', code: 'storage_unavailable', message: 'Hệ thống tạm thời chưa lưu được dữ liệu.' }],
        }),
      };
    const body = JSON.parse(request.body || '{}') as Record<string, unknown>;
    if (url.pathname.endsWith('/inbox/known')) {
      const kind = String(body.kind);
      const ids = (body.responseIds as string[]).filter((id) => state.stored.has(`${kind}|${id}`));
      return { status: 200, body: JSON.stringify({ known: ids }) };
    }
    const kind =
      url.pathname === '/v1/registrations' ? 'registration' : url.pathname === '/v1/evidence' ? 'evidence' : null;
    if (kind === null) return { status: 404, body: '{}' };
    const key = `${kind}|${String(body.responseId)}`;
    if (state.stored.has(key)) {
      state.duplicates++;
      return { status: 200, body: JSON.stringify({ status: 'duplicate', id: key, errors: [] }) };
    }
    state.stored.set(key, (state.stored.get(key) ?? 0) + 1);
    return { status: 200, body: JSON.stringify({ status: 'accepted', id: key, errors: [] }) };
  };
  return state;
}

function essay(i: number): string {
  // 10 to 30 kB of Vietnamese (2–3 bytes a letter with its marks).
  const words = ['Đảng', 'Cộng', 'sản', 'Việt', 'Nam', 'ước', 'mơ', 'phấn', 'đấu', 'thanh', 'niên', 'rèn', 'luyện'];
  const count = 2_000 + ((i * 37) % 4_000);
  return Array.from({ length: count }, (_, w) => words[(w + i) % words.length]).join(' ');
}

describe('the function down for a whole day', () => {
  it('5,000 registrations and 500 essays: no property quota error, then every one arrives, once', async () => {
    const s: Sandbox = await readySandbox(journey.server);
    const fn = inProcessFunction(() => s.fakes.clock.nowMs);
    s.fakes.fetch.handler = fn.handler;
    const registration = registrationForm(s);
    const evidence = evidenceForm(s);
    const regAnswers = answersByTitle(registration, [
      ['Họ và tên', 'Phạm Thị Dung'],
      ['Cơ sở Đoàn', UNITS.snv.name],
      ['Nhiệm vụ rèn luyện', [label('RL1'), label('RL2'), label('RL4')]],
      ['Nhiệm vụ thử thách', [label('TT3')]],
      consentTicked(config),
    ] as ReadonlyArray<readonly [string, Answer]>);
    const essayItem = answersByTitle(evidence, [['Bài viết cảm nhận', '']])[0]?.[0] ?? 0;
    const evidenceAnswers = answersByTitle(evidence, [
      ['Nhiệm vụ', label('BB3')],
      ['Ngày diễn ra hoạt động', '2019-05-19'],
      ['Mô tả hoạt động', 'Bài viết cảm nhận nhân dịp sinh nhật Bác.'],
    ] as ReadonlyArray<readonly [string, Answer]>);

    let maxBytes = 0;
    const watch = (): void => {
      maxBytes = Math.max(maxBytes, s.fakes.props.bytes());
    };
    const REGISTRATIONS = 5_000;
    const ESSAYS = 500;
    const total = REGISTRATIONS + ESSAYS;
    const dayMs = 24 * 60 * MINUTE;
    const step = dayMs / total;
    let nextDrain = s.fakes.clock.nowMs + 5 * MINUTE;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      s.fakes.clock.advance(step);
      const at = new Date(s.fakes.clock.nowMs);
      if (i % 11 === 10) {
        const response = evidence.submit(
          `doanvien${String(i)}@example.vn`,
          [...evidenceAnswers, [essayItem, essay(i)]],
          at,
        );
        s.bundle.onEvidenceSubmit(submitEvent(evidence, response));
      } else {
        s.bundle.onRegistrationSubmit(
          submitEvent(registration, registration.submit(`doanvien${String(i)}@example.vn`, regAnswers, at)),
        );
      }
      if (s.fakes.clock.nowMs >= nextDrain) {
        s.bundle.drainRetryQueue();
        nextDrain += 5 * MINUTE;
      }
      watch();
    }
    const outageMs = performance.now() - started;
    expect(fn.stored.size).toBe(0);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'))).toHaveLength(150);
    expect(maxBytes).toBeLessThan(STORE_LIMIT_BYTES);

    // Back up: the drain runs on its schedule (every 15 minutes), the reconciler after it within the hour; what does not
    // fit in one execution goes on in continuations a minute apart — every execution stopped at 6 minutes if it ran on.
    fn.down = false;
    const recovery = performance.now();
    const executions = s.fakes.runtime.executions.length;
    for (let minute = 1; minute <= 6 * 60 && fn.stored.size < total; minute++) {
      await s.advance(MINUTE);
      if (minute % 15 === 0) execution(() => s.bundle.drainRetryQueue());
      s.fireDue();
      watch();
    }
    const recoveryMs = performance.now() - recovery;
    expect(fn.stored.size).toBe(total);
    const runs = s.fakes.runtime.executions.slice(executions);
    expect(runs.some((r) => r.handler === 'resumeWork')).toBe(true);
    expect(runs.every((r) => r.outcome === 'ok' && r.endedMs - r.startedMs <= EXECUTION_LIMIT_MS)).toBe(true);
    expect([...fn.stored.values()].every((n) => n === 1)).toBe(true);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.item.'))).toEqual([]);
    expect(maxBytes).toBeLessThan(STORE_LIMIT_BYTES);
    expect(s.fakes.log.messages('error').filter((m) => m.includes('quota'))).toEqual([]);
    // The reconciler asks before it sends: the function saw each response at most twice (the 503 and the delivery), plus a
    // handful of duplicates where a retry and the reconciler crossed.
    expect(fn.duplicates).toBeLessThan(10);
    console.log(
      `outage: ${String(total)} submissions in ${(outageMs / 1000).toFixed(1)} s (${(outageMs / total).toFixed(2)} ms each, sign + send + queue), ` +
        `recovery in ${(recoveryMs / 1000).toFixed(1)} s over ${String(runs.length)} executions (the longest ${(Math.max(...runs.map((r) => r.endedMs - r.startedMs)) / 60_000).toFixed(1)} min), ${String(fn.calls)} calls in all, ${String(fn.duplicates)} duplicates, ` +
        `Script Properties at most ${(maxBytes / 1024).toFixed(0)} kB; calls counted against the daily quotas (consumer account: 50,000 Properties, 20,000 UrlFetch): ` +
        [...s.fakes.runtime.daily]
          .map(([day, used]) => `${day} ${String(used.properties)} Properties, ${String(used.urlFetch)} UrlFetch`)
          .join('; '),
    );
  }, 300_000);
});
