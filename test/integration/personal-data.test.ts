// A member's personal data behind their journey-book link (issue 25, items 2 and 3): their own copy holds all and only
// their data; a correction and a withdrawal of consent reach the committee (the master's "Yêu cầu dữ liệu" tab with
// their deadline, an e-mail), once however often the form is sent; the committee's answer is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../functions/cli/run';
import { memberIdFor } from '../../functions/src/app/ids';
import { displayDate, localDate } from '../../functions/src/domain/dates';
import { DATA_REQUESTS_TAB } from '../../functions/src/views/data-requests-tab';
import { CONFIG, YEAR, evaluation, evidence, registration } from './fixtures';
import type { StoreCounters } from '../../functions/src/adapters/firestore/store';
import { SECRET, type Outcome } from './harness';
import { startMailStack, type MailStack } from './mail-harness';
import { tabValues } from './views-harness';

const AN = 'an.snv@example.vn';
const BINH = 'binh.snv@example.vn';
const AN_ID = memberIdFor(AN);
const PUBLIC = 'https://journey.example.vn';

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack({ start: new Date('2019-06-10T03:00:00Z') });
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(async () => {
  await stack.reset();
  stack.clock.now = new Date('2019-06-10T03:00:00Z');
  expect((await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
});

interface Fetched {
  status: number;
  headers: Headers;
  text: string;
}

async function open(path: string, init: RequestInit = {}): Promise<Fetched> {
  const url = path.startsWith(PUBLIC) ? stack.url + path.slice(PUBLIC.length) : stack.url + path;
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function bookUrl(who: string): Promise<string> {
  const link = await stack.call<{ url: string }>('GET', `/v1/years/${String(YEAR)}/members/${who}/book-link`);
  expect(link.status).toBe(200);
  return link.body.url.slice(PUBLIC.length);
}

/** An and Bình of the same unit, each with an evidence entry; An's approved with a comment, An introduced to the Party. */
async function seedTwo(): Promise<void> {
  for (const [email, fullName] of [
    [AN, 'Nguyễn Văn An'],
    [BINH, 'Trần Thị Bình'],
  ] as const) {
    expect((await stack.call('POST', '/v1/registrations', registration({ email, fullName }))).status).toBe(200);
  }
  const an = await stack.call<Outcome>('POST', '/v1/evidence', evidence({ email: AN, description: 'An hiến máu' }));
  const binh = await stack.call<Outcome>(
    'POST',
    '/v1/evidence',
    evidence({ email: BINH, description: 'Bình dạy học' }),
  );
  expect(binh.status).toBe(200);
  const comment = 'Minh chứng rõ ràng, đúng hạn';
  expect((await stack.call('POST', '/v1/evaluations', evaluation(an.body.id ?? '', { comment }))).status).toBe(200);
  const party = { editId: 'party-an', email: AN, year: YEAR, introducedAt: '2019-05-20' };
  expect((await stack.call('POST', '/v1/party-status', party)).status).toBe(200);
}

describe('GET /book/{year}/{memberId}/data: the member’s own copy', () => {
  it('downloads everything held about the member, and nothing about anyone else', async () => {
    await seedTwo();
    const book = await bookUrl(AN);
    const page = await open(book);
    expect(page.status).toBe(200);
    const href = /<a class="btn" href="([^"]+)" download>Tải dữ liệu của tôi<\/a>/.exec(page.text)?.[1] ?? '';
    // The link is relative, so it works under the function's public path too.
    const dataPath = new URL(href.replace(/&amp;/g, '&'), `http://x${book}`).pathname;
    expect(dataPath).toBe(`/book/${String(YEAR)}/${AN_ID}/data`);

    const dataUrl = new URL(href.replace(/&amp;/g, '&'), `http://x${book}`).href.slice('http://x'.length);
    const download = await open(dataUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="hanh-trinh-du-lieu-${AN_ID}-2019-06-10.json"`,
    );
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    const data = JSON.parse(download.text) as {
      memberId: string;
      member: { fullName: string; email: string };
      party: { introducedAt: string };
      years: {
        year: number;
        journey: { registered: { training: string[] }; result: { grade: string } };
        unit: { name: string };
        standing: { rank: number; total: number };
        evidence: { description: string; decisions: { decision: string; decidedBy: string; comment: string }[] }[];
      }[];
      submissions: { kind: string }[];
      mail: { kind: string; subject: string; status: string }[];
    };
    expect(data.memberId).toBe(AN_ID);
    expect(data.member).toMatchObject({ fullName: 'Nguyễn Văn An', email: AN });
    expect(data.party.introducedAt).toBe('2019-05-20');
    const [year] = data.years;
    expect(year?.year).toBe(YEAR);
    expect(year?.unit.name).toBe('Đoàn Sở Nội vụ');
    expect(year?.journey.registered.training).toEqual(['RL1', 'RL2', 'RL6']);
    expect(year?.standing.total).toBe(2);
    expect(year?.evidence.map((e) => e.description)).toEqual(['An hiến máu']);
    expect(year?.evidence[0]?.decisions).toEqual([
      expect.objectContaining({
        decision: 'approved',
        decidedBy: 'Ban Chấp hành Đoàn cơ sở',
        comment: 'Minh chứng rõ ràng, đúng hạn',
      }),
    ]);
    expect(data.submissions.map((s) => s.kind).sort()).toEqual(['evidence', 'registration']);
    expect(data.mail.map((m) => m.subject)).toContain('Đã nhận đăng ký sổ hành trình năm 2019');
    expect(data.mail.every((m) => m.kind === 'notice')).toBe(true);
    // Its reads are the member's own: ten more members of the year add none (the standing reads 8 to 10 ranking
    // counters, depending on how the year's grades are spread).
    const counters = (stack.ctx.store as Partial<{ counters: StoreCounters }>).counters ?? expect.fail('no counters');
    const readsOf = async (): Promise<number> => {
      // The views write the sheets in the background after each submission: their reads are not the download's.
      await stack.views.idle();
      const before = counters.reads;
      expect((await open(dataUrl)).status).toBe(200);
      return counters.reads - before;
    };
    const reads = await readsOf();
    for (let i = 0; i < 10; i += 1)
      await stack.call('POST', '/v1/registrations', registration({ email: `thanh-vien-${String(i)}.snv@example.vn` }));
    expect(await readsOf()).toBeLessThanOrEqual(reads + 2);
    // Nobody else: not Bình, not the evaluator's address.
    for (const other of ['Trần Thị Bình', BINH, 'Bình dạy học', memberIdFor(BINH), 'bch.snv@example.vn'])
      expect(download.text).not.toContain(other); // Each download is in the member's access log, by the link that opened it (never its token).
    const log = await stack.ctx.store.accessLogOf(AN_ID);
    expect(log.filter((entry) => entry.what === `data ${String(YEAR)}`).map((entry) => entry.by)).toEqual([
      'member link v0',
      'member link v0',
      'member link v0',
    ]);
  });

  it('gives nothing for a wrong, another member’s or a missing token', async () => {
    await seedTwo();
    const book = await bookUrl(AN);
    const token = book.split('t=')[1] ?? '';
    const binhToken = (await bookUrl(BINH)).split('t=')[1] ?? '';
    for (const bad of [`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, binhToken, '']) {
      const answer = await open(`/book/${String(YEAR)}/${AN_ID}/data?t=${bad}`);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-disposition')).toBeNull();
      expect(answer.text).toContain('Liên kết không còn hiệu lực');
      expect(answer.text).not.toContain('Nguyễn Văn An');
      expect(answer.text).not.toContain(AN);
    }
  });
});

/** The form fields the book page draws, as a browser would send them. */
async function formOf(book: string): Promise<{ token: string; nonce: string; page: string }> {
  const page = (await open(book)).text;
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? expect.fail('no nonce on the page');
  const token = /name="t" value="([^"]+)"/.exec(page)?.[1] ?? expect.fail('no token on the page');
  return { token, nonce, page };
}

async function post(fields: Record<string, string>): Promise<Fetched> {
  return open(`/book/${String(YEAR)}/${AN_ID}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function requestDocs(): Promise<Record<string, unknown>[]> {
  const docs = await stack.firestore.db.collection(`years/${String(YEAR)}/dataRequests`).get();
  return docs.docs.map((d) => d.data());
}

async function requestsTab(): Promise<(string | number | boolean | null)[][]> {
  await stack.views.idle();
  // The newest: each test starts from an empty store, so the year's master spreadsheet is made again.
  const master = stack.sheets.standIn
    .listSpreadsheets()
    .filter((s) => s.properties.title.endsWith('Bảng tổng hợp'))
    .at(-1);
  return tabValues(master ?? expect.fail('no master spreadsheet'), DATA_REQUESTS_TAB);
}

describe('correction and withdrawal requests from the book page', () => {
  it('stores each once, with its deadline, on the master’s tab and in an e-mail to the committee', async () => {
    await seedTwo();
    const book = await bookUrl(AN);
    const { token, nonce, page } = await formOf(book);
    expect(page).toContain('action="' + AN_ID + '/requests"');
    const correction = { t: token, nonce, kind: 'correction', text: 'Ngày sinh đúng là 02/03/1994' };
    const first = await post(correction);
    const again = await post(correction);
    expect(first.status).toBe(200);
    expect(first.text).toContain('Đã nhận yêu cầu của bạn');
    expect(first.text).toContain('20/06/2019');
    expect(again.text).toContain('đã được ghi nhận trước đó');
    expect(await requestDocs()).toHaveLength(1);

    // A withdrawal asks for confirmation first, and stores nothing until it is given.
    const withdrawal = { t: token, nonce, kind: 'withdrawal', text: '' };
    const asked = await post(withdrawal);
    expect(asked.text).toContain('Xác nhận rút lại sự đồng ý');
    expect(await requestDocs()).toHaveLength(1);
    expect((await post({ ...withdrawal, confirm: 'yes' })).text).toContain('25/06/2019');
    await post({ ...withdrawal, confirm: 'yes' });
    const docs = await requestDocs();
    expect(docs.map((d) => [d.kind, d.deadline, d.status]).sort()).toEqual([
      ['correction', '2019-06-20', 'received'],
      ['withdrawal', '2019-06-25', 'received'],
    ]);

    const tab = await requestsTab();
    expect(tab[0]?.slice(0, 9)).toEqual([
      'Mã yêu cầu',
      'Loại yêu cầu',
      'Mã đoàn viên',
      'Họ và tên',
      'Nội dung',
      'Ngày nhận',
      'Hạn trả lời',
      'Còn lại (ngày)',
      'Trạng thái',
    ]);
    expect(tab.slice(1, 3).map((r) => r.slice(1, 9))).toEqual([
      [
        'Yêu cầu chỉnh sửa dữ liệu',
        AN_ID,
        'Nguyễn Văn An',
        'Ngày sinh đúng là 02/03/1994',
        '10/06/2019',
        '20/06/2019',
        10,
        'Đã nhận, chờ xử lý',
      ],
      [
        'Rút lại sự đồng ý xử lý dữ liệu',
        AN_ID,
        'Nguyễn Văn An',
        null,
        '10/06/2019',
        '25/06/2019',
        15,
        'Đã nhận, chờ xử lý',
      ],
    ]);

    const committee = await stack.ctx.mail?.store.mailTo('btv@example.vn');
    const notices = (committee ?? []).filter((m) => m.subject.startsWith('Yêu cầu về dữ liệu cá nhân'));
    expect(notices.map((m) => m.subject).sort()).toEqual([
      'Yêu cầu về dữ liệu cá nhân: rút lại sự đồng ý xử lý dữ liệu (hạn 25/06/2019)',
      'Yêu cầu về dữ liệu cá nhân: yêu cầu chỉnh sửa dữ liệu (hạn 20/06/2019)',
    ]);
    // The e-mail names the member by id only; the name and the text stay on the committee's tab.
    for (const m of notices) expect(JSON.stringify(m.letter)).not.toContain('Nguyễn Văn An');

    // The member has a receipt of each at once (Decree 356: answered within 2 working days), with the deadline.
    const receipts = ((await stack.ctx.mail?.store.mailTo(AN)) ?? []).filter((m) => m.subject.includes('của bạn (hạn'));
    expect(receipts.map((m) => m.subject).sort()).toEqual([
      'Đã nhận rút lại sự đồng ý xử lý dữ liệu của bạn (hạn trả lời 25/06/2019)',
      'Đã nhận yêu cầu chỉnh sửa dữ liệu của bạn (hạn trả lời 20/06/2019)',
    ]);
    const correctionReceipt = JSON.stringify(receipts.find((m) => m.subject.includes('chỉnh sửa'))?.letter);
    expect(correctionReceipt).toContain('Ngày sinh đúng là 02/03/1994');
    expect(correctionReceipt).toContain('Chào Nguyễn Văn An,');

    // The member's page lists them with their status.
    const reopened = (await formOf(book)).page;
    expect(reopened).toContain('Ngày sinh đúng là 02/03/1994');
    expect(reopened).toContain('Đã nhận, chờ xử lý');
  });

  it('refuses an empty correction or a forged link, storing nothing', async () => {
    await seedTwo();
    const { token, nonce } = await formOf(await bookUrl(AN));
    const empty = await post({ t: token, nonce, kind: 'correction', text: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('chưa ghi nội dung');
    const forged = await post({ t: `${token}x`, nonce, kind: 'correction', text: 'Sửa tên' });
    expect(forged.status).toBe(403);
    expect(await requestDocs()).toHaveLength(0);
  });
});

describe('POST /v1/years/{year}/data-requests/{requestId}/answer', () => {
  it('records the answer once, tells the member, shows it on the tab, and a done withdrawal withdraws the consent', async () => {
    await seedTwo();
    const journeyPath = `years/${String(YEAR)}/journeys/${AN_ID}`;
    const consent = { notice: 'v-test', givenAt: '2019-01-10T02:00:00.000Z', withdrawnAt: null };
    await stack.firestore.db.doc(journeyPath).update({ consent });
    const { token, nonce } = await formOf(await bookUrl(AN));
    await post({ t: token, nonce, kind: 'correction', text: 'Sửa số điện thoại' });
    await post({ t: token, nonce, kind: 'withdrawal', text: '', confirm: 'yes' });
    const ids = Object.fromEntries((await requestDocs()).map((d) => [String(d.kind), String(d.requestId)]));

    const path = (id: string) => `/v1/years/${String(YEAR)}/data-requests/${id}/answer`;
    const answer = { editId: 'answer-1', answer: 'Đã cập nhật số điện thoại theo yêu cầu.', status: 'done' };
    const unknown = await stack.call<Outcome>('POST', path('correction-00000000000000000000'), answer);
    expect(unknown.status).toBe(404);
    const refusedBody = await stack.call<Outcome>('POST', path(ids.correction ?? ''), { ...answer, status: 'maybe' });
    expect(refusedBody.status).toBe(422);

    // The committee answers with the CLI (signed with the real time, so the function's clock is set to it).
    stack.clock.now = new Date();
    const cli = async (): Promise<{ code: number; out: string }> => {
      const out: string[] = [];
      const argv = ['data-request', 'answer', String(YEAR), ids.correction ?? '', '--status', 'done', answer.answer];
      const env = { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET };
      const code = await runCli(argv, env, { out: (t) => out.push(t), err: (t) => out.push(t) });
      return { code, out: out.join('\n') };
    };
    const answered = await cli();
    expect(answered).toEqual({
      code: 0,
      out: `Đã ghi nhận câu trả lời cho yêu cầu ${ids.correction ?? ''} (Đã thực hiện); đoàn viên sẽ nhận thư báo.`,
    });
    const repeat = await cli();
    expect(repeat.out).toContain('đã được ghi nhận trước đó');

    const withdrawn = { editId: 'answer-2', answer: 'Đã ngừng xử lý dữ liệu của bạn.', status: 'done' };
    expect((await stack.call('POST', path(ids.withdrawal ?? ''), withdrawn)).status).toBe(200);
    const journey = (await stack.firestore.db.doc(journeyPath).get()).data();
    expect(journey?.consent).toEqual({ ...consent, withdrawnAt: stack.clock.now.toISOString() });

    const stored = Object.fromEntries((await requestDocs()).map((d) => [String(d.kind), d]));
    expect(stored.correction).toMatchObject({ status: 'done', answer: answer.answer });
    const audit = await stack.firestore.db.collection('audit').where('action', '==', 'data_request.answer').get();
    expect(audit.docs.map((d) => d.get('target') as string).sort()).toEqual([ids.correction, ids.withdrawal].sort());

    const toAn = (await stack.ctx.mail?.store.mailTo(AN)) ?? [];
    expect(toAn.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        'Trả lời yêu cầu chỉnh sửa dữ liệu của bạn: Đã thực hiện',
        'Trả lời rút lại sự đồng ý xử lý dữ liệu của bạn: Đã thực hiện',
      ]),
    );
    expect(toAn.filter((m) => m.subject.startsWith('Trả lời'))).toHaveLength(2);

    const tab = await requestsTab();
    const row = tab.find((r) => r[0] === ids.correction) ?? expect.fail('no row for the correction');
    expect(row.slice(7)).toEqual([null, 'Đã thực hiện', answer.answer, displayDate(localDate(stack.clock.now))]);
  });
});
