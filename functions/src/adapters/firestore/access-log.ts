// The access log (`members/{memberId}/accessLog/{id}`): one small document per read of a member's data, under the
// member so that listing one member's entries needs no composite index and no document grows with the log. Each entry
// carries `expireAt`, a timestamp the Firestore TTL policy on the `accessLog` collection group deletes it after
// (deploy/ configures it; the local store sweeps it at each checkpoint); reads skip entries already past it, since TTL
// deletion may lag by a day.
import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { AccessEntry, Clock, Page, PageRequest } from '../../ports';
import { ACCESS_LOG_TTL } from './indexes';
import type { FirestoreIo } from './io';
import { readPage } from './paging';
import { paths } from './paths';

export { ACCESS_LOG_TTL } from './indexes';

/** Two years: a programme year and the year after it, when members and inspectors ask who read what. */
export const DEFAULT_ACCESS_LOG_DAYS = 730;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entries read for `accessLogOf` at most: 1,000 pages of the route's largest size would be ~1 MB of answer. */
const ALL_ENTRIES_MAX = 100_000;

export interface AccessLogOptions {
  /** Days an entry is kept after the read. */
  days: number;
  clock: Clock;
}

function entryOf(doc: QueryDocumentSnapshot): AccessEntry {
  return {
    memberId: String(doc.get('memberId')),
    at: String(doc.get('at')),
    by: String(doc.get('by')),
    what: String(doc.get('what')),
  };
}

function expired(doc: QueryDocumentSnapshot, now: Date): boolean {
  const expireAt: unknown = doc.get(ACCESS_LOG_TTL.field);
  const time =
    expireAt instanceof Date
      ? expireAt.getTime()
      : typeof (expireAt as { toMillis?: unknown } | undefined)?.toMillis === 'function'
        ? (expireAt as { toMillis(): number }).toMillis()
        : Number.POSITIVE_INFINITY;
  return time <= now.getTime();
}

export function firestoreAccessLog(io: FirestoreIo, options: AccessLogOptions) {
  const page = async (memberId: string, request: PageRequest<never>): Promise<Page<AccessEntry>> => {
    const found = await readPage(
      io.db.collection(paths.accessLog(memberId)),
      'at',
      { ...request, newest: true },
      (d) => ({
        at: String(d.get('at')),
        id: d.id,
      }),
    );
    io.counters.reads += found.reads;
    const now = options.clock();
    return { items: found.docs.filter((d) => !expired(d, now)).map(entryOf), next: found.next };
  };
  return {
    recordAccess: (entry: AccessEntry): Promise<void> =>
      io.batch((batch) => {
        const expireAt = new Date(Date.parse(entry.at) + options.days * DAY_MS);
        io.create(batch, paths.accessLog(entry.memberId), { ...entry, [ACCESS_LOG_TTL.field]: expireAt });
      }),
    pageAccessLog: page,
    accessLogOf: async (memberId: string): Promise<AccessEntry[]> => {
      const entries: AccessEntry[] = [];
      let after: Page<AccessEntry>['next'] | undefined;
      do {
        const next = await page(memberId, { limit: 1_000, after: after ?? undefined });
        entries.push(...next.items);
        after = next.next;
      } while (after && entries.length < ALL_ENTRIES_MAX);
      return entries;
    },
  };
}
