// The indexes this project declares for Firestore (firestore.indexes.json): the single-field exemptions and the
// composite indexes the listings need, and the TTL policies. limits.ts counts a document's index entries with them.

export interface IndexConfig {
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
}

/** One entry of `fieldOverrides` in firestore.indexes.json. */
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: IndexConfig[];
}

/**
 * The single-field index exemptions this project declares: the same list as `fieldOverrides` in
 * firestore.indexes.json (a unit test keeps them equal; `npm run deploy` applies that file). Only fields never queried
 * that hold many keys or elements: the views' row positions and spreadsheet registry, the plan (units, groups), a
 * journey's entries and an evidence entry's decisions.
 */
export const FIELD_OVERRIDES: readonly FieldOverride[] = [
  { collectionGroup: 'sheets', fieldPath: 'rows', indexes: [] },
  { collectionGroup: 'sheets', fieldPath: 'queues', indexes: [] },
  { collectionGroup: 'years', fieldPath: 'config', indexes: [] },
  { collectionGroup: 'configVersions', fieldPath: 'config', indexes: [] },
  { collectionGroup: 'journeys', fieldPath: 'entries', indexes: [] },
  { collectionGroup: 'evidence', fieldPath: 'decisions', indexes: [] },
  // Never queried; TTL deletes by it (TTL_POLICIES below).
  { collectionGroup: 'accessLog', fieldPath: 'expireAt', indexes: [] },
];

/** The access log's TTL policy (adapters/firestore/access-log.ts stamps the field). */
export const ACCESS_LOG_TTL = { collectionGroup: 'accessLog', field: 'expireAt' } as const;

/** A Firestore TTL policy: documents of the group are deleted once the timestamp in `fieldPath` has passed. */
export interface TtlPolicy {
  collectionGroup: string;
  fieldPath: string;
}

/**
 * The TTL policies this project declares: `"ttl": true` on their `fieldOverrides` in firestore.indexes.json (a unit
 * test keeps them equal). `npm run deploy` turns them on; the local store sweeps by them at each checkpoint.
 */
export const TTL_POLICIES: readonly TtlPolicy[] = [
  { collectionGroup: ACCESS_LOG_TTL.collectionGroup, fieldPath: ACCESS_LOG_TTL.field },
];

/** One composite index of firestore.indexes.json (`indexes`): the listings' queries need these. */
export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: { fieldPath: string; order: 'ASCENDING' | 'DESCENDING' }[];
}

const ascending = (...paths: string[]): CompositeIndex['fields'] =>
  paths.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' }));

/**
 * The composite indexes this project declares: the same list as `indexes` in firestore.indexes.json (a unit test keeps
 * them equal). Each serves a listing's page: its equality filters (year, status), then the time it is ordered by (the
 * document id follows implicitly); the Thư tab reads the newest failed mail first.
 */
export const COMPOSITE_INDEXES: readonly CompositeIndex[] = [
  { collectionGroup: 'inbox', queryScope: 'COLLECTION', fields: ascending('year', 'receivedAt') },
  { collectionGroup: 'inbox', queryScope: 'COLLECTION', fields: ascending('year', 'status', 'receivedAt') },
  { collectionGroup: 'mail', queryScope: 'COLLECTION', fields: ascending('year', 'queuedAt') },
  { collectionGroup: 'mail', queryScope: 'COLLECTION', fields: ascending('year', 'status', 'queuedAt') },
  {
    collectionGroup: 'mail',
    queryScope: 'COLLECTION',
    fields: [...ascending('year', 'status'), { fieldPath: 'queuedAt', order: 'DESCENDING' }],
  },
];
