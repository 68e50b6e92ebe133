// Erasure that leaves nothing behind (issue 25 item 4): a member seeded through every path — registration, evidence with
// a BB3 essay, decisions with comments, a base union's nominee list, party dates, notices and reports (a quarterly PDF),
// a rollover into a second year, a book link — is erased; then their name and e-mail are in no Firestore document, no
// spreadsheet cell, no outbox file or PDF text and no local data file after a checkpoint, while the counts, ranks and
// phase funnel of everyone else are as they were.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../functions/src/app/context';
import { eraseMember, erasureKeyOf } from '../../functions/src/app/erase';
import { memberIdFor } from '../../functions/src/app/ids';
import { runCli } from '../../functions/cli/run';
import { phaseFunnel } from '../../functions/src/domain/phase-funnel';
import type { Store } from '../../functions/src/ports';
import { startDurableFirestore, type DurableFirestore } from '../../functions/dev/durable-firestore';
import { outboxFolderMailer } from '../../functions/dev/outbox/folder-mailer';
import type { RunningSheetsStandIn } from '../../functions/dev/sheets';
import { startJourneyStack } from '../../functions/dev/stack';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import type { JourneySend } from '../../functions/client/journey-client';
import { CONFIG, essay, evidence, registration } from './fixtures';
import { SECRET } from './harness';
import { FAST_VIEWS } from './mail-harness';
import { must } from '../helpers';

const ERASED = { email: 'lan.stp@example.vn', fullName: 'Lê Thị Lan', phone: '0903123456', dateOfBirth: '1994-03-15' };
const OTHERS = [
  { email: 'an.snv@example.vn', fullName: 'Nguyễn Văn An', unit: 'SNV' },
  { email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình', unit: 'SNV' },
  { email: 'hoa.stp@example.vn', fullName: 'Đặng Thu Hoa', unit: 'STP' },
];

interface Stack {
  send: JourneySend;
  ctx: AppContext;
  url: string;
  store: Store;
  db: Firestore;
  views: SheetsViews;
  sheets: RunningSheetsStandIn;
  firestore: DurableFirestore;
  clock: { now: Date };
  stop(): Promise<void>;
}

let stack: Stack;
const dataDir = mkdtempSync(join(tmpdir(), 'journey-erasure-'));
const outbox = join(dataDir, 'outbox');

async function start(): Promise<Stack> {
  const firestore = await startDurableFirestore({
    dataDir,
    onJournalFailure: (e) => {
      throw e;
    },
  });
  const clock = { now: new Date('2019-06-20T03:00:00Z') };
  const started = await startJourneyStack({
    firestore,
    secret: SECRET,
    publicUrl: 'https://journey.example.vn',
    clock: () => clock.now,
    log: () => undefined,
    views: {
      ...FAST_VIEWS,
      mail: {
        mailer: outboxFolderMailer(outbox, () => clock.now),
        sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
        dailyBudget: 1600,
        scheduler: () => ({ request: () => Promise.resolve(), idle: () => Promise.resolve() }),
      },
    },
  });
  return {
    send: started.send,
    ctx: started.ctx,
    url: started.url,
    store: started.store,
    db: firestore.db,
    views: must(started.views),
    sheets: must(started.sheets),
    firestore,
    clock,
    stop: started.stop,
  };
}

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await stack.send<Record<string, unknown>>(method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
}

async function drain(): Promise<void> {
  await ok('POST', '/v1/internal/mail/drain', {});
}

/** Seeds the erased member through every path, and the others beside them. */
async function seed(): Promise<void> {
  await ok('PUT', '/v1/years/2019/config', {
    ...CONFIG,
    units: CONFIG.units.map((u) => (u.id === 'STP' ? { ...u, nominees: [ERASED.email, 'hoa.stp@example.vn'] } : u)),
  });
  await ok('POST', '/v1/registrations', registration({ ...ERASED, unit: 'STP' }));
  for (const o of OTHERS)
    await ok('POST', '/v1/registrations', registration({ email: o.email, fullName: o.fullName, unit: o.unit }));
  const essayId = String(
    (
      await ok(
        'POST',
        '/v1/evidence',
        evidence({
          email: ERASED.email,
          task: 'BB3',
          essay: `${essay(1100)} Lê Thị Lan`,
          description: 'Bài thu hoạch của Lê Thị Lan',
        }),
      )
    ).id,
  );
  const rl6 = String(
    (
      await ok(
        'POST',
        '/v1/evidence',
        evidence({
          email: ERASED.email,
          task: 'RL2',
          description: 'Hiến máu cùng chi đoàn, liên hệ 0903123456',
          links: ['https://drive.google.com/lan-thi-le'],
        }),
      )
    ).id,
  );
  const anRl6 = String((await ok('POST', '/v1/evidence', evidence({ email: OTHERS[0]?.email, task: 'RL2' }))).id);
  await ok('POST', '/v1/evaluations', {
    editId: 'd-1',
    editedAt: '2019-06-01T08:00:00+07:00',
    queue: 'BCH_CO_SO:STP',
    evidenceId: rl6,
    decision: 'approved',
    comment: 'Lê Thị Lan làm rất tốt',
    evaluatorEmail: 'bch.stp@example.vn',
  });
  await ok('POST', '/v1/evaluations', {
    editId: 'd-2',
    editedAt: '2019-06-02T08:00:00+07:00',
    queue: 'BTV_DOAN_KHOI',
    evidenceId: essayId,
    decision: 'needs_info',
    comment: 'Chị Lan bổ sung phần liên hệ bản thân',
  });
  await ok('POST', '/v1/evaluations', {
    editId: 'd-3',
    editedAt: '2019-06-01T08:00:00+07:00',
    queue: 'BCH_CO_SO:SNV',
    evidenceId: anRl6,
    decision: 'approved',
  });
  // Bình's essay approved: she stands apart from the erased member (not tied), so her rank is compared exactly.
  const binhEssay = String(
    (await ok('POST', '/v1/evidence', evidence({ email: OTHERS[1]?.email, task: 'BB3', essay: essay(1100) }))).id,
  );
  await ok('POST', '/v1/evaluations', {
    editId: 'd-4',
    editedAt: '2019-06-03T08:00:00+07:00',
    queue: 'BTV_DOAN_KHOI',
    evidenceId: binhEssay,
    decision: 'approved',
  });
  await ok('PUT', '/v1/years/2019/units/STP/nominees', {
    editId: 'n-1',
    editedAt: '2019-01-05T08:00:00+07:00',
    nominees: [
      { fullName: ERASED.fullName, email: ERASED.email },
      { fullName: 'Đặng Thu Hoa', email: 'hoa.stp@example.vn' },
    ],
    editorEmail: 'bch.stp@example.vn',
  });
  await ok('POST', '/v1/party-status', {
    editId: 'p-1',
    email: ERASED.email,
    year: 2019,
    introducedAt: '2019-11-12',
    reference: 'Giới thiệu đồng chí Lê Thị Lan',
  });
  await ok('GET', `/v1/years/2019/members/${encodeURIComponent(ERASED.email)}/book-link`);
  for (const [kind, period] of [
    ['quarterly', '2019-Q2'],
    ['members', '2019-W25'],
    ['digest', '2019-W25'],
    ['camp', '2019'],
  ]) {
    await ok('POST', `/v1/years/2019/reports/${kind}`, { period });
  }
  await drain();
  await ok('POST', '/v1/years/2020/rollover', { editId: 'to-2020', fromYear: 2019 });
  stack.clock.now = new Date('2020-01-12T03:00:00Z');
  await ok('PUT', '/v1/years/2020/units/STP/nominees', {
    editId: 'n-2020',
    editedAt: '2020-01-05T08:00:00+07:00',
    nominees: [{ fullName: ERASED.fullName, email: ERASED.email }],
    editorEmail: 'bch.stp@example.vn',
  });
  for (const who of [ERASED, ...OTHERS.slice(0, 1)]) {
    await ok(
      'POST',
      '/v1/registrations',
      registration({
        email: who.email,
        fullName: who.fullName,
        unit: 'unit' in who ? who.unit : 'STP',
        year: 2020,
        submittedAt: '2020-01-10T09:00:00+07:00',
      }),
    );
  }
  await drain();
  for (const year of [2019, 2020]) await ok('POST', `/v1/years/${String(year)}/sync`);
  await stack.views.idle();
}

/**
 * Every Firestore document, in every collection and subcollection: the embedded emulator has no ListCollectionIds, so
 * the durable store's mirror of it (what its snapshots are made of) is walked, each document read back through the SDK
 * as well to prove the mirror is the store.
 */
async function everyDocument(db: Firestore): Promise<{ path: string; data: unknown }[]> {
  const paths = [...stack.firestore.everyDocument().keys()];
  const snapshots = await db.getAll(...paths.map((p) => db.doc(p)));
  return snapshots.map((s, i) => {
    expect(s.exists, paths[i]).toBe(true);
    return { path: s.ref.path, data: s.data() };
  });
}

interface Standing {
  memberId: string;
  grade: string;
  points: number;
  completedAt: string | null;
  rank: number;
}

/** Each year's members as ranked (grade, points, completion, rank), the counts, and the phase funnel. */
async function standings(): Promise<{ years: Standing[][]; counts: number[]; funnel: unknown }> {
  const years = [2019, 2020];
  const results = await Promise.all(years.map((y) => ok('GET', `/v1/years/${String(y)}/results`)));
  const ranked = results.map((r) =>
    (r.members as Standing[]).map(({ memberId, grade, points, completedAt, rank }) => ({
      memberId,
      grade,
      points,
      completedAt,
      rank,
    })),
  );
  const journeys = (await Promise.all(years.map((y) => stack.store.listJourneys(y)))).flat();
  const members = (await Promise.all(years.map((y) => stack.store.listMembersOf(y)))).flat();
  const funnel = phaseFunnel(journeys, new Map(members.map((m) => [m.memberId, m.party])));
  return { years: ranked, counts: ranked.map((r) => r.length), funnel };
}

const tied = (a: Standing, b: Standing): boolean =>
  a.grade === b.grade && a.points === b.points && a.completedAt === b.completedAt;

/**
 * Everyone else as before: same grade, points and completion, same rank — except that among members tied with the
 * erased one on grade, points and completion, the name decided the order (SPEC: ties by name), and the erased member
 * has none any more: there the tied members keep the same ranks between them and their order among themselves.
 */
function expectOthersUnchanged(before: Standing[], after: Standing[], erasedBefore: string, erasedAfter: string): void {
  const erased = must(before.find((m) => m.memberId === erasedBefore));
  const pseudonym = must(after.find((m) => m.memberId === erasedAfter));
  expect({ ...pseudonym, memberId: '', rank: 0 }).toEqual({ ...erased, memberId: '', rank: 0 });
  const others = (list: Standing[], id: string) => list.filter((m) => m.memberId !== id);
  const afterById = new Map(after.map((m) => [m.memberId, m]));
  for (const m of others(before, erasedBefore)) {
    const now = must(afterById.get(m.memberId), m.memberId);
    if (tied(m, erased)) expect({ ...now, rank: 0 }).toEqual({ ...m, rank: 0 });
    else expect(now).toEqual(m);
  }
  const group = (list: Standing[], id: string) => list.filter((m) => tied(m, erased) || m.memberId === id);
  expect(
    group(after, erasedAfter)
      .map((m) => m.rank)
      .sort(),
  ).toEqual(
    group(before, erasedBefore)
      .map((m) => m.rank)
      .sort(),
  );
  const order = (list: Standing[], id: string) =>
    others(group(list, id), id)
      .sort((a, b) => a.rank - b.rank)
      .map((m) => m.memberId);
  expect(order(after, erasedAfter)).toEqual(order(before, erasedBefore));
}

function pdfText(content: ArrayBuffer | Uint8Array | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'journey-pdf-')), 'a.pdf');
  writeFileSync(file, typeof content === 'string' ? Buffer.from(content, 'base64') : new Uint8Array(content));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Whether a text names the erased member (name in any case, e-mail, or the id derived from it). */
const NEEDLES = [ERASED.fullName, ERASED.email, memberIdFor(ERASED.email), ERASED.phone, ERASED.dateOfBirth];
function named(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return NEEDLES.filter((n) => lower.includes(n.toLowerCase()));
}

async function outboxTexts(): Promise<{ file: string; text: string }[]> {
  const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  return Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(join(outbox, file));
      const email = await PostalMime.parse(raw);
      const pdfs = email.attachments.filter((a) => a.mimeType === 'application/pdf').map((a) => pdfText(a.content));
      const text = [
        raw.toString('utf8'),
        email.subject ?? '',
        email.text ?? '',
        email.html ?? '',
        JSON.stringify(email.to),
        ...pdfs,
      ].join('\n');
      return { file, text };
    }),
  );
}

let before: Awaited<ReturnType<typeof standings>>;
let pdfsBefore = 0;

beforeAll(async () => {
  stack = await start();
  await seed();
  before = await standings();
  // The seed reached every store: the member is named in documents, cells, mails and a PDF before the erasure.
  expect(
    (await everyDocument(stack.db)).filter((d) => named(JSON.stringify(d.data)).length > 0).length,
  ).toBeGreaterThan(10);
  expect(named(JSON.stringify(stack.sheets.standIn.listSpreadsheets()))).toContain(ERASED.fullName);
  const mails = await outboxTexts();
  pdfsBefore = mails.filter((m) => m.text.includes('Lê Thị Lan') && m.file.includes('quarterly')).length;
  expect(pdfsBefore).toBeGreaterThan(0);
}, 300_000);

afterAll(async () => {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('erasure', () => {
  let pseudonym = '';
  let pseudonymId = '';

  it('erases the member everywhere and answers their pseudonym', async () => {
    const answer = await ok('POST', `/v1/members/${encodeURIComponent(ERASED.email)}/erase`, {
      editId: 'erase-1',
      reason: 'Yêu cầu xoá dữ liệu ngày 01/12/2026',
    });
    expect(answer).toMatchObject({ status: 'erased', sentCopiesLeft: 0 });
    pseudonym = String(answer.pseudonym);
    pseudonymId = String(answer.memberId);
    expect(pseudonymId).toMatch(/^m-[0-9a-f]{16}$/);
    expect(pseudonymId).not.toBe(memberIdFor(ERASED.email));
    expect(pseudonym).toMatch(/^Ẩn danh [0-9A-F]{6}$/);
    await stack.views.idle();
  }, 120_000);

  it('leaves the name, e-mail, phone and birth date in no Firestore document', async () => {
    const left = (await everyDocument(stack.db)).filter(
      (d) => named(JSON.stringify(d.data)).length > 0 || named(d.path).length > 0,
    );
    expect(left.map((d) => `${d.path}: ${named(JSON.stringify(d.data)).join(', ')}`)).toEqual([]);
  });

  it('keeps the member as the pseudonym: journeys of both years, the member, the audit of the erasure', async () => {
    const member = await ok('GET', `/v1/members/${pseudonymId}`);
    expect(member).toMatchObject({ fullName: pseudonym, introducedAt: '2019-11-12' });
    expect((member.years as unknown[]).length).toBe(2);
    expect((await stack.send('GET', `/v1/members/${encodeURIComponent(ERASED.email)}`)).status).toBe(404);
    const audit = await stack.store.listAudit(5);
    const entry = must(audit.find((a) => a.action === 'member.erase'));
    expect(entry).toMatchObject({ actor: pseudonym, target: pseudonymId });
    expect(entry.detail.reason).toBe('Yêu cầu xoá dữ liệu ngày 01/12/2026');
  });

  it('leaves the counts, ranks (ties by name aside) and phase funnel of everyone else as they were', async () => {
    const after = await standings();
    expect(after.counts).toEqual(before.counts);
    expect(after.funnel).toEqual(before.funnel);
    for (const [i, year] of before.years.entries()) {
      expectOthersUnchanged(year, must(after.years[i]), memberIdFor(ERASED.email), pseudonymId);
    }
    // Not every other member was tied with the erased one: some ranks are compared exactly.
    const erased2019 = must(before.years[0]?.find((m) => m.memberId === memberIdFor(ERASED.email)));
    expect(before.years[0]?.filter((m) => !tied(m, erased2019)).length).toBeGreaterThan(0);
  });

  it('leaves the member in no spreadsheet cell once the sheets are rebuilt', () => {
    const all = JSON.stringify(stack.sheets.standIn.listSpreadsheets());
    expect(named(all)).toEqual([]);
    expect(all).toContain(pseudonym);
  });

  it('leaves the member in no outbox file and no PDF; the quarterly report to the committee names the pseudonym', async () => {
    const mails = await outboxTexts();
    expect(mails.filter((m) => named(m.text).length > 0).map((m) => m.file)).toEqual([]);
    expect(mails.filter((m) => m.file.includes('quarterly') && m.text.includes(pseudonym)).length).toBe(pdfsBefore);
  });

  it('leaves the member in no local data file after the next checkpoint', async () => {
    await stack.firestore.checkpoint();
    const files = readdirSync(dataDir).filter((f) => f !== 'outbox');
    expect(files).toContain('firestore.json');
    for (const file of files) expect(named(readFileSync(join(dataDir, file), 'utf8')), file).toEqual([]);
  });

  it('answers a repeat of the same editId as a duplicate with the same pseudonym, and changes nothing', async () => {
    const again = await ok('POST', `/v1/members/${encodeURIComponent(ERASED.email)}/erase`, {
      editId: 'erase-1',
      reason: 'Yêu cầu xoá dữ liệu ngày 01/12/2026',
    });
    expect(again).toMatchObject({ status: 'duplicate', memberId: pseudonymId, pseudonym });
  });

  it('finishes an erasure stopped midway when it is run again with the same editId (here from the CLI)', async () => {
    const hoa = must(OTHERS[2]);
    const editId = 'erase-hoa';
    // The first run stops once the texts are scrubbed, before the journeys move (an instance killed mid-way).
    const failing: AppContext = {
      ...stack.ctx,
      store: {
        ...stack.ctx.store,
        eraseFrom: (aggregate, target) =>
          aggregate === 'journeys'
            ? Promise.reject(new Error('instance stopped'))
            : stack.ctx.store.eraseFrom(aggregate, target),
      },
    };
    const caller = { name: 'test', address: '', role: 'admin' as const, identity: 'local secret' };
    await expect(eraseMember(failing, hoa.email, { editId, reason: 'Hết thời hạn lưu trữ' }, caller)).rejects.toThrow(
      'instance stopped',
    );
    const stopped = await stack.store.getErasure(erasureKeyOf(editId));
    expect(stopped).toMatchObject({
      status: 'running',
      done: ['plans', 'nominations', 'inbox', 'evidence', 'viewState', 'viewWork', 'outbox'],
    });
    expect(await stack.store.getJourney(2019, memberIdFor(hoa.email))).toBeDefined();

    // The CLI signs with the real time, which the function's clock must be near.
    stack.clock.now = new Date();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['erase', hoa.email, 'Hết', 'thời', 'hạn', 'lưu', 'trữ', '--edit-id', editId],
      { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: SECRET },
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    expect({ code, err: err.join('\n') }).toEqual({
      code: 0,
      err: `Mã thao tác: ${editId} (nếu bị gián đoạn, chạy lại lệnh với --edit-id ${editId}).`,
    });
    const pseudonymOfHoa = must(stopped?.pseudonym);
    expect(out.join('\n')).toContain(
      `Đã xoá dữ liệu cá nhân của đoàn viên. Từ nay đoàn viên mang bí danh "${pseudonymOfHoa}"`,
    );
    expect(await stack.store.getErasure(must(stopped).key)).toMatchObject({ status: 'erased', target: null });
    await stack.views.idle();
    const left = (await everyDocument(stack.db)).filter((d) => {
      const text = JSON.stringify(d.data).toLowerCase();
      return (
        text.includes(hoa.email) || text.includes(memberIdFor(hoa.email)) || text.includes(hoa.fullName.toLowerCase())
      );
    });
    expect(left.map((d) => d.path)).toEqual([]);
    expect(JSON.stringify(stack.sheets.standIn.listSpreadsheets())).not.toContain(hoa.fullName);
  });
});
