// The store on firebase-admin Firestore: every aggregate's code composed into the `Store` port, each operation written
// once and run in a transaction when the use case is in one. Only operations that work on both Firestore and the
// embedded emulator.
import type { Firestore } from 'firebase-admin/firestore';
import { KeyedMutex } from '../../lib/keyed-mutex';
import type { Clock, Store } from '../../ports';
import { DEFAULT_ACCESS_LOG_DAYS } from './access-log';
import { guarded } from './errors';
import { firestoreAggregates, type FirestoreAggregates } from './aggregates';
import { firestoreIo, type StoreCounters } from './io';
import { createTransactions } from './transaction';
import { personalDataStore } from './personal-data-store';

export { documentLimitErrorOf } from './errors';
export type { StoreCounters } from './io';
export { paths } from './paths';
export { ACCESS_LOG_TTL, DEFAULT_ACCESS_LOG_DAYS } from './access-log';

export interface StoreOptions {
  /** Days each access-log entry is kept (DEFAULT_ACCESS_LOG_DAYS when absent). */
  accessLogDays?: number;
  /** What "now" is for skipping expired access-log entries; real time when absent. */
  clock?: Clock;
}

/** Journeys indexed at once by `indexRanking` (each in its own transaction). */
const INDEXING_CONCURRENCY = 16;

/** Counts in the ranking index every journey of the year it does not count yet; answers how many. */
async function indexRanking(
  year: number,
  journeys: FirestoreAggregates['journeys'],
  transaction: Store['transaction'],
): Promise<number> {
  const stale = await journeys.unindexedJourneys(year);
  // Each journey in its own transaction, under its member's lock: a submission at the same time is counted once.
  const reindex = (memberId: string): Promise<void> =>
    transaction(memberId, async (tx) => {
      const journey = await tx.getJourney(year, memberId);
      if (journey) tx.putJourney(journey);
    });
  for (let i = 0; i < stale.length; i += INDEXING_CONCURRENCY)
    await Promise.all(stale.slice(i, i + INDEXING_CONCURRENCY).map(reindex));
  return stale.length;
}

export function createFirestoreStore(
  db: Firestore,
  counters: StoreCounters = { reads: 0, writes: 0 },
  options: StoreOptions = {},
): Store & { counters: StoreCounters } {
  const io = firestoreIo(db, counters);
  const aggregates = firestoreAggregates(io, {
    days: options.accessLogDays ?? DEFAULT_ACCESS_LOG_DAYS,
    clock: options.clock ?? (() => new Date()),
  });
  const { plans, nominations, journeys, members, evidence, inbox, audit, viewState, viewWork } = aggregates;
  const transaction = createTransactions(io, aggregates, new KeyedMutex());
  const store: Store & { counters: StoreCounters } = {
    counters,
    transaction,
    getYear: (year) => guarded(() => plans.getYear(year)),
    getYearVersion: (year, version) => guarded(() => plans.getYearVersion(year, version)),
    getInbox: (key) => guarded(async () => (await inbox.readInbox(key))?.doc),
    putInbox: (doc) =>
      guarded(() =>
        io.batch((batch) => {
          inbox.putInbox(batch, doc, undefined);
        }),
      ),
    listInbox: (year, status) => guarded(() => inbox.listInbox(year, status)),
    pageInbox: (year, request) => guarded(() => inbox.pageInbox(year, request)),
    inboxOf: (email) => guarded(() => inbox.inboxOf(email)),
    inboxStatuses: (keys) => guarded(() => inbox.inboxStatuses(keys)),
    getJourney: (year, memberId) => guarded(async () => (await journeys.readJourney(year, memberId)).doc),
    listJourneys: (year) => guarded(() => journeys.listJourneys(year)),
    rankStanding: (year, key) => guarded(() => journeys.rankStanding(year, key)),
    indexRanking: (year) => guarded(() => indexRanking(year, journeys, transaction)),
    getEvidence: (year, evidenceId) => guarded(() => evidence.getEvidence(year, evidenceId)),
    listEvidence: (year) => guarded(() => evidence.listEvidence(year)),
    listEvidenceInQueue: (year, queue) => guarded(() => evidence.listEvidenceInQueue(year, queue)),
    getMember: (memberId) => guarded(() => members.getMember(memberId)),
    listMembersOf: (year) => guarded(() => members.listMembersOf(year)),
    getBookLinkVersion: (memberId) => guarded(() => members.getBookLinkVersion(memberId)),
    listBookLinkVersions: () => guarded(() => members.listBookLinkVersions()),
    getNominations: (year, unitId) => guarded(() => nominations.getNominations(year, unitId)),
    listNominations: (year) => guarded(() => nominations.listNominations(year)),
    recordAudit: (entry) =>
      guarded(() =>
        io.batch((batch) => {
          audit.appendAudit(batch, entry);
        }),
      ),
    listAudit: (limit) => guarded(() => audit.listAudit(limit)),
    getViewState: (year, name) => guarded(() => viewState.getViewState(year, name)),
    putViewState: (year, name, data) =>
      guarded(() =>
        io.batch((batch) => {
          viewState.putViewState(batch, year, name, data);
        }),
      ),
    enqueueViewWork: (items) =>
      guarded(async () =>
        items.length === 0
          ? undefined
          : io.batch((batch) => {
              viewWork.enqueueViewWork(batch, items);
            }),
      ),
    listViewWork: (spreadsheet, limit) => guarded(() => viewWork.listViewWork(spreadsheet, limit)),
    deleteViewWork: (ids) => guarded(() => viewWork.deleteViewWork(ids)),
    ...personalDataStore(io, aggregates),
  };
  return store;
}
