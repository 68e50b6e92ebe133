// The journey function with its Sheets views on the embedded stack: emulator, Sheets stand-in, real Sheets client.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { createSheetsClient, type SheetsClient } from '../../functions/src/adapters/sheets';
import { composeJourney, type JourneyParts } from '../../functions/src/compose';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import { SYNC_LINE_COLUMN } from '../../functions/src/views/tabs';
import type { Store } from '../../functions/src/ports';
import { createJourneyClient, type JourneySend } from '../../functions/dev/client';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';
import { NO_WRITE_QUOTA, startSheetsStandIn, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import type { CellValue, SpreadsheetModel } from '../../functions/dev/sheets';
import { SECRET } from './harness';

/** Every write request the views sent, with its spreadsheet and time, for the cost rules. */
export interface WriteRecord {
  spreadsheetId: string;
  at: number;
  kind: string;
  requests: number;
}

export interface ViewsStack {
  url: string;
  send: JourneySend;
  views: SheetsViews;
  sheets: RunningSheetsStandIn;
  firestore: EmbeddedFirestore;
  store: Store;
  writes: WriteRecord[];
  stop(): Promise<void>;
}

function recording(client: SheetsClient, writes: WriteRecord[]): SheetsClient {
  return {
    ...client,
    async batchUpdate(spreadsheetId, requests) {
      writes.push({ spreadsheetId, at: Date.now(), kind: 'batchUpdate', requests: requests.length });
      return client.batchUpdate(spreadsheetId, requests);
    },
    async valuesBatchUpdate(spreadsheetId, data, option) {
      writes.push({ spreadsheetId, at: Date.now(), kind: 'valuesBatchUpdate', requests: data.length });
      return client.valuesBatchUpdate(spreadsheetId, data, option);
    },
  };
}

export async function startViewsStack(
  options: { intervalMs?: number; publicUrl?: string; writesPerMinute?: number } & Pick<
    JourneyParts,
    'scheduler' | 'clock' | 'invoker'
  > = {},
): Promise<ViewsStack> {
  const firestore = await startEmbeddedFirestore();
  // until writes are paced globally (issue 10.5)
  const sheets = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
  const writes: WriteRecord[] = [];
  const client = createSheetsClient({ rootUrl: sheets.url, retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 } });
  const store = createFirestoreStore(firestore.db);
  const { handler, views } = composeJourney({
    store,
    sheets: recording(client, writes),
    secret: SECRET,
    publicUrl: options.publicUrl,
    autoCreateSheets: true,
    sheetsIntervalMs: options.intervalMs ?? 20,
    // Fast for tests; the pace itself is tested with the stand-in's quota in sheets-pace.test.ts.
    sheetsPace: { writesPerMinute: options.writesPerMinute ?? 60_000, maxRequestBytes: 2_000_000 },
    sheetsBackoffMs: 10,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.invoker ? { invoker: options.invoker } : {}),
    log: () => undefined,
  });
  functions.http('journey', handler);
  const server = getTestServer('journey');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signed = createJourneyClient(url, SECRET, 'test');
  // POST /sync answers once the rebuilds are scheduled; tests read the sheets it rebuilds, so the harness waits until
  // this process has written them (the in-process scheduler writes everything; with Cloud Tasks the test dispatches).
  const send: JourneySend = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await signed<T>(method, path, body);
    if (method === 'POST' && /^\/v1\/years\/\d{4}\/sync$/.test(path)) await views.idle();
    return answer;
  };
  return {
    url,
    send,
    views,
    sheets,
    firestore,
    store,
    writes,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await sheets.close();
      await firestore.stop();
    },
  };
}

/** A tab's values as plain rows (formulas as their text), trailing empties trimmed. */
export function tabValues(spreadsheet: SpreadsheetModel, title: string): (string | number | boolean | null)[][] {
  const tab = spreadsheet.tabs.find((t) => t.properties.title === title);
  if (!tab) throw new Error(`no tab ${title} in ${spreadsheet.properties.title}`);
  return tab.values.map((row) =>
    row.map((cell: CellValue) => (cell !== null && typeof cell === 'object' ? cell.formula : cell)),
  );
}

/**
 * Everything a person sees in a spreadsheet's tabs: values and dropdowns, for comparing two states. Tổng hợp's line
 * about the last sync is left out: it says when a sync ran, so it differs before and after one by design.
 */
export function visibleState(
  spreadsheets: SpreadsheetModel[],
  skipTabs: readonly string[] = [],
): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const ss of spreadsheets) {
    for (const tab of ss.tabs) {
      if (skipTabs.includes(tab.properties.title)) continue;
      const key = `${ss.properties.title} / ${tab.properties.title}`;
      const trim = <T>(rows: (T | null)[][]): (T | null)[][] => {
        const out = rows.map((r) => {
          const copy = [...r];
          while (copy.length > 0 && (copy[copy.length - 1] === null || copy[copy.length - 1] === undefined)) copy.pop();
          return copy;
        });
        while (out.length > 0 && out[out.length - 1]?.length === 0) out.pop();
        return out;
      };
      const values =
        tab.properties.title === 'Tổng hợp'
          ? tab.values.map((row, i) => (i === 0 ? row.map((cell, c) => (c === SYNC_LINE_COLUMN ? null : cell)) : row))
          : tab.values;
      state[key] = { values: trim(values), validations: trim(tab.dataValidations) };
    }
  }
  return state;
}
