// Wires the use cases, the store, the Sheets views and the routes into the `journey` handler (production and local).
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { SheetsClient } from './adapters/sheets';
import type { AppContext } from './app/context';
import { loadConfig } from './app/year';
import { sheetsRoutes } from './http/sheets-routes';
import { createJourneyFunction } from './journey';
import type { Clock, Store } from './ports';
import { SheetsViews, type ViewsOptions } from './views/sheets-views';

export interface JourneyParts {
  store: Store;
  sheets: SheetsClient;
  secret: string;
  autoCreateSheets: boolean;
  clock?: Clock;
  sheetsIntervalMs?: number;
  sheetsBackoffMs?: number;
  /** Paces the sheet writes; in this process when absent. */
  scheduler?: ViewsOptions['scheduler'];
  log?: (message: string, error?: unknown) => void;
}

export function composeJourney(parts: JourneyParts): { handler: HttpFunction; views: SheetsViews; ctx: AppContext } {
  const ctx: AppContext = { store: parts.store, clock: parts.clock ?? (() => new Date()), views: { workFor: () => [], changed: () => undefined } };
  const views = new SheetsViews({
    store: parts.store,
    sheets: parts.sheets,
    loadConfig: (year) => loadConfig(ctx, year),
    autoCreate: parts.autoCreateSheets,
    ...(parts.sheetsIntervalMs === undefined ? {} : { intervalMs: parts.sheetsIntervalMs }),
    ...(parts.sheetsBackoffMs === undefined ? {} : { backoffMs: parts.sheetsBackoffMs }),
    ...(parts.scheduler ? { scheduler: parts.scheduler } : {}),
    ...(parts.log ? { log: parts.log } : {}),
  });
  ctx.views = views;
  const handler = createJourneyFunction(ctx, {
    secret: parts.secret,
    extraRoutes: [sheetsRoutes(views)],
    ...(parts.log ? { log: parts.log } : {}),
  });
  return { handler, views, ctx };
}
