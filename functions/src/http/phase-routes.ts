// Signed routes of the phase: a new year rolled over from an earlier one, a member across the phase's years, a base union's nominees.
import { memberAcrossPhase } from '../app/member-phase';
import { putNominations } from '../app/nominations';
import { rolloverYear, type RolloverAnswer } from '../app/rollover';
import { violation } from '../domain/violations';
import { json, outcomeAnswer, refusalAnswer, transportError, type HttpAnswer } from './answers';
import type { ParsedRequest } from './router';

/** The outcome, and once accepted or repeated the plan the rollover made with the continuing members (API.md). */
function rolloverAnswer(answer: RolloverAnswer): HttpAnswer {
  const outcome = outcomeAnswer(answer.outcome);
  if (answer.plan === undefined) return outcome;
  return json(
    { ...(outcome.body as Record<string, unknown>), plan: answer.plan, continuing: answer.continuing ?? [] },
    outcome.status,
  );
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * `POST /v1/years/{year}/rollover`, `GET /v1/members/{memberId | e-mail}` and `PUT /v1/years/{year}/units/{unitId}/nominees`
 * (an extension of API.md); undefined for any other path.
 */
export async function phaseRoutes(request: ParsedRequest): Promise<HttpAnswer | undefined> {
  const { ctx, method, path } = request;
  const rollover = /^\/v1\/years\/(\d{4})\/rollover$/.exec(path);
  if (rollover?.[1]) {
    if (method !== 'POST') return transportError(405, 'method_not_allowed');
    return rolloverAnswer(await rolloverYear(ctx, Number(rollover[1]), request.raw, request.json, request.caller));
  }
  const nominees = /^\/v1\/years\/(\d{4})\/units\/([A-Za-z0-9_.-]{1,100})\/nominees$/.exec(path);
  if (nominees?.[1] && nominees[2]) {
    if (method !== 'PUT') return transportError(405, 'method_not_allowed');
    return outcomeAnswer(
      await putNominations(ctx, Number(nominees[1]), nominees[2], request.raw, request.json, request.caller),
    );
  }
  const member = /^\/v1\/members\/([^/]+)$/.exec(path);
  if (member?.[1]) {
    if (method !== 'GET') return transportError(405, 'method_not_allowed');
    const named = decoded(member[1]) ?? member[1];
    const found = await memberAcrossPhase(ctx, named);
    return found
      ? json(found)
      : refusalAnswer([violation('member_not_found', 'memberId', { value: named.slice(0, 320) })]);
  }
  return undefined;
}
