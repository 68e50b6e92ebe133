// HTTP plumbing of the stand-in: matches Sheets v4 REST paths, enforces the quota and size limits, counts and faults calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { A1ParseError } from '../model/a1';
import { applyBatchUpdate } from '../requests/batch-update';
import { ApiError, badRequest, fieldPath, notFound, payloadTooLarge } from './errors';
import type { FaultInjector } from '../model/faults';
import { ALL_RIGHTS, editRights, type EditRights } from '../model/protection';
import { callerOf } from './caller';
import type { SheetsLimits } from './limits';
import { isWriteEndpoint, type WriteQuota } from './write-quota';
import { renderIndexPage, renderNotFoundPage, renderSpreadsheetPage } from '../pages/html';
import type { SpreadsheetModel } from '../model/spreadsheet';
import { createBodySchema, createSpreadsheet, renderSpreadsheet } from './spreadsheets';
import type { StatsRecorder } from '../model/stats';
import {
  appendValues,
  batchClearSchema,
  batchClearValues,
  batchGetValues,
  batchUpdateValues,
  batchUpdateValuesSchema,
  clearValues,
  getValues,
  readOptions,
  updateValues,
  valueRangeSchema,
} from './values';

/** Where the stand-in lives on a server; pages link under it and spreadsheetUrl points into it. */
export const BASE_PATH = '/_local/sheets';

export interface RouterDeps {
  store: Map<string, SpreadsheetModel>;
  stats: StatsRecorder;
  faults: FaultInjector;
  limits: SheetsLimits;
  quota: WriteQuota;
  /** The caller of requests without an Authorization header. */
  defaultUser: string;
  now: () => Date;
  /** Origin people reach the server at (e.g. http://localhost:8080); relative links without it. */
  publicUrl: string | undefined;
  /** Called after every change, to schedule saving. */
  changed: () => void;
  /** Hears about bugs of the stand-in itself (answered as Google's bare 500). */
  onError: (error: unknown) => void;
}

type Endpoint =
  | 'spreadsheets.create'
  | 'spreadsheets.get'
  | 'spreadsheets.batchUpdate'
  | 'spreadsheets.values.get'
  | 'spreadsheets.values.update'
  | 'spreadsheets.values.batchGet'
  | 'spreadsheets.values.batchUpdate'
  | 'spreadsheets.values.append'
  | 'spreadsheets.values.clear'
  | 'spreadsheets.values.batchClear';

interface Route {
  endpoint: Endpoint;
  spreadsheetId?: string;
  range?: string;
}

/** Paths arrive still percent-encoded; segments are split first and decoded after, so %2F stays inside a name. */
export function matchRoute(method: string, path: string): Route | undefined {
  const prefix = '/v4/spreadsheets';
  if (!path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  if (rest === '' || rest === '/') return method === 'POST' ? { endpoint: 'spreadsheets.create' } : undefined;
  const segments = rest.slice(1).split('/');
  const head = decode(segments[0] ?? '');
  if (segments.length === 1) {
    if (head.endsWith(':batchUpdate')) {
      return method === 'POST'
        ? { endpoint: 'spreadsheets.batchUpdate', spreadsheetId: head.slice(0, -':batchUpdate'.length) }
        : undefined;
    }
    return method === 'GET' && !head.includes(':') ? { endpoint: 'spreadsheets.get', spreadsheetId: head } : undefined;
  }
  const spreadsheetId = head;
  const values = decode(segments[1] ?? '');
  if (segments.length === 2) {
    if (values === 'values:batchGet' && method === 'GET')
      return { endpoint: 'spreadsheets.values.batchGet', spreadsheetId };
    if (values === 'values:batchUpdate' && method === 'POST')
      return { endpoint: 'spreadsheets.values.batchUpdate', spreadsheetId };
    if (values === 'values:batchClear' && method === 'POST')
      return { endpoint: 'spreadsheets.values.batchClear', spreadsheetId };
    return undefined;
  }
  if (values !== 'values') return undefined;
  const range = decode(segments.slice(2).join('/'));
  if (method === 'POST' && range.endsWith(':append'))
    return { endpoint: 'spreadsheets.values.append', spreadsheetId, range: range.slice(0, -7) };
  if (method === 'POST' && range.endsWith(':clear'))
    return { endpoint: 'spreadsheets.values.clear', spreadsheetId, range: range.slice(0, -6) };
  if (method === 'GET') return { endpoint: 'spreadsheets.values.get', spreadsheetId, range };
  if (method === 'PUT') return { endpoint: 'spreadsheets.values.update', spreadsheetId, range };
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Invalid URL encoding: ${segment}`);
  }
}

const batchUpdateSchema = z.object({
  requests: z.array(z.unknown()).optional().nullable(),
  includeSpreadsheetInResponse: z.boolean().optional().nullable(),
  responseRanges: z.array(z.string()).optional().nullable(),
  responseIncludeGridData: z.boolean().optional().nullable(),
});

function parseBody<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = fieldPath(issue?.path ?? []);
  throw badRequest(
    `Invalid JSON payload received. ${where === '' ? '' : `Invalid value at '${where}': `}${issue?.message ?? ''}`.trim(),
  );
}

/** Builds the `handle(req, res, subPath)` of the stand-in. It never rejects: every failure is an answer. */
export function createRouter(deps: RouterDeps) {
  const spreadsheetUrl = (id: string): string => `${deps.publicUrl ?? ''}${BASE_PATH}/${encodeURIComponent(id)}`;

  const find = (id: string | undefined): SpreadsheetModel => {
    const ss = id === undefined ? undefined : deps.store.get(id);
    if (!ss) throw notFound();
    return ss;
  };

  /** Changes a copy and keeps it only if every step succeeded: Google's writes are all or nothing. */
  const mutate = <T>(ss: SpreadsheetModel, change: (draft: SpreadsheetModel) => T): T => {
    const draft = structuredClone(ss);
    const result = change(draft);
    draft.updatedAt = deps.now().toISOString();
    Object.assign(ss, draft);
    deps.changed();
    return result;
  };

  const execute = (route: Route, body: unknown, query: URLSearchParams, user: string): unknown => {
    const range = route.range ?? '';
    const rightsOn = (ss: SpreadsheetModel): EditRights =>
      deps.limits.enforceProtectedRanges ? editRights(ss, user) : ALL_RIGHTS;
    switch (route.endpoint) {
      case 'spreadsheets.create': {
        const ss = createSpreadsheet(parseBody(createBodySchema, body), deps.now(), user);
        deps.store.set(ss.spreadsheetId, ss);
        deps.changed();
        return renderSpreadsheet(ss, {
          includeGridData: false,
          ranges: [],
          spreadsheetUrl: spreadsheetUrl(ss.spreadsheetId),
        });
      }
      case 'spreadsheets.get': {
        const ss = find(route.spreadsheetId);
        return renderSpreadsheet(ss, {
          includeGridData: query.get('includeGridData') === 'true',
          ranges: query.getAll('ranges'),
          spreadsheetUrl: spreadsheetUrl(ss.spreadsheetId),
        });
      }
      case 'spreadsheets.batchUpdate': {
        const ss = find(route.spreadsheetId);
        const request = parseBody(batchUpdateSchema, body);
        const requests = request.requests ?? [];
        if (requests.length === 0) throw badRequest('Must specify at least one request.');
        const outcome = mutate(ss, (draft) => applyBatchUpdate(draft, requests, { user, rights: rightsOn(draft) }));
        deps.stats.cells(outcome.cellsWritten);
        const answer: Record<string, unknown> = { spreadsheetId: ss.spreadsheetId, replies: outcome.replies };
        if (request.includeSpreadsheetInResponse === true) {
          answer['updatedSpreadsheet'] = renderSpreadsheet(ss, {
            includeGridData: request.responseIncludeGridData === true,
            ranges: request.responseRanges ?? [],
            spreadsheetUrl: spreadsheetUrl(ss.spreadsheetId),
          });
        }
        return answer;
      }
      case 'spreadsheets.values.get':
        return getValues(find(route.spreadsheetId), range, readOptions(query));
      case 'spreadsheets.values.batchGet': {
        const ss = find(route.spreadsheetId);
        return batchGetValues(ss, query.getAll('ranges'), readOptions(query));
      }
      case 'spreadsheets.values.update': {
        const ss = find(route.spreadsheetId);
        const answer = mutate(ss, (draft) =>
          updateValues(draft, range, parseBody(valueRangeSchema, body), query, rightsOn(draft)),
        );
        deps.stats.cells(answer.updatedCells ?? 0);
        return answer;
      }
      case 'spreadsheets.values.batchUpdate': {
        const ss = find(route.spreadsheetId);
        const answer = mutate(ss, (draft) =>
          batchUpdateValues(draft, parseBody(batchUpdateValuesSchema, body), rightsOn(draft)),
        );
        deps.stats.cells(answer.totalUpdatedCells ?? 0);
        return answer;
      }
      case 'spreadsheets.values.append': {
        const ss = find(route.spreadsheetId);
        const answer = mutate(ss, (draft) =>
          appendValues(draft, range, parseBody(valueRangeSchema, body), query, rightsOn(draft)),
        );
        deps.stats.cells(answer.updates?.updatedCells ?? 0);
        return answer;
      }
      case 'spreadsheets.values.clear': {
        const ss = find(route.spreadsheetId);
        return mutate(ss, (draft) => clearValues(draft, range, rightsOn(draft)));
      }
      case 'spreadsheets.values.batchClear': {
        const ss = find(route.spreadsheetId);
        const ranges = parseBody(batchClearSchema, body).ranges ?? [];
        return mutate(ss, (draft) => batchClearValues(draft, ranges, rightsOn(draft)));
      }
    }
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    let route: Route | undefined;
    try {
      route = matchRoute(method, path);
    } catch (error) {
      deps.stats.request(method, 'unknown', undefined);
      sendError(res, error, deps);
      return;
    }
    deps.stats.request(method, route?.endpoint ?? 'unknown', route?.spreadsheetId);
    try {
      const raw = await readBody(req, deps.limits.maxRequestBytes, (bytes) => {
        deps.stats.requestBytes(bytes);
      });
      if (!route) throw new ApiError(404, 'Method not found.');
      const user = callerOf(req, deps.defaultUser);
      if (isWriteEndpoint(route.endpoint)) {
        const refused = deps.quota.take(user, deps.now().getTime());
        if (refused) throw refused;
      }
      const fault = deps.faults.draw();
      if (fault) {
        deps.stats.fault();
        throw fault;
      }
      const body = parseJson(raw);
      const answer = execute(route, body, query, user);
      deps.stats.answered(200);
      sendJson(res, 200, answer);
    } catch (error) {
      sendError(res, error, deps);
    }
  };

  const handlePage = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const id = path.replace(/^\/+|\/+$/g, '');
    deps.stats.request(method, id === '' ? 'page.index' : 'page.spreadsheet', undefined);
    if (method !== 'GET' && method !== 'HEAD') {
      deps.stats.answered(405);
      sendHtml(
        res,
        405,
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>405</title><p>Chỉ hỗ trợ GET.</p></html>',
      );
      return;
    }
    if (id === '') {
      deps.stats.answered(200);
      sendHtml(res, 200, renderIndexPage([...deps.store.values()], BASE_PATH));
      return;
    }
    let decoded = id;
    try {
      decoded = decodeURIComponent(id);
    } catch {
      // Keep the raw text; it will simply not be found.
    }
    const ss = deps.store.get(decoded);
    deps.stats.answered(ss ? 200 : 404);
    sendHtml(res, ss ? 200 : 404, ss ? renderSpreadsheetPage(ss, BASE_PATH) : renderNotFoundPage(decoded, BASE_PATH));
  };

  /**
   * `subPath` is the request path after `/_local/sheets`, still percent-encoded (as in `req.url`);
   * the query string is read from `req.url`.
   */
  return async function handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://stand-in.local');
      const path = subPath.split('?')[0] ?? '';
      if (path.startsWith('/v4/') || path === '/v4') await handleApi(req, res, path, url.searchParams);
      else handlePage(req, res, path);
    } catch (error) {
      sendError(res, error, deps);
    }
  };
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.');
  }
}

/** The whole body as text; over `limit` bytes it is read to the end (so the answer arrives) and refused. */
function readBody(req: IncomingMessage, limit: number, measured: (bytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      measured(size);
      if (size > limit) reject(payloadTooLarge(limit));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function sendError(res: ServerResponse, error: unknown, deps: Pick<RouterDeps, 'stats' | 'onError'>): void {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof A1ParseError) apiError = badRequest(error.message);
  else {
    deps.onError(error);
    apiError = new ApiError(500, 'Internal error encountered.');
  }
  deps.stats.answered(apiError.code);
  sendJson(res, apiError.code, apiError.toJSON(), apiError.headers);
}
