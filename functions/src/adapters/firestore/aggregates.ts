// Every aggregate the store keeps, each implemented once over the shared Firestore access (io.ts).
import { firestoreDataRequests } from './data-requests';
import { firestoreAccessLog, type AccessLogOptions } from './access-log';
import { firestoreAudit, firestoreInbox } from './inbox';
import type { FirestoreIo } from './io';
import { firestoreJourneys } from './journeys';
import { firestoreEvidence, firestoreMembers } from './members';
import { firestoreOutbox } from './outbox';
import { firestoreNominations, firestorePlans } from './plans';
import { firestoreViewState, firestoreViewWork } from './views';

/** Every aggregate of the store, on one database. */
export function firestoreAggregates(io: FirestoreIo, accessLog: AccessLogOptions) {
  return {
    plans: firestorePlans(io),
    nominations: firestoreNominations(io),
    journeys: firestoreJourneys(io),
    members: firestoreMembers(io),
    evidence: firestoreEvidence(io),
    inbox: firestoreInbox(io),
    audit: firestoreAudit(io),
    viewState: firestoreViewState(io),
    viewWork: firestoreViewWork(io),
    outbox: firestoreOutbox(io),
    dataRequests: firestoreDataRequests(io),
    accessLog: firestoreAccessLog(io, accessLog),
  };
}
export type FirestoreAggregates = ReturnType<typeof firestoreAggregates>;
