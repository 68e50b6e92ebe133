// The Firestore store's ranking index and link versions on both Firestore emulators: kept with each journey, right under concurrency.
import { describe, expect, it } from 'vitest';
import { firestoreKinds } from '../google/test-firestore';
import { paths } from '../../functions/src/adapters/firestore/store';
import { rankKey } from '../../functions/src/domain/ranking';
import type { Grade } from '../../functions/src/domain/results';
import type { JourneyDoc, MemberDoc } from '../../functions/src/model';
import type { Store } from '../../functions/src/ports';
import { useStore } from './embedded-store';

const YEAR = 2019;

const memberId = (i: number): string => `m-${i.toString(16).padStart(16, '0')}`;

function journey(i: number, grade: Grade, points: number, completedAt: string | null): JourneyDoc {
  return {
    year: YEAR,
    memberId: memberId(i),
    email: `dv${i}@example.vn`,
    fullName: `Đoàn viên ${i}`,
    dateOfBirth: null,
    phone: null,
    unitId: 'SNV',
    groupId: null,
    training: ['RL1', 'RL2', 'RL6'],
    challenge: ['TT1'],
    registeredAt: '2019-01-10T02:00:00.000Z',
    amendedAt: null,
    entries: [],
    result: { tasks: {}, done: { BB: 0, RL: 0, TT: 0 }, completed: completedAt !== null, completedAt, grade, points },
    consent: null,
    party: { introducedAt: null, admittedAt: null, reference: null },
    updatedAt: '2019-01-10T02:00:00.000Z',
  };
}

/** A spread of results with ties on grade and points, and on the completion minute. */
function results(i: number): [Grade, number, string | null] {
  const grades: Grade[] = ['xuat_sac', 'tot', 'dat', 'chua_dat'];
  const grade = grades[i % 4] ?? 'chua_dat';
  if (grade === 'chua_dat') return [grade, (i % 3) * 6, null];
  return [grade, 40 + (i % 5) * 6, `2019-0${5 + (i % 4)}-0${1 + (i % 3)}T0${i % 2}:1${i % 2}:00.000Z`];
}

async function put(s: Store, doc: JourneyDoc): Promise<void> {
  await s.transaction(doc.memberId, async (tx) => {
    await tx.getJourney(doc.year, doc.memberId);
    tx.putJourney(doc);
  });
}

/** What the Kết quả sheet's RANK gives each member: 1 + the members with a smaller key. */
function expectedRanks(docs: readonly JourneyDoc[]): Map<string, number> {
  const keys = docs.map((d) => rankKey(YEAR, d));
  return new Map(docs.map((d, i) => [d.memberId, keys.filter((k) => k < (keys[i] ?? 0)).length + 1]));
}

async function ranks(store: Store, docs: readonly JourneyDoc[]): Promise<Map<string, number | undefined>> {
  return new Map(
    await Promise.all(
      docs.map(async (d) => [d.memberId, (await store.rankStanding(YEAR, rankKey(YEAR, d)))?.rank] as const),
    ),
  );
}

describe.each(firestoreKinds())('on the %s Firestore emulator', (kind) => {
  const embedded = useStore(kind);

  describe('the ranking index', () => {
    it('gives every member the sheet rank after 40 journeys are stored at once, then changed at once', async () => {
      let docs = Array.from({ length: 40 }, (_, i) => journey(i, ...results(i)));
      await Promise.all(docs.map((d) => put(embedded().store, d)));
      expect(await ranks(embedded().store, docs)).toEqual(expectedRanks(docs));
      const standing = await embedded().store.rankStanding(YEAR, rankKey(YEAR, docs[0] as JourneyDoc));
      expect(standing?.total).toBe(40);

      docs = docs.map((d, i) => (i % 3 === 0 ? journey(i, ...results(i + 1)) : d));
      await Promise.all(docs.filter((_, i) => i % 3 === 0).map((d) => put(embedded().store, d)));
      expect(await ranks(embedded().store, docs)).toEqual(expectedRanks(docs));
    });

    it('reads a fixed number of documents for a standing, whatever the number of members', async () => {
      const docs = Array.from({ length: 60 }, (_, i) => journey(i, ...results(i)));
      await Promise.all(docs.map((d) => put(embedded().store, d)));
      const before = embedded().store.counters.reads;
      await embedded().store.rankStanding(YEAR, rankKey(YEAR, docs[1] as JourneyDoc));
      expect(embedded().store.counters.reads - before).toBe(10);
    });

    it('refuses to store a journey that was not read in the same transaction (the index could not move it)', async () => {
      await expect(
        embedded().store.transaction('x', (tx) => {
          tx.putJourney(journey(1, 'tot', 50, '2019-05-01T00:00:00.000Z'));
          return Promise.resolve();
        }),
      ).rejects.toThrow(/not read/);
    });

    it('counts journeys stored before the index existed once indexRanking runs, and only once', async () => {
      const docs = Array.from({ length: 12 }, (_, i) => journey(i, ...results(i)));
      // As an older version of the function left them: documents without the indexed key.
      for (const d of docs) await embedded().firestore.db.doc(paths.journey(YEAR, d.memberId)).set(d);
      expect(await embedded().store.rankStanding(YEAR, rankKey(YEAR, docs[0] as JourneyDoc))).toBeUndefined();
      expect(await embedded().store.indexRanking(YEAR)).toBe(12);
      expect(await ranks(embedded().store, docs)).toEqual(expectedRanks(docs));
      expect(await embedded().store.indexRanking(YEAR)).toBe(0);
      expect(await ranks(embedded().store, docs)).toEqual(expectedRanks(docs));
    });
  });

  describe('journey-book link versions', () => {
    const member = (id: string): MemberDoc => ({
      memberId: id,
      email: 'an@example.vn',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: null,
      phone: null,
      years: [YEAR],
      party: { introducedAt: null, admittedAt: null, reference: null },
      updatedAt: '2019-01-10T02:00:00.000Z',
    });

    it('starts at 0, is raised, survives the member being written again, and only raised ones are listed', async () => {
      const an = memberId(1);
      const binh = memberId(2);
      await embedded().store.transaction(an, (tx) => {
        tx.putMember(member(an));
        tx.putMember(member(binh));
        return Promise.resolve();
      });
      expect(await embedded().store.getBookLinkVersion(an)).toBe(0);
      await embedded().store.transaction(an, async (tx) => {
        tx.putBookLinkVersion(an, (await tx.getBookLinkVersion(an)) + 1);
      });
      await embedded().store.transaction(an, (tx) => {
        tx.putMember({ ...member(an), years: [YEAR, YEAR + 1] });
        return Promise.resolve();
      });
      expect(await embedded().store.getBookLinkVersion(an)).toBe(1);
      expect((await embedded().store.getMember(an))?.years).toEqual([YEAR, YEAR + 1]);
      expect([...(await embedded().store.listBookLinkVersions())]).toEqual([[an, 1]]);
    });
  });
});
