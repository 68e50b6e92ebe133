// Which credential the script sends is the route table's to say (functions/src/http/routes.ts, `access`): the script
// signs what the signature opens (`forms`, `queues`) and sends the running account's Google identity for the rest.
import { describe, expect, it } from 'vitest';
import { isAdminRoute } from '../../apps-script/src/route-credentials';
import { rolesOf } from '../../functions/src/http/access';
import { ROUTES } from '../../functions/src/http/routes';
import { isAdminRoute as standInIsAdminRoute } from './fakes/journey-server';

/** A path the route matches: each `{parameter}` filled with a value it takes. */
const sample = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'year' ? '2019' : name === 'kind' ? 'digest' : 'x1'));

describe('the script’s credential per route', () => {
  const routes = ROUTES.filter((route) => rolesOf(route.access).length > 0 && !route.path.startsWith('/v1/internal/'));

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: signed when the signature opens it, else the Google identity',
    (_name, route) => {
      const signed = rolesOf(route.access).some((role) => role === 'forms' || role === 'queues');
      expect(isAdminRoute(route.method, sample(route.path))).toBe(!signed);
      expect(standInIsAdminRoute(route.method, sample(route.path))).toBe(!signed);
    },
  );
});
