// POST /v1/members/{memberId}/erase: a member's personal data erased from every store (Law No. 91/2025/QH15), replaced by
// a pseudonym with a random id, so counts, ranks and funnels of everyone else stay as they were. Resumable: the
// erasure's record says which aggregates are done, and a rerun with the same editId finishes the job.
import { createHash, randomBytes } from 'node:crypto';
import { LetterSchema } from '../domain/letter';
import { pseudonymOf, type ErasureTarget } from '../domain/erasure';
import { normalizeName } from '../domain/text';
import { violation, type Violation } from '../domain/violations';
import { ERASABLE_AGGREGATES, type ErasureRecord, type SentCopy } from '../ports';
import { callerAudit } from './audit';
import { EraseBody, schemaViolations } from './bodies';
import type { AppContext, Caller } from './context';
import { isMemberId, memberIdFor } from './ids';
import { mailHeaders } from './mail/drain';

export interface ErasureAnswer {
  status: 'erased' | 'duplicate';
  /** The member's id from now on: the pseudonym's (random; not derivable from the e-mail). */
  memberId: string;
  pseudonym: string;
  /** Years whose spreadsheets must be rebuilt (the route starts their sync). */
  years: number[];
  /** Sent copies this process could not change (Gmail's Sent folder): the committee deletes them by hand. */
  sentCopiesLeft: number;
}

export type ErasureOutcome = { answer: ErasureAnswer } | { refused: Violation[] };

/** The record's key: the editId hashed (the record is found by it, the editId is not a path). */
export const erasureKeyOf = (editId: string): string =>
  createHash('sha256').update(editId.trim()).digest('hex').slice(0, 40);

/** A fresh pseudonymous id, in the shape of a member id: random, derivable from nothing. */
export const randomMemberId = (): string => `m-${randomBytes(8).toString('hex')}`;

/**
 * Who `named` (a member id or an e-mail) is, with the names they were known by; undefined when no member is.
 * `othersNames`: names of other members (normalised), which are not scrubbed from shared texts (they are theirs too).
 */
export async function erasureTarget(
  ctx: Pick<AppContext, 'store'>,
  named: string,
  othersNames?: ReadonlySet<string>,
): Promise<ErasureTarget | undefined> {
  const memberId = isMemberId(named) ? named : named.includes('@') ? memberIdFor(named) : undefined;
  const member = memberId ? await ctx.store.getMember(memberId) : undefined;
  if (!memberId || !member) return undefined;
  const journeys = await Promise.all(member.years.map((y) => ctx.store.getJourney(y, memberId)));
  const names = new Set([member.fullName, ...journeys.flatMap((j) => (j ? [j.fullName] : []))]);
  let others = othersNames;
  if (!others) {
    const everyone = (await Promise.all(member.years.map((y) => ctx.store.listJourneys(y)))).flat();
    others = new Set(everyone.filter((j) => j.memberId !== memberId).map((j) => normalizeName(j.fullName)));
  }
  return {
    memberId,
    email: member.email,
    names: [...names].filter((n) => !others.has(normalizeName(n))),
    years: [...member.years].sort((a, b) => a - b),
    pseudonym: pseudonymOf(randomMemberId()),
  };
}

/** Erases the member `named` (API.md "Personal data"); a repeat of the editId answers `duplicate`. */
export async function eraseMember(
  ctx: AppContext,
  named: string,
  json: unknown,
  caller: Caller,
): Promise<ErasureOutcome> {
  const parsed = EraseBody.safeParse(json);
  if (!parsed.success) return { refused: schemaViolations(parsed.error) };
  const { editId, reason } = parsed.data;
  const key = erasureKeyOf(editId);
  const earlier = await ctx.store.getErasure(key);
  if (earlier?.status === 'erased') {
    return {
      answer: {
        status: 'duplicate',
        memberId: earlier.pseudonymId,
        pseudonym: earlier.pseudonym,
        years: [],
        sentCopiesLeft: 0,
      },
    };
  }
  const target = earlier?.target ?? (await erasureTarget(ctx, named));
  if (!target) return { refused: [violation('member_not_found', 'memberId', { value: named.slice(0, 320) })] };
  const record = earlier ?? (await startErasure(ctx, target, { editId, reason }, caller));
  return { answer: await runErasure(ctx, record, target, caller) };
}

/** Stores the record of a new erasure (running, with its target until it ends). */
export async function startErasure(
  ctx: Pick<AppContext, 'store' | 'clock'>,
  target: ErasureTarget,
  why: { editId: string; reason: string },
  caller: Caller,
): Promise<ErasureRecord> {
  const record: ErasureRecord = {
    key: erasureKeyOf(why.editId),
    editId: why.editId,
    status: 'running',
    pseudonymId: target.pseudonym.memberId,
    pseudonym: target.pseudonym.name,
    target,
    done: [],
    reason: why.reason,
    by: caller.identity,
    startedAt: ctx.clock().toISOString(),
    finishedAt: null,
    documents: 0,
  };
  await ctx.store.putErasure(record);
  return record;
}

/** Goes through every aggregate not done yet, then records the erasure in the audit (pseudonym, who, why) and ends it. */
export async function runErasure(
  ctx: AppContext,
  record: ErasureRecord,
  target: ErasureTarget,
  caller: Caller,
): Promise<ErasureAnswer> {
  let left = 0;
  for (const aggregate of ERASABLE_AGGREGATES) {
    if (record.done.includes(aggregate)) continue;
    const step = await ctx.store.eraseFrom(aggregate, target);
    record.documents += step.documents;
    if (aggregate === 'outbox') {
      left += await followSentCopies(ctx, step.sentCopies);
      record.documents += await ctx.store.dropMailTo(target);
    }
    record.done.push(aggregate);
    await ctx.store.putErasure(record);
  }
  const now = ctx.clock().toISOString();
  const { pseudonym } = target;
  await ctx.store.transaction(`erase:${pseudonym.memberId}`, (tx) => {
    const detail = { editId: record.editId, reason: record.reason, documents: record.documents, years: target.years };
    tx.appendAudit({
      ...callerAudit(caller, now, { action: 'member.erase', target: pseudonym.memberId, detail }),
      actor: pseudonym.name,
    });
    return Promise.resolve();
  });
  await ctx.store.putErasure({ ...record, status: 'erased', target: null, finishedAt: now });
  return {
    status: 'erased',
    memberId: pseudonym.memberId,
    pseudonym: pseudonym.name,
    years: target.years,
    sentCopiesLeft: left,
  };
}

/** Deletes or rewrites the mailer's sent copies; answers how many it could not (no way to change them from here). */
async function followSentCopies(ctx: AppContext, copies: readonly SentCopy[]): Promise<number> {
  const mail = ctx.mail;
  const replace = mail?.mailer?.replaceSent?.bind(mail.mailer);
  if (!mail || !replace) return copies.length;
  for (const copy of copies) {
    if (copy.remove || !copy.rewrite) {
      await replace(copy.providerId, null);
      continue;
    }
    const { rewrite } = copy;
    const raw = await mail.composer.compose({
      from: mail.sender,
      to: rewrite.to,
      letter: LetterSchema.parse(JSON.parse(rewrite.letter)),
      messageId: rewrite.messageId,
      date: rewrite.sentAt ? new Date(rewrite.sentAt) : ctx.clock(),
      headers: mailHeaders({ id: copy.mailId, kind: rewrite.kind, period: rewrite.period }),
    });
    await replace(copy.providerId, raw);
  }
  return 0;
}
