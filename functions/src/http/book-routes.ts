// Handlers of the journey book: the page behind its signed link (no request signature), and the signed routes that give or revoke links.
import type { AppContext } from '../app/context';
import { openBook } from '../app/book';
import { issueBookLink, revokeBookLinks } from '../app/book-links';
import type { Log } from '../ports/log';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import { bookBody, bookTitle } from './book-page';
import { asPage, bookNotFound, linkRefused, pageOnlyForReading } from './book-notices';
import { pageAnswer } from './page-shell';
import type { RouteDeps, RouteRequest } from './route';

/** Paths of the page: every one answers with a page (404, 405 included), so the router sends them here first. */
export function isBookPath(path: string): boolean {
  return path === '/book' || path.startsWith('/book/');
}

/**
 * `GET /book/{year}/{memberId}?t=…`. Whatever the input, the answer is a page: the book, or one without member
 * data (403 for any link that does not open, 404 for a path that names no book); it only ever reads.
 */
export async function bookPage(
  ctx: AppContext,
  secret: string,
  request: { method: string; path: string; query: URLSearchParams },
  log: Log,
): Promise<HttpAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return pageOnlyForReading();
  const match = /^\/book\/(\d{4})\/([^/]+)$/.exec(request.path);
  if (!match?.[1] || !match[2]) return bookNotFound();
  const [, year, memberId] = match;
  return asPage(log, 'book', async () => {
    const opening = await openBook(ctx, secret, Number(year), memberId, request.query.get('t'));
    switch (opening.kind) {
      case 'denied':
        return linkRefused();
      case 'not_found':
        return bookNotFound();
      case 'book':
        return pageAnswer(200, bookTitle(opening.book), bookBody(opening.book, request.query.get('t') ?? ''));
    }
  });
}

/** `GET …/members/{id | e-mail}/book-link`: a fresh link (503 where no public address is configured). */
export async function bookLink(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  const issued = await issueBookLink(
    request.ctx,
    deps.links,
    Number(request.params.year),
    request.params.member ?? '',
    request.caller,
  );
  if (issued === 'no_public_url') return transportError(503, 'book_links_unavailable');
  return 'status' in issued ? outcomeAnswer(issued) : json(issued);
}

/** `POST …/book-link/revoke`: every earlier link stops opening; a fresh one comes with the answer when it can. */
export async function revokeBookLink(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  const outcome = await revokeBookLinks(
    request.ctx,
    deps.links,
    Number(request.params.year),
    request.params.member ?? '',
    request.caller,
  );
  if (outcome.status !== 'accepted') return outcomeAnswer(outcome);
  const { link, linkVersion } = outcome;
  return json({
    ...(outcomeAnswer(outcome).body as object),
    linkVersion,
    ...(link ? { url: link.url, expiresAt: link.expiresAt } : {}),
  });
}
