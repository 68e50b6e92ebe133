// The outbox's documents (`mail/{id}`, `mailContent/{key}`, `mailBudget/{day}`) and the reads and writes on them that
// the store's transactions and the mail store share.
import type { Query, Transaction } from 'firebase-admin/firestore';
import { localDate } from '../../domain/dates';
import { LetterSchema, type Letter } from '../../domain/letter';
import { MailDocSchema, type MailBudgetDoc, type MailContentDoc, type MailDoc } from '../../model';
import type { MailDraft, OutboxMail } from '../../ports';
import type { FirestoreIo, Writer } from './io';
import { mailPaths } from './paths';

/**
 * The order mail waits in, on a field only waiting mail has (so one single-field index serves every query, no
 * composite index): priority, then when it may go, then when it was queued. Claimed mail moves to the `9|` band
 * until its claim expires.
 */
export const CLAIMED_BAND = 9;

/**
 * Past every band (`x` sorts after the digits): mail that waits no more, sent or failed for good, is in no query's
 * range. A value rather than a removed field: the embedded emulator keeps fields a whole-document set leaves out.
 */
const NOT_WAITING = 'x';

/** Why mail is deferred to the next day. */
export const DEFERRED_REASON = 'Vượt hạn mức gửi thư trong ngày: gửi vào ngày sau.';

export const waitingKey = (priority: number, at: string, queuedAt: string, id: string): string =>
  `${String(priority)}|${at}|${queuedAt}|${id}`;

export const parseMail = (data: unknown): MailDoc => MailDocSchema.parse(data);

export function toOutbox(doc: MailDoc): OutboxMail {
  const {
    id,
    year,
    kind,
    period,
    to,
    priority,
    subject,
    status,
    reason,
    attempts,
    queuedAt,
    dueAt,
    sentAt,
    messageId,
    mergedInto,
    contentKey,
  } = doc;
  return {
    id,
    year,
    kind,
    period,
    to,
    priority,
    subject,
    status,
    reason,
    attempts,
    queuedAt,
    dueAt,
    sentAt,
    retrying: doc.waiting !== NOT_WAITING,
    messageId,
    mergedInto,
    contentKey,
  };
}

/** A mail doc that waits (queued, deferred or failed to be retried) at `dueAt`: the waiting key set, the claim cleared. */
export function waitingDoc(doc: Omit<MailDoc, 'waiting'>): MailDoc {
  return { ...doc, claimedUntil: null, waiting: waitingKey(doc.priority, doc.dueAt, doc.queuedAt, doc.id) };
}

export function doneDoc(doc: MailDoc): MailDoc {
  return { ...doc, claimedUntil: null, waiting: NOT_WAITING };
}

/** A new mail document for a draft (the letter kept inline unless it is shared). */
export function newMailDoc(draft: MailDraft, now: Date, dueAt: Date, deferred: boolean): MailDoc {
  return waitingDoc({
    id: draft.id,
    year: draft.year,
    kind: draft.kind,
    period: draft.period,
    to: draft.to,
    priority: draft.priority,
    subject: draft.subject,
    status: deferred ? 'deferred' : 'queued',
    reason: deferred ? DEFERRED_REASON : null,
    attempts: 0,
    queuedAt: now.toISOString(),
    dueAt: dueAt.toISOString(),
    sentAt: null,
    messageId: `<${draft.id}@hanh-trinh.journey>`,
    mergedInto: null,
    contentKey: draft.contentKey,
    letter: draft.contentKey === null ? JSON.stringify(draft.letter) : null,
    day: localDate(now),
    claimedUntil: null,
    providerId: null,
  });
}

/** Ids read per round trip by `existingMail`. */
const EXISTING_CHUNK = 300;

export function firestoreOutbox(io: FirestoreIo) {
  const { db, counters } = io;
  const mailPath = (id: string): string => `${mailPaths.mail}/${id}`;
  const budgetPath = (day: string): string => `${mailPaths.budget}/${day}`;
  // Checked against Firestore's limits like every other write: a letter too large to store fails here, as it would in
  // production, not only there.
  const write = (writer: Writer, path: string, data: MailDoc | MailContentDoc | MailBudgetDoc): void => {
    io.set(writer, path, data);
  };
  const parseLetter = (text: unknown): Letter | undefined =>
    typeof text === 'string' ? LetterSchema.parse(JSON.parse(text)) : undefined;

  return {
    /** Which of these ids were ever queued, read in `tx` when given. */
    existingMail: async (ids: readonly string[], tx?: Transaction): Promise<Set<string>> => {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += EXISTING_CHUNK) {
        for (const s of await io.getAll(ids.slice(i, i + EXISTING_CHUNK).map(mailPath), tx))
          if (s.exists) found.add(s.id);
      }
      return found;
    },
    /** The mail documents of `ids` that exist, as stored, read in `tx`. */
    readMails: async (ids: readonly string[], tx: Transaction): Promise<MailDoc[]> =>
      (await io.getAll(ids.map(mailPath), tx)).filter((s) => s.exists).map((s) => parseMail(s.data())),
    /** Queues a draft: due now, or deferred to `deferredTo`. */
    putMail: (writer: Writer, draft: MailDraft, now: Date, deferredTo: Date | null): void => {
      write(writer, mailPath(draft.id), newMailDoc(draft, now, deferredTo ?? now, deferredTo !== null));
    },
    /** Rewrites a mail document (its sending went on). */
    setMail: (writer: Writer, doc: MailDoc): void => {
      write(writer, mailPath(doc.id), doc);
    },
    putContent: (writer: Writer, key: string, letter: Letter): void => {
      write(writer, `${mailPaths.content}/${key}`, { key, letter: JSON.stringify(letter) });
    },
    /** Which of these shared letters are stored, read in `tx`. */
    existingContent: async (keys: readonly string[], tx: Transaction): Promise<Set<string>> =>
      new Set(
        (
          await io.getAll(
            keys.map((k) => `${mailPaths.content}/${k}`),
            tx,
          )
        )
          .filter((c) => c.exists)
          .map((c) => c.id),
      ),
    letter: async (mail: OutboxMail): Promise<Letter | undefined> =>
      parseLetter(
        (await io.get(mail.contentKey !== null ? `${mailPaths.content}/${mail.contentKey}` : mailPath(mail.id))).get(
          'letter',
        ),
      ),
    /** Send units the day has used, read in `tx` when given. */
    readBudget: async (day: string, tx?: Transaction): Promise<number> => {
      const used: unknown = (await io.get(budgetPath(day), tx)).get('used');
      return typeof used === 'number' ? used : 0;
    },
    writeBudget: (writer: Writer, day: string, used: number): void => {
      write(writer, budgetPath(day), { day, used: Math.max(0, used) });
    },
    /** Waiting mail of one band, due by `until` (inclusive), best first. */
    band: (priority: number, until: string | null): Query => {
      const low = `${String(priority)}|`;
      const high = until === null ? `${String(priority)}|~` : `${String(priority)}|${until}~`;
      return db.collection(mailPaths.mail).where('waiting', '>=', low).where('waiting', '<', high).orderBy('waiting');
    },
    count: async (query: Query): Promise<number> => {
      const snapshot = await query.count().get();
      counters.reads += 1;
      return snapshot.data().count;
    },
  };
}
export type FirestoreOutbox = ReturnType<typeof firestoreOutbox>;
