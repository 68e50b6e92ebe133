// The route table is the one list of routes: docs/http-routes.md is generated from it, and every route is declared once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../functions/src/model';
import { rolesOf } from '../../functions/src/http/access';
import { routeList } from '../../functions/src/http/route-list';
import { ROUTES } from '../../functions/src/http/routes';

const DOC = fileURLToPath(new URL('../../docs/http-routes.md', import.meta.url));

describe('the route table', () => {
  it('is what docs/http-routes.md lists (run `npm run docs:routes` after changing the table)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(routeList());
  });

  it('lists every route of the function once, each with who may call it', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /v1/registrations',
        'GET /v1/years/{year}/inbox',
        'GET /v1/years/{year}/mail',
        'POST /v1/internal/mail/drain',
        'GET /healthz',
      ]),
    );
    // Issue 24's roles (API.md "Roles"): the forms' and the queues' routes, the rest admin, callbacks internal.
    const byAccess = (role: Role) =>
      ROUTES.filter((r) => rolesOf(r.access).includes(role)).map((r) => `${r.method} ${r.path}`);
    expect(byAccess('forms')).toEqual([
      'POST /v1/registrations',
      'POST /v1/evidence',
      'GET /v1/years/{year}/config',
      'GET /v1/years/{year}/privacy-notice',
      'POST /v1/years/{year}/inbox/known',
      'GET /v1/years/{year}/sheets',
    ]);
    expect(byAccess('queues')).toEqual(['POST /v1/evaluations', 'PUT /v1/years/{year}/units/{unitId}/nominees']);
    // The administrators' CLI shows the plan and the spreadsheets too, and they read the processing notice (an earlier
    // one by version); every other route is admin's alone.
    const opened = ROUTES.filter((r) => rolesOf(r.access).length > 0);
    expect(
      opened.filter((r) => rolesOf(r.access).includes('admin') && rolesOf(r.access).length > 1).map((r) => r.path),
    ).toEqual(['/v1/years/{year}/config', '/v1/years/{year}/privacy-notice', '/v1/years/{year}/sheets']);
    expect(ROUTES.filter((r) => r.path.startsWith('/v1/internal/')).every((r) => r.access === 'internal')).toBe(true);
  });

  it('reads every listing the same way (API.md "Listings")', () => {
    const listings = ROUTES.filter((r) => r.listing);
    expect(listings.map((r) => r.path).sort()).toEqual([
      '/v1/members/{member}/access-log',
      '/v1/years/{year}/inbox',
      '/v1/years/{year}/mail',
    ]);
    expect(listings.every((r) => r.method === 'GET')).toBe(true);
    // A year's listings need its plan; a member's access log spans the phase.
    expect(listings.filter((r) => r.path.startsWith('/v1/years/')).every((r) => r.plan === true)).toBe(true);
  });
});
