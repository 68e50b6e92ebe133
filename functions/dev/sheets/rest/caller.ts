// Who is calling: the stand-in takes the bearer token as the caller's e-mail, since it checks no signatures.
import type { IncomingMessage } from 'node:http';

/** The caller when a request carries no Authorization header (the local stack's function sends none). */
export const DEFAULT_USER = 'local-user@stand-in.local';

/**
 * The user a request acts as. In production the token is an OAuth access token Google maps to the
 * service account; here a test sends `Authorization: Bearer evaluator@example.org` to act as that user.
 * @example callerOf({ headers: { authorization: 'Bearer sa@p.iam.gserviceaccount.com' } }, DEFAULT_USER) // 'sa@p.iam.gserviceaccount.com'
 */
export function callerOf(req: Pick<IncomingMessage, 'headers'>, defaultUser: string): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? defaultUser;
}
