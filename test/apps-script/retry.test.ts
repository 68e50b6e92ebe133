// The durable retry queue: 5xx, 429 and network errors are queued and re-sent with a fresh signature and the same body; 4xx are final.
import { describe, expect, it } from 'vitest';
import { STORE_LIMIT_BYTES } from './fakes/properties';
import { FakeUi } from './fakes/spreadsheets';
import { realHttp } from './fakes/url-fetch';
import { PEOPLE, UNITS, yearConfig, YEAR } from './fixtures/year-config';
import {
  answersByTitle,
  evidenceForm,
  MINUTE,
  newSandbox,
  received,
  registrationForm,
  submitEvent,
  type Sandbox,
  useJourneyServer,
  readySandbox,
} from './harness';
import { consentTicked, taskLabel } from '../helpers';

const journey = useJourneyServer();
const config = yearConfig();
const label = (code: string): string => taskLabel(config, code);

/** Exact times are asserted here (backoff): the clock moves only when the test moves it. */
const ready = (options: Parameters<typeof newSandbox>[1] = {}): Promise<Sandbox> =>
  readySandbox(journey.server, { costs: false, ...options });

function register(s: Sandbox, name = 'Phạm Thị Dung'): void {
  const form = registrationForm(s);
  const answers = answersByTitle(form, [
    ['Họ và tên', name],
    ['Cơ sở Đoàn', UNITS.snv.name],
    ['Nhiệm vụ rèn luyện', [label('RL1'), label('RL2'), label('RL4')]],
    ['Nhiệm vụ thử thách', [label('TT3')]],
    consentTicked(config),
  ]);
  s.bundle.onRegistrationSubmit(submitEvent(form, form.submit(PEOPLE.an, answers, new Date(s.fakes.clock.nowMs))));
}

function queued(
  s: Sandbox,
  list: 'retry' | 'dead' = 'retry',
): Array<{ attempts: number; nextAttemptAt: number; lastError: string; label: string }> {
  return s.fakes.props
    .getKeys()
    .filter((k) => k.startsWith(`journey.${list}.item.`))
    .map((k) => s.fakes.props.json(k) as { attempts: number; nextAttemptAt: number; lastError: string; label: string });
}

describe('a submission the function cannot take now', () => {
  it('503: queued, then sent once by a later drain with a fresh timestamp and the same body', async () => {
    const s = await ready();
    await journey.server.script({
      path: '/v1/registrations',
      status: 503,
      body: {
        status: 'refused',
        id: '',
        errors: [{ field: 'body', code: 'storage_unavailable', message: 'Hệ thống lưu trữ tạm thời không sẵn sàng' }],
      },
    });
    register(s);

    expect(queued(s)).toEqual([
      expect.objectContaining({ attempts: 1, nextAttemptAt: s.fakes.clock.nowMs + 5 * MINUTE }),
    ]);
    expect(queued(s)[0]?.lastError).toContain('HTTP 503');

    // Not due yet: the drain leaves it alone.
    await s.advance(2 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(await received(journey.server, '/v1/registrations')).toHaveLength(1);

    await s.advance(4 * MINUTE);
    s.bundle.drainRetryQueue();
    s.bundle.drainRetryQueue();

    const sent = await received(journey.server, '/v1/registrations');
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
    expect(Number(sent[1]?.timestamp)).toBe(Number(sent[0]?.timestamp) + 6 * 60);
    expect(sent[1]?.signatureError).toBeNull();
    expect(queued(s)).toEqual([]);
  });

  it.each([429, 500, 502])('%i is retried too', async (status) => {
    const s = await ready();
    await journey.server.script({ path: '/v1/registrations', status });
    register(s);
    expect(queued(s)).toHaveLength(1);
  });

  it('422: final — the function stored it with its reasons — logged, never retried', async () => {
    const s = await ready();
    await journey.server.script({
      path: '/v1/registrations',
      status: 422,
      body: {
        status: 'refused',
        id: 'r-1',
        errors: [
          {
            field: 'trainingTasks',
            code: 'too_few_training_tasks',
            message: 'Nhiệm vụ rèn luyện: cần chọn ít nhất 3 nhiệm vụ',
          },
        ],
      },
    });
    register(s);
    expect(queued(s)).toEqual([]);
    expect(s.fakes.log.messages('warn').join('\n')).toContain('Nhiệm vụ rèn luyện: cần chọn ít nhất 3 nhiệm vụ');

    await s.advance(60 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(await received(journey.server, '/v1/registrations')).toHaveLength(1);
  });

  it('a network error (the function unreachable) is queued and sent when it is back', async () => {
    const s = await ready();
    const http = s.fakes.fetch.handler;
    s.fakes.fetch.handler = (request) => {
      throw new Error(`Exception: Address unavailable: ${request.url}`);
    };
    register(s);
    expect(queued(s)[0]?.lastError).toContain('Address unavailable');

    s.fakes.fetch.handler = http;
    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    expect((await received(journey.server, '/v1/registrations')).map((r) => r.status)).toEqual([200]);
    expect(queued(s)).toEqual([]);
  });

  it('a submission arriving before the settings exist is kept, and sent once they do', async () => {
    const s = await ready();
    s.fakes.props.deleteProperty('JOURNEY_URL');
    register(s);
    expect(queued(s)[0]?.lastError).toContain('Chưa có thuộc tính "JOURNEY_URL"');

    s.fakes.props.setProperty('JOURNEY_URL', journey.server.url);
    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(await received(journey.server, '/v1/registrations')).toHaveLength(1);
  });

  it('backs off exponentially: 5, 10, 20 minutes between attempts', async () => {
    const s = await ready();
    await journey.server.script({ path: '/v1/registrations', status: 503, times: 3 });
    register(s);
    const start = s.fakes.clock.nowMs;
    expect(queued(s)[0]?.nextAttemptAt).toBe(start + 5 * MINUTE);
    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(queued(s)[0]).toMatchObject({ attempts: 2, nextAttemptAt: start + 15 * MINUTE });
    await s.advance(10 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(queued(s)[0]).toMatchObject({ attempts: 3, nextAttemptAt: start + 35 * MINUTE });
    await s.advance(20 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(queued(s)).toEqual([]);
    expect((await received(journey.server, '/v1/registrations')).map((r) => r.status)).toEqual([503, 503, 503, 200]);
  });

  it('gives up after 20 attempts into the dead letters, which the menu shows and can queue again', async () => {
    const s = await ready({ ui: true });
    s.fakes.fetch.handler = () => ({ status: 503, body: '{"status":"refused","id":"","errors":[]}' });
    register(s);
    for (let i = 0; i < 25; i++) {
      await s.advance(6 * 60 * MINUTE);
      s.bundle.drainRetryQueue();
    }
    expect(queued(s)).toEqual([]);
    expect(queued(s, 'dead')).toEqual([expect.objectContaining({ attempts: 20 })]);
    expect(s.fakes.fetch.requests.filter((r) => r.url.endsWith('/v1/registrations'))).toHaveLength(20);

    s.bundle.showRetryQueue();
    const ui = s.fakes.sheets.ui as FakeUi;
    expect(ui.alerts.at(-1)?.title).toBe('Hàng đợi gửi lại');
    expect(ui.alerts.at(-1)?.message).toContain('Đang chờ gửi lại: 0 mục');
    expect(ui.alerts.at(-1)?.message).toContain('Gửi thất bại sau 20 lần thử: 1 mục');
    expect(ui.alerts.at(-1)?.message).toMatch(/bài đăng ký \(mã phản hồi [^)]+\) — \S+@example\.vn/);

    s.fakes.fetch.handler = realHttp();
    s.bundle.requeueFailed();
    expect(queued(s, 'dead')).toEqual([]);
    s.bundle.sendPendingNow();
    expect((await received(journey.server, '/v1/registrations')).map((r) => r.status)).toEqual([200]);
    expect(s.fakes.sheets.active?.toasts.map((t) => t.message).join('\n')).toContain('Đã gửi: 1.');
  });

  it('"Gửi lại các mục đang chờ" sends at once, backoff or not, and reports progress in toasts', async () => {
    const s = await ready({ ui: true });
    await journey.server.script({ path: '/v1/registrations', status: 503, times: 6 });
    for (let i = 0; i < 6; i++) register(s, `Đoàn viên ${String(i + 1)}`);
    expect(queued(s)).toHaveLength(6);

    s.bundle.sendPendingNow();

    expect(queued(s)).toEqual([]);
    const toasts = s.fakes.sheets.active?.toasts.map((t) => t.message) ?? [];
    expect(toasts[0]).toBe('Đang gửi lại 6 mục…');
    expect(toasts).toContain('Đã xử lý 5/6 mục…');
    expect(toasts.at(-1)).toContain('Đã gửi: 6.');
  });

  it('keeps only the response id of a long essay in the queue, and sends the essay read again from the form, intact', async () => {
    const s = await ready();
    const essay = Array.from({ length: 3000 }, (_, i) => `tiếng${String(i % 97)}`).join(' ');
    await journey.server.script({ path: '/v1/evidence', status: 503 });
    const form = evidenceForm(s);
    const answers = answersByTitle(form, [
      ['Nhiệm vụ', label('BB3')],
      ['Bài viết cảm nhận', essay],
      ['Ngày diễn ra hoạt động', '2019-05-19'],
      ['Mô tả hoạt động', 'Bài viết cảm nhận.'],
    ]);
    const response = form.submit(PEOPLE.an, answers, new Date(s.fakes.clock.nowMs));
    s.bundle.onEvidenceSubmit(submitEvent(form, response));
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.body.'))).toEqual([]);
    expect(queued(s)).toEqual([
      expect.objectContaining({ source: { formId: form.id, responseId: response.id }, chunks: 0 }),
    ]);
    expect(JSON.stringify([...s.fakes.props.data.values()])).not.toContain('tiếng1 ');

    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    const sent = await received(journey.server, '/v1/evidence');
    expect(sent.map((r) => r.status)).toEqual([503, 200]);
    expect((sent[1]?.body as { essay: string }).essay).toBe(essay);
    expect(s.fakes.props.getKeys().filter((k) => k.startsWith('journey.retry.'))).toEqual([]);
  });

  it('a drain already running elsewhere makes a second one step aside', async () => {
    const s = await ready();
    await journey.server.script({ path: '/v1/registrations', status: 503 });
    register(s);
    s.fakes.props.setProperty('journey.lease.drain', String(s.fakes.clock.nowMs + 60 * MINUTE));
    await s.advance(5 * MINUTE);
    s.bundle.drainRetryQueue();
    expect(queued(s)).toHaveLength(1);
  });
});

/** The retry queue's bound in bytes (apps-script/src/retry-queue.ts MAX_QUEUED_BYTES). */
const MAX_QUEUED_BYTES = 150 * 1024;

describe('the retry queue in bytes', () => {
  it('decisions with long comments during an outage never fill the store: the queue stops at its byte bound, the rest waits in the sheet', async () => {
    const s = await ready();
    const ref = s.fakes.props.sheetsMap(YEAR)?.queues['BCH_CO_SO:SNV'];
    const spreadsheet = s.fakes.sheets.openById(ref?.spreadsheetId ?? '');
    const sheet = spreadsheet.getSheetByName(ref?.sheetName ?? '');
    if (!sheet) throw new Error('no queue tab');
    // 60 rows, each with a comment of some 4,000 Vietnamese characters (≈ 12 kB a body), then one of 50,000.
    const header = ['Mã minh chứng', 'Đánh giá', 'Nhận xét', 'Người xác nhận', 'Trạng thái'];
    const comment = (i: number, length: number): string =>
      `Nhận xét số ${String(i)}: ${'Đảng viên ưu tú rèn luyện '.repeat(length / 26)}`;
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet
      .getRange(2, 1, 61, header.length)
      .setValues(
        Array.from({ length: 61 }, (_, i) => [
          `ev-${String(i)}`,
          'Đạt',
          comment(i, i === 60 ? 50_000 : 4_000),
          PEOPLE.bchSnv,
          'Chờ đánh giá',
        ]),
      );
    s.fakes.fetch.handler = () => ({ status: 503, body: '{"status":"refused","id":"","errors":[]}' });
    const range = sheet.getRange('B2:B62');
    expect(() =>
      s.bundle.onQueueEdit({
        range,
        source: spreadsheet,
        user: { getEmail: () => '' },
        authMode: 'FULL',
        triggerUid: 't',
      }),
    ).not.toThrow();

    const bytes = [...s.fakes.props.data]
      .filter(([key]) => key.startsWith('journey.retry.'))
      .reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
    expect(bytes).toBeLessThanOrEqual(MAX_QUEUED_BYTES);
    expect(bytes).toBeGreaterThan(MAX_QUEUED_BYTES - 16 * 1024);
    expect(queued(s).length).toBeLessThan(60);
    expect(s.fakes.props.bytes()).toBeLessThan(STORE_LIMIT_BYTES);
    // The 50,000-character comment is not queued at all (a body over MAX_BODY_BYTES): it stays in its row.
    expect(
      queued(s)
        .map((q) => q.label)
        .some((label) => label.includes('ev-60')),
    ).toBe(false);
    expect(s.fakes.log.messages('warn').join('\n')).toContain(
      'hàng đợi gửi lại đã đầy nên nội dung được giữ ở nơi nhập và sẽ được gửi ở lượt sau',
    );
  });
});
