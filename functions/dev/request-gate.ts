// Stopping the local HTTP server without breaking a promise: no new requests, in-flight ones answered, connections closed.
import type { Server, ServerResponse } from 'node:http';

/** API.md's answer shape; 503 means nothing was stored and the caller sends again later, as for storage_unavailable. */
const SHUTTING_DOWN = JSON.stringify({
  status: 'refused',
  id: null,
  errors: [
    {
      field: '',
      code: 'shutting_down',
      message: 'Hệ thống đang tạm dừng. Chưa có gì được ghi nhận; vui lòng gửi lại sau ít phút.',
    },
  ],
});

export interface RequestGate {
  /** Counts the request as in flight; once closing, answers 503 `shutting_down` itself and returns false. */
  admit(res: ServerResponse): boolean;
  /**
   * Stops listening, ends idle keep-alive connections and waits up to `graceMs` for the requests in flight.
   * Resolves true when every one of them was answered.
   */
  close(graceMs: number): Promise<boolean>;
  /** Ends every connection left (the answers sent on them are complete). */
  destroy(): void;
}

export function requestGate(server: Server): RequestGate {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  let allAnswered: (() => void) | undefined;

  const settled = (res: ServerResponse): void => {
    inFlight.delete(res);
    if (!closing) return;
    // The connection turns idle only after this event; then it is ended rather than kept alive.
    setImmediate(() => {
      server.closeIdleConnections();
    });
    if (inFlight.size === 0) allAnswered?.();
  };

  return {
    admit(res) {
      if (closing) {
        res.writeHead(503, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(SHUTTING_DOWN),
          connection: 'close',
          'retry-after': '10',
        });
        res.end(SHUTTING_DOWN);
        return false;
      }
      inFlight.add(res);
      res.once('close', () => {
        settled(res);
      });
      return true;
    },

    async close(graceMs) {
      closing = true;
      server.close();
      // Answers not yet started close their connection behind them instead of keeping it alive.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      server.closeIdleConnections();
      if (inFlight.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const answered = await Promise.race([
        new Promise<true>((resolve) => {
          allAnswered = () => {
            resolve(true);
          };
        }),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => {
            resolve(false);
          }, graceMs);
        }),
      ]);
      clearTimeout(timer);
      return answered;
    },

    destroy() {
      server.closeAllConnections();
    },
  };
}
