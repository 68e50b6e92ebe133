// Benchmark: Sheets requests and cells per submission at two roster sizes, a burst of 1,000 submissions, and a full sync.
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { createSheetsClient, type SheetsClient } from '../../functions/src/adapters/sheets';
import { composeJourney } from '../../functions/src/compose';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { NO_WRITE_QUOTA, startSheetsStandIn } from '../../functions/dev/sheets';
import { CONFIG, YEAR, evaluation, evidence, registration } from '../integration/fixtures';
import { seedRoster } from './roster';

const SECRET = 'bench-secret-0123456789abcdef';

export interface PerSubmission {
  members: number;
  requestsPerSubmission: number;
  cellsPerSubmission: number;
  /** The most write requests one spreadsheet received per submission. */
  maxRequestsPerSpreadsheet: number;
}

export interface BurstFigures {
  submissions: number;
  seconds: number;
  maxPerSpreadsheetPerSecond: number;
  maxPerSpreadsheetPerMinute: number;
  totalWriteRequests: number;
  queuedAfterBurstMs: number;
}

export interface SyncFigures {
  members: number;
  spreadsheets: number;
  writeRequests: number;
  readRequests: number;
  cellsWritten: number;
  /** The largest request body of the sync, in bytes (Google: 10 MB at most, 2 MB advised). */
  largestRequestBytes: number;
  seconds: number;
}

interface Write {
  spreadsheetId: string;
  at: number;
}

function recording(client: SheetsClient, writes: Write[]): SheetsClient {
  return {
    ...client,
    async batchUpdate(spreadsheetId, requests) {
      writes.push({ spreadsheetId, at: Date.now() });
      return client.batchUpdate(spreadsheetId, requests);
    },
  };
}

async function stack(intervalMs: number) {
  const firestore = await startEmbeddedFirestore();
  // until writes are paced globally (issue 10.5)
  const sheets = await startSheetsStandIn({ limits: NO_WRITE_QUOTA });
  const writes: Write[] = [];
  const store = createFirestoreStore(firestore.db);
  const { handler, views } = composeJourney({
    store,
    sheets: recording(createSheetsClient({ rootUrl: sheets.url }), writes),
    secret: SECRET,
    // Cost figures count requests and cells; the pace (50 a minute) would only stretch the run.
    sheetsPace: { writesPerMinute: 60_000, maxRequestBytes: 2_000_000 },
    autoCreateSheets: true,
    sheetsIntervalMs: intervalMs,
    log: () => undefined,
  });
  functions.http('journey', handler);
  const server = getTestServer('journey');
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const send = createJourneyClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SECRET, 'bench');
  return {
    firestore,
    sheets,
    writes,
    views,
    send,
    async stop() {
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
      await sheets.close();
      await firestore.stop();
    },
  };
}

/** Requests and cells one submission costs once the year's spreadsheets exist, with `members` already on them. */
export async function benchSheetsPerSubmission(
  members: number,
): Promise<{ perSubmission: PerSubmission; sync: SyncFigures }> {
  const s = await stack(0);
  try {
    await s.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    await s.views.idle();
    await seedRoster(s.firestore.db, members);
    s.sheets.standIn.resetStats();
    const started = performance.now();
    const { spreadsheets } = await s.views.sync(YEAR);
    const syncStats = s.sheets.standIn.stats();
    const sync: SyncFigures = {
      members,
      spreadsheets,
      writeRequests:
        (syncStats.byEndpoint['POST spreadsheets.batchUpdate'] ?? 0) +
        (syncStats.byEndpoint['POST spreadsheets.values.batchUpdate'] ?? 0),
      readRequests:
        (syncStats.byEndpoint['GET spreadsheets.get'] ?? 0) + (syncStats.byEndpoint['POST spreadsheets.create'] ?? 0),
      cellsWritten: syncStats.cellsWritten,
      largestRequestBytes: syncStats.largestRequestBytes,
      seconds: (performance.now() - started) / 1000,
    };

    s.sheets.standIn.resetStats();
    const before = s.writes.length;
    const samples = 20;
    for (let i = 0; i < samples; i += 1) {
      const email = `sample${i}@example.vn`;
      await s.send('POST', '/v1/registrations', registration({ email }));
      const ev = await s.send<{ id: string }>('POST', '/v1/evidence', evidence({ email }));
      await s.send('POST', '/v1/evaluations', evaluation(ev.body.id));
      await s.views.idle();
    }
    const submissions = samples * 3;
    const stats = s.sheets.standIn.stats();
    const perSpreadsheet = new Map<string, number>();
    for (const w of s.writes.slice(before))
      perSpreadsheet.set(w.spreadsheetId, (perSpreadsheet.get(w.spreadsheetId) ?? 0) + 1);
    return {
      perSubmission: {
        members,
        requestsPerSubmission: stats.total / submissions,
        cellsPerSubmission: stats.cellsWritten / submissions,
        maxRequestsPerSpreadsheet: Math.max(...perSpreadsheet.values()) / submissions,
      },
      sync,
    };
  } finally {
    await s.stop();
  }
}

/** 1,000 submissions as fast as the function takes them, with the production interval of one write per second per spreadsheet. */
export async function benchSheetsBurst(submissions = 1000): Promise<BurstFigures> {
  const s = await stack(1000);
  try {
    await s.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
    await s.views.idle();
    const before = s.writes.length;
    const started = Date.now();
    const bodies = Array.from({ length: submissions }, (_, i) =>
      registration({ email: `burst${i}@example.vn`, fullName: `Đoàn viên ${i}`, unit: i % 2 === 0 ? 'SNV' : 'STP' }),
    );
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < bodies.length) {
        const body = bodies[next];
        next += 1;
        if (body) await s.send('POST', '/v1/registrations', body);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const sentAt = Date.now();
    await s.views.idle();
    const done = Date.now();
    const writes = s.writes.slice(before);
    const perSecond = new Map<string, number>();
    const perMinute = new Map<string, number>();
    for (const w of writes) {
      const second = `${w.spreadsheetId}|${Math.floor((w.at - started) / 1000)}`;
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // Sliding 60-second windows per spreadsheet.
    const bySheet = new Map<string, number[]>();
    for (const w of writes) bySheet.set(w.spreadsheetId, [...(bySheet.get(w.spreadsheetId) ?? []), w.at]);
    for (const [sheet, times] of bySheet) {
      let max = 0;
      for (let i = 0, j = 0; i < times.length; i += 1) {
        while ((times[i] ?? 0) - (times[j] ?? 0) >= 60_000) j += 1;
        max = Math.max(max, i - j + 1);
      }
      perMinute.set(sheet, max);
    }
    return {
      submissions,
      seconds: (sentAt - started) / 1000,
      maxPerSpreadsheetPerSecond: Math.max(0, ...perSecond.values()),
      maxPerSpreadsheetPerMinute: Math.max(0, ...perMinute.values()),
      totalWriteRequests: writes.length,
      queuedAfterBurstMs: done - sentAt,
    };
  } finally {
    await s.stop();
  }
}
