// Serves the Sheets stand-in alone on 127.0.0.1 under /_local/sheets/, for tests (port 0 picks a free port).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_PATH } from './router';
import { createSheetsStandIn, type SheetsStandIn, type SheetsStandInOptions } from '../stand-in';

/**
 * googleapis-common keeps only the origin of a rootUrl given to the constructor, so a bare
 * `sheets({ rootUrl })` client calls /v4/… here; this answer says how to fix it.
 */
const MISSING_PREFIX = {
  error: {
    code: 404,
    message: `Not found: the Sheets stand-in lives under ${BASE_PATH}/. @googleapis/sheets drops the path of a constructor rootUrl; pass { rootUrl } per call too (the Sheets adapter does).`,
    status: 'NOT_FOUND',
  },
};

export interface RunningSheetsStandIn {
  /** The client's rootUrl, with its trailing slash: http://127.0.0.1:PORT/_local/sheets/ */
  url: string;
  standIn: SheetsStandIn;
  /** Saves, drops open connections and stops listening. */
  close(): Promise<void>;
}

export async function startSheetsStandIn(
  options: SheetsStandInOptions & { port?: number } = {},
): Promise<RunningSheetsStandIn> {
  // The stand-in needs the port for its links, and the port comes from listening: fill it in after.
  const mounted: { standIn?: SheetsStandIn } = {};
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const standIn = mounted.standIn;
    if (!standIn || !(path === BASE_PATH || path.startsWith(`${BASE_PATH}/`))) {
      res.writeHead(404, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(MISSING_PREFIX));
      return;
    }
    void standIn.handle(req, res, path.slice(BASE_PATH.length));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const running = createSheetsStandIn({ ...options, publicUrl: options.publicUrl ?? origin });
  mounted.standIn = running;
  return {
    url: `${origin}${BASE_PATH}/`,
    standIn: running,
    close: async () => {
      await running.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
}
