// The outbox on Firestore: `mail/{id}` per e-mail, `mailContent/{key}` for letters shared by recipients, `mailBudget/{day}`.
import type { DocumentReference, Firestore, Query, Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import { LetterSchema } from '../../domain/letter';
import { MAIL_KINDS, MAIL_STATUSES, planSends, PRIORITIES } from '../../domain/mail';
import { localDate } from '../../domain/dates';
import { KeyedMutex } from '../../lib/keyed-mutex';
import type { MailClaim, MailDraft, MailStore, OutboxMail } from '../../ports';
import type { StoreCounters } from './store';
import { readPage } from './paging';

export const mailPaths = {
  mail: 'mail',
  content: 'mailContent',
  budget: 'mailBudget',
};

/**
 * The order mail waits in, on a field only waiting mail has (so one single-field index serves every query, no
 * composite index): priority, then when it may go, then when it was queued. Claimed mail moves to the `9|` band
 * until its claim expires.
 */
const CLAIMED_BAND = 9;

const MailDocSchema = z.object({
  id: z.string(),
  year: z.number(),
  kind: z.enum(MAIL_KINDS),
  period: z.string(),
  to: z.string(),
  priority: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  reason: z.string().nullable(),
  attempts: z.number(),
  queuedAt: z.string(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  messageId: z.string(),
  mergedInto: z.string().nullable(),
  contentKey: z.string().nullable(),
  /** The letter as JSON when it is the mail's own (notices); null when shared (`mailContent/{contentKey}`). */
  letter: z.string().nullable(),
  /** The (Vietnam) day it was queued: notices of one day to one person may be merged. */
  day: z.string(),
  claimedUntil: z.string().nullable(),
  providerId: z.string().nullable(),
  waiting: z.string().optional(),
});
type MailDoc = z.infer<typeof MailDocSchema>;

const waitingKey = (priority: number, at: string, queuedAt: string, id: string): string =>
  `${String(priority)}|${at}|${queuedAt}|${id}`;

function toOutbox(doc: MailDoc): OutboxMail {
  return {
    id: doc.id,
    year: doc.year,
    kind: doc.kind,
    period: doc.period,
    to: doc.to,
    priority: doc.priority,
    subject: doc.subject,
    status: doc.status,
    reason: doc.reason,
    attempts: doc.attempts,
    queuedAt: doc.queuedAt,
    dueAt: doc.dueAt,
    sentAt: doc.sentAt,
    retrying: doc.waiting !== NOT_WAITING,
    messageId: doc.messageId,
    mergedInto: doc.mergedInto,
    contentKey: doc.contentKey,
  };
}

/** A mail doc that waits (queued, deferred or failed to be retried) at `dueAt`: the waiting key set, the claim cleared. */
function waitingDoc(doc: Omit<MailDoc, 'waiting'>): MailDoc {
  return { ...doc, claimedUntil: null, waiting: waitingKey(doc.priority, doc.dueAt, doc.queuedAt, doc.id) };
}

/**
 * Past every band (`x` sorts after the digits): mail that waits no more, sent or failed for good, is in no query's
 * range. A value rather than a removed field: the embedded emulator keeps fields a whole-document set leaves out.
 */
const NOT_WAITING = 'x';

function doneDoc(doc: MailDoc): MailDoc {
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
    reason: deferred ? 'Vượt hạn mức gửi thư trong ngày: gửi vào ngày sau.' : null,
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

/** The transaction side, for a notice stored with the submission that caused it. */
export function mailTxOps(db: Firestore, tx: Transaction, counters: StoreCounters) {
  return {
    mailExists: async (id: string): Promise<boolean> => {
      counters.reads += 1;
      return (await tx.get(db.collection(mailPaths.mail).doc(id))).exists;
    },
    queueMail: (draft: MailDraft, now: Date): void => {
      counters.writes += 1;
      tx.set(db.collection(mailPaths.mail).doc(draft.id), newMailDoc(draft, now, now, false));
    },
  };
}

/** Drafts per transaction when queueing a report (each read, then the absent ones created). */
const QUEUE_CHUNK = 100;
/** Due mail looked at per claim, so merged notices can find each other. */
const CANDIDATES_PER_UNIT = 4;

export function createFirestoreMailStore(db: Firestore, counters: StoreCounters = { reads: 0, writes: 0 }): MailStore {
  const mutex = new KeyedMutex();
  const mailRef = (id: string): DocumentReference => db.collection(mailPaths.mail).doc(id);
  const budgetRef = (day: string): DocumentReference => db.collection(mailPaths.budget).doc(day);
  const parse = (data: unknown): MailDoc => MailDocSchema.parse(data);

  /** Waiting mail of one band, due by `until` (inclusive), best first. */
  function band(priority: number, until: string | null): Query {
    const low = `${String(priority)}|`;
    const high = until === null ? `${String(priority)}|~` : `${String(priority)}|${until}~`;
    return db.collection(mailPaths.mail).where('waiting', '>=', low).where('waiting', '<', high).orderBy('waiting');
  }

  async function readBudget(tx: Transaction, day: string): Promise<number> {
    const snapshot = await tx.get(budgetRef(day));
    counters.reads += 1;
    const used: unknown = snapshot.get('used');
    return typeof used === 'number' ? used : 0;
  }

  function writeBudget(tx: Transaction, day: string, used: number): void {
    counters.writes += 1;
    tx.set(budgetRef(day), { day, used: Math.max(0, used) });
  }

  async function count(query: Query): Promise<number> {
    const snapshot = await query.count().get();
    counters.reads += 1;
    return snapshot.data().count;
  }

  const store: MailStore = {
    async queue(drafts, now, fitToday, nextDay) {
      const created: string[] = [];
      const existing: string[] = [];
      let fitting = Math.max(0, fitToday);
      for (let i = 0; i < drafts.length; i += QUEUE_CHUNK) {
        const chunk = drafts.slice(i, i + QUEUE_CHUNK);
        const result = await mutex.run('mail', () =>
          db.runTransaction(async (tx) => {
            const mails = await tx.getAll(...chunk.map((d) => mailRef(d.id)));
            const keys = [...new Set(chunk.map((d) => d.contentKey).filter((k): k is string => k !== null))];
            const contents =
              keys.length > 0 ? await tx.getAll(...keys.map((k) => db.collection(mailPaths.content).doc(k))) : [];
            counters.reads += mails.length + contents.length;
            const made: string[] = [];
            const found: string[] = [];
            let fit = fitting;
            const stored = new Set(contents.filter((c) => c.exists).map((c) => c.id));
            chunk.forEach((draft, n) => {
              if (mails[n]?.exists) {
                found.push(draft.id);
                return;
              }
              if (draft.contentKey !== null && !stored.has(draft.contentKey)) {
                stored.add(draft.contentKey);
                counters.writes += 1;
                tx.set(db.collection(mailPaths.content).doc(draft.contentKey), {
                  key: draft.contentKey,
                  letter: JSON.stringify(draft.letter),
                });
              }
              const deferred = fit <= 0;
              if (!deferred) fit -= 1;
              counters.writes += 1;
              tx.set(mailRef(draft.id), newMailDoc(draft, now, deferred ? nextDay : now, deferred));
              made.push(draft.id);
            });
            return { made, found, fit };
          }),
        );
        fitting = result.fit;
        created.push(...result.made);
        existing.push(...result.found);
      }
      return { created, existing };
    },

    async existing(ids) {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 300) {
        const snapshots = await db.getAll(...ids.slice(i, i + 300).map(mailRef));
        counters.reads += snapshots.length;
        for (const s of snapshots) if (s.exists) found.add(s.id);
      }
      return found;
    },

    async dueCount(now, upToPriority) {
      let total = 0;
      for (const p of PRIORITIES.filter((q) => q <= upToPriority)) total += await count(band(p, now.toISOString()));
      return total;
    },

    async budgetUse(day) {
      const snapshot = await budgetRef(day).get();
      counters.reads += 1;
      const used: unknown = snapshot.get('used');
      return { day, used: typeof used === 'number' ? used : 0 };
    },

    async claim({ now, day, limit, max, claimMs }): Promise<MailClaim> {
      const nowIso = now.toISOString();
      const due = await store.dueCount(now, 3);
      return mutex.run('mail', () =>
        db.runTransaction(async (tx) => {
          const used = await readBudget(tx, day);
          const remaining = limit - used;
          if (remaining <= 0) return { units: [], exhausted: true };
          const wanted = Math.min(max, remaining) * CANDIDATES_PER_UNIT;
          const candidates: MailDoc[] = [];
          // Mail claimed by a sender that stopped before finishing goes first: it was the first in line.
          for (const p of [CLAIMED_BAND, ...PRIORITIES]) {
            if (candidates.length >= wanted) break;
            const snapshot = await tx.get(band(p, nowIso).limit(wanted - candidates.length));
            counters.reads += Math.max(1, snapshot.size);
            candidates.push(...snapshot.docs.map((d) => parse(d.data())));
          }
          const byId = new Map(candidates.map((c) => [c.id, c]));
          const short = due > remaining;
          const units = planSends(
            candidates.map((c) => ({ id: c.id, kind: c.kind, to: c.to, priority: c.priority, day: c.day })),
            Math.min(max, remaining),
            short,
          ).map((unit) => unit.map((w) => byId.get(w.id)).filter((d): d is MailDoc => d !== undefined));
          const claimedUntil = new Date(now.getTime() + claimMs).toISOString();
          for (const unit of units) {
            for (const doc of unit) {
              counters.writes += 1;
              tx.set(mailRef(doc.id), {
                ...doc,
                claimedUntil,
                waiting: waitingKey(CLAIMED_BAND, claimedUntil, doc.queuedAt, doc.id),
              });
            }
          }
          if (units.length > 0) writeBudget(tx, day, used + units.length);
          return { units: units.map((u) => u.map(toOutbox)), exhausted: false };
        }),
      );
    },

    async markSent(unit, at, providerId) {
      const leader = unit[0]?.id ?? null;
      await mutex.run('mail', () =>
        db.runTransaction(async (tx) => {
          const docs = await tx.getAll(...unit.map((m) => mailRef(m.id)));
          counters.reads += docs.length;
          for (const snapshot of docs) {
            if (!snapshot.exists) continue;
            const doc = parse(snapshot.data());
            counters.writes += 1;
            tx.set(
              snapshot.ref,
              doneDoc({
                ...doc,
                status: 'sent',
                reason: null,
                sentAt: at.toISOString(),
                providerId,
                attempts: doc.attempts + 1,
                mergedInto: doc.id === leader || unit.length === 1 ? null : leader,
              }),
            );
          }
        }),
      );
    },

    async markFailed(unit, reason, retry, day) {
      await mutex.run('mail', () =>
        db.runTransaction(async (tx) => {
          const used = await readBudget(tx, day);
          const docs = await tx.getAll(...unit.map((m) => mailRef(m.id)));
          counters.reads += docs.length;
          for (const snapshot of docs) {
            if (!snapshot.exists) continue;
            const doc = parse(snapshot.data());
            const failed = { ...doc, status: 'failed' as const, reason, attempts: doc.attempts + 1 };
            counters.writes += 1;
            tx.set(snapshot.ref, retry ? waitingDoc({ ...failed, dueAt: retry.toISOString() }) : doneDoc(failed));
          }
          writeBudget(tx, day, used - 1);
        }),
      );
    },

    async release(units, day) {
      if (units.length === 0) return;
      await mutex.run('mail', () =>
        db.runTransaction(async (tx) => {
          const used = await readBudget(tx, day);
          const docs = await tx.getAll(...units.flat().map((m) => mailRef(m.id)));
          counters.reads += docs.length;
          for (const snapshot of docs) {
            if (!snapshot.exists) continue;
            counters.writes += 1;
            tx.set(snapshot.ref, waitingDoc(parse(snapshot.data())));
          }
          writeBudget(tx, day, used - units.length);
        }),
      );
    },

    async deferDue(now, nextDay) {
      let deferred = 0;
      const years = new Set<number>();
      const dueAt = nextDay.toISOString();
      for (const p of PRIORITIES) {
        for (;;) {
          const snapshot = await band(p, now.toISOString()).limit(400).get();
          counters.reads += Math.max(1, snapshot.size);
          if (snapshot.empty) break;
          const batch = db.batch();
          for (const d of snapshot.docs) {
            const doc = parse(d.data());
            years.add(doc.year);
            batch.set(
              d.ref,
              waitingDoc({
                ...doc,
                status: 'deferred',
                reason: doc.reason ?? 'Vượt hạn mức gửi thư trong ngày: gửi vào ngày sau.',
                dueAt,
              }),
            );
          }
          await mutex.run('mail', () => batch.commit());
          counters.writes += snapshot.size;
          deferred += snapshot.size;
        }
      }
      return { deferred, years: [...years] };
    },

    async nextDue() {
      let next: string | undefined;
      for (const p of [CLAIMED_BAND, ...PRIORITIES]) {
        const snapshot = await band(p, null).limit(1).get();
        counters.reads += 1;
        const first = snapshot.docs[0];
        if (!first) continue;
        const doc = parse(first.data());
        const at = p === CLAIMED_BAND ? (doc.claimedUntil ?? doc.dueAt) : doc.dueAt;
        if (next === undefined || at < next) next = at;
      }
      return next === undefined ? undefined : new Date(next);
    },

    async letter(mail) {
      if (mail.contentKey !== null) {
        const snapshot = await db.collection(mailPaths.content).doc(mail.contentKey).get();
        counters.reads += 1;
        const text: unknown = snapshot.get('letter');
        return typeof text === 'string' ? LetterSchema.parse(JSON.parse(text)) : undefined;
      }
      const snapshot = await mailRef(mail.id).get();
      counters.reads += 1;
      const text: unknown = snapshot.get('letter');
      return typeof text === 'string' ? LetterSchema.parse(JSON.parse(text)) : undefined;
    },

    async page(year, request) {
      let query: Query = db.collection(mailPaths.mail).where('year', '==', year);
      if (request.status !== undefined) query = query.where('status', '==', request.status);
      const page = await readPage(query, 'queuedAt', request, (d) => ({ at: String(d.get('queuedAt')), id: d.id }));
      counters.reads += page.reads;
      return { items: page.docs.map((d) => toOutbox(parse(d.data()))), next: page.next };
    },

    async counts(year) {
      const of = (status: string) =>
        count(db.collection(mailPaths.mail).where('year', '==', year).where('status', '==', status));
      const [queued, sent, deferred, failed] = await Promise.all([
        of('queued'),
        of('sent'),
        of('deferred'),
        of('failed'),
      ]);
      return { queued, sent, deferred, failed };
    },
  };
  return store;
}
