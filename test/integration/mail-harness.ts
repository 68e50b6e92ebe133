// The journey function with its outbox on the embedded stack: emulator, Sheets stand-in, the .eml folder mailer, a clock to move.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import PostalMime, { type Email } from 'postal-mime';
import { createFirestoreMailStore } from '../../functions/src/adapters/firestore/mail-store';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { createSheetsClient } from '../../functions/src/adapters/sheets';
import type { AppContext } from '../../functions/src/app/context';
import { composeJourney } from '../../functions/src/compose';
import { signedHeaders } from '../../functions/src/http/signature';
import type { Mailer, MailScheduler } from '../../functions/src/ports';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';
import { outboxFolderMailer } from '../../functions/dev/outbox/folder-mailer';
import { NO_WRITE_QUOTA, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { SECRET, type Answer } from './harness';

export type { Answer } from './harness';

export interface MailStack {
  url: string;
  ctx: AppContext;
  /** The Sheets views, written in this process: `idle()` waits for their writes. */
  views: SheetsViews;
  firestore: EmbeddedFirestore;
  sheets: RunningSheetsStandIn;
  folder: string;
  /** The function's clock: tests move it (signatures are made with it too). */
  clock: { now: Date };
  /** What the mail service does with a message: `fail` makes every send fail (the service is down). */
  mailer: { fail: Error | null; sent: string[] };
  /** Drain requests the use cases made (the scheduler only records them; tests drain through the route). */
  drainRequests: (Date | undefined)[];
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
  drain(): Promise<Answer>;
  /** The messages written to the outbox folder, parsed back, oldest first. */
  messages(): Promise<{ file: string; raw: Buffer; email: Email }[]>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMailStack(options: { dailyBudget?: number; start?: Date } = {}): Promise<MailStack> {
  const firestore = await startEmbeddedFirestore();
  const sheets = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
  const folder = mkdtempSync(join(tmpdir(), 'journey-outbox-'));
  const clock = { now: options.start ?? new Date() };
  const control = { fail: null as Error | null, sent: [] as string[] };
  const folderMailer = outboxFolderMailer(folder, () => clock.now);
  const mailer: Mailer = {
    async send(message) {
      if (control.fail) throw control.fail;
      control.sent.push(message.id);
      return folderMailer.send(message);
    },
  };
  const drainRequests: (Date | undefined)[] = [];
  const scheduler = (): MailScheduler => ({
    request: (at) => {
      drainRequests.push(at);
      return Promise.resolve();
    },
    idle: () => Promise.resolve(),
  });
  const { handler, ctx, views } = composeJourney({
    store: createFirestoreStore(firestore.db),
    sheets: createSheetsClient({ rootUrl: sheets.url, retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 } }),
    secret: SECRET,
    publicUrl: 'https://journey.example.vn',
    autoCreateSheets: true,
    sheetsIntervalMs: 20,
    sheetsPace: { writesPerMinute: 60_000, maxRequestBytes: 2_000_000 },
    sheetsBackoffMs: 10,
    clock: () => clock.now,
    log: () => undefined,
    mail: {
      store: createFirestoreMailStore(firestore.db),
      mailer,
      sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
      dailyBudget: options.dailyBudget ?? 1600,
      scheduler,
    },
  });
  functions.http('journey', handler);
  const server = getTestServer('journey');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const response = await fetch(url + path, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-journey-caller': 'test',
        ...signedHeaders(SECRET, method, path, raw, clock.now),
      },
      ...(raw === '' ? {} : { body: raw }),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as T, headers: response.headers };
  }

  return {
    url,
    ctx,
    views,
    firestore,
    sheets,
    folder,
    clock,
    mailer: control,
    drainRequests,
    call,
    drain: () => call('POST', '/v1/internal/mail/drain', {}),
    async messages() {
      const files = readdirSync(folder)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(
        files.map(async (file) => {
          const raw = readFileSync(join(folder, file));
          return { file, raw, email: await PostalMime.parse(raw) };
        }),
      );
    },
    async reset() {
      firestore.clear();
      for (const f of readdirSync(folder)) rmSync(join(folder, f), { force: true });
      control.fail = null;
      control.sent.length = 0;
      drainRequests.length = 0;
      await Promise.resolve();
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await sheets.close();
      await firestore.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
