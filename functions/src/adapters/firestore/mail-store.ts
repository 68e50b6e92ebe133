// The outbox on Firestore as the `MailStore` port: queueing and reading here, sending in mail-sending.ts, the documents
// and their reads and writes (shared with the store's transactions) in outbox.ts.
import type { Firestore } from 'firebase-admin/firestore';
import { LetterSchema } from '../../domain/letter';
import { KeyedMutex } from '../../lib/keyed-mutex';
import type { MailDraft, MailStore } from '../../ports';
import { firestoreIo, type StoreCounters } from './io';
import { firestoreMailSending } from './mail-sending';
import { firestoreOutbox, parseMail, toOutbox, type FirestoreOutbox } from './outbox';
import { readPage } from './paging';
import { mailPaths } from './paths';

export { newMailDoc } from './outbox';
export { mailPaths };

/** Drafts per transaction when queueing a report (each read, then the absent ones created). */
const QUEUE_CHUNK = 100;

/**
 * Queues one chunk of drafts in a transaction: those not queued before, with their shared letters; past `fitting`,
 * deferred to `nextDay`. Answers the ids made and found, and how many more fit today.
 */
async function queueChunk(
  db: Firestore,
  outbox: FirestoreOutbox,
  chunk: readonly MailDraft[],
  now: Date,
  fitting: number,
  nextDay: Date,
) {
  return db.runTransaction(async (tx) => {
    const queued = await outbox.existingMail(
      chunk.map((d) => d.id),
      tx,
    );
    const keys = [...new Set(chunk.map((d) => d.contentKey).filter((k): k is string => k !== null))];
    const stored = await outbox.existingContent(keys, tx);
    const made: string[] = [];
    const found: string[] = [];
    let fit = fitting;
    for (const draft of chunk) {
      if (queued.has(draft.id)) {
        found.push(draft.id);
        continue;
      }
      if (draft.contentKey !== null && !stored.has(draft.contentKey)) {
        stored.add(draft.contentKey);
        outbox.putContent(tx, draft.contentKey, draft.letter);
      }
      const deferred = fit <= 0;
      if (!deferred) fit -= 1;
      outbox.putMail(tx, draft, now, deferred ? nextDay : null);
      made.push(draft.id);
    }
    return { made, found, fit };
  });
}

export function createFirestoreMailStore(db: Firestore, counters: StoreCounters = { reads: 0, writes: 0 }): MailStore {
  const mutex = new KeyedMutex();
  const io = firestoreIo(db, counters);
  const outbox = firestoreOutbox(io);
  const ofYear = (year: number, status: string | undefined) => {
    const query = db.collection(mailPaths.mail).where('year', '==', year);
    return status === undefined ? query : query.where('status', '==', status);
  };
  return {
    ...firestoreMailSending({ io, outbox, mutex }),
    async queue(drafts, now, fitToday, nextDay) {
      const created: string[] = [];
      const existing: string[] = [];
      let fitting = Math.max(0, fitToday);
      for (let i = 0; i < drafts.length; i += QUEUE_CHUNK) {
        const result = await mutex.run('mail', () =>
          queueChunk(db, outbox, drafts.slice(i, i + QUEUE_CHUNK), now, fitting, nextDay),
        );
        fitting = result.fit;
        created.push(...result.made);
        existing.push(...result.found);
      }
      return { created, existing };
    },
    existing: (ids) => outbox.existingMail(ids),
    letter: (mail) => outbox.letter(mail),
    async page(year, request) {
      const page = await readPage(ofYear(year, request.status), 'queuedAt', request, (d) => ({
        at: String(d.get('queuedAt')),
        id: d.id,
      }));
      counters.reads += page.reads;
      return { items: page.docs.map((d) => toOutbox(parseMail(d.data()))), next: page.next };
    },
    async mailTo(to) {
      const docs = await io.query(db.collection(mailPaths.mail).where('to', '==', to));
      return docs.map((d) => {
        const doc = parseMail(d.data());
        return { ...toOutbox(doc), letter: doc.letter === null ? null : LetterSchema.parse(JSON.parse(doc.letter)) };
      });
    },
    async counts(year) {
      const of = (status: string) => outbox.count(ofYear(year, status));
      const [queued, sent, deferred, failed] = await Promise.all([
        of('queued'),
        of('sent'),
        of('deferred'),
        of('failed'),
      ]);
      return { queued, sent, deferred, failed };
    },
  };
}
