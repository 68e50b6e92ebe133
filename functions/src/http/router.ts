// The journey function's routes: who may call, size checks, dispatch to one use case, one top-level catch.
import type { AppContext, Caller, Outcome } from '../app/context';
import { evaluate } from '../app/evaluate';
import { submitEvidence } from '../app/evidence';
import { recordPartyStatus } from '../app/party';
import { inbox, INBOX_STATUSES, KNOWN_BATCH_MAX, knownResponses, memberJourney, yearResults } from '../app/queries';
import { register } from '../app/register';
import { refuseUnread } from '../app/submission';
import { loadConfig, putYearConfig, yearNotFound } from '../app/year';
import { violation } from '../domain/violations';
import type { InboxKind } from '../model';
import { DocumentLimitError, StoreUnavailableError, type InvokerCheck } from '../ports';
import { json, outcomeAnswer, refusalAnswer, transportError, type HttpAnswer } from './answers';
import { readBody } from './body';
import { encodeCursor, pageAnswer, readListingQuery } from './listing';
import { bookLinkRoutes, bookPage, isBookPath } from './book-routes';
import { phaseRoutes } from './phase-routes';
import { verifySignature } from './signature';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * The year's plan carries the nominee rosters (~30 bytes an e-mail): 3 MiB is room for ~100,000 nominees. The store
 * keeps such a body in parts and the rosters beside the plan, so no document grows with them.
 */
export const MAX_CONFIG_BODY_BYTES = 3 * 1024 * 1024;

/** Routes only the platform calls on the function's behalf (task callbacks, scheduler jobs); never in API.md. */
export const INTERNAL_PREFIX = '/v1/internal/';

export interface HttpRequest {
  method: string;
  /** Path and query string as the function sees them. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
  address: string;
}

export interface RouterOptions {
  secret: string;
  /** Lets Cloud Tasks and Cloud Scheduler in on internal routes by their OIDC identity; absent, the signature alone. */
  invoker?: InvokerCheck;
  /** The function's address as people reach it, for journey-book links; without it no link is given. */
  publicUrl?: string | undefined;
  /** Extra routes mounted by other modules (sheets, reports); return undefined when not theirs. */
  extraRoutes?: ((request: ParsedRequest) => Promise<HttpAnswer | undefined>)[];
  log?: (message: string, error: unknown) => void;
}

export interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  raw: string;
  json: unknown;
  caller: Caller;
  ctx: AppContext;
}

type Submit = (ctx: AppContext, raw: string, json: unknown, caller: Caller) => Promise<Outcome>;
const SUBMISSIONS: Record<string, { kind: InboxKind; run: Submit }> = {
  '/v1/registrations': { kind: 'registration', run: register },
  '/v1/evidence': { kind: 'evidence', run: submitEvidence },
  '/v1/evaluations': { kind: 'evaluation', run: evaluate },
  '/v1/party-status': { kind: 'party_status', run: recordPartyStatus },
};

/** The inbox kind of a year route that takes a submission, so a body that is not JSON is kept under it. */
function kindOfPath(path: string): InboxKind | undefined {
  if (path.endsWith('/config')) return 'config';
  if (path.endsWith('/rollover')) return 'rollover';
  if (path.endsWith('/nominees')) return 'nominations';
  return undefined;
}

/** The year a `/v1/years/{year}/…` path names. */
function yearOfPath(path: string): number | null {
  const match = /^\/v1\/years\/(\d{4})\//.exec(path);
  return match?.[1] ? Number(match[1]) : null;
}

function header(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function createRouter(ctx: AppContext, options: RouterOptions) {
  const log =
    options.log ??
    ((message: string, error: unknown) => {
      console.error(message, error);
    });

  /**
   * The signature lets a caller in everywhere. It ages (300 s), so on internal routes a Google identity minted
   * when the platform sends the request lets it in too: a task dispatched an hour late still carries a fresh one.
   */
  async function authorized(request: HttpRequest, method: string, path: string, raw: string): Promise<boolean> {
    const parts = {
      timestamp: header(request, 'x-journey-timestamp'),
      signature: header(request, 'x-journey-signature'),
      method,
      path: request.url,
      body: raw,
    };
    if (verifySignature(options.secret, parts, ctx.clock()).ok) return true;
    if (!path.startsWith(INTERNAL_PREFIX) || !options.invoker) return false;
    return options.invoker.isInvoker(header(request, 'authorization'));
  }
  const bookLinks = bookLinkRoutes({ secret: options.secret, publicUrl: options.publicUrl });

  async function route(request: HttpRequest): Promise<HttpAnswer> {
    const url = new URL(request.url, 'http://journey.local');
    const path = url.pathname;
    const method = request.method.toUpperCase();
    if (path === '/healthz') return method === 'GET' ? json({ ok: true }) : transportError(405, 'method_not_allowed');
    // The journey book is opened from a link in an e-mail or a sheet: its token is the key, not a request signature.
    if (isBookPath(path)) return bookPage(ctx, options.secret, { method, path, query: url.searchParams }, log);

    const bytes = request.rawBody ?? Buffer.alloc(0);
    const plan = method === 'PUT' && /^\/v1\/years\/\d{4}\/config$/.test(path);
    if (bytes.length > (plan ? MAX_CONFIG_BODY_BYTES : MAX_BODY_BYTES))
      return transportError(413, plan ? 'plan_too_large' : 'body_too_large');
    const raw = bytes.toString('utf8');
    if (!(await authorized(request, method, path, raw))) return transportError(401, 'unauthorized');

    const caller: Caller = { name: header(request, 'x-journey-caller') ?? 'unknown', address: request.address };
    const reading = readBody(raw);
    if ('refusal' in reading) {
      // Kept in the inbox, unread, when the route takes submissions; refused either way.
      const kind = SUBMISSIONS[path]?.kind ?? kindOfPath(path);
      if (!kind) return refusalAnswer([reading.refusal]);
      return outcomeAnswer(
        await refuseUnread(ctx, { kind, raw, caller, fields: reading.fields, year: yearOfPath(path) }, reading.refusal),
      );
    }
    const parsed = reading.json;

    const submission = SUBMISSIONS[path];
    if (submission) {
      if (method !== 'POST') return transportError(405, 'method_not_allowed');
      return outcomeAnswer(await submission.run(ctx, raw, parsed, caller));
    }

    const yearMatch = /^\/v1\/years\/(\d{4})(\/.*)$/.exec(path);
    if (yearMatch?.[1] && yearMatch[2]) {
      const year = Number(yearMatch[1]);
      const rest = yearMatch[2];
      if (rest === '/config' && method === 'PUT')
        return outcomeAnswer(await putYearConfig(ctx, year, raw, parsed, caller));
      const config = await loadConfig(ctx, year);
      if (rest === '/config' && method === 'GET') return config ? json(config) : refusalAnswer([yearNotFound(year)]);
      const member = /^\/members\/([A-Za-z0-9_-]+)$/.exec(rest);
      if (member?.[1] && method === 'GET') {
        if (!config) return refusalAnswer([yearNotFound(year)]);
        const journey = await memberJourney(ctx, config, member[1]);
        return journey
          ? json(journey)
          : refusalAnswer([violation('member_not_found', 'memberId', { value: member[1] })]);
      }
      if (rest === '/results' && method === 'GET')
        return config ? json(await yearResults(ctx, config)) : refusalAnswer([yearNotFound(year)]);
      if (rest === '/inbox/known' && method === 'POST') {
        // The Apps Script reconciler: which of these form responses are already here (an extension of API.md).
        const body = (parsed ?? {}) as { kind?: unknown; responseIds?: unknown };
        const ids = Array.isArray(body.responseIds)
          ? body.responseIds.filter((id): id is string => typeof id === 'string' && id !== '')
          : null;
        if (
          (body.kind !== 'registration' && body.kind !== 'evidence') ||
          ids === null ||
          ids.length > KNOWN_BATCH_MAX
        ) {
          return refusalAnswer([
            violation('invalid_value', 'responseIds', {
              detail: `kind registration hoặc evidence và tối đa ${String(KNOWN_BATCH_MAX)} mã phản hồi`,
            }),
          ]);
        }
        return json({ year, known: await knownResponses(ctx, body.kind, ids) });
      }
      if (rest === '/inbox' && method === 'GET') {
        if (!config) return refusalAnswer([yearNotFound(year)]);
        const listing = readListingQuery(url.searchParams, INBOX_STATUSES);
        if ('refusal' in listing) return listing.refusal;
        const page = await inbox(ctx, year, listing.request);
        return pageAnswer(
          { year, items: page.items, ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}) },
          page.next,
        );
      }
    }

    const request_: ParsedRequest = { method, path, query: url.searchParams, raw, json: parsed, caller, ctx };
    const phaseAnswer = await phaseRoutes(request_);
    if (phaseAnswer) return phaseAnswer;
    const linkAnswer = await bookLinks(request_);
    if (linkAnswer) return linkAnswer;
    for (const extra of options.extraRoutes ?? []) {
      const answer = await extra(request_);
      if (answer) return answer;
    }
    return transportError(404, 'route_not_found');
  }

  /** The single top-level catch: storage trouble is 503 (retry later), anything else 500 without details. */
  return async function handle(request: HttpRequest): Promise<HttpAnswer> {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        log('storage unavailable', error);
        return transportError(503, 'storage_unavailable');
      }
      if (error instanceof DocumentLimitError) {
        // Firestore would refuse the document whenever it is sent: final (422), not an outage to retry.
        log(`document limit (${error.code})`, error);
        return refusalAnswer([violation('too_large_to_store', 'body', {})]);
      }
      log('unexpected error', error);
      return transportError(500, 'internal_error');
    }
  };
}
