// The path every submission takes: stored as received, idempotent on its key, then decided exactly once.
import type { z } from 'zod';
import { illFormedFields, isWellFormed } from '../domain/unicode';
import { violation, type Violation } from '../domain/violations';
import { schemaViolations } from './bodies';
import type { InboxDoc, InboxKind } from '../model';
import { DocumentLimitError, StoreUnavailableError, type Change, type StoreTx } from '../ports';
import { refused, type AppContext, type Caller, type Outcome } from './context';
import { bodyHash, inboxKeyFor, yearOfEvidenceId } from './ids';
import { noticeMailId } from './mail/ids';
import { noticeMail, refusalNotice, type NoticeDraft } from './mail/notices';
import { nextBudgetDay } from '../domain/mail';

export interface Received {
  kind: InboxKind;
  raw: string;
  json: unknown;
  caller: Caller;
}

/** What a use case decides inside its transaction; `writes` runs only when it accepts. */
export type Decision =
  | {
      status: 'accepted';
      id: string;
      writes: (tx: StoreTx) => void;
      changes: Change[];
      /** The sender's own notice, under the submission's key. */
      notice?: NoticeDraft;
      /** Notices to other people the change concerns (members a base union nominated), each under its own key. */
      notices?: readonly { key: string; notice: NoticeDraft }[];
      /** What the audit entry says besides the inbox key (e.g. how an evaluator was known). */
      audit?: Record<string, unknown>;
    }
  /** Nothing to change: what was sent is what is already in force (answered `duplicate`). */
  | { status: 'duplicate'; id: string }
  | { status: 'refused'; errors: Violation[]; id?: string | null };

export interface SubmissionSpec<S extends z.ZodType, L> {
  schema: S;
  /** The caller's idempotency key in the body (responseId / editId). */
  keyOf: (body: Record<string, unknown>) => unknown;
  /**
   * Work outside the transaction: find the year and the member the submission belongs to, and
   * anything read there that `decide` needs again (`found`, e.g. the year's plan).
   */
  locate: (
    body: z.infer<S>,
  ) => Promise<
    | { year: number | null; email: string | null; lockKey: string; found: L }
    | { refused: Violation[]; year: number | null }
  >;
  decide: (tx: StoreTx, body: z.infer<S>, now: Date, found: L) => Promise<Decision>;
  action: string;
}

/**
 * Runs one submission: a repeat of a decided key answers `duplicate` (or the same refusal) and changes
 * nothing; a new one is stored as received, validated, and decided in one transaction with its outcome.
 */
export async function submit<S extends z.ZodType, L>(
  ctx: AppContext,
  received: Received,
  spec: SubmissionSpec<S, L>,
): Promise<Outcome> {
  const object =
    typeof received.json === 'object' && received.json !== null ? (received.json as Record<string, unknown>) : {};
  const givenKey = spec.keyOf(object);
  // A key that cannot be stored (broken Unicode) is replaced by the body's hash; the refusal names the field.
  const sourceKey =
    typeof givenKey === 'string' && givenKey.trim() !== '' && isWellFormed(givenKey)
      ? givenKey.trim()
      : bodyHash(received.raw);
  const key = inboxKeyFor(received.kind, sourceKey);

  const earlier = await ctx.store.getInbox(key);
  if (earlier && earlier.status !== 'received') return replay(earlier);

  const now = ctx.clock();
  const inbox: InboxDoc = {
    key,
    kind: received.kind,
    sourceKey,
    year: typeof object.year === 'number' ? object.year : null,
    email: senderEmail(object),
    raw: received.raw,
    receivedAt: earlier?.receivedAt ?? now.toISOString(),
    caller: `${received.caller.name} ${received.caller.address}`.trim(),
    status: 'received',
    id: null,
    errors: [],
    decidedAt: null,
  };
  if (!earlier) await ctx.store.putInbox(inbox);

  try {
    return await decideOnce(ctx, received, spec, inbox, now);
  } catch (error) {
    // Storage out of reach: the entry stays `received`, the caller retries and the retry decides it.
    if (error instanceof StoreUnavailableError) throw error;
    // A document Firestore would refuse (too large, too many index entries): nothing was written, a retry would fail
    // the same way, so it is a refusal the caller need not send again.
    if (error instanceof DocumentLimitError)
      return refuse(ctx, inbox, [violation('too_large_to_store', 'body', {})], received);
    // Anything else is a fault of ours: the entry says so (never left `received`), then the top-level catch answers.
    await ctx.store
      .putInbox({
        ...inbox,
        status: 'refused',
        errors: [violation('processing_failed', 'body', {})],
        decidedAt: ctx.clock().toISOString(),
      })
      .catch(() => undefined);
    throw error;
  }
}

async function decideOnce<S extends z.ZodType, L>(
  ctx: AppContext,
  received: Received,
  spec: SubmissionSpec<S, L>,
  inbox: InboxDoc,
  now: Date,
): Promise<Outcome> {
  const key = inbox.key;
  const sourceKey = inbox.sourceKey;
  const broken = illFormedFields(received.json).map((field) => violation('invalid_text', field, {}));
  if (broken.length > 0) return refuse(ctx, inbox, broken, received);
  const parsed = spec.schema.safeParse(received.json);
  if (!parsed.success) return refuse(ctx, inbox, schemaViolations(parsed.error), received);
  const body = parsed.data;
  const located = await spec.locate(body);
  if ('refused' in located) return refuse(ctx, { ...inbox, year: located.year }, located.refused, received);

  const outcome = await ctx.store.transaction(
    located.lockKey,
    async (tx): Promise<{ outcome: Outcome; changes: Change[]; mailed: boolean }> => {
      const again = await tx.getInbox(key);
      if (again && again.status !== 'received') return { outcome: replay(again), changes: [], mailed: false };
      // The member's notice is stored with the outcome, once: its id is the submission's key.
      const noticeKnown = ctx.mail ? await tx.mailExists(noticeMailId(key)) : true;
      const decision = await spec.decide(tx, body, now, located.found);
      const decidedAt = ctx.clock().toISOString();
      const queueNotice = (notice: NoticeDraft | undefined): boolean => {
        const mail = notice && !noticeKnown ? noticeMail(key, notice, now) : undefined;
        if (mail) tx.queueMail(mail, now);
        return mail !== undefined;
      };
      if (decision.status === 'refused') {
        const change: Change = { kind: 'refused', year: located.year, inboxKey: key };
        tx.putInbox({
          ...inbox,
          year: located.year,
          status: 'refused',
          errors: decision.errors,
          id: decision.id ?? null,
          decidedAt,
        });
        tx.enqueueViewWork(ctx.views.workFor(change));
        const mailed = queueNotice(memberRefusal(received, inbox, located.year, decision.errors, now));
        return { outcome: refused(decision.errors, decision.id ?? null), changes: [change], mailed };
      }
      if (decision.status === 'duplicate') {
        tx.putInbox({ ...inbox, year: located.year, status: 'accepted', id: decision.id, decidedAt });
        return { outcome: { status: 'duplicate', id: decision.id, errors: [] }, changes: [], mailed: false };
      }
      decision.writes(tx);
      let mailed = queueNotice(decision.notice);
      for (const other of ctx.mail ? (decision.notices ?? []) : []) {
        const mail = noticeMail(other.key, other.notice, now);
        if (mail) tx.queueMail(mail, now);
        mailed ||= mail !== undefined;
      }
      tx.enqueueViewWork(decision.changes.flatMap((c) => ctx.views.workFor(c)));
      tx.putInbox({ ...inbox, year: located.year, status: 'accepted', id: decision.id, decidedAt });
      tx.appendAudit({
        at: decidedAt,
        actor: located.email ?? received.caller.name,
        role: received.caller.role,
        by: received.caller.identity,
        action: spec.action,
        target: decision.id,
        source: inbox.caller,
        detail: { ...decision.audit, inboxKey: key, sourceKey },
      });
      return { outcome: { status: 'accepted', id: decision.id, errors: [] }, changes: decision.changes, mailed };
    },
  );
  // Awaited: the writes are scheduled (a Cloud Task created) before the answer, never after it; the notice's sending too.
  for (const change of outcome.changes) await ctx.views.changed(change);
  if (outcome.mailed) await ctx.mail?.scheduler.request();
  return outcome.outcome;
}

/** The notice a member gets when what they sent is refused (registrations and evidence only). */
function memberRefusal(
  received: Received,
  inbox: InboxDoc,
  year: number | null,
  errors: readonly Violation[],
  now: Date,
): NoticeDraft | undefined {
  const body =
    typeof received.json === 'object' && received.json !== null ? (received.json as Record<string, unknown>) : {};
  // Only text that can be stored: a field with broken Unicode is what the refusal is about.
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && isWellFormed(value) ? value : undefined;
  const name = text(body.fullName)?.trim() ?? null;
  return refusalNotice(received.kind, inbox.email, name, year ?? Number(now.toISOString().slice(0, 4)), errors, {
    task: text(body.task),
    activityDate: text(body.activityDate),
  });
}

/** Who sent it, as far as the body says: the member, or the evaluator for a decision. */
function senderEmail(body: Record<string, unknown>): string | null {
  const email =
    typeof body.email === 'string' ? body.email : typeof body.evaluatorEmail === 'string' ? body.evaluatorEmail : null;
  // Only what can be stored: a broken string is refused later, with its field named.
  return email?.trim() && isWellFormed(email) ? email.trim().toLowerCase().slice(0, 320) : null;
}

function replay(earlier: InboxDoc): Outcome {
  if (earlier.status === 'accepted') return { status: 'duplicate', id: earlier.id, errors: [] };
  return refused(
    earlier.errors.map((e) => ({ ...e, code: e.code as Violation['code'] })),
    earlier.id,
  );
}

async function refuse(ctx: AppContext, inbox: InboxDoc, errors: Violation[], received: Received): Promise<Outcome> {
  const change: Change = { kind: 'refused', year: inbox.year, inboxKey: inbox.key };
  // The notice first: if the process dies before the refusal is stored, the retry refuses again and finds it queued.
  const now = ctx.clock();
  const notice = ctx.mail ? memberRefusal(received, inbox, inbox.year, errors, now) : undefined;
  const mail = notice ? noticeMail(inbox.key, notice, now) : undefined;
  if (ctx.mail && mail) await ctx.mail.store.queue([mail], now, 1, nextBudgetDay(now));
  await ctx.store.putInbox({ ...inbox, status: 'refused', errors, decidedAt: ctx.clock().toISOString() });
  await ctx.store.enqueueViewWork(ctx.views.workFor(change));
  await ctx.views.changed(change);
  if (ctx.mail && mail) await ctx.mail.scheduler.request();
  return refused(errors);
}

/** The year a body names at its top level: its `year`, or an evaluation's evidence id's. */
function yearOfFields(fields: Record<string, unknown>): number | null {
  if (typeof fields.year === 'number' && Number.isInteger(fields.year)) return fields.year;
  return typeof fields.evidenceId === 'string' ? (yearOfEvidenceId(fields.evidenceId) ?? null) : null;
}

/**
 * A signed body refused before it is read (not JSON, or over the body budget): kept in the inbox as received with its
 * reason, under its hash, and decided like any refusal. `fields` are its top-level plain values when they could be
 * found without reading the rest (the year, who sent it), `year` the path's when the route names one.
 */
export async function refuseUnread(
  ctx: AppContext,
  received: { kind: InboxKind; raw: string; caller: Caller; fields: Record<string, unknown>; year: number | null },
  error: Violation,
): Promise<Outcome> {
  const sourceKey = bodyHash(received.raw);
  const key = inboxKeyFor(received.kind, sourceKey);
  const earlier = await ctx.store.getInbox(key);
  if (earlier && earlier.status !== 'received') return replay(earlier);
  const { fields } = received;
  const inbox: InboxDoc = {
    key,
    kind: received.kind,
    sourceKey,
    year: received.year ?? yearOfFields(fields),
    email: senderEmail(fields),
    raw: received.raw,
    receivedAt: earlier?.receivedAt ?? ctx.clock().toISOString(),
    caller: `${received.caller.name} ${received.caller.address}`.trim(),
    status: 'received',
    id: null,
    errors: [],
    decidedAt: null,
  };
  return refuse(ctx, inbox, [error], { kind: received.kind, raw: received.raw, json: fields, caller: received.caller });
}
