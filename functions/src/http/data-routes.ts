// Handlers of a member's personal data: their copy and their requests behind the journey-book link (no request
// signature; the link's token is the key), and the committee's operations (admin): the answer, erasure, the access log.
import { exportMemberData } from '../app/data-export';
import { answerDataRequest, submitDataRequest } from '../app/data-requests';
import { localDate } from '../domain/dates';
import { outcomeAnswer, type HttpAnswer } from './answers';
import { asPage, bookNotFound, linkRefused } from './book-notices';
import { confirmWithdrawalPage, requestInvalidPage, requestStoredPage } from './data-pages';
import { PAGE_HEADERS } from './page-shell';
import { accessLog, erase, retention, RETENTION_PATH } from './phase-routes';
import type { Route, RouteDeps, RouteRequest } from './route';

/** `GET /book/{year}/{memberId}/data?t=…`: the member's data as a JSON file to download; the book's refusals otherwise. */
export function memberData(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  return asPage(deps.log, 'member data', async () => {
    const { ctx, params } = request;
    const memberId = params.memberId ?? '';
    const data = await exportMemberData(ctx, deps.secret, Number(params.year), memberId, request.query.get('t'));
    if (data === 'denied') return linkRefused();
    if (data === 'not_found') return bookNotFound();
    const filename = `hanh-trinh-du-lieu-${memberId}-${localDate(ctx.clock())}.json`;
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(data, null, 2)}\n`,
      headers: { ...PAGE_HEADERS, 'Content-Disposition': `attachment; filename="${filename}"` },
    };
  });
}

/** `POST /book/{year}/{memberId}/requests`: the book page's forms (a correction, a withdrawal and its confirmation). */
export function dataRequestForm(request: RouteRequest, deps: RouteDeps): Promise<HttpAnswer> {
  return asPage(deps.log, 'data request', async () => {
    const form = new URLSearchParams(request.raw);
    const memberId = request.params.memberId ?? '';
    const token = form.get('t') ?? request.query.get('t') ?? '';
    const outcome = await submitDataRequest(
      request.ctx,
      deps.secret,
      { year: Number(request.params.year), memberId, token },
      {
        kind: form.get('kind') ?? '',
        text: form.get('text') ?? '',
        nonce: form.get('nonce') ?? '',
        confirmed: form.get('confirm') === 'yes',
      },
    );
    switch (outcome.kind) {
      case 'denied':
        return linkRefused();
      case 'not_found':
        return bookNotFound();
      case 'invalid':
        return requestInvalidPage(outcome.reason, memberId, token);
      case 'confirm':
        return confirmWithdrawalPage(memberId, token, outcome.nonce);
      case 'stored':
        return requestStoredPage(outcome.request, outcome.duplicate, token);
    }
  });
}

/** `POST /v1/years/{year}/data-requests/{requestId}/answer`: the committee's answer, recorded and sent to the member. */
export async function answerRequest(request: RouteRequest): Promise<HttpAnswer> {
  const { ctx, params } = request;
  return outcomeAnswer(
    await answerDataRequest(ctx, Number(params.year), params.requestId ?? '', request.json, request.caller),
  );
}

/** The book page's request form: a token, a nonce and at most 2,000 characters, percent-encoded (up to 9 bytes each). */
export const BOOK_FORM_BYTES = 32 * 1024;

/** The routes of a member's personal data, in the route table (routes.ts) after the journey book's. */
export const PERSONAL_DATA_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/book/{year}/{memberId}/data',
    access: 'book_token',
    does: 'everything held about the member across the phase, as a JSON file (`?t=` the book’s token)',
    handle: memberData,
  },
  {
    method: 'POST',
    path: '/book/{year}/{memberId}/requests',
    access: 'book_token',
    body: { name: 'form: t, nonce, kind, text, confirm?', maxBytes: BOOK_FORM_BYTES },
    does: 'a member’s correction or withdrawal request from the book page (HTML answer)',
    handle: dataRequestForm,
  },
  {
    method: 'POST',
    path: '/v1/years/{year}/data-requests/{requestId}/answer',
    access: 'admin',
    body: { name: '{"editId", "answer", "status"}' },
    event: 'data request answer',
    does: 'records the committee’s answer to a member’s data request and tells the member',
    handle: answerRequest,
  },
  {
    method: 'POST',
    path: '/v1/members/{member}/erase',
    access: 'admin',
    body: { name: '{"editId", "reason"}' },
    event: 'erasure',
    does: 'erases the member’s personal data everywhere, keeping a pseudonym (member id or e-mail)',
    handle: erase,
  },
  {
    method: 'GET',
    path: '/v1/members/{member}/access-log',
    access: 'admin',
    listing: [],
    does: 'each read of the member’s data, newest first, in pages (member id or e-mail)',
    handle: accessLog,
  },
  {
    method: 'POST',
    path: RETENTION_PATH,
    access: 'internal',
    event: 'retention',
    does: 'erases the members whose phase ended more than the plan’s retention ago, a bounded number a run (Cloud Scheduler)',
    handle: retention,
  },
];
