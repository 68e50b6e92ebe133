// Who called: the platform's own callbacks, and administrators by their Google identity.

/**
 * Tells whether a request was sent by the platform on the function's own behalf (Cloud Tasks, Cloud Scheduler),
 * from its `Authorization` header: such callbacks carry an identity minted when they are sent, not a signature made
 * when they were scheduled.
 */
export interface InvokerCheck {
  isInvoker(authorization: string | undefined): Promise<boolean>;
}

/** Who an `Authorization: Bearer <Google ID token>` names, once verified; why not when it cannot be trusted or checked. */
export type AdminIdentity =
  { kind: 'admin'; email: string } | { kind: 'unlisted' } | { kind: 'invalid' } | { kind: 'unavailable' };

/** Verifies an administrator's Google ID token: signature, issuer, audience, lifetime, e-mail verified and listed. */
export interface AdminCheck {
  identify(authorization: string | undefined): Promise<AdminIdentity>;
}
