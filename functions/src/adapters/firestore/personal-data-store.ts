// The part of the store that serves members' rights (Law 91/2025/QH15): their data requests, erasure, the access log.
import type { Store } from '../../ports';
import type { FirestoreAggregates } from './aggregates';
import { firestoreErasure } from './erasure';
import { guarded } from './errors';
import type { FirestoreIo } from './io';

type PersonalDataMethods = Pick<
  Store,
  | 'getDataRequest'
  | 'listDataRequests'
  | 'dataRequestsOf'
  | 'getErasure'
  | 'putErasure'
  | 'listRunningErasures'
  | 'eraseFrom'
  | 'dropMailTo'
  | 'recordAccess'
  | 'accessLogOf'
  | 'pageAccessLog'
>;

export function personalDataStore(io: FirestoreIo, aggregates: FirestoreAggregates): PersonalDataMethods {
  const { dataRequests, accessLog } = aggregates;
  const erasure = firestoreErasure(io, aggregates);
  return {
    getDataRequest: (year, requestId) => guarded(() => dataRequests.getDataRequest(year, requestId)),
    listDataRequests: (year) => guarded(() => dataRequests.listDataRequests(year)),
    dataRequestsOf: (year, memberId) => guarded(() => dataRequests.dataRequestsOf(year, memberId)),
    getErasure: (key) => guarded(() => erasure.getErasure(key)),
    putErasure: (record) => guarded(() => erasure.putErasure(record)),
    listRunningErasures: (limit) => guarded(() => erasure.listRunningErasures(limit)),
    eraseFrom: (aggregate, target) => guarded(() => erasure.eraseFrom(aggregate, target)),
    dropMailTo: (target) => guarded(() => erasure.dropMailTo(target)),
    recordAccess: (entry) => guarded(() => accessLog.recordAccess(entry)),
    accessLogOf: (memberId) => guarded(() => accessLog.accessLogOf(memberId)),
    pageAccessLog: (memberId, request) => guarded(() => accessLog.pageAccessLog(memberId, request)),
  };
}
