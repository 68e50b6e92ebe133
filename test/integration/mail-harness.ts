// The journey function with its outbox on the embedded stack: emulator, Sheets stand-in, the .eml folder mailer, a clock to move.
import { captureLog } from '../log-check/capture';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import PostalMime, { type Email } from 'postal-mime';
import type { AppContext } from '../../functions/src/app/context';
import type { Mailer, MailScheduler } from '../../functions/src/ports';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import type { EmbeddedFirestore } from '../../functions/dev/firestore';
import { outboxFolderMailer } from '../../functions/dev/outbox/folder-mailer';
import { NO_WRITE_QUOTA, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import { startJourneyStack } from '../../functions/dev/stack';
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

/** The views as the mail tests run them: the Sheets stand-in without Google's write quota, short pauses. */
export const FAST_VIEWS = {
  standIn: { limits: NO_WRITE_QUOTA },
  retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 },
  autoCreateSheets: true,
  sheetsIntervalMs: 20,
  sheetsPace: { writesPerMinute: 60_000, maxRequestBytes: 2_000_000 },
  sheetsBackoffMs: 10,
};

export async function startMailStack(options: { dailyBudget?: number; start?: Date } = {}): Promise<MailStack> {
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
  const stack = await startJourneyStack({
    secret: SECRET,
    publicUrl: 'https://journey.example.vn',
    clock: () => clock.now,
    log: captureLog,
    views: {
      ...FAST_VIEWS,
      mail: {
        mailer,
        sender: { name: 'Ban Thường vụ Đoàn Khối', address: 'btv.doankhoi@example.vn' },
        dailyBudget: options.dailyBudget ?? 1600,
        scheduler,
      },
    },
  });
  const { url, ctx, firestore } = stack;

  async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const answer = await stack.send<T>(method, path, body);
    return { ...answer, headers: answer.headers ?? new Headers() };
  }

  return {
    url,
    ctx,
    views: stack.views ?? expect.fail('the views are composed'),
    firestore,
    sheets: stack.sheets ?? expect.fail('the Sheets stand-in runs'),
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
      await stack.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
