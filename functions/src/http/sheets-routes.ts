// Routes of the Sheets views: POST /sync rebuilds every sheet, GET/PUT /sheets list or register them, and the task callback.
import { flushSpreadsheet, listSheets, registerSheets, syncSheets } from '../app/sheets';
import { ViewsUnavailableError, type SheetViews } from '../ports';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import type { ParsedRequest } from './router';

/** Cloud Tasks calls this back to write one spreadsheet's stored work. */
export const FLUSH_PATH = '/v1/internal/flush';

export function sheetsRoutes(views: SheetViews) {
  async function route(request: ParsedRequest): Promise<HttpAnswer | undefined> {
    const { ctx } = request;
    // A failure answers 503 so that Cloud Tasks retries; the work stays stored meanwhile.
    if (request.path === FLUSH_PATH && request.method === 'POST') return outcomeAnswer(await flushSpreadsheet(views, request.json));
    const match = /^\/v1\/years\/(\d{4})\/(sync|sheets)$/.exec(request.path);
    if (!match?.[1]) return undefined;
    const year = Number(match[1]);
    if (match[2] === 'sync' && request.method === 'POST') {
      const outcome = await syncSheets(ctx, views, year);
      const answer = outcomeAnswer(outcome);
      return outcome.status === 'accepted' ? json({ ...(answer.body as object), spreadsheets: outcome.spreadsheets }) : answer;
    }
    if (match[2] === 'sheets' && request.method === 'GET') {
      const listing = await listSheets(ctx, views, year);
      return 'status' in listing ? outcomeAnswer(listing) : json(listing);
    }
    if (match[2] === 'sheets' && request.method === 'PUT') return outcomeAnswer(await registerSheets(ctx, views, year, request.json));
    return transportError(405, 'method_not_allowed');
  }

  return async (request: ParsedRequest): Promise<HttpAnswer | undefined> => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof ViewsUnavailableError) return transportError(error.retryable ? 503 : 502, 'sheets_unavailable');
      throw error;
    }
  };
}
