// The erasure on Google's own Firestore emulator (where gcloud and Java are; under CI they must be): the same seed as
// erasure.test.ts, then every collection walked with ListCollectionIds (which the embedded stand-in lacks), and the
// transactions that move journeys with the ranking index run under Google's own rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberIdFor } from '../../functions/src/app/ids';
import { firestoreKinds, startTestFirestore, type TestFirestore } from '../google/test-firestore';
import {
  ERASED,
  expectOthersUnchanged,
  named,
  seed,
  standings,
  startErasureStack,
  type ErasureStack,
} from './erasure-harness';

/** Every document of the project, collection by collection from the root, subcollections included. */
async function everyDocument(db: Firestore): Promise<{ path: string; data: unknown }[]> {
  const found: { path: string; data: unknown }[] = [];
  const walk = async (refs: DocumentReference[]): Promise<void> => {
    for (const ref of refs) {
      const snapshot = await ref.get();
      if (snapshot.exists) found.push({ path: ref.path, data: snapshot.data() });
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  };
  for (const collection of await db.listCollections()) await walk(await collection.listDocuments());
  return found;
}

describe.runIf(firestoreKinds().includes('google'))('erasure on Google’s Firestore emulator', () => {
  let stack: ErasureStack<TestFirestore>;
  const outbox = mkdtempSync(join(tmpdir(), 'journey-erasure-google-'));
  let before: Awaited<ReturnType<typeof standings>>;

  beforeAll(async () => {
    const firestore = await startTestFirestore('google');
    await firestore.clear();
    stack = await startErasureStack(firestore, outbox);
    await seed(stack);
    before = await standings(stack);
    expect(
      (await everyDocument(stack.db)).filter((d) => named(JSON.stringify(d.data)).length > 0).length,
    ).toBeGreaterThan(10);
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('leaves the member in no document of any collection, and everyone else as they were', async () => {
    const answer = await stack.ok('POST', `/v1/members/${encodeURIComponent(ERASED.email)}/erase`, {
      editId: 'erase-google',
      reason: 'Theo yêu cầu của đoàn viên',
    });
    expect(answer.status).toBe('erased');
    await stack.views.idle();
    const left = (await everyDocument(stack.db)).filter(
      (d) => named(JSON.stringify(d.data)).length > 0 || named(d.path).length > 0,
    );
    expect(left.map((d) => d.path)).toEqual([]);
    const after = await standings(stack);
    expect(after.counts).toEqual(before.counts);
    expect(after.funnel).toEqual(before.funnel);
    for (const [i, year] of before.years.entries()) {
      expectOthersUnchanged(year, after.years[i] ?? [], memberIdFor(ERASED.email), String(answer.memberId));
    }
    expect(named(JSON.stringify(stack.sheets.standIn.listSpreadsheets()))).toEqual([]);
  }, 300_000);
});
