// The inbox (`inbox/{key}`, a long raw body in parts beside it) and the audit trail (`audit/{id}`).
import type { DocumentData, Query, Transaction } from 'firebase-admin/firestore';
import { INBOX_STATUSES, InboxDocSchema, type AuditEntry, type InboxDoc } from '../../model';
import type { PageRequest } from '../../ports';
import type { FirestoreIo, Writer } from './io';
import { hashOf, inboxDocuments, largePaths, partsOf } from './large-docs';
import { readPage } from './paging';
import { paths } from './paths';

/** An inbox entry as read, with the hash of its long body (an entry rewritten with the same body keeps its parts). */
export interface InboxRead {
  doc: InboxDoc;
  rawHash: string | undefined;
}

export function firestoreInbox(io: FirestoreIo) {
  /** An inbox entry's stored data with its raw body put back together (long bodies are stored in parts). */
  async function parsed(path: string, data: DocumentData, tx?: Transaction): Promise<InboxDoc> {
    const parts = partsOf(data, 'raw');
    if (parts === 0) return InboxDocSchema.parse(data);
    const found = await io.getAll(
      Array.from({ length: parts }, (_, k) => largePaths.textPart(path, 'raw', k)),
      tx,
    );
    return InboxDocSchema.parse({ ...data, raw: found.map((p) => String(p.get('text') ?? '')).join('') });
  }

  const ofYear = (year: number, status: InboxDoc['status'] | undefined): Query => {
    const query = io.db.collection('inbox').where('year', '==', year);
    return status === undefined ? query : query.where('status', '==', status);
  };

  return {
    readInbox: async (key: string, tx?: Transaction): Promise<InboxRead | undefined> => {
      const path = paths.inbox(key);
      const snapshot = await io.get(path, tx);
      if (!snapshot.exists) return undefined;
      const data = snapshot.data() ?? {};
      return { doc: await parsed(path, data, tx), rawHash: hashOf(data, 'raw') };
    },
    /** Stores an entry and its body's parts; the parts are left as they are when `rawHash` (as read) says they hold this body. */
    putInbox: (writer: Writer, doc: InboxDoc, rawHash: string | undefined): void => {
      const [entry, ...parts] = inboxDocuments(doc);
      if (!entry) return;
      const unchanged = parts.length > 0 && rawHash === hashOf(entry.data, 'raw');
      io.setAll(writer, unchanged ? [entry] : [entry, ...parts]);
    },
    listInbox: async (year: number, status?: InboxDoc['status']): Promise<InboxDoc[]> =>
      Promise.all((await io.query(ofYear(year, status))).map((d) => parsed(d.ref.path, d.data()))),
    pageInbox: async (year: number, request: PageRequest<InboxDoc['status']>) => {
      const page = await readPage(ofYear(year, request.status), 'receivedAt', request, (d) => ({
        at: String(d.get('receivedAt')),
        id: d.id,
      }));
      io.counters.reads += page.reads;
      return { items: await Promise.all(page.docs.map((d) => parsed(d.ref.path, d.data()))), next: page.next };
    },
    inboxOf: async (email: string): Promise<InboxDoc[]> =>
      Promise.all(
        (await io.query(io.db.collection('inbox').where('email', '==', email))).map((d) =>
          parsed(d.ref.path, d.data()),
        ),
      ),
    inboxStatuses: async (keys: readonly string[]): Promise<ReadonlyMap<string, InboxDoc['status']>> => {
      const snapshots = await io.getAll(keys.map((key) => paths.inbox(key)));
      const statuses = new Map<string, InboxDoc['status']>();
      for (const [i, snapshot] of snapshots.entries()) {
        const status = INBOX_STATUSES.find((s) => s === snapshot.get('status'));
        const key = keys[i];
        if (snapshot.exists && key !== undefined && status !== undefined) statuses.set(key, status);
      }
      return statuses;
    },
  };
}

export function firestoreAudit(io: FirestoreIo) {
  return {
    appendAudit: (writer: Writer, entry: AuditEntry): void => {
      io.create(writer, paths.audit, { ...entry });
    },
    listAudit: async (limit: number): Promise<AuditEntry[]> =>
      (await io.query(io.db.collection(paths.audit).orderBy('at', 'desc').limit(limit))).map(
        (d) => d.data() as AuditEntry,
      ),
  };
}
