// Routes of the Sheets views: POST /sync schedules a rebuild of every sheet and GET /sync follows it, GET/PUT /sheets
// list or register them, the task callback and the resume job.
import type { Outcome } from '../app/context';
import { flushSpreadsheet, listSheets, registerSheets, resumeSheets, syncSheets, syncStatus } from '../app/sheets';
import type { SyncStarted } from '../ports';
import { ViewsUnavailableError, type SheetViews } from '../ports';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import { INTERNAL_PREFIX, type ParsedRequest } from './router';

/** Cloud Tasks calls this back to write one spreadsheet's stored work. */
export const FLUSH_PATH = `${INTERNAL_PREFIX}flush`;
/** Cloud Scheduler calls this to schedule the stored work of instances that stopped before writing it. */
export const RESUME_PATH = `${INTERNAL_PREFIX}resume`;

/** An accepted outcome with the number of spreadsheets it scheduled; a refusal as it is. */
function countedAnswer(outcome: Outcome & { spreadsheets?: number }): HttpAnswer {
  const answer = outcomeAnswer(outcome);
  return outcome.status === 'accepted'
    ? json({ ...(answer.body as object), spreadsheets: outcome.spreadsheets })
    : answer;
}

/**
 * API.md's answer to `POST /sync` (`status`, `id`, `errors`, `spreadsheets`) extended with the run: `syncId`,
 * `startedAt`, and `scheduled`, the spreadsheets whose rebuild is scheduled (all of them unless Cloud Tasks failed).
 */
function syncAnswer(outcome: Outcome & Partial<SyncStarted>): HttpAnswer {
  const answer = outcomeAnswer(outcome);
  if (outcome.status !== 'accepted') return answer;
  const { spreadsheets, scheduled, syncId, startedAt } = outcome;
  return json({ ...(answer.body as object), spreadsheets, scheduled, syncId, startedAt });
}

export function sheetsRoutes(views: SheetViews) {
  async function route(request: ParsedRequest): Promise<HttpAnswer | undefined> {
    const { ctx } = request;
    // A failure answers 503 so that Cloud Tasks retries; the work stays stored meanwhile.
    if (request.path === FLUSH_PATH && request.method === 'POST')
      return outcomeAnswer(await flushSpreadsheet(views, request.json));
    if (request.path === RESUME_PATH && request.method === 'POST') return countedAnswer(await resumeSheets(views));
    const match = /^\/v1\/years\/(\d{4})\/(sync|sheets)$/.exec(request.path);
    if (!match?.[1]) return undefined;
    const year = Number(match[1]);
    if (match[2] === 'sync' && request.method === 'POST') return syncAnswer(await syncSheets(ctx, views, year));
    if (match[2] === 'sync' && request.method === 'GET') {
      const status = await syncStatus(ctx, views, year);
      return 'errors' in status ? outcomeAnswer(status) : json(status);
    }
    if (match[2] === 'sheets' && request.method === 'GET') {
      const listing = await listSheets(ctx, views, year);
      return 'status' in listing ? outcomeAnswer(listing) : json(listing);
    }
    if (match[2] === 'sheets' && request.method === 'PUT')
      return outcomeAnswer(await registerSheets(ctx, views, year, request.json));
    return transportError(405, 'method_not_allowed');
  }

  return async (request: ParsedRequest): Promise<HttpAnswer | undefined> => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof ViewsUnavailableError)
        return transportError(error.retryable ? 503 : 502, 'sheets_unavailable');
      throw error;
    }
  };
}
