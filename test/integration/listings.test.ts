// API.md "Listings": GET …/inbox and GET …/mail come in pages ordered by time, a page costs its own reads whatever the year's size, and their query is read the same way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { newMailDoc } from '../../functions/src/adapters/firestore/mail-store';
import { connect } from '../../functions/cli/connection';
import { inbox as inboxCommand } from '../../functions/cli/commands/inbox';
import type { InboxDoc } from '../../functions/src/model';
import type { MailStatus } from '../../functions/src/domain/mail';
import { CONFIG, YEAR } from './fixtures';
import { listAll, SECRET, type Outcome } from './harness';
import { startMailStack, type MailStack } from './mail-harness';

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(async () => {
  await stack.reset();
  expect((await stack.call('PUT', `/v1/years/${YEAR}/config`, CONFIG)).status).toBe(200);
});

interface Item {
  key: string;
  status: string;
  receivedAt: string;
  raw: string;
}

const pad = (i: number): string => String(i).padStart(6, '0');
/** Three entries share each second, so the document id breaks ties. */
const receivedAt = (i: number): string => new Date(Date.UTC(2019, 0, 1) + Math.floor(i / 3) * 1000).toISOString();

function entry(i: number, overrides: Partial<InboxDoc> = {}): InboxDoc {
  return {
    key: `registration-${pad(i)}`,
    kind: 'registration',
    sourceKey: `r-${pad(i)}`,
    year: YEAR,
    email: null,
    raw: `{"n":${String(i)}}`,
    receivedAt: receivedAt(i),
    caller: 'test',
    status: i % 3 === 0 ? 'refused' : 'accepted',
    id: null,
    errors: [],
    decidedAt: receivedAt(i),
    ...overrides,
  };
}

/** Writes inbox entries straight to Firestore, `perBatch` a batch (the listing reads them as any other). */
async function seedInbox(entries: readonly InboxDoc[], perBatch = 500): Promise<void> {
  const db = stack.firestore.db;
  for (let i = 0; i < entries.length; i += perBatch) {
    const batch = db.batch();
    for (const doc of entries.slice(i, i + perBatch)) batch.set(db.doc(`inbox/${doc.key}`), doc);
    await batch.commit();
  }
}

/** Every inbox entry of the year as Firestore holds it, in the listing's order: time received, then document id. */
async function expectedOrder(status?: string): Promise<string[]> {
  const snapshot = await stack.firestore.db.collection('inbox').where('year', '==', YEAR).get();
  return snapshot.docs
    .map((d) => ({ key: d.id, at: String(d.get('receivedAt')), status: String(d.get('status')) }))
    .filter((d) => status === undefined || d.status === status)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((d) => d.key);
}

describe('GET /v1/years/{year}/inbox in pages', () => {
  it('pages through the year in the order received, each entry once, the next cursor in X-Next-Cursor until the last page', async () => {
    await seedInbox([
      ...Array.from({ length: 250 }, (_, i) => entry(i)),
      ...Array.from({ length: 20 }, (_, i) => entry(1_000 + i, { year: YEAR + 1 })),
    ]);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof stack.call<{ year: number; items: Item[]; nextCursor?: string }>>> =
        await stack.call('GET', `/v1/years/${YEAR}/inbox?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.status).toBe(200);
      expect(page.body.year).toBe(YEAR);
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((i) => i.key));
      cursor = page.headers.get('x-next-cursor');
      // The inbox gives the cursor in its body too, and neither on the last page.
      expect(page.body.nextCursor ?? null).toBe(cursor);
    } while (cursor !== null);
    // 250 entries and the plan's own.
    expect(sizes).toEqual([100, 100, 51]);
    expect(seen).toEqual(await expectedOrder());
  });

  it('pages a status the same way, and 100 entries by default', async () => {
    await seedInbox(Array.from({ length: 320 }, (_, i) => entry(i)));
    const first = await stack.call<{ items: Item[] }>('GET', `/v1/years/${YEAR}/inbox?status=refused`);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.items.every((i) => i.status === 'refused')).toBe(true);
    const refused = await listAll(
      stack,
      `/v1/years/${YEAR}/inbox?status=refused`,
      (body) => (body as { items: Item[] }).items,
      25,
    );
    expect(refused.map((i) => i.key)).toEqual(await expectedOrder('refused'));
    expect(refused).toHaveLength(107);
    // An empty status is no filter.
    expect(
      (await stack.call<{ items: Item[] }>('GET', `/v1/years/${YEAR}/inbox?status=&limit=1000`)).body.items,
    ).toHaveLength(321);
  });

  it('ends a page early, with a cursor, once its bodies pass 4 Mi characters', async () => {
    await seedInbox(
      Array.from({ length: 20 }, (_, i) => entry(i, { raw: `{"essay":"${'a'.repeat(250_000)}"}` })),
      2,
    );
    const first = await stack.call<{ items: Item[] }>('GET', `/v1/years/${YEAR}/inbox?limit=1000`);
    expect(first.body.items).toHaveLength(16);
    const all = await listAll(stack, `/v1/years/${YEAR}/inbox`, (body) => (body as { items: Item[] }).items);
    expect(all.map((i) => i.key)).toEqual(await expectedOrder());
  });

  it('costs the same reads at 100 and at 2,000 entries: the page and one more', async () => {
    const store = createFirestoreStore(stack.firestore.db);
    const readsOfPage = async (): Promise<number> => {
      store.counters.reads = 0;
      const first = await store.pageInbox(YEAR, { limit: 50 });
      await store.pageInbox(YEAR, { limit: 50, after: first.next ?? undefined });
      return store.counters.reads;
    };
    await seedInbox(Array.from({ length: 100 }, (_, i) => entry(i)));
    const small = await readsOfPage();
    await seedInbox(Array.from({ length: 1_900 }, (_, i) => entry(100 + i)));
    const large = await readsOfPage();
    expect(small).toBe(2 * 51);
    expect(large).toBe(small);
  });

  it('the CLI pages through a year longer than its largest page', async () => {
    await seedInbox(Array.from({ length: 1_200 }, (_, i) => entry(i)));
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) };
    const code = await inboxCommand.run(
      { kind: 'inbox', year: YEAR, status: null, json: true },
      { io, ...connect({ JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET }) },
    );
    expect(code).toBe(0);
    const listed = JSON.parse(out.join('\n')) as { items: Item[] };
    expect(listed.items.map((i) => i.key)).toEqual(await expectedOrder());
  });
});

describe('GET /v1/years/{year}/mail in pages', () => {
  async function seedMail(count: number): Promise<void> {
    const statuses: MailStatus[] = ['queued', 'sent', 'deferred', 'failed'];
    const batch = stack.firestore.db.batch();
    for (let i = 0; i < count; i += 1) {
      const queued = new Date(Date.UTC(2019, 4, 1) + Math.floor(i / 2) * 60_000);
      const doc = newMailDoc(
        {
          id: `notice-${pad(i)}`,
          year: YEAR,
          kind: 'notice',
          period: '2019-05-01',
          to: `m${String(i)}@example.vn`,
          priority: 0,
          subject: `Thư ${String(i)}`,
          letter: { subject: 's', preheader: '', greeting: 'Chào bạn,', blocks: [], closing: [], attachments: [] },
          contentKey: null,
        },
        queued,
        queued,
        false,
      );
      batch.set(stack.firestore.db.doc(`mail/${doc.id}`), { ...doc, status: statuses[i % 4] });
    }
    await batch.commit();
  }

  it('pages the year’s e-mails oldest first, as an array, with the next cursor in X-Next-Cursor', async () => {
    await seedMail(150);
    const first = await stack.call<{ id: string; queuedAt: string }[]>('GET', `/v1/years/${YEAR}/mail?limit=60`);
    expect(first.status).toBe(200);
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body).toHaveLength(60);
    expect(first.headers.get('x-next-cursor')).not.toBeNull();
    const all = await listAll(stack, `/v1/years/${YEAR}/mail`, (body) => body as { id: string; status: string }[], 60);
    expect(all.map((m) => m.id)).toEqual(Array.from({ length: 150 }, (_, i) => `notice-${pad(i)}`));
    const failed = await listAll(
      stack,
      `/v1/years/${YEAR}/mail?status=failed`,
      (body) => body as { id: string; status: string }[],
      7,
    );
    expect(failed.map((m) => m.id)).toEqual(
      Array.from({ length: 150 }, (_, i) => i)
        .filter((i) => i % 4 === 3)
        .map((i) => `notice-${pad(i)}`),
    );
  });

  it('gives the Thư tab the newest failures first, one page of reads', async () => {
    await seedMail(40);
    const page = await stack.ctx.mail?.store.page(YEAR, { status: 'failed', limit: 3, newest: true });
    expect(page?.items.map((m) => m.id)).toEqual(['notice-000039', 'notice-000035', 'notice-000031']);
    expect(page?.next).toEqual({ at: page?.items[2]?.queuedAt, id: 'notice-000031' });
  });
});

describe('a listing’s query is read the same way on every listing', () => {
  const LISTINGS = [
    { path: `/v1/years/${YEAR}/inbox`, statuses: 'received, accepted, refused' },
    { path: `/v1/years/${YEAR}/mail`, statuses: 'queued, sent, deferred, failed' },
  ];
  const cases = LISTINGS.flatMap((listing) =>
    [
      ['status=__proto__', 'status'],
      ['status=constructor', 'status'],
      ['status=%00', 'status'],
      ['status=REFUSED', 'status'],
      ['status=failed&status=failed', 'status'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=10&limit=20', 'limit'],
      ['cursor=not%20a%20cursor', 'cursor'],
      [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 'cursor'],
    ].map(([query, field]) => [listing.path, query, field, listing.statuses] as const),
  );

  it.each(cases)('%s?%s is 400 naming %s', async (path, query, field, statuses) => {
    const answer = await stack.call<Outcome>('GET', `${path}?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.status).toBe('refused');
    expect(answer.body.errors).toEqual([expect.objectContaining({ field, code: 'invalid_parameter' })]);
    const message = answer.body.errors[0]?.message ?? '';
    expect(message).toContain(`Tham số "${field}"`);
    if (field === 'status') expect(message).toContain(statuses);
    if (field === 'limit') expect(message).toContain('từ 1 đến 1.000');
  });

  it('names every wrong parameter at once', async () => {
    const answer = await stack.call<Outcome>('GET', `/v1/years/${YEAR}/mail?status=x&limit=0&cursor=%25`);
    expect(answer.body.errors.map((e) => e.field)).toEqual(['status', 'limit', 'cursor']);
  });
});
