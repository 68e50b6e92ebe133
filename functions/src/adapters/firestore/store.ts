// The store on firebase-admin Firestore: only operations that work on both Firestore and the embedded emulator.
import type { FieldValue, Firestore, Transaction } from 'firebase-admin/firestore';
import type { z } from 'zod';
import {
  EvidenceDocSchema,
  InboxDocSchema,
  JourneyDocSchema,
  MemberDocSchema,
  NominationsDocSchema,
  YearDocSchema,
  type AuditEntry,
  type EvidenceDoc,
  type InboxDoc,
  type JourneyDoc,
} from '../../model';
import { rankDeltas } from '../../domain/rank-index';
import { rankKey } from '../../domain/ranking';
import { StoreUnavailableError, type Store, type StoreTx } from '../../ports';
import { KeyedMutex } from '../../lib/keyed-mutex';
import { INDEXED_KEY_FIELD, rankPaths, readRankStanding, writeRankDeltas } from './rank-index';
import { ViewWorkDocSchema, viewWorkDoc, viewWorkFromDoc } from './view-work';
import { mailTxOps } from './mail-store';

/** Document reads and writes made, for the benchmark's cost figures. */
export interface StoreCounters {
  reads: number;
  writes: number;
}

/** Collections this store owns; export/import for local persistence walks exactly these. */
export const paths = {
  year: (year: number) => `years/${year}`,
  configVersion: (year: number, version: number) => `years/${year}/configVersions/${version}`,
  journeys: (year: number) => `years/${year}/journeys`,
  journey: (year: number, memberId: string) => `years/${year}/journeys/${memberId}`,
  evidenceList: (year: number) => `years/${year}/evidence`,
  evidence: (year: number, evidenceId: string) => `years/${year}/evidence/${evidenceId}`,
  inbox: (key: string) => `inbox/${key}`,
  member: (memberId: string) => `members/${memberId}`,
  viewState: (year: number, name: string) => `years/${year}/sheets/${name}`,
  nominationsList: (year: number) => `years/${year}/nominations`,
  nominations: (year: number, unitId: string) => `years/${year}/nominations/${unitId}`,
  ranking: rankPaths.collection,
  audit: 'audit',
  viewWork: 'viewWork',
};

/** On `members/{memberId}`: the journey-book link version (absent means 0). */
const LINK_VERSION_FIELD = 'bookLinkVersion';

function linkVersionOf(data: Record<string, unknown> | undefined): number {
  const value = data?.[LINK_VERSION_FIELD];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * The SDK's `FieldValue`, imported at the first transaction rather than when this module loads: the function's entry
 * then loads no Firestore SDK until a request needs storage (cold start). Whoever made `db` has loaded it already.
 */
let sdk: Promise<{ FieldValue: typeof FieldValue }> | undefined;
function firestoreSdk(): Promise<{ FieldValue: typeof FieldValue }> {
  sdk ??= import('firebase-admin/firestore').catch((error: unknown) => {
    sdk = undefined;
    throw error;
  });
  return sdk;
}

/** Journeys indexed at once by `indexRanking` (each in its own transaction). */
const INDEXING_CONCURRENCY = 16;

// gRPC status codes that mean "storage not reachable now": UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED.
const UNAVAILABLE_CODES = new Set([14, 4, 10, 8]);

export function createFirestoreStore(db: Firestore, counters: StoreCounters = { reads: 0, writes: 0 }): Store & { counters: StoreCounters } {
  const mutex = new KeyedMutex();

  async function read<S extends z.ZodType>(path: string, schema: S, tx?: Transaction): Promise<z.infer<S> | undefined> {
    const ref = db.doc(path);
    const snapshot = tx ? await tx.get(ref) : await ref.get();
    counters.reads += 1;
    return snapshot.exists ? schema.parse(snapshot.data()) : undefined;
  }

  async function list<S extends z.ZodType>(
    collection: string,
    schema: S,
    filters: [string, '==' | 'array-contains', unknown][] = [],
  ): Promise<z.infer<S>[]> {
    let query: FirebaseFirestore.Query = db.collection(collection);
    for (const [field, op, value] of filters) query = query.where(field, op, value);
    const snapshot = await query.get();
    counters.reads += Math.max(1, snapshot.size);
    return snapshot.docs.map((d) => schema.parse(d.data()));
  }

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) {
        throw new StoreUnavailableError(`Firestore unavailable (code ${code})`, { cause: error });
      }
      throw error;
    }
  }

  const store: Store & { counters: StoreCounters } = {
    counters,

    transaction: (lockKey, work) =>
      mutex.run(lockKey, () =>
        guarded(async () => {
          const { FieldValue } = await firestoreSdk();
          const increment = (by: number): unknown => FieldValue.increment(by);
          return db.runTransaction(async (tx) => {
            // The key the ranking index counts each journey read here under (undefined: not counted), for putJourney.
            const indexed = new Map<string, number | undefined>();
            const txApi: StoreTx = {
              ...mailTxOps(db, tx, counters),
              getJourney: async (year, memberId) => {
                const path = paths.journey(year, memberId);
                const snapshot = await tx.get(db.doc(path));
                counters.reads += 1;
                const key: unknown = snapshot.get(INDEXED_KEY_FIELD);
                indexed.set(path, typeof key === 'number' ? key : undefined);
                return snapshot.exists ? JourneyDocSchema.parse(snapshot.data()) : undefined;
              },
              getEvidence: (year, evidenceId) => read(paths.evidence(year, evidenceId), EvidenceDocSchema, tx),
              getInbox: (key) => read(paths.inbox(key), InboxDocSchema, tx),
              getMember: (memberId) => read(paths.member(memberId), MemberDocSchema, tx),
              putMember: (doc) => {
                counters.writes += 1;
                // Merged, so the book-link version kept on the same document survives every other write of the member.
                tx.set(db.doc(paths.member(doc.memberId)), doc, { merge: true });
              },
              getBookLinkVersion: async (memberId) => {
                const snapshot = await tx.get(db.doc(paths.member(memberId)));
                counters.reads += 1;
                return linkVersionOf(snapshot.data());
              },
              putBookLinkVersion: (memberId, version) => {
                counters.writes += 1;
                tx.set(db.doc(paths.member(memberId)), { [LINK_VERSION_FIELD]: version }, { merge: true });
              },
              getYear: (year) => read(paths.year(year), YearDocSchema, tx),
              putYear: (doc, received) => {
                counters.writes += 2;
                tx.set(db.doc(paths.year(doc.year)), doc);
                tx.set(db.doc(paths.configVersion(doc.year, doc.version)), { ...doc, received });
              },
              putJourney: (doc) => {
                const path = paths.journey(doc.year, doc.memberId);
                if (!indexed.has(path)) throw new Error(`putJourney: ${path} was not read in this transaction`);
                const key = rankKey(doc.year, doc);
                counters.writes += 1 + writeRankDeltas(db, tx, increment, doc.year, doc.memberId, rankDeltas(indexed.get(path), key));
                indexed.set(path, key);
                tx.set(db.doc(path), { ...doc, [INDEXED_KEY_FIELD]: key });
              },
              putEvidence: (doc) => {
                counters.writes += 1;
                tx.set(db.doc(paths.evidence(doc.year, doc.evidenceId)), doc);
              },
              putInbox: (doc) => {
                counters.writes += 1;
                tx.set(db.doc(paths.inbox(doc.key)), doc);
              },
              appendAudit: (entry) => {
                counters.writes += 1;
                tx.create(db.collection(paths.audit).doc(), entry);
              },
              getViewState: async (year, name) => {
                const snapshot = await tx.get(db.doc(paths.viewState(year, name)));
                counters.reads += 1;
                return snapshot.exists ? snapshot.data() : undefined;
              },
              putViewState: (year, name, data) => {
                counters.writes += 1;
                tx.set(db.doc(paths.viewState(year, name)), data);
              },
              getNominations: (year, unitId) => read(paths.nominations(year, unitId), NominationsDocSchema, tx),
              putNominations: (doc) => {
                counters.writes += 1;
                tx.set(db.doc(paths.nominations(doc.year, doc.unitId)), doc);
              },
              enqueueViewWork: (items) => {
                for (const item of items) {
                  counters.writes += 1;
                  // A new document per change (never overwritten), so a flush deletes exactly what it read.
                  tx.create(db.collection(paths.viewWork).doc(), viewWorkDoc(item));
                }
              },
            };
            return work(txApi);
          });
        }),
      ),

    getYear: (year) => guarded(() => read(paths.year(year), YearDocSchema)),
    getYearVersion: (year, version) => guarded(() => read(paths.configVersion(year, version), YearDocSchema)),

    getInbox: (key) => guarded(() => read(paths.inbox(key), InboxDocSchema)),

    putInbox: (doc: InboxDoc) =>
      guarded(async () => {
        await db.doc(paths.inbox(doc.key)).set(doc);
        counters.writes += 1;
      }),

    getJourney: (year, memberId) => guarded(() => read(paths.journey(year, memberId), JourneyDocSchema)),
    getMember: (memberId) => guarded(() => read(paths.member(memberId), MemberDocSchema)),
    getEvidence: (year, evidenceId) => guarded(() => read(paths.evidence(year, evidenceId), EvidenceDocSchema)),
    listMembersOf: (year) => guarded(() => list('members', MemberDocSchema, [['years', 'array-contains', year]])),
    listJourneys: (year): Promise<JourneyDoc[]> => guarded(() => list(paths.journeys(year), JourneyDocSchema)),
    getNominations: (year, unitId) => guarded(() => read(paths.nominations(year, unitId), NominationsDocSchema)),
    listNominations: (year) => guarded(() => list(paths.nominationsList(year), NominationsDocSchema)),
    rankStanding: (year, key) =>
      guarded(async () => {
        const { standing, reads } = await readRankStanding(db, year, key);
        counters.reads += reads;
        return standing;
      }),
    indexRanking: (year) =>
      guarded(async () => {
        const snapshot = await db.collection(paths.journeys(year)).get();
        counters.reads += Math.max(1, snapshot.size);
        const stale = snapshot.docs
          .filter((d) => d.get(INDEXED_KEY_FIELD) !== rankKey(year, JourneyDocSchema.parse(d.data())))
          .map((d) => d.id);
        // Each journey in its own transaction, under its member's lock: a submission at the same time is counted once.
        const reindex = async (memberId: string): Promise<void> => {
          await store.transaction(memberId, async (tx) => {
            const journey = await tx.getJourney(year, memberId);
            if (journey) tx.putJourney(journey);
          });
        };
        for (let i = 0; i < stale.length; i += INDEXING_CONCURRENCY) await Promise.all(stale.slice(i, i + INDEXING_CONCURRENCY).map(reindex));
        return stale.length;
      }),
    getBookLinkVersion: (memberId) =>
      guarded(async () => {
        const snapshot = await db.doc(paths.member(memberId)).get();
        counters.reads += 1;
        return linkVersionOf(snapshot.data());
      }),
    listBookLinkVersions: () =>
      guarded(async () => {
        const snapshot = await db.collection('members').where(LINK_VERSION_FIELD, '>', 0).get();
        counters.reads += Math.max(1, snapshot.size);
        return new Map(snapshot.docs.map((d) => [d.id, linkVersionOf(d.data())]));
      }),
    listEvidence: (year): Promise<EvidenceDoc[]> => guarded(() => list(paths.evidenceList(year), EvidenceDocSchema)),
    listEvidenceInQueue: (year, queue): Promise<EvidenceDoc[]> =>
      guarded(() => list(paths.evidenceList(year), EvidenceDocSchema, [['queues', 'array-contains', queue]])),
    listInbox: (year, status) =>
      guarded(() =>
        list('inbox', InboxDocSchema, status === undefined ? [['year', '==', year]] : [['year', '==', year], ['status', '==', status]]),
      ),
    getViewState: (year, name) =>
      guarded(async () => {
        const snapshot = await db.doc(paths.viewState(year, name)).get();
        counters.reads += 1;
        return snapshot.exists ? snapshot.data() : undefined;
      }),
    putViewState: (year, name, data) =>
      guarded(async () => {
        await db.doc(paths.viewState(year, name)).set(data);
        counters.writes += 1;
      }),
    enqueueViewWork: (items) =>
      guarded(async () => {
        if (items.length === 0) return;
        const batch = db.batch();
        for (const item of items) batch.create(db.collection(paths.viewWork).doc(), viewWorkDoc(item));
        await batch.commit();
        counters.writes += items.length;
      }),
    listViewWork: (spreadsheet, limit) =>
      guarded(async () => {
        const collection = db.collection(paths.viewWork);
        const query =
          spreadsheet === null
            ? collection
            : collection
                .where('year', '==', spreadsheet.year)
                .where('sheet', '==', spreadsheet.kind)
                .where('queue', '==', spreadsheet.kind === 'queue' ? spreadsheet.queue : '');
        const snapshot = await query.limit(limit).get();
        counters.reads += Math.max(1, snapshot.size);
        return snapshot.docs.map((d) => ({ id: d.id, ...viewWorkFromDoc(ViewWorkDocSchema.parse(d.data())) }));
      }),
    deleteViewWork: (ids) =>
      guarded(async () => {
        for (let i = 0; i < ids.length; i += 400) {
          const batch = db.batch();
          for (const id of ids.slice(i, i + 400)) batch.delete(db.collection(paths.viewWork).doc(id));
          await batch.commit();
        }
        counters.writes += ids.length;
      }),
    listAudit: (limit) =>
      guarded(async () => {
        const snapshot = await db.collection(paths.audit).orderBy('at', 'desc').limit(limit).get();
        counters.reads += Math.max(1, snapshot.size);
        return snapshot.docs.map((d) => d.data() as AuditEntry);
      }),
  };
  return store;
}
