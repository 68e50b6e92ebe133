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
import { startDurableFirestore, type DurableFirestore } from '../../functions/dev/durable-firestore';
import {
  ERASED,
  expectOthersUnchanged,
  named,
  OTHERS,
  seed,
  standings,
  startErasureStack,
  tied,
  type ErasureStack,
} from './erasure-harness';
import { SECRET } from './harness';
import { must } from '../helpers';

let stack: ErasureStack<DurableFirestore>;
const dataDir = mkdtempSync(join(tmpdir(), 'journey-erasure-'));
const outbox = join(dataDir, 'outbox');

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

function pdfText(content: ArrayBuffer | Uint8Array | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'journey-pdf-')), 'a.pdf');
  writeFileSync(file, typeof content === 'string' ? Buffer.from(content, 'base64') : new Uint8Array(content));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
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
  const firestore = await startDurableFirestore({
    dataDir,
    onJournalFailure: (e) => {
      throw e;
    },
  });
  stack = await startErasureStack(firestore, outbox);
  await seed(stack);
  before = await standings(stack);
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
    const answer = await stack.ok('POST', `/v1/members/${encodeURIComponent(ERASED.email)}/erase`, {
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
    const member = await stack.ok('GET', `/v1/members/${pseudonymId}`);
    expect(member).toMatchObject({ fullName: pseudonym, introducedAt: '2019-11-12' });
    expect((member.years as unknown[]).length).toBe(2);
    expect((await stack.send('GET', `/v1/members/${encodeURIComponent(ERASED.email)}`)).status).toBe(404);
    const audit = await stack.store.listAudit(5);
    const entry = must(audit.find((a) => a.action === 'member.erase'));
    expect(entry).toMatchObject({ actor: pseudonym, target: pseudonymId });
    expect(entry.detail.reason).toBe('Yêu cầu xoá dữ liệu ngày 01/12/2026');
  });

  it('leaves the counts, ranks (ties by name aside) and phase funnel of everyone else as they were', async () => {
    const after = await standings(stack);
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
    const again = await stack.ok('POST', `/v1/members/${encodeURIComponent(ERASED.email)}/erase`, {
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
      done: ['plans', 'nominations', 'inbox', 'evidence', 'dataRequests', 'viewState', 'viewWork', 'outbox'],
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
