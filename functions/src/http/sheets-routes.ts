// Routes of the Sheets views: POST /sync rebuilds every sheet, GET/PUT /sheets list or register the spreadsheets.
import { z } from 'zod';
import { SheetsError } from '../adapters/sheets';
import { FLUSH_PATH } from '../adapters/tasks/cloud-tasks';
import { violation } from '../domain/violations';
import type { SheetsViews } from '../views/sheets-views';
import { json, refusalAnswer, transportError, type HttpAnswer } from './answers';
import type { ParsedRequest } from './router';
import { SheetsBody, schemaViolations } from '../app/bodies';

const FlushBody = z.object({ target: z.string().regex(/^(master\|\d{4}|queue\|\d{4}\|[A-Za-z0-9_:.-]+)$/), full: z.boolean().default(false) });

export function sheetsRoutes(views: SheetsViews) {
  return async (request: ParsedRequest): Promise<HttpAnswer | undefined> => {
    if (request.path === FLUSH_PATH && request.method === 'POST') {
      // Called back by Cloud Tasks: write one spreadsheet's stored work now; a failure answers 503 so the task retries.
      const parsed = FlushBody.safeParse(request.json);
      if (!parsed.success) return refusalAnswer(schemaViolations(parsed.error));
      try {
        await views.flushTarget(parsed.data.target, parsed.data.full);
      } catch (error) {
        if (error instanceof SheetsError) return transportError(error.retryable ? 503 : 502, 'sheets_unavailable');
        throw error;
      }
      return json({ status: 'accepted', id: parsed.data.target, errors: [] });
    }
    const match = /^\/v1\/years\/(\d{4})\/(sync|sheets)$/.exec(request.path);
    if (!match?.[1]) return undefined;
    const year = Number(match[1]);
    if (!(await request.ctx.store.getYear(year))) return refusalAnswer([violation('year_not_found', 'year', { year })]);
    try {
      if (match[2] === 'sync' && request.method === 'POST') {
        const { spreadsheets } = await views.sync(year);
        return json({ status: 'accepted', id: `${year}-sync`, errors: [], spreadsheets });
      }
      if (match[2] === 'sheets' && request.method === 'GET') return json(await views.list(year));
      if (match[2] === 'sheets' && request.method === 'PUT') {
        const parsed = SheetsBody.safeParse(request.json);
        if (!parsed.success) return refusalAnswer(schemaViolations(parsed.error));
        await views.register(year, parsed.data);
        return json({ status: 'accepted', id: `${year}-sheets`, errors: [] });
      }
    } catch (error) {
      if (error instanceof SheetsError) return transportError(error.retryable ? 503 : 502, 'sheets_unavailable');
      throw error;
    }
    return transportError(405, 'method_not_allowed');
  };
}
