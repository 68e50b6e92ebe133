// The access log (issue 25 item 6): each read of one member's data — the journey book opened by its link, the member
// routes, the CLI's `member`, a book link given — is listed for the committee with who, when and what; a read whose
// entry cannot be written is not answered; entries carry the expiry Firestore's TTL deletes them after.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../functions/cli/run';
import { memberIdFor } from '../../functions/src/app/ids';
import { createFirestoreStore, DEFAULT_ACCESS_LOG_DAYS } from '../../functions/src/adapters/firestore/store';
import { StoreUnavailableError, type Store } from '../../functions/src/ports';
import { CONFIG, YEAR, registration } from './fixtures';
import { SECRET, listAll, startJourneyStack, type JourneyStack } from './harness';

const PUBLIC = 'https://hanh-trinh.example.vn/journey';
const AN = 'an.snv@example.vn';
const AN_ID = memberIdFor(AN);
const DAY = 86_400_000;
let failAccessLog = false;
let stack: JourneyStack;

interface Entry {
  at: string;
  by: string;
  what: string;
}

beforeAll(async () => {
  stack = await startJourneyStack({
    publicUrl: PUBLIC,
    wrapStore: (store: Store): Store => ({
      ...store,
      recordAccess: (entry) =>
        failAccessLog ? Promise.reject(new StoreUnavailableError('test: access log down')) : store.recordAccess(entry),
    }),
  });
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(async () => {
  failAccessLog = false;
  stack.reset();
  expect((await stack.call('PUT', `/v1/years/${YEAR}/config`, CONFIG)).status).toBe(200);
  expect((await stack.call('POST', '/v1/registrations', registration())).status).toBe(200);
});

async function accessLog(member = AN): Promise<Entry[]> {
  return listAll<Entry>(stack, `/v1/members/${encodeURIComponent(member)}/access-log`, (body) => body as Entry[]);
}

async function openBook(url: string): Promise<number> {
  return (await fetch(stack.url + url.slice(PUBLIC.length))).status;
}

async function bookLink(): Promise<string> {
  const answer = await stack.call<{ url: string }>('GET', `/v1/years/${YEAR}/members/${AN}/book-link`);
  expect(answer.status).toBe(200);
  return answer.body.url;
}

const cli = async (...argv: string[]): Promise<{ code: number; out: string }> => {
  const out: string[] = [];
  const code = await runCli(
    argv,
    { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET },
    {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    },
  );
  return { code, out: out.join('\n') };
};

describe('the access log', () => {
  it('lists each read of the member’s data, newest first, with who and what', async () => {
    expect((await stack.call('GET', `/v1/years/${YEAR}/members/${AN_ID}`)).status).toBe(200);
    expect((await stack.call('GET', `/v1/members/${AN}`)).status).toBe(200);
    const first = await bookLink();
    expect(await openBook(first)).toBe(200);
    const revoked = await stack.call<{ url: string }>('POST', `/v1/years/${YEAR}/members/${AN}/book-link/revoke`);
    expect(await openBook(first)).toBe(403);
    expect(await openBook(revoked.body.url)).toBe(200);
    expect((await cli('member', String(YEAR), AN)).code).toBe(0);

    const entries = await accessLog();
    const signed = 'admin role (local secret) via test';
    const byCli = 'admin role (local secret) via cli';
    // The CLI's `member` reads the year's journey and the member across the phase (its plan read is no member data).
    expect(entries.map(({ by, what }) => [by, what])).toEqual([
      [byCli, 'phase'],
      [byCli, `journey ${YEAR}`],
      ['member link v1', `book ${YEAR}`],
      [signed, `book-link ${YEAR}`],
      ['member link v0', `book ${YEAR}`],
      [signed, `book-link ${YEAR}`],
      [signed, 'phase'],
      [signed, `journey ${YEAR}`],
    ]);
    expect([...entries].sort((a, b) => b.at.localeCompare(a.at))).toEqual(entries);
    for (const entry of entries) expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    // No token in the log: only the link's version names it.
    expect(JSON.stringify(entries)).not.toMatch(/t=|token/);
    // The same log by member id; another member's reads are not in it.
    expect(await accessLog(AN_ID)).toEqual(entries);
  });

  it('records nothing for a refused link, an unknown member, or the listing itself', async () => {
    expect(await openBook(`${PUBLIC}/book/${YEAR}/${AN_ID}?t=forged`)).toBe(403);
    expect((await stack.call('GET', `/v1/members/nobody@example.vn`)).status).toBe(404);
    expect(await accessLog()).toEqual([]);
    expect(await accessLog()).toEqual([]);
    const unknown = await stack.call<{ errors: { code: string }[] }>('GET', '/v1/members/nobody@example.vn/access-log');
    expect([unknown.status, unknown.body.errors[0]?.code]).toEqual([404, 'member_not_found']);
  });

  it('comes in pages (API.md "Listings")', async () => {
    for (let i = 0; i < 5; i += 1) expect((await stack.call('GET', `/v1/members/${AN}`)).status).toBe(200);
    const first = await stack.call<Entry[]>('GET', `/v1/members/${AN}/access-log?limit=2`);
    expect(first.body).toHaveLength(2);
    const cursor = first.headers.get('x-next-cursor') ?? expect.fail('a first page of 2 out of 5 has a next one');
    const second = await stack.call<Entry[]>('GET', `/v1/members/${AN}/access-log?limit=2&cursor=${cursor}`);
    expect(second.body).toHaveLength(2);
    expect(second.body[0]?.at.localeCompare(first.body[1]?.at ?? '')).toBeLessThanOrEqual(0);
    expect(await accessLog()).toHaveLength(5);
    expect((await stack.call('GET', `/v1/members/${AN}/access-log?status=x`)).status).toBe(400);
  });

  it('refuses the read (503) when its entry cannot be written, and the book page says to try later', async () => {
    const link = await bookLink();
    failAccessLog = true;
    const journey = await stack.call<{ errors: { code: string }[] }>('GET', `/v1/years/${YEAR}/members/${AN_ID}`);
    expect([journey.status, journey.body.errors[0]?.code]).toEqual([503, 'storage_unavailable']);
    expect(JSON.stringify(journey.body)).not.toContain('Nguyễn Văn An');
    expect((await stack.call('GET', `/v1/members/${AN}`)).status).toBe(503);
    expect((await stack.call('GET', `/v1/years/${YEAR}/members/${AN}/book-link`)).status).toBe(503);
    const page = await fetch(stack.url + link.slice(PUBLIC.length));
    expect(page.status).toBe(503);
    expect(await page.text()).not.toContain('Nguyễn Văn An');
    failAccessLog = false;
    expect((await accessLog()).map((e) => e.what)).toEqual([`book-link ${YEAR}`]);
  });

  it('stamps each entry with its expiry and no longer lists an entry past it', async () => {
    expect((await stack.call('GET', `/v1/members/${AN}`)).status).toBe(200);
    const docs = (await stack.firestore.db.collection(`members/${AN_ID}/accessLog`).get()).docs;
    expect(docs).toHaveLength(1);
    const data = docs[0]?.data() ?? {};
    const expireAt = (data.expireAt as { toDate(): Date }).toDate();
    expect(expireAt.getTime() - Date.parse(String(data.at))).toBe(DEFAULT_ACCESS_LOG_DAYS * DAY);
    // Firestore's TTL deletes an entry up to a day or so after it expires: until then the store no longer lists it.
    const storeAt = (days: number, ms: number) =>
      createFirestoreStore(stack.firestore.db, undefined, { clock: () => new Date(Date.now() + days * DAY + ms) });
    expect(await storeAt(DEFAULT_ACCESS_LOG_DAYS, -60_000).accessLogOf(AN_ID)).toHaveLength(1);
    expect(await storeAt(DEFAULT_ACCESS_LOG_DAYS, 60_000).accessLogOf(AN_ID)).toEqual([]);
    // A shorter period set for the deployment (JOURNEY_ACCESS_LOG_DAYS) stamps a nearer expiry.
    const short = createFirestoreStore(stack.firestore.db, undefined, { accessLogDays: 30 });
    await short.recordAccess({ memberId: AN_ID, at: '2026-01-01T00:00:00.000Z', by: 'test', what: 'phase' });
    const stamped = (
      await stack.firestore.db.collection(`members/${AN_ID}/accessLog`).where('by', '==', 'test').get()
    ).docs[0]?.get('expireAt') as { toDate(): Date };
    expect(stamped.toDate().toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('the CLI', () => {
  it('prints a member’s access log in Vietnamese, times in Vietnam', async () => {
    expect((await stack.call('GET', `/v1/members/${AN}`)).status).toBe(200);
    const { code, out } = await cli('access-log', AN);
    expect(code).toBe(0);
    expect(out).toContain(`Nhật ký truy cập dữ liệu của đoàn viên ${AN_ID}`);
    expect(out).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(out).toContain('quyền admin (local secret) qua test');
    expect(out).toContain('Thông tin qua các năm của giai đoạn');
  });
});
