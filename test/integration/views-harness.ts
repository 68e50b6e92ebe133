// The journey function with its Sheets views on the embedded stack: emulator, Sheets stand-in, real Sheets client.
import { captureLog } from '../log-check/capture';
import { expect } from 'vitest';
import type { SheetsClient } from '../../functions/src/adapters/sheets';
import type { SheetsViews } from '../../functions/src/views/sheets-views';
import { SYNC_LINE_COLUMN } from '../../functions/src/views/tabs';
import type { Clock, Store } from '../../functions/src/ports';
import { createJourneyClient, type JourneySend } from '../../functions/client/journey-client';
import type { EmbeddedFirestore } from '../../functions/dev/firestore';
import { NO_WRITE_QUOTA, type RunningSheetsStandIn } from '../../functions/dev/sheets';
import type { CellValue, SpreadsheetModel } from '../../functions/dev/sheets';
import { startJourneyStack, type ComposeParts } from '../../functions/dev/stack';
import { SECRET } from './harness';

/** Every write request the views sent, with its spreadsheet and time, for the cost rules. */
export interface WriteRecord {
  spreadsheetId: string;
  at: number;
  kind: string;
  requests: number;
}

/** Every read request the views sent: a spreadsheet's metadata (`get`) or a range's values (`valuesGet`). */
export interface ReadRecord {
  spreadsheetId: string;
  kind: 'get' | 'valuesGet';
  range?: string;
}

export interface ViewsStack {
  url: string;
  send: JourneySend;
  views: SheetsViews;
  sheets: RunningSheetsStandIn;
  firestore: EmbeddedFirestore;
  store: Store;
  writes: WriteRecord[];
  reads: ReadRecord[];
  stop(): Promise<void>;
}

function recording(client: SheetsClient, writes: WriteRecord[], reads: ReadRecord[]): SheetsClient {
  return {
    ...client,
    async get(spreadsheetId) {
      reads.push({ spreadsheetId, kind: 'get' });
      return client.get(spreadsheetId);
    },
    async valuesGet(spreadsheetId, range, render) {
      reads.push({ spreadsheetId, kind: 'valuesGet', range });
      return client.valuesGet(spreadsheetId, range, render);
    },
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
  options: { intervalMs?: number; publicUrl?: string; writesPerMinute?: number; clock?: Clock } & Pick<
    ComposeParts,
    'scheduler' | 'invoker'
  > = {},
): Promise<ViewsStack> {
  const writes: WriteRecord[] = [];
  const reads: ReadRecord[] = [];
  const stack = await startJourneyStack({
    secret: SECRET,
    publicUrl: options.publicUrl,
    ...(options.clock ? { clock: options.clock } : {}),
    log: captureLog,
    views: {
      // until writes are paced globally (issue 10.5)
      standIn: { limits: NO_WRITE_QUOTA },
      retry: { retries: 10, baseDelayMs: 2, maxDelayMs: 20 },
      wrapClient: (client) => recording(client, writes, reads),
      autoCreateSheets: true,
      sheetsIntervalMs: options.intervalMs ?? 20,
      // Fast for tests; the pace itself is tested with the stand-in's quota in sheets-pace.test.ts.
      sheetsPace: { writesPerMinute: options.writesPerMinute ?? 60_000, maxRequestBytes: 2_000_000 },
      sheetsBackoffMs: 10,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      ...(options.invoker ? { invoker: options.invoker } : {}),
    },
  });
  const views = stack.views ?? expect.fail('the views are composed');
  // POST /sync answers once the rebuilds are scheduled; tests read the sheets it rebuilds, so the harness waits until
  // this process has written them (the in-process scheduler writes everything; with Cloud Tasks the test dispatches).
  // Signed at real time, even when the function runs on a test's clock.
  const signed = createJourneyClient(stack.url, SECRET, 'test');
  const send: JourneySend = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await signed<T>(method, path, body);
    if (method === 'POST' && /^\/v1\/years\/\d{4}\/sync$/.test(path)) await views.idle();
    return answer;
  };
  return {
    url: stack.url,
    send,
    views,
    sheets: stack.sheets ?? expect.fail('the Sheets stand-in runs'),
    firestore: stack.firestore,
    store: stack.store,
    writes,
    reads,
    stop: () => stack.stop(),
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
