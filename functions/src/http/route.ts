// What one route of the table declares, and what its handler is given.
import type { AppContext, Caller } from '../app/context';
import type { BookLinkSettings } from '../app/book-links';
import type { YearConfig } from '../domain/config';
import type { InboxKind, Role } from '../model';
import type { PageRequest, SheetViews } from '../ports';
import type { Log } from '../ports/log';
import type { HttpAnswer } from './answers';

/**
 * Who may call a route (API.md "Roles"): a role, or the roles of which any one opens it. `forms` and `queues` are the
 * shared secret's in production (Apps Script's triggers), `admin` a listed administrator's Google ID token, `internal`
 * the platform's callbacks (the invoker's Google OIDC token); `npm start`'s local secret carries every role.
 * `book_token`: the journey book's own link token, no signature; `public`: anyone.
 */
export type Access = 'public' | 'book_token' | Role | readonly [Role, ...Role[]];

export type Method = 'GET' | 'POST' | 'PUT';

/** A route's body: its name in API.md; the use case validates it with app/bodies.ts's schema of that name. */
export interface BodySpec {
  name: string;
  /** A body that is not JSON is kept in the inbox under this kind (refused, with the reason) before the answer. */
  keptAs?: InboxKind;
  /** Bytes a body may have; 256 KiB unless given. */
  maxBytes?: number;
}

/** What the router hands a handler once the request is let in and read. */
export interface RouteRequest {
  ctx: AppContext;
  caller: Caller;
  /** The path's parameters by name (`{year}` → `params.year`), percent-decoded where the pattern says so. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  raw: string;
  json: unknown;
  /** The year's plan, for routes that declare `plan: true` (a year without one is 404 before the handler runs). */
  config: YearConfig | undefined;
  /** The page asked for, for listings (a malformed query is 400 before the handler runs). */
  page: PageRequest<string> | undefined;
}

/** What handlers use beyond the request: the Sheets views (absent, their routes are 404), link settings, the logger. */
export interface RouteDeps {
  views: SheetViews | undefined;
  links: BookLinkSettings;
  secret: string;
  log: Log;
}

export interface Route {
  method: Method;
  /** `/v1/years/{year}/members/{memberId}`: parameters as PARAMETERS (router.ts) reads them. */
  path: string;
  access: Access;
  body?: BodySpec;
  /** Needs the year's stored plan: 404 `year_not_found` without it. */
  plan?: true;
  /** A listing (API.md "Listings"): `status` one of these, `limit`, `cursor`; 400 for anything else. */
  listing?: readonly string[];
  /** Mounted only with the Sheets views, or with the outbox (ctx.mail): without them the path is unknown (404). */
  needs?: 'views' | 'mail';
  /** Names the info event logged when the answer is an outcome (`accepted`, `duplicate`, `refused`); none for reads. */
  event?: string;
  /** One line for the docs' route list. */
  does: string;
  handle: (request: RouteRequest, deps: RouteDeps) => Promise<HttpAnswer>;
}
