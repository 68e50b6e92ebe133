// The store on firebase-admin Firestore: only operations that work on both Firestore and the embedded emulator.
import type { FieldValue, Firestore, Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import type { YearConfig } from '../../domain/config';
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
  type YearDoc,
} from '../../model';
import { rankDeltas } from '../../domain/rank-index';
import { rankKey } from '../../domain/ranking';
import { DocumentLimitError, StoreUnavailableError, type Store, type StoreTx } from '../../ports';
import { KeyedMutex } from '../../lib/keyed-mutex';
import { assertWithinLimits, limitCodeOfMessage } from './limits';
import {
  hashOf,
  inboxDocuments,
  joinNominees,
  largePaths,
  partsOf,
  yearDocuments,
  type StoredDocument,
} from './large-docs';
import { INDEXED_KEY_FIELD, rankPaths, readRankStanding, writeRankDeltas } from './rank-index';
import { ViewWorkDocSchema, viewWorkDoc, viewWorkFromDoc } from './view-work';
import { mailTxOps } from './mail-store';
import { readPage } from './paging';

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

const NomineePartSchema = z.object({ unitId: z.string(), part: z.number().int(), emails: z.array(z.string()) });

/** Plans with their rosters put back, by year, version and content: a version never changes once stored. */
const ROSTER_CACHE_SIZE = 8;

/** Journeys indexed at once by `indexRanking` (each in its own transaction). */
const INDEXING_CONCURRENCY = 16;

// gRPC status codes that mean "storage not reachable now": UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED.
const UNAVAILABLE_CODES = new Set([14, 4, 10, 8]);
/** gRPC INVALID_ARGUMENT: Firestore refused a document (too large, too many index entries, a bad field name). */
const INVALID_ARGUMENT = 3;

/** The document a Firestore message names (`…/documents/years/2019/…`), when it names one. */
function pathInMessage(message: string): string {
  return /\/documents\/([^'"\s]+)/.exec(message)?.[1] ?? '';
}

/** Firestore's refusal of a document, as our own coded error. */
export function documentLimitErrorOf(error: unknown): DocumentLimitError | undefined {
  if (error instanceof DocumentLimitError) return error;
  if ((error as { code?: unknown } | null)?.code !== INVALID_ARGUMENT) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new DocumentLimitError(
    limitCodeOfMessage(message),
    pathInMessage(message),
    `Firestore refused a write: ${message}`,
    undefined,
    { cause: error },
  );
}

/** A document reference, after checking that Firestore would store `data` there (throws DocumentLimitError). */
function checkedDoc(db: Firestore, path: string, data: object): FirebaseFirestore.DocumentReference {
  assertWithinLimits(path, data as Record<string, unknown>);
  return db.doc(path);
}

export function createFirestoreStore(
  db: Firestore,
  counters: StoreCounters = { reads: 0, writes: 0 },
): Store & { counters: StoreCounters } {
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

  const rosters = new Map<string, YearConfig>();

  /** The plan with its nominee rosters, which are stored beside it in parts (read once per version and process). */
  async function withRosters(doc: YearDoc, parts: number): Promise<YearDoc> {
    if (parts === 0) return doc;
    const cacheKey = `${String(doc.year)}/${String(doc.version)}/${doc.contentHash ?? doc.updatedAt}`;
    let config = rosters.get(cacheKey);
    if (!config) {
      // Parts are written with their version and never change: read outside any transaction, and remembered.
      const snapshot = await db.collection(largePaths.nominees(doc.year, doc.version)).get();
      counters.reads += Math.max(1, snapshot.size);
      config = joinNominees(
        doc.config,
        snapshot.docs.map((d) => NomineePartSchema.parse(d.data())),
      );
      rosters.set(cacheKey, config);
      if (rosters.size > ROSTER_CACHE_SIZE) rosters.delete(rosters.keys().next().value ?? '');
    }
    return { ...doc, config };
  }

  /** A plan as stored, the year's head or one of its versions, with its rosters put back. */
  async function readPlan(path: string, tx?: Transaction): Promise<YearDoc | undefined> {
    const ref = db.doc(path);
    const snapshot = tx ? await tx.get(ref) : await ref.get();
    counters.reads += 1;
    if (!snapshot.exists) return undefined;
    const data = snapshot.data() ?? {};
    const parts = typeof data.nomineeParts === 'number' ? data.nomineeParts : 0;
    return withRosters(YearDocSchema.parse(data), parts);
  }

  const readYear = (year: number, tx?: Transaction): Promise<YearDoc | undefined> => readPlan(paths.year(year), tx);

  /** An inbox entry's stored data with its raw body put back together (long bodies are stored in parts). */
  async function withRaw(
    path: string,
    data: Record<string, unknown>,
    tx?: Transaction,
  ): Promise<Record<string, unknown>> {
    const parts = partsOf(data, 'raw');
    if (parts === 0) return data;
    const refs = Array.from({ length: parts }, (_, k) => db.doc(largePaths.textPart(path, 'raw', k)));
    const snapshots = tx ? await tx.getAll(...refs) : await db.getAll(...refs);
    counters.reads += parts;
    return { ...data, raw: snapshots.map((p) => String(p.get('text') ?? '')).join('') };
  }

  async function readInbox(
    key: string,
    tx?: Transaction,
  ): Promise<{ doc: InboxDoc; rawHash: string | undefined } | undefined> {
    const path = paths.inbox(key);
    const snapshot = tx ? await tx.get(db.doc(path)) : await db.doc(path).get();
    counters.reads += 1;
    if (!snapshot.exists) return undefined;
    const data = snapshot.data() ?? {};
    return { doc: InboxDocSchema.parse(await withRaw(path, data, tx)), rawHash: hashOf(data, 'raw') };
  }

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) {
        throw new StoreUnavailableError(`Firestore unavailable (code ${code})`, { cause: error });
      }
      throw documentLimitErrorOf(error) ?? error;
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
            // The hash of each long inbox body read here: an entry rewritten with the same body keeps its parts.
            const inboxRaw = new Map<string, string | undefined>();
            const setAll = (docs: readonly StoredDocument[]): void => {
              for (const { path, data } of docs) tx.set(checkedDoc(db, path, data), data);
              counters.writes += docs.length;
            };
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
              getInbox: async (key) => {
                const found = await readInbox(key, tx);
                inboxRaw.set(key, found?.rawHash);
                return found?.doc;
              },
              getMember: (memberId) => read(paths.member(memberId), MemberDocSchema, tx),
              putMember: (doc) => {
                counters.writes += 1;
                // Merged, so the book-link version kept on the same document survives every other write of the member.
                tx.set(checkedDoc(db, paths.member(doc.memberId), doc), doc, { merge: true });
              },
              getBookLinkVersion: async (memberId) => {
                const snapshot = await tx.get(db.doc(paths.member(memberId)));
                counters.reads += 1;
                return linkVersionOf(snapshot.data());
              },
              putBookLinkVersion: (memberId, version) => {
                counters.writes += 1;
                const data = { [LINK_VERSION_FIELD]: version };
                tx.set(checkedDoc(db, paths.member(memberId), data), data, { merge: true });
              },
              getYear: (year) => readYear(year, tx),
              putYear: (doc, received) => {
                setAll(yearDocuments(doc, received));
              },
              putJourney: (doc) => {
                const path = paths.journey(doc.year, doc.memberId);
                if (!indexed.has(path)) throw new Error(`putJourney: ${path} was not read in this transaction`);
                const key = rankKey(doc.year, doc);
                counters.writes +=
                  1 + writeRankDeltas(db, tx, increment, doc.year, doc.memberId, rankDeltas(indexed.get(path), key));
                indexed.set(path, key);
                const data = { ...doc, [INDEXED_KEY_FIELD]: key };
                tx.set(checkedDoc(db, path, data), data);
              },
              putEvidence: (doc) => {
                counters.writes += 1;
                tx.set(checkedDoc(db, paths.evidence(doc.year, doc.evidenceId), doc), doc);
              },
              putInbox: (doc) => {
                const [entry, ...parts] = inboxDocuments(doc);
                const unchanged =
                  parts.length > 0 && entry !== undefined && inboxRaw.get(doc.key) === hashOf(entry.data, 'raw');
                setAll(entry && unchanged ? [entry] : [...(entry ? [entry] : []), ...parts]);
              },
              appendAudit: (entry) => {
                counters.writes += 1;
                const ref = db.collection(paths.audit).doc();
                tx.create(checkedDoc(db, ref.path, entry), entry);
              },
              getViewState: async (year, name) => {
                const snapshot = await tx.get(db.doc(paths.viewState(year, name)));
                counters.reads += 1;
                return snapshot.exists ? snapshot.data() : undefined;
              },
              getViewStates: async (year, names) => {
                if (names.length === 0) return [];
                const snapshots = await tx.getAll(...names.map((name) => db.doc(paths.viewState(year, name))));
                counters.reads += names.length;
                return snapshots.map((snapshot) => (snapshot.exists ? snapshot.data() : undefined));
              },
              putViewState: (year, name, data) => {
                counters.writes += 1;
                tx.set(checkedDoc(db, paths.viewState(year, name), data), data);
              },
              getNominations: (year, unitId) => read(paths.nominations(year, unitId), NominationsDocSchema, tx),
              putNominations: (doc) => {
                counters.writes += 1;
                tx.set(checkedDoc(db, paths.nominations(doc.year, doc.unitId), doc), doc);
              },
              enqueueViewWork: (items) => {
                for (const item of items) {
                  counters.writes += 1;
                  // A new document per change (never overwritten), so a flush deletes exactly what it read.
                  const data = viewWorkDoc(item);
                  tx.create(checkedDoc(db, db.collection(paths.viewWork).doc().path, data), data);
                }
              },
            };
            return work(txApi);
          });
        }),
      ),

    getYear: (year) => guarded(() => readYear(year)),
    getYearVersion: (year, version) => guarded(() => readPlan(paths.configVersion(year, version))),

    getInbox: (key) => guarded(async () => (await readInbox(key))?.doc),

    putInbox: (doc: InboxDoc) =>
      guarded(async () => {
        const docs = inboxDocuments(doc);
        const batch = db.batch();
        for (const { path, data } of docs) batch.set(checkedDoc(db, path, data), data);
        await batch.commit();
        counters.writes += docs.length;
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
        for (let i = 0; i < stale.length; i += INDEXING_CONCURRENCY)
          await Promise.all(stale.slice(i, i + INDEXING_CONCURRENCY).map(reindex));
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
    inboxStatuses: (keys) =>
      guarded(async () => {
        const statuses = new Map<string, InboxDoc['status']>();
        if (keys.length === 0) return statuses;
        const snapshots = await db.getAll(...keys.map((key) => db.doc(paths.inbox(key))));
        counters.reads += keys.length;
        for (const [i, snapshot] of snapshots.entries()) {
          const status: unknown = snapshot.get('status');
          const key = keys[i];
          if (
            snapshot.exists &&
            key !== undefined &&
            (status === 'received' || status === 'accepted' || status === 'refused')
          )
            statuses.set(key, status);
        }
        return statuses;
      }),
    listInbox: (year, status) =>
      guarded(async () => {
        let query: FirebaseFirestore.Query = db.collection('inbox').where('year', '==', year);
        if (status !== undefined) query = query.where('status', '==', status);
        const snapshot = await query.get();
        counters.reads += Math.max(1, snapshot.size);
        return Promise.all(snapshot.docs.map(async (d) => InboxDocSchema.parse(await withRaw(d.ref.path, d.data()))));
      }),
    pageInbox: (year, request) =>
      guarded(async () => {
        let query: FirebaseFirestore.Query = db.collection('inbox').where('year', '==', year);
        if (request.status !== undefined) query = query.where('status', '==', request.status);
        const page = await readPage(query, 'receivedAt', request, (d) => ({
          at: String(d.get('receivedAt')),
          id: d.id,
        }));
        counters.reads += page.reads;
        const items = await Promise.all(
          page.docs.map(async (d) => InboxDocSchema.parse(await withRaw(d.ref.path, d.data()))),
        );
        return { items, next: page.next };
      }),
    getViewState: (year, name) =>
      guarded(async () => {
        const snapshot = await db.doc(paths.viewState(year, name)).get();
        counters.reads += 1;
        return snapshot.exists ? snapshot.data() : undefined;
      }),
    putViewState: (year, name, data) =>
      guarded(async () => {
        await checkedDoc(db, paths.viewState(year, name), data).set(data);
        counters.writes += 1;
      }),
    enqueueViewWork: (items) =>
      guarded(async () => {
        if (items.length === 0) return;
        const batch = db.batch();
        for (const item of items) {
          const data = viewWorkDoc(item);
          batch.create(checkedDoc(db, db.collection(paths.viewWork).doc().path, data), data);
        }
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
