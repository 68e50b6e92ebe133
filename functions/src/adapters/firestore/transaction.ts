// A store transaction: the same aggregate code as outside one, its reads made in the transaction and its writes onto it.
import type { Transaction } from 'firebase-admin/firestore';
import type { KeyedMutex } from '../../lib/keyed-mutex';
import type { Store, StoreTx } from '../../ports';
import { guarded } from './errors';
import { firestoreSdk, type FirestoreIo } from './io';
import { paths } from './paths';
import type { Increment } from './rank-index';
import type { FirestoreAggregates } from './aggregates';

/** The `StoreTx` of one Firestore transaction. */
function storeTx(tx: Transaction, increment: Increment, a: FirestoreAggregates): StoreTx {
  // The key the ranking index counts each journey read here under (undefined: not counted), for putJourney.
  const indexed = new Map<string, number | undefined>();
  // The hash of each long inbox body read here: an entry rewritten with the same body keeps its parts.
  const inboxRaw = new Map<string, string | undefined>();
  return {
    getYear: (year) => a.plans.getYear(year, tx),
    putYear: (doc, received) => {
      a.plans.putYear(tx, doc, received);
    },
    getJourney: async (year, memberId) => {
      const { doc, indexedKey } = await a.journeys.readJourney(year, memberId, tx);
      indexed.set(paths.journey(year, memberId), indexedKey);
      return doc;
    },
    putJourney: (doc) => {
      const path = paths.journey(doc.year, doc.memberId);
      if (!indexed.has(path)) throw new Error(`putJourney: ${path} was not read in this transaction`);
      indexed.set(path, a.journeys.putJourney(tx, increment, doc, indexed.get(path)));
    },
    getEvidence: (year, evidenceId) => a.evidence.getEvidence(year, evidenceId, tx),
    putEvidence: (doc) => {
      a.evidence.putEvidence(tx, doc);
    },
    getInbox: async (key) => {
      const found = await a.inbox.readInbox(key, tx);
      inboxRaw.set(key, found?.rawHash);
      return found?.doc;
    },
    putInbox: (doc) => {
      a.inbox.putInbox(tx, doc, inboxRaw.get(doc.key));
    },
    getMember: (memberId) => a.members.getMember(memberId, tx),
    putMember: (doc) => {
      a.members.putMember(tx, doc);
    },
    getBookLinkVersion: (memberId) => a.members.getBookLinkVersion(memberId, tx),
    putBookLinkVersion: (memberId, version) => {
      a.members.putBookLinkVersion(tx, memberId, version);
    },
    appendAudit: (entry) => {
      a.audit.appendAudit(tx, entry);
    },
    getViewState: (year, name) => a.viewState.getViewState(year, name, tx),
    getViewStates: (year, names) => a.viewState.getViewStates(year, names, tx),
    putViewState: (year, name, data) => {
      a.viewState.putViewState(tx, year, name, data);
    },
    getNominations: (year, unitId) => a.nominations.getNominations(year, unitId, tx),
    putNominations: (doc) => {
      a.nominations.putNominations(tx, doc);
    },
    enqueueViewWork: (items) => {
      a.viewWork.enqueueViewWork(tx, items);
    },
    getDataRequest: (year, requestId) => a.dataRequests.getDataRequest(year, requestId, tx),
    putDataRequest: (doc) => {
      a.dataRequests.putDataRequest(tx, doc);
    },
    mailExists: async (id) => (await a.outbox.existingMail([id], tx)).has(id),
    queueMail: (draft, now) => {
      a.outbox.putMail(tx, draft, now, null);
    },
  };
}

/**
 * `Store.transaction`: runs `work` in a Firestore transaction. Work for the same lock key (a member) is also serialised
 * inside this process, which is what keeps concurrent decisions correct on the embedded emulator.
 */
export function createTransactions(
  io: FirestoreIo,
  aggregates: FirestoreAggregates,
  mutex: KeyedMutex,
): Store['transaction'] {
  return (lockKey, work) =>
    mutex.run(lockKey, () =>
      guarded(async () => {
        const { FieldValue } = await firestoreSdk();
        const increment = (by: number): unknown => FieldValue.increment(by);
        return io.db.runTransaction((tx) => work(storeTx(tx, increment, aggregates)));
      }),
    );
}
