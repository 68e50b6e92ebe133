// `npm start`: the whole system on one machine — embedded Firestore, the journey function, local stand-ins, demo year.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../src/adapters/firestore/store';
import { createSheetsClient } from '../src/adapters/sheets';
import { composeJourney } from '../src/compose';
import { createJourneyClient, LOCAL_SECRET } from './client';
import { seedDemoYear } from './demo/seed';
import { startEmbeddedFirestore } from './firestore';
import { exportDocuments, importDocuments, loadSnapshot, saveSnapshot } from './persistence';
import { BASE_PATH, createSheetsStandIn, type SheetsStandIn } from './sheets';

const SAVE_EVERY_MS = 30_000;

interface LocalOptions {
  port: number;
  dataDir: string;
  secret: string;
  demo: boolean;
  /** JOURNEY_PUBLIC_URL: the base of journey-book links; this stack's own URL when unset. */
  publicUrl?: string | undefined;
}

function localOptions(env: NodeJS.ProcessEnv): LocalOptions {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT ?? ''}"`);
  return {
    port,
    dataDir: resolve(env.JOURNEY_DATA_DIR ?? '.data'),
    secret: env.JOURNEY_SHARED_SECRET ?? LOCAL_SECRET,
    demo: env.JOURNEY_DEMO !== '0',
    publicUrl: env.JOURNEY_PUBLIC_URL?.trim() || undefined,
  };
}

export interface LocalStack {
  url: string;
  secret: string;
  sheets: SheetsStandIn;
  /** Waits until the demo seed (if any) and every pending spreadsheet write have landed. */
  idle(): Promise<void>;
  seeding: Promise<void>;
  save(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything; used by `npm start` and by tests of the local stack. */
export async function startLocalStack(options: LocalOptions, log: (line: string) => void = console.log): Promise<LocalStack> {
  // As on Cloud Functions: express then answers a body its JSON parser rejects without a stack trace.
  process.env.NODE_ENV ??= 'production';
  const firestore = await startEmbeddedFirestore();
  const saved = await loadSnapshot(options.dataDir);
  if (saved) log(`Đã khôi phục ${await importDocuments(firestore.db, saved)} bản ghi từ ${options.dataDir}`);

  const store = createFirestoreStore(firestore.db);
  // The port is known only once listening; the stand-in and the Sheets client are built right after.
  const mounted: { sheets?: SheetsStandIn } = {};
  let dirty = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (mounted.sheets && (path === BASE_PATH || path.startsWith(`${BASE_PATH}/`))) {
      void mounted.sheets.handle(req, res, path.slice(BASE_PATH.length));
      return;
    }
    if (req.method !== 'GET') dirty = true;
    journey.emit('request', req, res);
  });
  await new Promise<void>((ready) => server.listen(options.port, '127.0.0.1', ready));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const sheets = createSheetsStandIn({ dataDir: options.dataDir, publicUrl: url });
  mounted.sheets = sheets;
  const { handler, views } = composeJourney({
    store,
    sheets: createSheetsClient({ rootUrl: `${url}${BASE_PATH}/` }),
    secret: options.secret,
    // Journey-book links open on this machine unless JOURNEY_PUBLIC_URL names another address (e.g. a tunnel).
    publicUrl: options.publicUrl ?? url,
    autoCreateSheets: true,
  });
  functions.http('journey', handler);
  const journey = getTestServer('journey');
  // Rows a previous run stored as changed but had not yet written to the sheets.
  const resumed = await views.resume();
  if (resumed > 0) log(`Đang ghi tiếp các thay đổi chưa kịp cập nhật vào ${resumed} bảng tính.`);

  async function save(): Promise<void> {
    await saveSnapshot(options.dataDir, await exportDocuments(firestore.db));
    await sheets.flush();
    dirty = false;
  }
  const timer = setInterval(() => {
    if (dirty) save().catch((error: unknown) => { log(`Không lưu được trạng thái: ${String(error)}`); });
  }, SAVE_EVERY_MS);
  timer.unref();

  // The demo year is seeded in the background through the same signed HTTP path as real callers,
  // so the server answers at once and the spreadsheets fill while the person watches.
  const seeding =
    options.demo && !(await store.getYear(2019))
      ? (async () => {
          log('Đang tạo dữ liệu mẫu năm 2019 qua API (khoảng nửa phút)…');
          const summary = await seedDemoYear(createJourneyClient(url, options.secret, 'demo'));
          await views.sync(2019);
          await save();
          log(summary);
        })().catch((error: unknown) => {
          log(`Không tạo được dữ liệu mẫu: ${String(error)}`);
        })
      : Promise.resolve();

  return {
    url,
    secret: options.secret,
    sheets,
    idle: async () => {
      await seeding;
      await views.idle();
    },
    seeding,
    save,
    async stop() {
      clearInterval(timer);
      // A Sheets outage must not keep the process from stopping: the sheets are views, re-sync rebuilds them.
      await Promise.race([views.idle(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await save();
      await new Promise<void>((done) => server.close(() => { done(); }));
      await firestore.stop();
    },
  };
}

async function main(): Promise<void> {
  const options = localOptions(process.env);
  const stack = await startLocalStack(options);
  console.log(`
Hành trình "Người Cộng sản trẻ" đang chạy tại ${stack.url}
  Kiểm tra:           curl ${stack.url}/healthz
  Khóa ký (cục bộ):   ${stack.secret}
  Dữ liệu lưu tại:    ${options.dataDir}
  Bảng tính (cục bộ):  ${stack.url}${BASE_PATH}/
  Công cụ dòng lệnh:  npm run journey -- results 2019
Nhấn Ctrl+C để dừng (trạng thái được lưu lại).`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nĐã nhận ${signal}, đang lưu trạng thái và dừng…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
