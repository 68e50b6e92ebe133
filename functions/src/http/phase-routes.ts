// Handlers of the phase: a new year rolled over from an earlier one, a member across the phase's years, a base union's nominees.
import { callerReader, READ, recordRead } from '../app/access-log';
import { memberIdOf } from '../app/book-links';
import { memberAcrossPhase } from '../app/member-phase';
import { putNominations } from '../app/nominations';
import { rolloverYear, type RolloverAnswer } from '../app/rollover';
import { violation } from '../domain/violations';
import { json, outcomeAnswer, refusalAnswer, type HttpAnswer } from './answers';
import { pageAnswer } from './listing';
import type { RouteRequest } from './route';

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
