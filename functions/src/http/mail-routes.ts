// Routes of the outbox: reports queued (signed, or the scheduler's internal route), the year's e-mails, the drain callback.
import { drainMail, listMail } from '../app/mail/outbox';
import { MAIL_STATUSES } from '../domain/mail';
import { runReport, runScheduledReport } from '../app/mail/reports/run';
import { yearNotFound, loadConfig } from '../app/year';
import { json, outcomeAnswer, refusalAnswer, transportError, type HttpAnswer } from './answers';
import { pageAnswer, readListingQuery } from './listing';
import { INTERNAL_PREFIX, type ParsedRequest } from './request';

/** Cloud Tasks calls this back to send what the day's budget allows. */
export const MAIL_DRAIN_PATH = `${INTERNAL_PREFIX}mail/drain`;
/** Cloud Scheduler calls `…/reports/{kind}` for the current year and period. */
export const SCHEDULED_REPORTS_PREFIX = `${INTERNAL_PREFIX}reports/`;

function reportAnswer(result: Awaited<ReturnType<typeof runReport>>): HttpAnswer {
  if (result === 'unknown_kind') return transportError(404, 'route_not_found');
  if (result === 'no_mail') return transportError(503, 'storage_unavailable');
  if ('status' in result) return outcomeAnswer(result);
  return json(result);
}

export function mailRoutes() {
  return async (request: ParsedRequest): Promise<HttpAnswer | undefined> => {
    const { ctx, method, path } = request;
    if (path === MAIL_DRAIN_PATH) {
      if (method !== 'POST') return transportError(405, 'method_not_allowed');
      return json({ status: 'accepted', ...(await drainMail(ctx)) });
    }
    if (path.startsWith(SCHEDULED_REPORTS_PREFIX)) {
      if (method !== 'POST') return transportError(405, 'method_not_allowed');
      return reportAnswer(await runScheduledReport(ctx, path.slice(SCHEDULED_REPORTS_PREFIX.length), request.json));
    }
    const report = /^\/v1\/years\/(\d{4})\/reports\/([a-z]+)$/.exec(path);
    if (report?.[1] && report[2]) {
      if (method !== 'POST') return transportError(405, 'method_not_allowed');
      return reportAnswer(await runReport(ctx, Number(report[1]), report[2], request.json));
    }
    const mail = /^\/v1\/years\/(\d{4})\/mail$/.exec(path);
    if (mail?.[1]) {
      if (method !== 'GET') return transportError(405, 'method_not_allowed');
      const year = Number(mail[1]);
      if (!(await loadConfig(ctx, year))) return refusalAnswer([yearNotFound(year)]);
      const listing = readListingQuery(request.query, MAIL_STATUSES);
      if ('refusal' in listing) return listing.refusal;
      const page = await listMail(ctx, year, listing.request);
      return pageAnswer(page.items, page.next);
    }
    return undefined;
  };
}
