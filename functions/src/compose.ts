// Wires the store, the Sheets views, the use cases and the routes into the `journey` handler (production and local).
import type { HttpFunction } from '@google-cloud/functions-framework';
import { DEFAULT_PACE, type PaceOptions, type SheetsClient } from './adapters/sheets';
import { committeeBookLinks } from './app/book-links';
import type { AppContext } from './app/context';
import type { MailServices } from './app/mail/context';
import { drainOutbox, type DrainLimits } from './app/mail/drain';
import { createLog, type LogSettings } from './adapters/logging/cloud-logging';
import { createMessageComposer } from './adapters/mail/compose';
import { timerMailScheduler } from './adapters/mail/timer-scheduler';
import { loadConfig } from './app/year';
import type { AccessOptions } from './http/access';
import { createJourneyFunction } from './journey';
import type {
  AdminCheck,
  Clock,
  FlushScheduler,
  FlushSpreadsheet,
  InvokerCheck,
  Mailer,
  MailScheduler,
  MailStore,
  MessageComposer,
  Store,
} from './ports';
import type { Log } from './ports/log';
import { SheetsViews } from './views/sheets-views';

export interface JourneyParts {
  store: Store;
  sheets: SheetsClient;
  secret: string;
  /** Lets Cloud Tasks and Cloud Scheduler in on internal routes by their OIDC identity (production); signature only when absent. */
  invoker?: InvokerCheck | ((log: Log) => InvokerCheck);
  /** The function's address as people reach it, for journey-book links (JOURNEY_PUBLIC_URL). */
  publicUrl?: string | undefined;
  /** Production: the secret carries `forms` and `queues` only, administrators sign in with Google; absent, the secret opens everything (local). */
  access?: Pick<AccessOptions, 'previousSecret' | 'secretRoles' | 'secretHolder'> & {
    admins?: AdminCheck | ((log: Log) => AdminCheck);
  };
  autoCreateSheets: boolean;
  clock?: Clock;
  sheetsIntervalMs?: number;
  sheetsBackoffMs?: number;
  /** One pace for every spreadsheet (writes a minute, request size, its clock); Google's quota less a margin by default. */
  sheetsPace?: PaceOptions;
  /** Stamps sync runs (their start, end, and when their progress was shown); `clock` by default, a virtual one in tests. */
  sheetsClock?: Clock;
  /** Paces the sheet writes; in this process when absent. */
  scheduler?: (flush: FlushSpreadsheet, log: Log) => FlushScheduler;
  /** How the logger writes (production: Cloud Logging's JSON lines); readable lines when absent. */
  logging?: LogSettings;
  /** A logger made elsewhere (tests silence or collect it); the one made from `logging` when absent. */
  log?: Log;
  /** The outbox and who sends it; without it nothing is queued (some tests). */
  mail?: MailParts;
}

export interface MailParts {
  store: MailStore;
  /** Null when no sending account is configured: mail waits in the outbox. */
  mailer: Mailer | null;
  sender: { name: string; address: string };
  dailyBudget: number;
  /** Drains the outbox; in this process (a timer) when absent. */
  scheduler?: (drain: (signal?: AbortSignal) => Promise<void>, log: Log) => MailScheduler;
  composer?: MessageComposer;
  drainLimits?: DrainLimits;
}

/** Each piece is built once, in dependency order: the views from the store, then the use cases' context, then the routes. */
export function composeJourney(parts: JourneyParts): {
  handler: HttpFunction;
  views: SheetsViews;
  ctx: AppContext;
  log: Log;
} {
  const { store } = parts;
  const log = parts.log ?? createLog(parts.logging ?? { format: 'text' });
  const clock = parts.clock ?? (() => new Date());
  const views = new SheetsViews({
    store,
    sheets: parts.sheets,
    pace: parts.sheetsPace ?? DEFAULT_PACE,
    clock: parts.sheetsClock ?? clock,
    bookLinks: committeeBookLinks({ store, clock }, { secret: parts.secret, publicUrl: parts.publicUrl }),
    loadConfig: (year) => loadConfig({ store }, year),
    autoCreate: parts.autoCreateSheets,
    ...(parts.sheetsIntervalMs === undefined ? {} : { intervalMs: parts.sheetsIntervalMs }),
    ...(parts.sheetsBackoffMs === undefined ? {} : { backoffMs: parts.sheetsBackoffMs }),
    ...(parts.scheduler ? { scheduler: parts.scheduler } : {}),
    log,
    ...(parts.mail ? { mail: { store: parts.mail.store, dailyBudget: parts.mail.dailyBudget } } : {}),
  });
  const ctx: AppContext = { store, clock, views };
  if (parts.mail) {
    const m = parts.mail;
    if (!m.mailer)
      log({
        severity: 'WARNING',
        message: 'mail: no sending account configured; every e-mail stays queued in the outbox',
      });
    const services: MailServices = {
      store: m.store,
      composer: m.composer ?? createMessageComposer(),
      mailer: m.mailer,
      // Set just below: the scheduler's drain needs the services it belongs to.
      scheduler: { request: () => Promise.resolve(), idle: () => Promise.resolve() },
      sender: m.sender,
      dailyBudget: m.dailyBudget,
      links: { secret: parts.secret, publicUrl: parts.publicUrl },
      sheets: (year) => views.list(year),
      outboxChanged: (year) => views.changed({ kind: 'mail', year }),
      log,
    };
    const drain = async (signal?: AbortSignal): Promise<void> => {
      await drainOutbox(services, clock, m.drainLimits, signal);
    };
    services.scheduler = m.scheduler ? m.scheduler(drain, log) : timerMailScheduler(drain, log, clock);
    ctx.mail = services;
  }
  const handler = createJourneyFunction(ctx, {
    secret: parts.secret,
    ...(parts.invoker ? { invoker: typeof parts.invoker === 'function' ? parts.invoker(log) : parts.invoker } : {}),
    ...(parts.access
      ? {
          access: {
            ...parts.access,
            admins: typeof parts.access.admins === 'function' ? parts.access.admins(log) : parts.access.admins,
          },
        }
      : {}),
    publicUrl: parts.publicUrl,
    views,
    log,
  });
  return { handler, views, ctx, log };
}
