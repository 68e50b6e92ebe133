// The journey book over HTTP: links given and revoked by signed routes, the page behind them, and every way a link fails.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../functions/cli/run';
import { memberIdFor } from '../../functions/src/app/ids';
import type { Firestore } from 'firebase-admin/firestore';
import { CONFIG, YEAR, evaluation, evidence, registration } from './fixtures';
import { SECRET, startJourneyStack, type JourneyStack, type Outcome } from './harness';

/** Every document of the collections the store owns, by path (the emulator cannot list collections). */
async function exportDocuments(db: Firestore): Promise<Record<string, unknown>> {
  const documents: Record<string, unknown> = {};
  const read = async (collection: string): Promise<void> => {
    for (const doc of (await db.collection(collection).get()).docs) documents[doc.ref.path] = doc.data();
  };
  for (const name of ['years', 'members', 'inbox', 'audit', 'viewWork']) await read(name);
  for (const year of Object.keys(documents).filter((path) => /^years\/[^/]+$/.test(path))) {
    for (const sub of ['configVersions', 'journeys', 'evidence', 'sheets', 'ranking']) await read(`${year}/${sub}`);
  }
  return documents;
}

/** Links name this base; the test opens them on the stack's own address, which proves the base comes from settings. */
const PUBLIC = 'https://hanh-trinh.example.vn/journey';
const DAY = 86_400_000;
let offsetMs = 0;
let stack: JourneyStack;

beforeAll(async () => {
  stack = await startJourneyStack({ clock: () => new Date(Date.now() + offsetMs), publicUrl: PUBLIC });
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(async () => {
  offsetMs = 0;
  stack.reset();
  expect((await stack.call('PUT', `/v1/years/${YEAR}/config`, CONFIG)).status).toBe(200);
});

interface Page {
  status: number;
  headers: Headers;
  text: string;
}

/** Opens a link as a browser would: no signature, only the token in the address. */
async function open(link: string, method = 'GET'): Promise<Page> {
  const response = await fetch(link.startsWith(PUBLIC) ? stack.url + link.slice(PUBLIC.length) : stack.url + link, {
    method,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const AN = 'an.snv@example.vn';
const COMMENT = 'Rất tích cực <script>alert("x")</script> & đúng hạn';

/** Id of An's second RL2 entry, left pending by `seedAn`. */
let pendingEntry = '';

/** An registers and reports two RL2 activities: one approved with a comment, one pending. */
async function seedAn(): Promise<string> {
  const reg = await stack.call<Outcome>('POST', '/v1/registrations', registration({ email: AN }));
  const first = await stack.call<Outcome>(
    'POST',
    '/v1/evidence',
    evidence({ email: AN, description: 'Hiến máu <b>tình nguyện</b> tại Nhà Văn hóa Thanh niên' }),
  );
  pendingEntry =
    (
      await stack.call<Outcome>(
        'POST',
        '/v1/evidence',
        evidence({ email: AN, activityDate: '2019-04-27', description: 'Tiếp sức mùa thi' }),
      )
    ).body.id ?? '';
  expect(
    (await stack.call('POST', '/v1/evaluations', evaluation(first.body.id ?? '', { comment: COMMENT }))).status,
  ).toBe(200);
  return reg.body.id ?? '';
}

async function linkFor(who: string): Promise<{ url: string; expiresAt: string }> {
  const answer = await stack.call<{ url: string; expiresAt: string }>(
    'GET',
    `/v1/years/${YEAR}/members/${encodeURIComponent(who)}/book-link`,
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

function expectPrivateHeaders(page: Page): void {
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('cache-control')).toBe('private, no-store');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('x-robots-tag')).toContain('noindex');
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
}

describe('GET …/book-link and the book it opens', () => {
  it('gives a link by e-mail or member id, valid 90 days, under the public address', async () => {
    const memberId = await seedAn();
    const byEmail = await linkFor(AN);
    const byId = await linkFor(memberId);
    expect(byEmail.url).toMatch(new RegExp(`^${PUBLIC}/book/${YEAR}/${memberId}\\?t=[0-9A-Za-z._-]+$`));
    expect(byId.url.split('?')[0]).toBe(byEmail.url.split('?')[0]);
    expect(Math.round((Date.parse(byEmail.expiresAt) - Date.now()) / DAY)).toBe(90);
  });

  it('opens the member’s book: identity, unit, tasks by group with their status, entries, decisions and comments, escaped', async () => {
    await seedAn();
    const page = await open((await linkFor(AN)).url);
    expect(page.status).toBe(200);
    expectPrivateHeaders(page);
    for (const text of [
      'Nguyễn Văn An',
      'Đoàn Sở Nội vụ',
      'Tổ 1 - Cụm Nội chính',
      'Nhiệm vụ bắt buộc',
      'Nhiệm vụ rèn luyện',
      'Nhiệm vụ thử thách',
      'Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội',
      'Đã được duyệt 1/2',
      'Hoạt động ngày 20/04/2019',
      'Chờ đánh giá',
      'Ban Chấp hành Đoàn cơ sở',
      'Rất tích cực &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; đúng hạn',
      'Hiến máu &lt;b&gt;tình nguyện&lt;/b&gt;',
      'Những việc còn lại',
      'hạn đăng ký bổ sung 30/06/2019',
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).not.toContain('<script>');
  });

  it('shows the rank among the year’s members without reading their journeys', async () => {
    await seedAn();
    const binhLink = async (): Promise<string> => (await linkFor('binh.snv@example.vn')).url;
    await stack.call(
      'POST',
      '/v1/registrations',
      registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
    );
    // Neither has a task done yet: equal in grade, points and completion, they share the first place.
    expect((await open(await binhLink())).text).toMatch(
      /Xếp hạng<\/span><strong>1\/2<\/strong><small>đồng hạng với 1 đoàn viên/,
    );
    // An's second RL2 entry is approved: RL2 is done, An has points, Bình does not.
    expect((await stack.call('POST', '/v1/evaluations', evaluation(pendingEntry))).status).toBe(200);
    const link = (await linkFor(AN)).url;
    const readsToOpen = async (): Promise<number> => {
      const before = stack.counters.reads;
      expect((await open(link)).text).toMatch(/Xếp hạng<\/span><strong>1\/2<\/strong>/);
      return stack.counters.reads - before;
    };
    const reads = await readsToOpen();
    expect((await open(await binhLink())).text).toMatch(/Xếp hạng<\/span><strong>2\/2<\/strong>/);
    // Link version, plan, journey, member, two entries, eight ranking counters, the member's data requests of the year
    // (one query): none of the other journeys.
    expect(reads).toBe(15);
    for (const name of ['cuong', 'dung', 'giang'])
      await stack.call(
        'POST',
        '/v1/registrations',
        registration({ email: `${name}.snv@example.vn`, fullName: `Lê Văn ${name}` }),
      );
    expect((await open(link)).text).toMatch(/Xếp hạng<\/span><strong>1\/5<\/strong>/);
    const before = stack.counters.reads;
    await open(link);
    expect(stack.counters.reads - before).toBe(reads);
  });

  it('answers 404 for an unknown member or year, and 401 unsigned', async () => {
    await seedAn();
    const unknown = await stack.call<Outcome>(
      'GET',
      `/v1/years/${YEAR}/members/${encodeURIComponent('ai.do@example.vn')}/book-link`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]?.code).toBe('member_not_found');
    expect(
      (await stack.call<Outcome>('GET', `/v1/years/2031/members/${encodeURIComponent(AN)}/book-link`)).status,
    ).toBe(404);
    expect(
      (
        await stack.call('GET', `/v1/years/${YEAR}/members/${encodeURIComponent(AN)}/book-link`, undefined, {
          unsigned: true,
        })
      ).status,
    ).toBe(401);
  });
});

describe('links that do not open', () => {
  /** Every refusal is the same page: Vietnamese, how to get a new link, nothing about the member. */
  async function expectRefused(link: string): Promise<void> {
    const page = await open(link);
    expect(page.status).toBe(403);
    expectPrivateHeaders(page);
    expect(page.text).toContain('Liên kết không còn hiệu lực');
    expect(page.text).toContain('Để nhận liên kết mới');
    for (const secret of ['Nguyễn Văn An', AN, 'Đoàn Sở Nội vụ', 'Hiến máu']) expect(page.text).not.toContain(secret);
  }

  it.each<[string, (url: string, memberId: string) => string]>([
    ['no token', (url) => url.split('?')[0] ?? ''],
    ['an empty token', (url) => `${url.split('?')[0] ?? ''}?t=`],
    ['another member’s path', (url, memberId) => url.replace(memberId, memberIdFor('binh.snv@example.vn'))],
    ['another year', (url) => url.replace(`/book/${YEAR}/`, `/book/${YEAR + 1}/`)],
    ['a later expiry written in', (url) => url.replace(/\.(\d+)\./, (_m, e: string) => `.${Number(e) + DAY / 1000}.`)],
    ['a raised version written in', (url) => url.replace('?t=0.', '?t=1.')],
    ['a truncated token', (url) => url.slice(0, -5)],
    ['a token with one character changed', (url) => url.slice(0, -1) + (url.endsWith('A') ? 'B' : 'A')],
  ])('refuses %s with 403 and no member data', async (_what, alter) => {
    const memberId = await seedAn();
    await expectRefused(alter((await linkFor(AN)).url, memberId));
  });

  it('refuses an expired link', async () => {
    await seedAn();
    const link = (await linkFor(AN)).url;
    offsetMs = 91 * DAY;
    await expectRefused(link);
  });

  it('refuses every earlier link once the member’s link version is raised, and opens the new one', async () => {
    const memberId = await seedAn();
    const old = (await linkFor(AN)).url;
    const revoked = await stack.call<Outcome & { linkVersion: number; url: string }>(
      'POST',
      `/v1/years/${YEAR}/members/${encodeURIComponent(AN)}/book-link/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'accepted', id: memberId, linkVersion: 1 });
    await expectRefused(old);
    expect((await open(revoked.body.url)).status).toBe(200);
    expect((await open((await linkFor(memberId)).url)).status).toBe(200);
    // Audited, and the member's Kết quả row is made stale so the committee's link is rewritten.
    const audit = await stack.firestore.db.collection('audit').where('action', '==', 'book_link.revoke').get();
    expect(audit.docs.map((d) => d.get('target') as string)).toEqual([memberId]);
    expect(stack.changes).toContainEqual({ kind: 'journey', year: YEAR, memberId });
  });

  it('answers 404 for a path that names no book, and 405 for anything but reading', async () => {
    expect((await open('/book/2019')).status).toBe(404);
    expect((await open('/book/abc/m-0123456789abcdef?t=1')).status).toBe(404);
    const posted = await open('/book/2019/m-0123456789abcdef', 'POST');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never answers 500, whatever the path, token or method', async () => {
    await seedAn();
    const valid = (await linkFor(AN)).url.slice(PUBLIC.length);
    const segment = fc.oneof(
      fc.string(),
      fc.constantFrom('2019', 'm-0123456789abcdef', memberIdFor(AN), '%', '%E0%A4%A', '..', ''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE'),
        segment,
        segment,
        fc.oneof(
          fc.string(),
          fc.constant(valid.split('t=')[1] ?? ''),
          fc.stringMatching(/^[0-9]{1,2}\.[0-9]{10}\.[A-Za-z0-9_-]{43}$/),
        ),
        async (method, year, member, token) => {
          const path = `/book/${encodeURIComponent(year)}/${encodeURIComponent(member)}?t=${encodeURIComponent(token)}&t=x`;
          const page = await open(path, method);
          // 401 only for paths a client normalised out of /book (".." segments): those reach the signed routes.
          expect([200, 401, 403, 404, 405]).toContain(page.status);
          if (page.status !== 200) expect(page.text).not.toContain('Nguyễn Văn An');
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('opening a book changes nothing but its access log', () => {
  it('leaves every document as it was, records each opening, and shows the same page however often it is opened', async () => {
    await seedAn();
    const link = (await linkFor(AN)).url;
    const documents = await exportDocuments(stack.firestore.db);
    const writes = stack.counters.writes;
    const pages = [];
    for (let i = 0; i < 5; i += 1) pages.push((await open(link, i % 2 === 0 ? 'GET' : 'HEAD')).text);
    const refused = await open(link.slice(0, -3));
    expect(refused.status).toBe(403);
    // One access-log entry for each of the five openings (its own document, under the member); none for the refusal.
    expect(stack.counters.writes).toBe(writes + 5);
    expect((await stack.firestore.db.collection(`members/${memberIdFor(AN)}/accessLog`).get()).size).toBe(6);
    expect(await exportDocuments(stack.firestore.db)).toEqual(documents);
    const bodies = pages.filter((p) => p !== '');
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
  });
});

describe('the operator CLI', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET },
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('book-link prints, on its first line, a link that opens the member’s book', async () => {
    await seedAn();
    const { code, out } = await cli(['book-link', String(YEAR), AN]);
    expect(code).toBe(0);
    const [url = '', said = ''] = out.split('\n');
    expect(said).toMatch(
      /^Liên kết tới sổ hành trình năm 2019 của an\.snv@example\.vn, có hiệu lực đến \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/,
    );
    const page = await open(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nguyễn Văn An');
  });

  it('book-revoke stops every earlier link and prints the new one', async () => {
    await seedAn();
    const old = (await cli(['book-link', String(YEAR), AN])).out.split('\n')[0] ?? '';
    const { code, out } = await cli(['book-revoke', String(YEAR), AN]);
    expect(code).toBe(0);
    expect(out).toContain('Đã thu hồi mọi liên kết sổ hành trình cấp trước đây cho an.snv@example.vn');
    expect((await open(old)).status).toBe(403);
    expect((await open(out.split('\n').at(-1) ?? '')).status).toBe(200);
  });

  it('party records the days a member was introduced and admitted, written dd/MM/yyyy, once however often it runs', async () => {
    await seedAn();
    const argv = ['party', String(YEAR), AN, '--introduced', '15/03/2020', '--admitted', '02/09/2020'];
    const first = await cli([...argv, '--reference', '123-QĐ/ĐU']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toBe(
      `Đã ghi ngày giới thiệu kết nạp 15/03/2020 và ngày kết nạp 02/09/2020 của ${AN} (mã ${memberIdFor(AN)}) vào hành trình năm 2019.`,
    );
    expect((await cli([...argv, '--reference', '123-QĐ/ĐU'])).out).toContain('(đã ghi từ trước, không ghi lại)');
    const stored = await stack.firestore.db.doc(`members/${memberIdFor(AN)}`).get();
    expect(stored.get('party')).toEqual({
      introducedAt: '2020-03-15',
      admittedAt: '2020-09-02',
      reference: '123-QĐ/ĐU',
    });
    const wrong = await cli(['party', String(YEAR), AN, '--admitted', '31/02/2020x']);
    expect([wrong.code, wrong.err]).toEqual([2, expect.stringContaining('không phải là ngày')]);
  });

  it('says in Vietnamese when the member is unknown, and exits 1', async () => {
    const { code, err } = await cli(['book-link', String(YEAR), 'ai.do@example.vn']);
    expect(code).toBe(1);
    expect(err).toContain('Không tìm thấy đoàn viên "ai.do@example.vn"');
  });
});
