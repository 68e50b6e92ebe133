// Handlers of the outbox: reports queued (signed, or the scheduler's internal route), the year's e-mails, the drain callback.
import { drainMail, listMail } from '../app/mail/outbox';
import { runReport, runScheduledReport } from '../app/mail/reports/run';
import type { MailStatus } from '../domain/mail';
import type { PageRequest } from '../ports';
import { json, outcomeAnswer, transportError, type HttpAnswer } from './answers';
import { pageAnswer } from './listing';
import { INTERNAL_PREFIX } from './request';
import type { RouteRequest } from './route';

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

export async function drain(request: RouteRequest): Promise<HttpAnswer> {
  return json({ status: 'accepted', ...(await drainMail(request.ctx)) });
}

export async function scheduledReport(request: RouteRequest): Promise<HttpAnswer> {
  return reportAnswer(await runScheduledReport(request.ctx, request.params.kind ?? '', request.json, request.caller));
}

export async function report(request: RouteRequest): Promise<HttpAnswer> {
  return reportAnswer(
    await runReport(request.ctx, Number(request.params.year), request.params.kind ?? '', request.json, request.caller),
  );
}

/** `GET /v1/years/{year}/mail`: the page the table read from the query. */
export async function mailOfYear(request: RouteRequest): Promise<HttpAnswer> {
  const page = await listMail(request.ctx, Number(request.params.year), request.page as PageRequest<MailStatus>);
  return pageAnswer(page.items, page.next);
}
