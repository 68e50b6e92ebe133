// Whether a request's credential opens its route (API.md "Signing" and "Roles"). The route table says which role each
// route needs (routes.ts, `access`); this checks the credential against it, once, for the router: the shared secret
// (and, while a rotation is under way, the one it replaces), an administrator's Google ID token, the invoker's token.
import { ROLES, type Role } from '../model';
import type { AdminCheck, Clock, InvokerCheck } from '../ports';
import { forbiddenRole, transportError, type HttpAnswer } from './answers';
import type { Access } from './route';
import { verifySignature } from './signature';

/** How the audit names callers that are not a person. */
export const SECRET_HOLDER = 'Apps Script triggers';
export const INVOKER_IDENTITY = 'Cloud Tasks';
export const LOCAL_SECRET_HOLDER = 'local secret';

export interface AccessOptions {
  secret: string;
  /** The secret being retired while a rotation is under way: it signs as the current one does, until it is unset. */
  previousSecret?: string | undefined;
  /** The roles a valid signature carries: `forms` and `queues` in production; every role when absent (locally). */
  secretRoles?: readonly Role[];
  /** Who holds the secret, as the audit names them. */
  secretHolder?: string;
  /** Lets Cloud Tasks and Cloud Scheduler in on internal routes by their OIDC identity. */
  invoker?: InvokerCheck | undefined;
  /** Lets listed administrators in on `admin` routes by their Google ID token; without it no token opens anything. */
  admins?: AdminCheck | undefined;
}

export interface AccessRequest {
  /** What the route needs, from the route table. */
  access: Access;
  method: string;
  /** The path with its query string, as signed. */
  url: string;
  raw: string;
  header: (name: string) => string | undefined;
}

/** The caller as the use cases and the audit see them: the role the route was opened with and who holds it. */
export type AccessDecision = { ok: true; role: Role | null; identity: string } | { ok: false; answer: HttpAnswer };

/** The roles that open a route; none for the public routes and the journey book (its link's token is the key). */
export function rolesOf(access: Access): readonly Role[] {
  if (access === 'public' || access === 'book_token') return [];
  return typeof access === 'string' ? [access] : access;
}

export function accessCheck(options: AccessOptions, clock: Clock): (request: AccessRequest) => Promise<AccessDecision> {
  const secretRoles = options.secretRoles ?? ROLES;
  const secretHolder = options.secretHolder ?? (options.secretRoles ? SECRET_HOLDER : LOCAL_SECRET_HOLDER);
  const secrets = [options.secret, ...(options.previousSecret ? [options.previousSecret] : [])];

  return async function check(request) {
    if (request.access === 'public' || request.access === 'book_token') {
      return { ok: true, role: null, identity: 'anyone' };
    }
    const needed = rolesOf(request.access);
    const parts = {
      timestamp: request.header('x-journey-timestamp'),
      signature: request.header('x-journey-signature'),
      method: request.method,
      path: request.url,
      body: request.raw,
    };
    const now = clock();
    const signed = secrets.some((secret) => verifySignature(secret, parts, now).ok);
    const bySecret = signed ? needed.find((role) => secretRoles.includes(role)) : undefined;
    if (bySecret) return { ok: true, role: bySecret, identity: secretHolder };

    // A signature without the route's role and no other credential: the caller is known, the role is not theirs.
    const authorization = request.header('authorization');
    if (authorization === undefined) {
      return { ok: false, answer: signed ? forbiddenRole(needed) : transportError(401, 'unauthorized') };
    }
    // An internal callback's identity is minted when the platform sends it: a task dispatched late still gets in.
    if (needed.includes('internal') && options.invoker && (await options.invoker.isInvoker(authorization))) {
      return { ok: true, role: 'internal', identity: INVOKER_IDENTITY };
    }
    if (!options.admins) {
      return { ok: false, answer: signed ? forbiddenRole(needed) : transportError(401, 'unauthorized') };
    }
    const admin = await options.admins.identify(authorization);
    switch (admin.kind) {
      case 'admin':
        return needed.includes('admin')
          ? { ok: true, role: 'admin', identity: admin.email }
          : { ok: false, answer: forbiddenRole(needed) };
      case 'unlisted':
        return { ok: false, answer: forbiddenRole(needed, 'not_listed') };
      case 'unavailable':
        return { ok: false, answer: transportError(503, 'identity_unavailable', 'authorization') };
      case 'invalid':
        if (signed) return { ok: false, answer: forbiddenRole(needed) };
        return {
          ok: false,
          answer: needed.includes('admin')
            ? transportError(401, 'invalid_identity', 'authorization')
            : transportError(401, 'unauthorized'),
        };
    }
  };
}
