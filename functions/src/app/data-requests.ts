// Members' requests about their own data, from their journey book (a correction, a withdrawal of consent), and the
// committee's answer. Each request is stored once (its id derives from the form's nonce), reaches the committee by the
// master's "Yêu cầu dữ liệu" tab and an e-mail, is confirmed to the member by e-mail at once, and carries the deadline
// the law sets (domain/data-requests.ts).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ANSWER_STATUSES,
  ANSWER_TEXT_MAX,
  DATA_REQUEST_KINDS,
  REQUEST_TEXT_MAX,
  requestDeadline,
  type DataRequestKind,
} from '../domain/data-requests';
import { isWellFormed } from '../domain/unicode';
import { violation } from '../domain/violations';
import { yearsWith, type DataRequestDoc, type JourneyDoc } from '../model';
import type { Change, StoreTx } from '../ports';
import { schemaViolations } from './bodies';
import { callerAudit } from './audit';
import { checkBookLink } from './book';
import { accepted, duplicate, refused, type AppContext, type Caller, type Outcome } from './context';
import { committeeRequestMail, memberAnswerMail, memberReceiptMail } from './mail/data-request-mail';
import { yearNotFound } from './year';

/** What the book page's form sends (application/x-www-form-urlencoded). */
export interface RequestForm {
  kind: string;
  text: string;
  /** Made when the page was drawn: a form sent twice carries the same one, and is stored once. */
  nonce: string;
  /** A withdrawal is stored only once the member confirmed it on the page that asks them to. */
  confirmed: boolean;
}

export type RequestOutcome =
  | { kind: 'denied' }
  | { kind: 'not_found' }
  | { kind: 'invalid'; reason: 'text_required' | 'text_too_long' | 'bad_form' }
  | { kind: 'confirm'; nonce: string }
  | { kind: 'stored'; request: DataRequestDoc; duplicate: boolean };

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The request's id: its kind and a digest of the year, member, the form's nonce and the text. The same form sent twice
 * is the same request; another text sent from the same page (the back button) is another request, not lost.
 */
export function dataRequestId(
  kind: DataRequestKind,
  year: number,
  memberId: string,
  nonce: string,
  text: string,
): string {
  const digest = createHash('sha256')
    .update(`${String(year)}\n${memberId}\n${nonce}\n${kind}\n${text}`)
    .digest('hex')
    .slice(0, 20);
  return `${kind}-${digest}`;
}

function readForm(form: RequestForm): { kind: DataRequestKind; text: string } | RequestOutcome {
  const kind = DATA_REQUEST_KINDS.find((k) => k === form.kind);
  if (!kind || !NONCE.test(form.nonce) || !isWellFormed(form.text)) return { kind: 'invalid', reason: 'bad_form' };
  const text = kind === 'correction' ? form.text.normalize('NFC').trim() : '';
  if (kind === 'correction' && text === '') return { kind: 'invalid', reason: 'text_required' };
  if (text.length > REQUEST_TEXT_MAX) return { kind: 'invalid', reason: 'text_too_long' };
  if (kind === 'withdrawal' && !form.confirmed) return { kind: 'confirm', nonce: form.nonce };
  return { kind, text };
}

/**
 * `POST /book/{year}/{memberId}/requests`: the link checked as the page checks it, the form read, then the request
 * stored with the member's receipt, the committee's e-mails, the tab's work item and an audit entry in one transaction.
 */
export async function submitDataRequest(
  ctx: AppContext,
  secret: string,
  where: { year: number; memberId: string; token: string | null },
  form: RequestForm,
): Promise<RequestOutcome> {
  const { year, memberId } = where;
  if (!(await checkBookLink(ctx, secret, year, memberId, where.token))) return { kind: 'denied' };
  const read = readForm(form);
  if (!('text' in read)) return read;
  const [yearDoc, journey] = await Promise.all([ctx.store.getYear(year), ctx.store.getJourney(year, memberId)]);
  if (!yearDoc || !journey) return { kind: 'not_found' };
  const now = ctx.clock();
  const request: DataRequestDoc = {
    year,
    requestId: dataRequestId(read.kind, year, memberId, form.nonce, read.text),
    memberId,
    kind: read.kind,
    text: read.text,
    receivedAt: now.toISOString(),
    deadline: requestDeadline(read.kind, now),
    status: 'received',
    answer: null,
    answeredAt: null,
    answerEditId: null,
  };
  const unitName = yearDoc.config.units.find((u) => u.id === journey.unitId)?.name ?? journey.unitId;
  const receipt = memberReceiptMail(request, journey, now);
  const mail = ctx.mail
    ? [
        ...committeeRequestMail(request, unitName, yearDoc.config.committee.BTV_DOAN_KHOI, now),
        ...(receipt ? [receipt] : []),
      ]
    : [];
  const change: Change = { kind: 'data_request', year, requestId: request.requestId };
  const stored = await ctx.store.transaction(memberId, async (tx) => {
    const earlier = await tx.getDataRequest(year, request.requestId);
    if (earlier) return { request: earlier, duplicate: true };
    tx.putDataRequest(request);
    for (const draft of mail) tx.queueMail(draft, now);
    tx.enqueueViewWork(ctx.views.workFor(change));
    tx.appendAudit({
      at: request.receivedAt,
      actor: memberId,
      role: null,
      by: 'journey book link',
      action: 'data_request.receive',
      target: request.requestId,
      source: 'book',
      detail: { year, kind: request.kind, deadline: request.deadline },
    });
    return { request, duplicate: false };
  });
  if (!stored.duplicate) await announce(ctx, change, mail.length > 0);
  return { kind: 'stored', ...stored };
}

/** After the commit and before the answer (Cloud Run throttles once it is sent): the tab's write, the mail's sending. */
async function announce(ctx: AppContext, change: Change, mailed: boolean): Promise<void> {
  await ctx.views.changed(change);
  if (mailed) await ctx.mail?.scheduler.request();
}

export const AnswerBody = z.object({
  editId: z.string().trim().min(1).max(200),
  answer: z.string().trim().min(1).max(ANSWER_TEXT_MAX),
  status: z.enum(ANSWER_STATUSES),
});

/**
 * `POST /v1/years/{year}/data-requests/{requestId}/answer`: records the committee's answer (audited), tells the member
 * by e-mail, and when a withdrawal of consent is done, marks the consent withdrawn on every journey of the member. A
 * repeat of the same `editId` changes nothing.
 */
export async function answerDataRequest(
  ctx: AppContext,
  year: number,
  requestId: string,
  json: unknown,
  caller: Caller,
): Promise<Outcome> {
  const parsed = AnswerBody.safeParse(json);
  if (!parsed.success) return refused(schemaViolations(parsed.error));
  const body = parsed.data;
  if (!(await ctx.store.getYear(year))) return refused([yearNotFound(year)]);
  const found = await ctx.store.getDataRequest(year, requestId);
  if (!found) return refused([violation('data_request_not_found', 'requestId', { id: requestId })]);
  const now = ctx.clock();
  const change: Change = { kind: 'data_request', year, requestId };
  const done = await ctx.store.transaction(found.memberId, async (tx) => {
    const request = (await tx.getDataRequest(year, requestId)) ?? found;
    if (request.answerEditId === body.editId) return undefined;
    const journey = await tx.getJourney(year, request.memberId);
    const answered: DataRequestDoc = {
      ...request,
      status: body.status,
      answer: body.answer,
      answeredAt: now.toISOString(),
      answerEditId: body.editId,
    };
    const withdrawals =
      request.kind === 'withdrawal' && body.status === 'done'
        ? await withdrawalWrites(tx, request.memberId, journey, year, answered.answeredAt ?? '')
        : [];
    const mail = ctx.mail && journey ? memberAnswerMail(answered, journey, now) : undefined;
    tx.putDataRequest(answered);
    for (const j of withdrawals) tx.putJourney(j);
    if (mail) tx.queueMail(mail, now);
    tx.enqueueViewWork(ctx.views.workFor(change));
    tx.appendAudit(
      callerAudit(caller, now.toISOString(), {
        action: 'data_request.answer',
        target: requestId,
        detail: {
          year,
          memberId: request.memberId,
          kind: request.kind,
          status: body.status,
          editId: body.editId,
          consentWithdrawn: withdrawals.length,
        },
      }),
    );
    return { mailed: mail !== undefined };
  });
  if (!done) return duplicate(requestId);
  await announce(ctx, change, done.mailed);
  return accepted(requestId);
}

/**
 * The member's journeys whose consent a done withdrawal marks withdrawn (read in the transaction, written by it);
 * `journey` is the request's year's, which the caller has read already.
 */
async function withdrawalWrites(
  tx: StoreTx,
  memberId: string,
  journey: JourneyDoc | undefined,
  year: number,
  at: string,
): Promise<JourneyDoc[]> {
  const member = await tx.getMember(memberId);
  const others = yearsWith(member, year).filter((y) => y !== year);
  const journeys = [journey, ...(await Promise.all(others.map((y) => tx.getJourney(y, memberId))))];
  return journeys
    .filter((j): j is JourneyDoc => !!j?.consent && j.consent.withdrawnAt === null)
    .map((j) => ({ ...j, consent: j.consent ? { ...j.consent, withdrawnAt: at } : null }));
}
