// Who called: the platform's own callbacks.

/**
 * Tells whether a request was sent by the platform on the function's own behalf (Cloud Tasks, Cloud Scheduler),
 * from its `Authorization` header: such callbacks carry an identity minted when they are sent, not a signature made
 * when they were scheduled.
 */
export interface InvokerCheck {
  isInvoker(authorization: string | undefined): Promise<boolean>;
}
