// The route table: every route of the function declared once — method, path, who may call it, body, handler. The
// router (router.ts) does the rest in one place; docs/http-routes.md is generated from this list (test/unit/http-routes).
import { INBOX_STATUSES } from '../app/queries';
import { MAIL_STATUSES } from '../domain/mail';
import { bookLink, bookPage, revokeBookLink } from './book-routes';
import { PERSONAL_DATA_ROUTES } from './data-routes';
import { json } from './answers';
import { drain, MAIL_DRAIN_PATH, mailOfYear, report, scheduledReport, SCHEDULED_REPORTS_PREFIX } from './mail-routes';
import { memberInPhase, nominees, rollover } from './phase-routes';
import type { Route } from './route';
import {
  flush,
  FLUSH_PATH,
  registerSheetsOfYear,
  resume,
  RESUME_PATH,
  sheetsOfYear,
  startSync,
  syncRun,
} from './sheets-routes';
import * as year from './year-routes';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * The year's plan carries the nominee rosters (~30 bytes an e-mail): 3 MiB is room for ~100,000 nominees. The store
 * keeps such a body in parts and the rosters beside the plan, so no document grows with them.
 */
export const MAX_CONFIG_BODY_BYTES = 3 * 1024 * 1024;

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/healthz',
    access: 'public',
    does: '`{"ok": true}`',
    handle: () => Promise.resolve(json({ ok: true })),
  },
  // Submissions (API.md): each stored as received, refused ones with their reasons.
  {
    method: 'POST',
    path: '/v1/registrations',
    access: 'forms',
    body: { name: 'Registration', keptAs: 'registration' },
    event: 'registration',
    does: 'registers (or amends) a member’s journey book',
    handle: year.registration,
  },
  {
    method: 'POST',
    path: '/v1/evidence',
    access: 'forms',
    body: { name: 'Evidence', keptAs: 'evidence' },
    event: 'evidence',
    does: 'records an evidence entry as pending',
    handle: year.evidence,
  },
  {
    method: 'POST',
    path: '/v1/evaluations',
    access: 'queues',
    body: { name: 'Evaluation', keptAs: 'evaluation' },
    event: 'evaluation',
    does: 'records a decision and recomputes the member’s result',
    handle: year.evaluation,
  },
  {
    method: 'POST',
    path: '/v1/party-status',
    access: 'admin',
    body: { name: 'PartyStatus', keptAs: 'party_status' },
    event: 'party status',
    does: 'records introduction for / admission to the Party',
    handle: year.partyStatus,
  },
  // The year's plan, its members and results.
  {
    method: 'PUT',
    path: '/v1/years/{year}/config',
    access: 'admin',
    body: { name: 'YearConfig', keptAs: 'config', maxBytes: MAX_CONFIG_BODY_BYTES },
    event: 'plan',
    does: 'stores a new version of the year’s plan and roster',
    handle: year.putPlan,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/config',
    // The CLI shows the plan and the spreadsheets too.
    access: ['forms', 'admin'],
    plan: true,
    does: 'the year’s plan with every default filled in',
    handle: year.plan,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/privacy-notice',
    // The forms show it (Apps Script builds the consent item from the plan); administrators read it, and an earlier
    // version by `?version=`. Members read it whole in the registration form, above the consent item.
    access: ['forms', 'admin'],
    plan: true,
    does: 'the processing notice in force (`?version=`: an earlier one of the year)',
    handle: year.privacyNotice,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/members/{memberId}',
    access: 'admin',
    plan: true,
    does: 'the member’s journey',
    handle: year.journey,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/results',
    access: 'admin',
    plan: true,
    does: 'every member’s journey, ranked, and the camp nominations',
    handle: year.results,
  },
  {
    method: 'POST',
    path: '/v1/years/{year}/inbox/known',
    access: 'forms',
    body: { name: '{"kind", "responseIds"}' },
    does: 'which of these form responses are already stored (the reconciler)',
    handle: year.known,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/inbox',
    access: 'admin',
    plan: true,
    listing: INBOX_STATUSES,
    does: 'submissions with their reasons, in pages',
    handle: year.inboxOfYear,
  },
  // The phase.
  {
    method: 'POST',
    path: '/v1/years/{year}/rollover',
    access: 'admin',
    body: { name: '{"editId", "fromYear"}', keptAs: 'rollover' },
    event: 'rollover',
    does: 'creates the year’s plan from an earlier year’s',
    handle: rollover,
  },
  {
    method: 'PUT',
    path: '/v1/years/{year}/units/{unitId}/nominees',
    access: 'queues',
    body: { name: 'Nominations', keptAs: 'nominations' },
    event: 'nominations',
    does: 'a base union’s own nominee list',
    handle: nominees,
  },
  {
    method: 'GET',
    path: '/v1/members/{member}',
    access: 'admin',
    does: 'a member across the phase (member id or e-mail)',
    handle: memberInPhase,
  },
  // The Sheets views.
  {
    method: 'POST',
    path: '/v1/years/{year}/sync',
    needs: 'views',
    access: 'admin',
    event: 'sync',
    does: 'schedules a rebuild of every sheet of the year',
    handle: startSync,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/sync',
    needs: 'views',
    access: 'admin',
    does: 'the year’s last sync run',
    handle: syncRun,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/sheets',
    needs: 'views',
    // The CLI shows the plan and the spreadsheets too.
    access: ['forms', 'admin'],
    does: 'the year’s spreadsheets',
    handle: sheetsOfYear,
  },
  {
    method: 'PUT',
    path: '/v1/years/{year}/sheets',
    needs: 'views',
    access: 'admin',
    body: { name: 'Sheets' },
    event: 'sheets registration',
    does: 'registers spreadsheets created elsewhere (Apps Script `setup()`)',
    handle: registerSheetsOfYear,
  },
  // E-mail.
  {
    method: 'POST',
    path: '/v1/years/{year}/reports/{kind}',
    needs: 'mail',
    access: 'admin',
    body: { name: '{"period"?, "dryRun"?}' },
    event: 'report',
    does: 'queues a report’s e-mails, each once',
    handle: report,
  },
  {
    method: 'GET',
    path: '/v1/years/{year}/mail',
    needs: 'mail',
    access: 'admin',
    plan: true,
    listing: MAIL_STATUSES,
    does: 'the year’s e-mails, in pages',
    handle: mailOfYear,
  },
  // The journey book.
  {
    method: 'GET',
    path: '/v1/years/{year}/members/{member}/book-link',
    access: 'admin',
    does: 'a fresh signed link to the member’s journey book',
    handle: bookLink,
  },
  {
    method: 'POST',
    path: '/v1/years/{year}/members/{member}/book-link/revoke',
    access: 'admin',
    event: 'book links revoked',
    does: 'revokes the member’s links and gives a fresh one',
    handle: revokeBookLink,
  },
  {
    method: 'GET',
    path: '/book/{year}/{memberId}',
    access: 'book_token',
    does: 'the member’s printable journey book (HTML; `?t=` the link’s token)',
    handle: (request, deps) =>
      bookPage(
        request.ctx,
        deps.secret,
        {
          method: 'GET',
          path: `/book/${request.params.year ?? ''}/${request.params.memberId ?? ''}`,
          query: request.query,
        },
        deps.log,
      ),
  },
  // A member's personal data (API.md "Personal data"; docs/http-api.md).
  ...PERSONAL_DATA_ROUTES,
  // Callbacks of the platform (Cloud Tasks, Cloud Scheduler); never in API.md.
  {
    method: 'POST',
    path: FLUSH_PATH,
    needs: 'views',
    access: 'internal',
    body: { name: '{"spreadsheet", "full", "syncIds"?}' },
    does: 'writes one spreadsheet’s stored work (Cloud Tasks)',
    handle: flush,
  },
  {
    method: 'POST',
    path: RESUME_PATH,
    needs: 'views',
    access: 'internal',
    event: 'sheets resume',
    does: 'schedules the work stopped instances left (Cloud Scheduler)',
    handle: resume,
  },
  {
    method: 'POST',
    path: MAIL_DRAIN_PATH,
    needs: 'mail',
    access: 'internal',
    does: 'sends what the day’s budget allows (Cloud Tasks)',
    handle: drain,
  },
  {
    method: 'POST',
    path: `${SCHEDULED_REPORTS_PREFIX}{kind}`,
    needs: 'mail',
    access: 'internal',
    event: 'scheduled report',
    does: 'queues a report for the current period (Cloud Scheduler)',
    handle: scheduledReport,
  },
];
