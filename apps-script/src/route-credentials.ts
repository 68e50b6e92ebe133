// Which credential each route the script calls needs (API.md "Roles"). The function's route table
// (functions/src/http/routes.ts, `access`) is the authority; test/apps-script/route-roles.test.ts holds this to it.
// Free of Apps Script's services, so the test can load it.
export type HttpMethod = 'GET' | 'POST' | 'PUT';

/**
 * The routes the script calls that the signature opens (API.md "Roles": `forms` — registrations, evidence,
 * `inbox/known`, reading the plan, its processing notice and the sheets map; `queues` — evaluations, a unit's nominee
 * list). Every other route is `admin`: here registering the spreadsheets, the re-sync and the rollover.
 */
const SIGNED_ROUTES: ReadonlyArray<readonly [HttpMethod, RegExp]> = [
  ['POST', /^\/v1\/(registrations|evidence|evaluations)$/],
  ['POST', /^\/v1\/years\/\d{4}\/inbox\/known$/],
  ['GET', /^\/v1\/years\/\d{4}\/(config|sheets|privacy-notice)$/],
  ['PUT', /^\/v1\/years\/\d{4}\/units\/[^/]+\/nominees$/],
];

/** True for a route that needs the `admin` role, which only a Google identity carries in production. */
export function isAdminRoute(method: string, path: string): boolean {
  const pathname = path.split('?')[0] ?? path;
  return !SIGNED_ROUTES.some(([m, pattern]) => m === method && pattern.test(pathname));
}
