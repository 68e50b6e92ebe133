// Local Firestore's durability, in process: every answered commit is on disk at once (a copy of the data folder taken
// while running is what a SIGKILL leaves), commits are all or nothing, and a restart loads any amount of data or says why not.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Timestamp } from 'firebase-admin/firestore';
import { afterEach, describe, expect, it } from 'vitest';
import { startDurableFirestore, type DurableFirestore } from '../../functions/dev/durable-firestore';
import { StartError } from '../../functions/dev/start-error';

const running: DurableFirestore[] = [];
const folders: string[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journey-durable-'));
  folders.push(dir);
  return dir;
}

async function open(dataDir: string): Promise<DurableFirestore> {
  const firestore = await startDurableFirestore({
    dataDir,
    onJournalFailure: (error) => {
      throw error;
    },
  });
  running.push(firestore);
  return firestore;
}

/** The data folder as a SIGKILL would leave it right now: its files copied while the process keeps running. */
async function openCrashCopy(dataDir: string): Promise<DurableFirestore> {
  const copy = folder();
  cpSync(dataDir, copy, { recursive: true });
  return open(copy);
}

async function read(firestore: DurableFirestore, path: string): Promise<Record<string, unknown> | undefined> {
  return (await firestore.db.doc(path).get()).data();
}

afterEach(async () => {
  for (const firestore of running.splice(0)) await firestore.stop();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('durable local Firestore', () => {
  it('has every answered write on disk before answering: set, batch, transaction and delete survive a crash', async () => {
    const dataDir = folder();
    const db = (await open(dataDir)).db;
    await db
      .doc('years/2019')
      .set({ year: 2019, config: { units: ['SNV', 'STP'], open: true, ratio: 0.5, none: null } });
    const batch = db.batch();
    batch.set(db.doc('members/m-1'), { name: 'Nguyễn Văn An' });
    batch.set(db.doc('members/m-2'), { name: 'Trần Thị Bình' });
    await batch.commit();
    await db.runTransaction(async (tx) => {
      const member = await tx.get(db.doc('members/m-1'));
      tx.set(db.doc('years/2019/journeys/m-1'), { memberId: 'm-1', name: member.get('name') as string });
    });
    await db.doc('members/m-2').delete();

    const after = await openCrashCopy(dataDir);
    expect(after.recovered.journalEntries).toBe(4);
    expect(await read(after, 'years/2019')).toEqual({
      year: 2019,
      config: { units: ['SNV', 'STP'], open: true, ratio: 0.5, none: null },
    });
    expect(await read(after, 'members/m-1')).toEqual({ name: 'Nguyễn Văn An' });
    expect(await read(after, 'members/m-2')).toBeUndefined();
    expect(await read(after, 'years/2019/journeys/m-1')).toEqual({ memberId: 'm-1', name: 'Nguyễn Văn An' });
    expect(after.documentIds('years')).toEqual(['2019']);
  });

  it('applies a commit whole or not at all, as Firestore does', async () => {
    const dataDir = folder();
    const db = (await open(dataDir)).db;
    await db.doc('inbox/a').set({ status: 'received' });
    await db.doc('inbox/b').set({ status: 'received' });
    const batch = db.batch();
    batch.set(db.doc('inbox/a'), { status: 'accepted' });
    batch.create(db.doc('inbox/b'), { status: 'accepted' }); // already exists: the whole batch fails
    await expect(batch.commit()).rejects.toThrow(/already exists/i);

    expect((await db.doc('inbox/a').get()).data()).toEqual({ status: 'received' });
    expect(await read(await openCrashCopy(dataDir), 'inbox/a')).toEqual({ status: 'received' });
  });

  it('refuses values plain JSON cannot carry back, before changing anything', async () => {
    const db = (await open(folder())).db;
    await expect(db.doc('audit/x').set({ at: Buffer.from('bytes') })).rejects.toThrow(/JSON/);
    expect((await db.doc('audit/x').get()).exists).toBe(false);
  });

  it('keeps timestamps (a TTL policy needs one) through the journal and the snapshot', async () => {
    const dataDir = folder();
    const firestore = await open(dataDir);
    const at = new Date('2028-12-06T10:11:12.345Z');
    await firestore.db.doc('members/m-1/accessLog/a').set({ expireAt: at, what: 'phase' });
    const fromJournal = await openCrashCopy(dataDir);
    const read = (await fromJournal.db.doc('members/m-1/accessLog/a').get()).get('expireAt') as Timestamp;
    expect(read.toDate().toISOString()).toBe(at.toISOString());
    await firestore.checkpoint();
    expect(JSON.parse(readFileSync(join(dataDir, 'firestore.json'), 'utf8'))).toEqual({
      'members/m-1/accessLog/a': { expireAt: { $timestamp: at.toISOString() }, what: 'phase' },
    });
  });

  it('deletes what a TTL policy says has expired at each checkpoint and start, as Firestore does', async () => {
    const dataDir = folder();
    let now = new Date('2026-12-06T00:00:00Z');
    const firestore = await startDurableFirestore({ dataDir, clock: () => now, onJournalFailure: () => undefined });
    running.push(firestore);
    const { db } = firestore;
    await db.doc('members/m-1/accessLog/old').set({ expireAt: new Date('2026-12-07T00:00:00Z') });
    await db.doc('members/m-1/accessLog/new').set({ expireAt: new Date('2028-12-06T00:00:00Z') });
    // Not under a TTL policy: a timestamp elsewhere is only data.
    await db.doc('members/m-1/other/x').set({ expireAt: new Date('2026-12-07T00:00:00Z') });
    await firestore.checkpoint();
    expect((await db.collection('members/m-1/accessLog').get()).size).toBe(2);
    now = new Date('2026-12-08T00:00:00Z');
    await firestore.checkpoint();
    expect((await db.collection('members/m-1/accessLog').get()).docs.map((d) => d.id)).toEqual(['new']);
    expect((await db.doc('members/m-1/other/x').get()).exists).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(join(dataDir, 'firestore.json'), 'utf8')) as object).sort()).toEqual([
      'members/m-1/accessLog/new',
      'members/m-1/other/x',
    ]);
    // A start sweeps too: what expired while the stack was stopped is gone when it starts again.
    await firestore.stop();
    running.splice(running.indexOf(firestore), 1);
    now = new Date('2029-01-01T00:00:00Z');
    const again = await startDurableFirestore({ dataDir, clock: () => now, onJournalFailure: () => undefined });
    running.push(again);
    expect((await again.db.collection('members/m-1/accessLog').get()).size).toBe(0);
  });

  it('folds the journal into a snapshot of one instant, and keeps journaling after it', async () => {
    const dataDir = folder();
    const firestore = await open(dataDir);
    await firestore.db.doc('members/m-1').set({ n: 1 });
    await firestore.checkpoint();
    expect(JSON.parse(readFileSync(join(dataDir, 'firestore.json'), 'utf8'))).toEqual({ 'members/m-1': { n: 1 } });
    expect(readdirSync(dataDir).filter((name) => name.startsWith('journal-'))).toEqual([]);
    await firestore.db.doc('members/m-1').set({ n: 2 });
    await firestore.db.doc('members/m-2').set({ n: 1 });

    const after = await openCrashCopy(dataDir);
    expect(after.recovered).toEqual({ documents: 2, journalEntries: 2 });
    expect(await read(after, 'members/m-1')).toEqual({ n: 2 });
  });

  it('loads documents far larger together than one gRPC message, from the journal and from the snapshot', async () => {
    const dataDir = folder();
    const firestore = await open(dataDir);
    const name = 'Ễ'.repeat(60_000);
    for (let i = 0; i < 30; i += 1) await firestore.db.doc(`inbox/k${String(i)}`).set({ raw: name, i });

    const fromJournal = await openCrashCopy(dataDir);
    expect(fromJournal.recovered).toEqual({ documents: 30, journalEntries: 30 });
    expect((await fromJournal.db.collection('inbox').get()).docs.map((d) => d.data().raw === name)).toEqual(
      Array.from({ length: 30 }, () => true),
    );

    await firestore.stop();
    const fromSnapshot = await open(dataDir);
    expect(fromSnapshot.recovered).toEqual({ documents: 30, journalEntries: 0 });
    expect((await read(fromSnapshot, 'inbox/k29'))?.raw).toBe(name);
  });

  it('drops a last journal line cut short by a crash (never answered), and stops on a damaged line before it', async () => {
    const entry = (n: number): string => `${JSON.stringify({ [`members/m-${String(n)}`]: { n } })}\n`;
    const torn = folder();
    writeFileSync(join(torn, 'journal-000001.jsonl'), `${entry(1)}${entry(2)}{"members/m-3":{"n"`);
    const after = await open(torn);
    expect(after.recovered).toEqual({ documents: 2, journalEntries: 2 });
    expect(await read(after, 'members/m-3')).toBeUndefined();

    const damaged = folder();
    writeFileSync(join(damaged, 'journal-000001.jsonl'), `${entry(1)}{"members/m-2"\n${entry(3)}`);
    const failed = open(damaged);
    await expect(failed).rejects.toBeInstanceOf(StartError);
    await expect(failed).rejects.toThrow(/Dòng 2 của tệp nhật ký .*journal-000001\.jsonl bị hỏng/);
  });

  it('stops a start on a damaged snapshot, naming the file', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'firestore.json'), '{"members/m-1": {"n": 1}');
    await expect(open(dataDir)).rejects.toThrow(/firestore\.json không phải JSON hợp lệ/);
  });
});
