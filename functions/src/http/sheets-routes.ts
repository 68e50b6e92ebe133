// Handlers of the Sheets views: POST /sync schedules a rebuild of every sheet and GET /sync follows it, GET/PUT /sheets
// list or register them, the task callback and the resume job. Mounted with the views only (routes.ts `needs`).
import type { Outcome } from '../app/context';
import { flushSpreadsheet, listSheets, registerSheets, resumeSheets, syncSheets, syncStatus } from '../app/sheets';
import type { SheetViews, SyncStarted } from '../ports';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import { INTERNAL_PREFIX } from './request';
import type { RouteDeps, RouteRequest } from './route';

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

type ViewsHandler = (views: SheetViews, request: RouteRequest) => Promise<HttpAnswer>;

/** A handler that needs the views: 404 where none are mounted. */
function withViews(handler: ViewsHandler): (request: RouteRequest, deps: RouteDeps) => Promise<HttpAnswer> {
  return async (request, deps) => (deps.views ? handler(deps.views, request) : transportError(404, 'route_not_found'));
}

// A failure answers 503 so that Cloud Tasks retries; the work stays stored meanwhile.
export const flush = withViews(async (views, request) => outcomeAnswer(await flushSpreadsheet(views, request.json)));
export const resume = withViews(async (views) => countedAnswer(await resumeSheets(views)));
export const startSync = withViews(async (views, request) =>
  syncAnswer(await syncSheets(request.ctx, views, Number(request.params.year), request.caller)),
);

export const syncRun = withViews(async (views, request) => {
  const status = await syncStatus(request.ctx, views, Number(request.params.year));
  return 'errors' in status ? outcomeAnswer(status) : json(status);
});

export const sheetsOfYear = withViews(async (views, request) => {
  const listing = await listSheets(request.ctx, views, Number(request.params.year));
  return 'status' in listing ? outcomeAnswer(listing) : json(listing);
});

export const registerSheetsOfYear = withViews(async (views, request) =>
  outcomeAnswer(await registerSheets(request.ctx, views, Number(request.params.year), request.json, request.caller)),
);
