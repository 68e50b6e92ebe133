// The router: finds a request's route in the table (routes.ts) and does, once for every route, what the table declares:
// 404/405, size, who may call, the body, the year's plan, the listing's query, the error → status mapping, the log.
import type { AppContext, Caller } from '../app/context';
import { refuseUnread } from '../app/submission';
import { loadConfig, yearNotFound } from '../app/year';
import { traceOfHeaders, withTrace } from '../lib/request-trace';
import type { InvokerCheck, SheetViews } from '../ports';
import type { Log } from '../ports/log';
import { accessCheck, type AccessOptions } from './access';
import { answerForError, outcomeAnswer, refusalAnswer, transportError, type HttpAnswer } from './answers';
import { readBody } from './body';
import { bookPage, isBookPath } from './book-routes';
import { readListingQuery } from './listing';
import { INTERNAL_PREFIX, type HttpRequest } from './request';
import type { Route, RouteDeps, RouteRequest } from './route';
import { MAX_BODY_BYTES, ROUTES } from './routes';

export { INTERNAL_PREFIX, type HttpRequest } from './request';
export { MAX_BODY_BYTES, MAX_CONFIG_BODY_BYTES } from './routes';

export interface RouterOptions {
  secret: string;
  /** Lets Cloud Tasks and Cloud Scheduler in on internal routes by their OIDC identity; absent, the signature alone. */
  invoker?: InvokerCheck;
  /** The secret's roles, the one a rotation retires, the administrators (production); absent, the secret opens every role. */
  access?: Pick<AccessOptions, 'previousSecret' | 'secretRoles' | 'secretHolder' | 'admins'>;
  /** The function's address as people reach it, for journey-book links; without it no link is given. */
  publicUrl?: string | undefined;
  /** The Sheets views; without them their routes answer 404 (some tests). */
  views?: SheetViews;
  log: Log;
}

/** What each `{parameter}` of a path pattern matches; `member` (an id or an e-mail) is percent-decoded. */
const PARAMETERS: Readonly<Record<string, string>> = {
  year: '\\d{4}',
  memberId: '[A-Za-z0-9_-]+',
  member: '[^/]+',
  unitId: '[A-Za-z0-9_.-]{1,100}',
  kind: '[^/]+',
  requestId: '[A-Za-z0-9_-]{1,100}',
};

interface Compiled {
  route: Route;
  pattern: RegExp;
}

function compile(route: Route): Compiled {
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    const accepted = PARAMETERS[name];
    if (accepted === undefined) throw new Error(`route ${route.path}: unknown parameter {${name}}`);
    return `(?<${name}>${accepted})`;
  });
  return { route, pattern: new RegExp(`^${source}$`) };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function paramsOf(match: RegExpExecArray): Record<string, string> {
  const params = { ...match.groups };
  if (params.member !== undefined) params.member = decoded(params.member);
  return params;
}

function header(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The info event of a route that names one, when its answer is an outcome: ids, codes and counts only. */
function logOutcome(log: Log, route: Route, params: Readonly<Record<string, string>>, answer: HttpAnswer): void {
  const body = answer.body as {
    status?: unknown;
    id?: unknown;
    errors?: { code: string }[];
    syncId?: unknown;
    spreadsheets?: unknown;
    scheduled?: unknown;
  };
  if (!route.event || (body.status !== 'accepted' && body.status !== 'duplicate' && body.status !== 'refused')) return;
  log({
    severity: 'INFO',
    message: `${route.event} ${body.status}`,
    fields: {
      route: `${route.method} ${route.path}`,
      httpStatus: answer.status,
      id: typeof body.id === 'string' ? body.id : null,
      year: params.year === undefined ? undefined : Number(params.year),
      codes: body.errors?.map((e) => e.code),
      syncId: typeof body.syncId === 'string' ? body.syncId : undefined,
      spreadsheets: typeof body.spreadsheets === 'number' ? body.spreadsheets : undefined,
      scheduled: typeof body.scheduled === 'number' ? body.scheduled : undefined,
    },
  });
}

/** The body as the route takes it, or the refusal (kept in the inbox, unread, when the route takes submissions). */
async function bodyOf(
  ctx: AppContext,
  route: Route,
  params: Readonly<Record<string, string>>,
  raw: string,
  caller: Caller,
): Promise<{ json: unknown } | { answer: HttpAnswer }> {
  const reading = readBody(raw);
  if (!('refusal' in reading)) return reading;
  const kind = route.body?.keptAs;
  if (!kind) return { answer: refusalAnswer([reading.refusal]) };
  const year = params.year === undefined ? null : Number(params.year);
  return {
    answer: outcomeAnswer(
      await refuseUnread(ctx, { kind, raw, caller, fields: reading.fields, year }, reading.refusal),
    ),
  };
}

/** The year's plan and the listing's page, where the route declares them; the answer that stops it otherwise. */
async function prepared(
  ctx: AppContext,
  route: Route,
  params: Readonly<Record<string, string>>,
  query: URLSearchParams,
): Promise<Pick<RouteRequest, 'config' | 'page'> | HttpAnswer> {
  const config = route.plan ? await loadConfig(ctx, Number(params.year)) : undefined;
  if (route.plan && !config) return refusalAnswer([yearNotFound(Number(params.year))]);
  if (!route.listing) return { config, page: undefined };
  const listing = readListingQuery(query, route.listing);
  return 'refusal' in listing ? listing.refusal : { config, page: listing.request };
}

export function createRouter(ctx: AppContext, options: RouterOptions) {
  const { log } = options;
  const mounted = (r: Route): boolean =>
    r.needs === 'views' ? options.views !== undefined : r.needs === 'mail' ? ctx.mail !== undefined : true;
  const table = ROUTES.filter(mounted).map(compile);
  const deps: RouteDeps = {
    views: options.views,
    links: { secret: options.secret, publicUrl: options.publicUrl },
    secret: options.secret,
    log,
  };
  const allowed = accessCheck({ secret: options.secret, invoker: options.invoker, ...options.access }, ctx.clock);

  async function route(request: HttpRequest): Promise<HttpAnswer> {
    const url = new URL(request.url, 'http://journey.local');
    const { pathname: path, searchParams: query } = url;
    const method = request.method.toUpperCase();
    const matches = table.filter((c) => c.pattern.test(path));
    const found = matches.find((c) => c.route.method === method);
    // The journey book answers with pages, its 404 and 405 included; its token is the key, not a request signature.
    if (isBookPath(path) && !found) return bookPage(ctx, options.secret, { method, path, query }, log);
    const access =
      found?.route.access ?? matches[0]?.route.access ?? (path.startsWith(INTERNAL_PREFIX) ? 'internal' : 'admin');

    let raw = '';
    // The book's forms post with the link's token in the body; the book's pages (GET) read none.
    if (access !== 'public' && (access !== 'book_token' || found?.route.body)) {
      const bytes = request.rawBody ?? Buffer.alloc(0);
      const limit = found?.route.body?.maxBytes ?? MAX_BODY_BYTES;
      if (bytes.length > limit)
        return transportError(413, found?.route.body?.keptAs === 'config' ? 'plan_too_large' : 'body_too_large');
      raw = bytes.toString('utf8');
    }
    // Who may call: the route table's `access`, checked here once for every route (API.md "Signing", "Roles").
    const decision = await allowed({ access, method, url: request.url, raw, header: (name) => header(request, name) });
    if (!decision.ok) return decision.answer;
    if (!found)
      return matches.length > 0 ? transportError(405, 'method_not_allowed') : transportError(404, 'route_not_found');

    const match = found.pattern.exec(path);
    const params = match ? paramsOf(match) : {};
    const caller: Caller = {
      name: header(request, 'x-journey-caller') ?? 'unknown',
      address: request.address,
      role: decision.role,
      identity: decision.identity,
    };
    // A form behind the book's link is the handler's to read (not JSON); every other body is JSON.
    const body =
      found.route.access === 'book_token' ? { json: undefined } : await bodyOf(ctx, found.route, params, raw, caller);
    if ('answer' in body) {
      logOutcome(log, found.route, params, body.answer);
      return body.answer;
    }
    const ready = await prepared(ctx, found.route, params, query);
    if ('status' in ready) return ready;
    const answer = await found.route.handle({ ctx, caller, params, query, raw, json: body.json, ...ready }, deps);
    logOutcome(log, found.route, params, answer);
    return answer;
  }

  /** The single top-level catch, under the request's trace so that every line logged on its behalf names it. */
  return async function handle(request: HttpRequest): Promise<HttpAnswer> {
    const trace = traceOfHeaders(header(request, 'traceparent'), header(request, 'x-cloud-trace-context'));
    return withTrace(trace, async () => {
      try {
        return await route(request);
      } catch (error) {
        return answerForError(error, log);
      }
    });
  };
}
