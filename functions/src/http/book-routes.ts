// Routes of the journey book: the page behind its signed link (no request signature), and the signed routes that give or revoke links.
import type { AppContext, Caller } from '../app/context';
import { openBook } from '../app/book';
import { issueBookLink, revokeBookLinks, type BookLinkSettings } from '../app/book-links';
import { StoreUnavailableError } from '../ports';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import { bookBody, bookTitle } from './book-page';
import { bookFailed, bookNotFound, bookUnavailable, linkRefused, pageOnlyForReading } from './book-notices';
import { pageAnswer } from './page-shell';

/** Paths of the page; the router sends them here before any signature check. */
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
  log: (message: string, error: unknown) => void,
): Promise<HttpAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return pageOnlyForReading();
  const match = /^\/book\/(\d{4})\/([^/]+)$/.exec(request.path);
  if (!match?.[1] || !match[2]) return bookNotFound();
  try {
    const opening = await openBook(ctx, secret, Number(match[1]), match[2], request.query.get('t'));
    switch (opening.kind) {
      case 'denied':
        return linkRefused();
      case 'not_found':
        return bookNotFound();
      case 'book':
        return pageAnswer(200, bookTitle(opening.book), bookBody(opening.book));
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      log('book: storage unavailable', error);
      return bookUnavailable();
    }
    log('book: unexpected error', error);
    return bookFailed();
  }
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Signed routes: `GET …/members/{id | e-mail}/book-link` and `POST …/book-link/revoke`. */
export function bookLinkRoutes(settings: BookLinkSettings) {
  return async (request: {
    method: string;
    path: string;
    ctx: AppContext;
    caller: Caller;
  }): Promise<HttpAnswer | undefined> => {
    const match = /^\/v1\/years\/(\d{4})\/members\/([^/]+)\/book-link(\/revoke)?$/.exec(request.path);
    if (!match?.[1] || !match[2]) return undefined;
    const year = Number(match[1]);
    const who = decoded(match[2]) ?? match[2];
    if (match[3]) {
      if (request.method !== 'POST') return transportError(405, 'method_not_allowed');
      const outcome = await revokeBookLinks(request.ctx, settings, year, who, request.caller);
      if (outcome.status !== 'accepted') return outcomeAnswer(outcome);
      const { link, linkVersion } = outcome;
      return json({
        ...(outcomeAnswer(outcome).body as object),
        linkVersion,
        ...(link ? { url: link.url, expiresAt: link.expiresAt } : {}),
      });
    }
    if (request.method !== 'GET') return transportError(405, 'method_not_allowed');
    const issued = await issueBookLink(request.ctx, settings, year, who);
    if (issued === 'no_public_url') return transportError(503, 'book_links_unavailable');
    return 'status' in issued ? outcomeAnswer(issued) : json(issued);
  };
}
