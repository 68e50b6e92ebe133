// A listing's page as one Firestore query: ordered by a time field then the document id, started after the previous page, one entry more than the page to know whether another follows.
import type { Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { PagePosition } from '../../ports';

/**
 * The documents of one page of `query` by `timeField` (each listing's equality filters plus this order have a
 * composite index in firestore.indexes.json), and the position the next page starts after. Reads `limit + 1`
 * documents whatever the collection's size.
 */
export async function readPage(
  query: Query,
  timeField: string,
  request: { limit: number; after?: PagePosition | undefined; newest?: boolean | undefined },
  idOf: (doc: QueryDocumentSnapshot) => PagePosition,
): Promise<{ docs: QueryDocumentSnapshot[]; next: PagePosition | null; reads: number }> {
  const direction = request.newest ? 'desc' : 'asc';
  let ordered = query.orderBy(timeField, direction).orderBy('__name__', direction);
  if (request.after) ordered = ordered.startAfter(request.after.at, request.after.id);
  const snapshot = await ordered.limit(request.limit + 1).get();
  const docs = snapshot.docs.slice(0, request.limit);
  const last = docs.at(-1);
  return { docs, next: snapshot.size > request.limit && last ? idOf(last) : null, reads: Math.max(1, snapshot.size) };
}
