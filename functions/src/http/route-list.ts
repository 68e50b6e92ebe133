// The route list of docs/http-routes.md, written from the route table so the two cannot drift (test/unit/http-routes.test.ts).
import type { Route } from './route';
import { MAX_BODY_BYTES, ROUTES } from './routes';

type AccessName = Exclude<Route['access'], readonly string[]>;

const ACCESS: Readonly<Record<AccessName, string>> = {
  public: 'anyone',
  book_token: 'the journey book’s link token (`?t=`), no signature',
  forms:
    'Apps Script’s form triggers: the request signature (the shared secret, which carries `forms` and `queues` in production)',
  queues: 'Apps Script’s queue triggers: the request signature, as `forms`',
  admin:
    'administrators (CLI, menu actions): `Authorization: Bearer` + the Google ID token of an administrator the deployment lists; the signature opens it only with `npm start`’s local secret',
  internal:
    'the platform’s callbacks: Cloud Tasks, Cloud Scheduler (the invoker’s Google OIDC token; the signature only with the local secret)',
};

const kib = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${String(bytes / (1024 * 1024))} MiB` : `${String(bytes / 1024)} KiB`;

function bodyCell(route: Route): string {
  if (!route.body) return '—';
  const notes = [`≤ ${kib(route.body.maxBytes ?? MAX_BODY_BYTES)}`];
  if (route.body.keptAs) notes.push(`kept in the inbox as \`${route.body.keptAs}\` when not JSON`);
  return `${route.body.name} (${notes.join('; ')})`;
}

function checksCell(route: Route): string {
  const checks: string[] = [];
  if (route.plan) checks.push('the year’s plan (404 `year_not_found` without one)');
  if (route.listing)
    checks.push(
      `listing: \`status\` ∈ ${route.listing.map((s) => `\`${s}\``).join(', ')}, \`limit\`, \`cursor\` (else 400)`,
    );
  if (route.event) checks.push(`logs \`${route.event} {status}\``);
  return checks.join('; ') || '—';
}

/** docs/http-routes.md as the table makes it. */
export function routeList(routes: readonly Route[] = ROUTES): string {
  const rows = routes.map(
    (r) =>
      `| \`${r.method} ${r.path}\` | ${typeof r.access === 'string' ? r.access : r.access.join(' or ')} | ${bodyCell(r)} | ${checksCell(r)} | ${r.does} |`,
  );
  const legend = (Object.keys(ACCESS) as AccessName[]).map((a) => `- \`${a}\`: ${ACCESS[a]}`);
  return [
    '# HTTP routes',
    '',
    'Generated from the route table, `functions/src/http/routes.ts`, by `npm run docs:routes`; `test/unit/http-routes.test.ts`',
    'fails when this file and the table differ. `../shared/API.md` is the contract (bodies, answers); this is every route the',
    'function answers, with who may call it. The router answers 404 `route_not_found` for any other path, 405',
    '`method_not_allowed` for another method on a listed path, 413 for a body over its size, 401 without a valid credential, 403',
    '`forbidden_role` with one that lacks the route’s role, and maps errors to statuses in one place (503 storage or Sheets unavailable, 500 otherwise).',
    '',
    '| route | access | body | checked before the handler, logged after | does |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Access:',
    ...legend,
    '',
  ].join('\n');
}
