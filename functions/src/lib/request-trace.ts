// The trace of the request being answered, kept for everything that runs on its behalf (Node's AsyncLocalStorage), so
// a line logged deep in the views or the outbox still names the request Cloud Logging groups it under.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestTrace {
  /** 32 hex digits. */
  traceId: string;
  spanId?: string;
  sampled?: boolean;
}

const current = new AsyncLocalStorage<RequestTrace>();

/** Runs `work` with `trace` as the current request's trace (none: as it is). */
export function withTrace<T>(trace: RequestTrace | undefined, work: () => T): T {
  return trace ? current.run(trace, work) : work();
}

export function currentTrace(): RequestTrace | undefined {
  return current.getStore();
}

/**
 * The trace a request carries: W3C `traceparent` (`00-TRACE-SPAN-FLAGS`) or Google's `X-Cloud-Trace-Context`
 * (`TRACE/SPAN;o=1`, the span in decimal), the first that reads; Cloud Run sets both.
 */
export function traceOfHeaders(
  traceparent: string | undefined,
  cloudTraceContext: string | undefined,
): RequestTrace | undefined {
  const w3c = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/.exec(traceparent?.trim() ?? '');
  if (w3c?.[1] && w3c[2] && w3c[3] && !/^0+$/.test(w3c[1])) {
    return { traceId: w3c[1], spanId: w3c[2], sampled: (Number.parseInt(w3c[3], 16) & 1) === 1 };
  }
  const google = /^([\da-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/i.exec(cloudTraceContext?.trim() ?? '');
  if (google?.[1] && !/^0+$/.test(google[1])) {
    const span = google[2] ? BigInt(google[2]).toString(16).padStart(16, '0') : '';
    return {
      traceId: google[1].toLowerCase(),
      ...(span.length === 16 && !/^0+$/.test(span) ? { spanId: span } : {}),
      ...(google[3] ? { sampled: google[3] === '1' } : {}),
    };
  }
  return undefined;
}
