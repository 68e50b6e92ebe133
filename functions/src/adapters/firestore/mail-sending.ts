// Sending from the outbox: claims counted against the day's budget, a send's outcome, mail deferred to the next day.
// Each in a transaction of its own, one at a time in this process (the `mail` lock).
import { planSends, PRIORITIES } from '../../domain/mail';
import type { KeyedMutex } from '../../lib/keyed-mutex';
import type { MailDoc } from '../../model';
import type { MailClaim, OutboxSending } from '../../ports';
import type { FirestoreIo } from './io';
import {
  CLAIMED_BAND,
  DEFERRED_REASON,
  doneDoc,
  parseMail,
  toOutbox,
  waitingDoc,
  waitingKey,
  type FirestoreOutbox,
} from './outbox';

/** Due mail looked at per claim, so merged notices can find each other. */
const CANDIDATES_PER_UNIT = 4;
/** Due mail deferred per batch. */
const DEFER_BATCH = 400;

interface Sending {
  io: FirestoreIo;
  outbox: FirestoreOutbox;
  mutex: KeyedMutex;
}

type ClaimRequest = Parameters<OutboxSending['claim']>[0];

async function claim(
  { io, outbox, mutex }: Sending,
  { now, day, limit, max, claimMs }: ClaimRequest,
  due: number,
): Promise<MailClaim> {
  const nowIso = now.toISOString();
  return mutex.run('mail', () =>
    io.db.runTransaction(async (tx) => {
      const used = await outbox.readBudget(day, tx);
      const remaining = limit - used;
      if (remaining <= 0) return { units: [], exhausted: true };
      const wanted = Math.min(max, remaining) * CANDIDATES_PER_UNIT;
      const candidates: MailDoc[] = [];
      // Mail claimed by a sender that stopped before finishing goes first: it was the first in line.
      for (const p of [CLAIMED_BAND, ...PRIORITIES]) {
        if (candidates.length >= wanted) break;
        const found = await io.query(outbox.band(p, nowIso).limit(wanted - candidates.length), tx);
        candidates.push(...found.map((d) => parseMail(d.data())));
      }
      const byId = new Map(candidates.map((c) => [c.id, c]));
      const units = planSends(
        candidates.map((c) => ({ id: c.id, kind: c.kind, to: c.to, priority: c.priority, day: c.day })),
        Math.min(max, remaining),
        due > remaining,
      ).map((unit) => unit.map((w) => byId.get(w.id)).filter((d): d is MailDoc => d !== undefined));
      const claimedUntil = new Date(now.getTime() + claimMs).toISOString();
      for (const doc of units.flat())
        outbox.setMail(tx, {
          ...doc,
          claimedUntil,
          waiting: waitingKey(CLAIMED_BAND, claimedUntil, doc.queuedAt, doc.id),
        });
      if (units.length > 0) outbox.writeBudget(tx, day, used + units.length);
      return { units: units.map((u) => u.map(toOutbox)), exhausted: false };
    }),
  );
}

/** Rewrites the stored mail of `ids` with `change`, and moves the day's budget by `budget.by` (when given), in one transaction. */
function update(
  { io, outbox, mutex }: Sending,
  ids: readonly string[],
  change: (doc: MailDoc) => MailDoc,
  budget: { day: string; by: number } | null,
): Promise<void> {
  return mutex.run('mail', () =>
    io.db.runTransaction(async (tx) => {
      const used = budget ? await outbox.readBudget(budget.day, tx) : 0;
      for (const doc of await outbox.readMails(ids, tx)) outbox.setMail(tx, change(doc));
      if (budget) outbox.writeBudget(tx, budget.day, used + budget.by);
    }),
  );
}

async function deferDue(
  { io, outbox, mutex }: Sending,
  now: Date,
  nextDay: Date,
): Promise<{ deferred: number; years: number[] }> {
  let deferred = 0;
  const years = new Set<number>();
  const dueAt = nextDay.toISOString();
  for (const p of PRIORITIES) {
    for (;;) {
      const docs = await io.query(outbox.band(p, now.toISOString()).limit(DEFER_BATCH));
      if (docs.length === 0) break;
      const batch = io.db.batch();
      for (const d of docs) {
        const doc = parseMail(d.data());
        years.add(doc.year);
        outbox.setMail(batch, waitingDoc({ ...doc, status: 'deferred', reason: doc.reason ?? DEFERRED_REASON, dueAt }));
      }
      await mutex.run('mail', () => batch.commit());
      deferred += docs.length;
    }
  }
  return { deferred, years: [...years] };
}

/** The sending half of the mail store. */
export function firestoreMailSending(sending: Sending): OutboxSending {
  const { io, outbox } = sending;
  const self: OutboxSending = {
    dueCount: async (now, upToPriority) => {
      let total = 0;
      for (const p of PRIORITIES.filter((q) => q <= upToPriority))
        total += await outbox.count(outbox.band(p, now.toISOString()));
      return total;
    },
    budgetUse: async (day) => ({ day, used: await outbox.readBudget(day) }),
    claim: async (request) => claim(sending, request, await self.dueCount(request.now, 3)),
    markSent: (unit, at, providerId) => {
      const leader = unit[0]?.id ?? null;
      const sent = (doc: MailDoc): MailDoc => {
        const mergedInto = doc.id === leader || unit.length === 1 ? null : leader;
        return doneDoc({
          ...doc,
          status: 'sent',
          reason: null,
          sentAt: at.toISOString(),
          providerId,
          attempts: doc.attempts + 1,
          mergedInto,
        });
      };
      return update(
        sending,
        unit.map((m) => m.id),
        sent,
        null,
      );
    },
    markFailed: (unit, reason, retry, day) => {
      const failed = (doc: MailDoc): MailDoc => {
        const done = { ...doc, status: 'failed' as const, reason, attempts: doc.attempts + 1 };
        return retry ? waitingDoc({ ...done, dueAt: retry.toISOString() }) : doneDoc(done);
      };
      return update(
        sending,
        unit.map((m) => m.id),
        failed,
        { day, by: -1 },
      );
    },
    release: async (units, day) => {
      if (units.length > 0)
        await update(
          sending,
          units.flat().map((m) => m.id),
          waitingDoc,
          { day, by: -units.length },
        );
    },
    deferDue: (now, nextDay) => deferDue(sending, now, nextDay),
    nextDue: async () => {
      let next: string | undefined;
      for (const p of [CLAIMED_BAND, ...PRIORITIES]) {
        const [first] = await io.query(outbox.band(p, null).limit(1));
        if (!first) continue;
        const doc = parseMail(first.data());
        const at = p === CLAIMED_BAND ? (doc.claimedUntil ?? doc.dueAt) : doc.dueAt;
        if (next === undefined || at < next) next = at;
      }
      return next === undefined ? undefined : new Date(next);
    },
  };
  return self;
}
