// Handlers of the phase: a new year rolled over from an earlier one, a member across the phase's years, a base union's nominees.
import { eraseMember } from '../app/erase';
import { callerReader, READ, recordRead } from '../app/access-log';
import { memberIdOf } from '../app/book-links';
import { memberAcrossPhase } from '../app/member-phase';
import { runRetention } from '../app/retention';
import { INTERNAL_PREFIX } from './request';
import { putNominations } from '../app/nominations';
import { rolloverYear, type RolloverAnswer } from '../app/rollover';
import { violation } from '../domain/violations';
import { json, outcomeAnswer, refusalAnswer, type HttpAnswer } from './answers';
import { pageAnswer } from './listing';
import type { RouteDeps, RouteRequest } from './route';

/** The outcome, and once accepted or repeated the plan the rollover made with the continuing members (API.md). */
function rolloverAnswer(answer: RolloverAnswer): HttpAnswer {
  const outcome = outcomeAnswer(answer.outcome);
  if (answer.plan === undefined) return outcome;
  return json(
    { ...(outcome.body as Record<string, unknown>), plan: answer.plan, continuing: answer.continuing ?? [] },
    outcome.status,
  );
}

/** `POST /v1/years/{year}/rollover`. */
export async function rollover(request: RouteRequest): Promise<HttpAnswer> {
  return rolloverAnswer(
    await rolloverYear(request.ctx, Number(request.params.year), request.raw, request.json, request.caller),
  );
}

/** `PUT /v1/years/{year}/units/{unitId}/nominees` (an extension of API.md). */
export async function nominees(request: RouteRequest): Promise<HttpAnswer> {
  const { ctx, params } = request;
  return outcomeAnswer(
    await putNominations(ctx, Number(params.year), params.unitId ?? '', request.raw, request.json, request.caller),
  );
}

/** `GET /v1/members/{memberId | e-mail}`. */
export async function memberInPhase(request: RouteRequest): Promise<HttpAnswer> {
  const named = request.params.member ?? '';
  const found = await memberAcrossPhase(request.ctx, named);
  if (!found) return refusalAnswer([violation('member_not_found', 'memberId', { value: named.slice(0, 320) })]);
  await recordRead(request.ctx, { memberId: found.memberId, by: callerReader(request.caller), what: READ.phase() });
  return json(found);
}

/**
 * `GET /v1/members/{memberId | e-mail}/access-log`: each read of the member's data, newest first, in pages. Listing it
 * is not itself recorded: the entries hold no data about the member beyond the id, only who read and when.
 */
export async function accessLog(request: RouteRequest): Promise<HttpAnswer> {
  const named = request.params.member ?? '';
  const memberId = memberIdOf(named);
  const notFound = refusalAnswer([violation('member_not_found', 'memberId', { value: named.slice(0, 320) })]);
  if (memberId === undefined) return notFound;
  const page = await request.ctx.store.pageAccessLog(memberId, {
    limit: request.page?.limit ?? 100,
    after: request.page?.after,
  });
  if (page.items.length === 0 && !request.page?.after && !(await request.ctx.store.getMember(memberId)))
    return notFound;
  return pageAnswer(
    page.items.map(({ at, by, what }) => ({ at, by, what })),
    page.next,
  );
}

/**
 * `POST /v1/members/{memberId | e-mail}/erase`: the member's personal data erased everywhere, then every spreadsheet of
 * their years scheduled for a rebuild (the rows that showed them are rewritten with the pseudonym).
 */
export async function erase(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  const named = request.params.member ?? '';
  const outcome = await eraseMember(request.ctx, named, request.json, request.caller);
  if ('refused' in outcome) return refusalAnswer(outcome.refused);
  const { status, memberId, pseudonym, years, sentCopiesLeft } = outcome.answer;
  for (const year of years) await deps.views?.startSync(year);
  return json({ status, memberId, pseudonym, sentCopiesLeft });
}

/** The retention job's route (Cloud Scheduler). */
export const RETENTION_PATH = `${INTERNAL_PREFIX}retention`;

/** `POST /v1/internal/retention`: members past the plan's retention erased, a bounded number a run; their years resynced. */
export async function retention(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  const answer = await runRetention(request.ctx, request.caller);
  for (const year of answer.years) await deps.views?.startSync(year);
  return json({ status: 'accepted', ...answer });
}
