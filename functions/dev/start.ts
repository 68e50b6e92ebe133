// `npm start`: the whole system on one machine — embedded Firestore, the journey function, local stand-ins, demo year.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { join, resolve } from 'node:path';
import { createFirestoreStore } from '../src/adapters/firestore/store';
import { createFirestoreMailStore } from '../src/adapters/firestore/mail-store';
import { DEFAULT_SENDER_NAME } from '../src/app/mail/context';
import { defaultDailyBudget } from '../src/domain/mail';
import { createSheetsClient, DEFAULT_PACE } from '../src/adapters/sheets';
import { composeJourney } from '../src/compose';
import { parseSettings } from '../src/settings';
import { createJourneyClient, LOCAL_SECRET } from './client';
import { seedDemoYear } from './demo/seed';
import { seedDemoPhase } from './demo/phase';
import { sendDemoReports } from './demo/reports';
import { startDurableFirestore } from './durable-firestore';
import { StartError } from './start-error';
import { requestGate } from './request-gate';
import { BASE_PATH, createSheetsStandIn, type SheetsStandIn } from './sheets';
import { OUTBOX_FOLDER, outboxFolderMailer } from './outbox/folder-mailer';
import { createOutboxPages, OUTBOX_PATH } from './outbox/pages';

/** How often the journal is folded into a fresh snapshot (only when something was committed). */
const CHECKPOINT_EVERY_MS = 30_000;
/** On SIGTERM: how long requests in flight may take, then how long pending sheet writes may (they resume at start). */
const IN_FLIGHT_GRACE_MS = 5_000;
const SHEETS_GRACE_MS = 2_000;

interface LocalOptions {
  port: number;
  dataDir: string;
  secret: string;
  demo: boolean;
  /** Sheets write requests a minute (JOURNEY_SHEETS_WRITES_PER_MINUTE), as in production. */
  sheetsWritesPerMinute: number;
  /** JOURNEY_PUBLIC_URL: the base of journey-book links; this stack's own URL when unset. */
  publicUrl?: string | undefined;
  /** JOURNEY_MAIL_DAILY_BUDGET: messages a day written to the outbox folder (as the production budget would send). */
  mailDailyBudget?: number;
}

function localOptions(env: NodeJS.ProcessEnv): LocalOptions {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT ?? ''}"`);
  return {
    port,
    dataDir: resolve(env.JOURNEY_DATA_DIR ?? '.data'),
    secret: env.JOURNEY_SHARED_SECRET ?? LOCAL_SECRET,
    demo: env.JOURNEY_DEMO !== '0',
    sheetsWritesPerMinute: parseSettings({
      JOURNEY_SHARED_SECRET: LOCAL_SECRET,
      JOURNEY_SHEETS_WRITES_PER_MINUTE: env.JOURNEY_SHEETS_WRITES_PER_MINUTE,
    }).sheetsWritesPerMinute,
    publicUrl: env.JOURNEY_PUBLIC_URL?.trim() || undefined,
    mailDailyBudget:
      parseSettings({ JOURNEY_SHARED_SECRET: LOCAL_SECRET, JOURNEY_MAIL_DAILY_BUDGET: env.JOURNEY_MAIL_DAILY_BUDGET })
        .mail.dailyBudget ?? defaultDailyBudget('workspace'),
  };
}

export interface LocalStack {
  url: string;
  secret: string;
  sheets: SheetsStandIn;
  /** Waits until the demo seed (if any) and every pending spreadsheet write have landed. */
  idle(): Promise<void>;
  seeding: Promise<void>;
  /** Where the outbox's .eml files are written. */
  outboxFolder: string;
  save(): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((ready, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      failed(
        error.code === 'EADDRINUSE'
          ? new StartError(`Cổng ${String(port)} đang được dùng: hãy dừng chương trình kia hoặc đặt PORT khác.`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', ready);
  });
}

/** Starts everything; used by `npm start` and by tests of the local stack. */
export async function startLocalStack(
  options: LocalOptions,
  log: (line: string) => void = console.log,
): Promise<LocalStack> {
  // As on Cloud Functions: express then answers a body its JSON parser rejects without a stack trace.
  process.env.NODE_ENV ??= 'production';
  const firestore = await startDurableFirestore({
    dataDir: options.dataDir,
    onJournalFailure: (error) => {
      // Like a database whose disk fails: acknowledging more would promise what is not kept.
      log(
        `Không ghi được nhật ký dữ liệu vào ${options.dataDir} (${String(error)}). Dừng ngay để không xác nhận điều chưa lưu được.`,
      );
      process.exit(1);
    },
  });
  const { recovered } = firestore;
  if (recovered.documents > 0) log(`Đã khôi phục ${recovered.documents} bản ghi từ ${options.dataDir}`);
  if (recovered.journalEntries > 0)
    log(`Lần chạy trước đã dừng đột ngột: đã áp dụng lại ${recovered.journalEntries} lần ghi từ nhật ký.`);

  const store = createFirestoreStore(firestore.db);
  // The port is known only once listening; the stand-in and the Sheets client are built right after.
  const mounted: { sheets?: SheetsStandIn } = {};
  const serveSheets = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!mounted.sheets || !(path === BASE_PATH || path.startsWith(`${BASE_PATH}/`))) return false;
    void mounted.sheets.handle(req, res, path.slice(BASE_PATH.length));
    return true;
  };
  const outboxFolder = join(options.dataDir, OUTBOX_FOLDER);
  const outboxPages = createOutboxPages(outboxFolder);
  const serveOutbox = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!(path === OUTBOX_PATH || path.startsWith(`${OUTBOX_PATH}/`))) return false;
    void outboxPages(req, res, path.slice(OUTBOX_PATH.length));
    return true;
  };
  // What people and callers reach: the journey function, and the stand-ins' pages.
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!serveSheets(req, res) && !serveOutbox(req, res) && gate.admit(res)) journey.emit('request', req, res);
  });
  const gate = requestGate(server);
  // Idle connections stay open a minute, as Google's front ends keep them: a caller that pauses between calls (Apps Script
  // in a long setup()) must not reuse a socket the server has just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The function's own Sheets client gets a listener of its own, so its last writes still land while stopping.
  const sheetsServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!serveSheets(req, res)) res.writeHead(404).end();
  });
  try {
    await listen(sheetsServer, 0);
    // Last, and followed by synchronous code only: no request can arrive before `journey` is set below.
    await listen(server, options.port);
  } catch (error) {
    sheetsServer.close();
    await firestore.stop();
    throw error;
  }
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const sheets = createSheetsStandIn({ dataDir: options.dataDir, publicUrl: url });
  mounted.sheets = sheets;
  const { handler, views, ctx } = composeJourney({
    store,
    sheets: createSheetsClient({
      rootUrl: `http://127.0.0.1:${String((sheetsServer.address() as AddressInfo).port)}${BASE_PATH}/`,
    }),
    secret: options.secret,
    // Journey-book links open on this machine unless JOURNEY_PUBLIC_URL names another address (e.g. a tunnel).
    publicUrl: options.publicUrl ?? url,
    autoCreateSheets: true,
    // The production pace (the stand-in enforces Google's 60 writes a minute, as Google does).
    sheetsPace: { ...DEFAULT_PACE, writesPerMinute: options.sheetsWritesPerMinute },
    // E-mails are written to the outbox folder instead of sent, within the same daily budget as production.
    mail: {
      store: createFirestoreMailStore(firestore.db),
      mailer: outboxFolderMailer(outboxFolder),
      sender: { name: DEFAULT_SENDER_NAME, address: 'btv.doankhoi@example.vn' },
      dailyBudget: options.mailDailyBudget ?? defaultDailyBudget('workspace'),
    },
  });
  functions.http('journey', handler);
  const journey = getTestServer('journey');
  // Rows a previous run stored as changed but had not yet written to the sheets.
  const resumed = await views.resume();
  // E-mails a previous run queued but had not written yet.
  await ctx.mail?.scheduler.request();
  if (resumed > 0) log(`Đang ghi tiếp các thay đổi chưa kịp cập nhật vào ${resumed} bảng tính.`);
  if (recovered.journalEntries > 0) {
    // The stand-in saves its sheets a moment after each write, so a crash may lose the last ones; they are views of
    // Firestore, rebuilt in the background.
    const years = firestore.documentIds('years').map(Number).filter(Number.isInteger);
    for (const year of years) {
      views.requestSync(year).catch((error: unknown) => {
        log(`Không dựng lại được bảng tính năm ${year}: ${String(error)}`);
      });
    }
    if (years.length > 0) log(`Đang dựng lại bảng tính của năm ${years.join(', ')} từ dữ liệu gốc.`);
  }

  async function save(): Promise<void> {
    await firestore.checkpoint();
    await sheets.flush();
  }
  const timer = setInterval(() => {
    save().catch((error: unknown) => {
      log(`Không lưu được trạng thái: ${String(error)}`);
    });
  }, CHECKPOINT_EVERY_MS);
  timer.unref();

  // The demo year is seeded in the background through the same signed HTTP path as real callers,
  // so the server answers at once and the spreadsheets fill while the person watches.
  const seeding =
    options.demo && !(await store.getYear(2019))
      ? (async () => {
          log('Đang tạo dữ liệu mẫu năm 2019 qua API (khoảng nửa phút)…');
          const client = createJourneyClient(url, options.secret, 'demo');
          const summary = await seedDemoYear(client);
          log(summary);
          // The phase around it: the short 2018, 2020 rolled over from 2019 and in progress.
          const phase = await seedDemoPhase(client);
          await views.sync(2019);
          // Their masters' snapshots (Đề cử hội trại, Giai đoạn); every other tab followed each submission already.
          for (const year of [2018, 2020]) await views.flush({ kind: 'master', year }, { full: true });
          await save();
          log(phase);
          // One e-mail of each kind in the local outbox, after the phase so the phase summary spans its years.
          log(await sendDemoReports(client));
          await save();
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
      await ctx.mail?.scheduler.idle();
    },
    seeding,
    outboxFolder,
    save,
    async stop() {
      clearInterval(timer);
      // Every answer already sent is on disk (the journal); what remains is to answer what is in flight.
      if (!(await gate.close(IN_FLIGHT_GRACE_MS)))
        log('Một số yêu cầu chưa xong khi hết thời gian chờ; chúng không được xác nhận.');
      // A Sheets outage must not keep the process from stopping: the sheets are views, re-sync rebuilds them.
      await Promise.race([
        Promise.all([views.idle(), ctx.mail?.scheduler.idle()]),
        new Promise((resolve) => setTimeout(resolve, SHEETS_GRACE_MS)),
      ]);
      // The outbox's drain ends after its current message (the rest stays stored) before Firestore stops under it.
      await ctx.mail?.scheduler.stop?.();
      gate.destroy();
      sheetsServer.close();
      sheetsServer.closeAllConnections();
      await save();
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
  Hộp thư đi (cục bộ): ${stack.url}${OUTBOX_PATH}/
  Công cụ dòng lệnh:  npm run journey -- results 2020
Nhấn Ctrl+C để dừng (trạng thái được lưu lại).`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      // Safe: everything already answered is in the journal and replays at the next start.
      console.log(`Đã nhận ${signal} lần nữa: dừng ngay.`);
      process.exit(1);
    }
    stopping = true;
    console.log(
      `\nĐã nhận ${signal}: ngừng nhận yêu cầu mới, hoàn tất các yêu cầu đang xử lý, lưu trạng thái rồi dừng…`,
    );
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
    // Data the operator can fix gets its message alone; anything else keeps its stack for a bug report.
    console.error(error instanceof StartError ? `Không khởi động được: ${error.message}` : error);
    process.exit(1);
  });
}
