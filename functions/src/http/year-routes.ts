// Handlers of API.md's core routes: the four submissions, the year's plan, a member's journey, the results, the inbox.
import type { AppContext, Caller, Outcome } from '../app/context';
import { callerReader, READ, recordRead } from '../app/access-log';
import { evaluate } from '../app/evaluate';
import { submitEvidence } from '../app/evidence';
import { recordPartyStatus } from '../app/party';
import { inbox, KNOWN_BATCH_MAX, knownResponses, memberJourney, yearResults } from '../app/queries';
import { register } from '../app/register';
import { earlierPrivacyNotice, putYearConfig } from '../app/year';
import type { YearConfig } from '../domain/config';
import { violation } from '../domain/violations';
import type { InboxDoc } from '../model';
import type { PageRequest } from '../ports';
import { json, outcomeAnswer, refusalAnswer, type HttpAnswer } from './answers';
import { encodeCursor, pageAnswer } from './listing';
import type { RouteRequest } from './route';

type Submit = (ctx: AppContext, raw: string, json: unknown, caller: Caller) => Promise<Outcome>;

/** A submission's route: the use case stores it (refused ones with their reasons) and the outcome is the answer. */
function submission(run: Submit): (request: RouteRequest) => Promise<HttpAnswer> {
  return async (request) => outcomeAnswer(await run(request.ctx, request.raw, request.json, request.caller));
}

export const registration = submission(register);
export const evidence = submission(submitEvidence);
export const evaluation = submission(evaluate);
export const partyStatus = submission(recordPartyStatus);

/** The plan the table loaded (it answers 404 itself for a year without one). */
function planOf(request: RouteRequest): YearConfig {
  if (!request.config) throw new Error('a route that declares `plan` ran without the plan');
  return request.config;
}

export async function putPlan(request: RouteRequest): Promise<HttpAnswer> {
  return outcomeAnswer(
    await putYearConfig(request.ctx, Number(request.params.year), request.raw, request.json, request.caller),
  );
}

export function plan(request: RouteRequest): Promise<HttpAnswer> {
  return Promise.resolve(json(planOf(request)));
}

export async function journey(request: RouteRequest): Promise<HttpAnswer> {
  const memberId = request.params.memberId ?? '';
  const config = planOf(request);
  const found = await memberJourney(request.ctx, config, memberId);
  if (!found) return refusalAnswer([violation('member_not_found', 'memberId', { value: memberId })]);
  await recordRead(request.ctx, { memberId, by: callerReader(request.caller), what: READ.journey(config.year) });
  return json(found);
}

export async function results(request: RouteRequest): Promise<HttpAnswer> {
  return json(await yearResults(request.ctx, planOf(request)));
}

/** The Apps Script reconciler: which of these form responses are already here (an extension of API.md). */
export async function known(request: RouteRequest): Promise<HttpAnswer> {
  const body = (request.json ?? {}) as { kind?: unknown; responseIds?: unknown };
  const ids = Array.isArray(body.responseIds)
    ? body.responseIds.filter((id): id is string => typeof id === 'string' && id !== '')
    : null;
  if ((body.kind !== 'registration' && body.kind !== 'evidence') || ids === null || ids.length > KNOWN_BATCH_MAX) {
    return refusalAnswer([
      violation('invalid_value', 'responseIds', {
        detail: `kind registration hoặc evidence và tối đa ${String(KNOWN_BATCH_MAX)} mã phản hồi`,
      }),
    ]);
  }
  return json({ year: Number(request.params.year), known: await knownResponses(request.ctx, body.kind, ids) });
}

export async function inboxOfYear(request: RouteRequest): Promise<HttpAnswer> {
  const year = Number(request.params.year);
  const page = await inbox(request.ctx, year, request.page as PageRequest<InboxDoc['status']>);
  return pageAnswer(
    { year, items: page.items, ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}) },
    page.next,
  );
}

/** The processing notice in force, or an earlier one of the year by `?version=` (an extension of API.md). */
export async function privacyNotice(request: RouteRequest): Promise<HttpAnswer> {
  const inForce = planOf(request).privacy;
  const version = request.query.get('version')?.trim() || inForce.version;
  const found =
    version === inForce.version
      ? { version, text: inForce.text }
      : await earlierPrivacyNotice(request.ctx, Number(request.params.year), version);
  return found
    ? json(found)
    : refusalAnswer([violation('notice_version_not_found', 'version', { value: version.slice(0, 100) })]);
}
