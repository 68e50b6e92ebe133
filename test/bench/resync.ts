// A re-sync of a large year at Google's pace, in virtual time: 100 queue spreadsheets and 10,000 members, the Sheets
// stand-in enforcing Google's per-minute write quota, the pace and the quota window on one virtual clock. Shared by
// `npm run bench` and test/integration/sheets-resync.test.ts.
//
// The Firestore side stays small enough for the embedded emulator (it slows as a collection grows: ≈ 43 s to write
// 10,000 journeys): the views read the roster and the queue entries from memory through the real store, everything
// else (registry, row positions, sync run, work items) is stored in the emulator as in production.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import type { sheets_v4 } from '@googleapis/sheets';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { createSheetsClient, DEFAULT_PACE, type SheetsClient } from '../../functions/src/adapters/sheets';
import type { SyncStatus } from '../../functions/src/app/sheets';
import { composeJourney } from '../../functions/src/compose';
import type { YearConfig } from '../../functions/src/domain/config';
import { allQueues } from '../../functions/src/domain/queues';
import type { EvidenceDoc, JourneyDoc } from '../../functions/src/model';
import type { Store } from '../../functions/src/ports';
import { SYNC_LINE_COLUMN } from '../../functions/src/views/tabs';
import { createJourneyClient } from '../../functions/dev/client';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { startSheetsStandIn, type SpreadsheetModel } from '../../functions/dev/sheets';
import { virtualClock } from '../fakes/virtual-clock';
import { YEAR } from '../integration/fixtures';
import { largeYear, resolved, rosterJourneys } from './roster';

const SECRET = 'bench-resync-secret-0123456789abcdef';
const MINUTE = 60_000;

export interface ResyncOptions {
  members: number;
  /** Base unions (each with a group): 1 + 3 × units queues. */
  units: number;
  /** Evidence entries waiting in each queue. */
  entriesPerQueue: number;
}

export interface ResyncFigures {
  members: number;
  spreadsheets: number;
  /** POST /sync's answer, and how long it took (real milliseconds). */
  answer: { status: string; spreadsheets: number; scheduled: number; syncId: string };
  answerMs: number;
  /** GET /sync once the process is idle. */
  progress: SyncStatus;
  /** Write requests Google received during the re-sync: the rebuilds', and those of the master's progress line. */
  writeRequests: number;
  progressLineWrites: number;
  /** The most write requests in any 60 s of the re-sync (virtual time; Google allows 60 per user). */
  peakWritesPerMinute: number;
  largestRequestBytes: number;
  /** From the sync's start to its end, as its run records them (virtual). */
  virtualMinutes: number;
  /** The first sync (the plan's, which also creates the spreadsheets), from the plan's answer to idle (virtual). */
  firstSyncMinutes: number;
  realSeconds: number;
  /** 429s the stand-in answered, over the first sync and the re-sync. */
  quotaRefusals: number;
  /** Spreadsheets missing a member, an entry, or the progress line; empty when every one is complete. */
  incomplete: string[];
  /** Tổng hợp's line about the last sync. */
  progressLine: string;
}

/** Pending entries in each queue, each by a member the queue's scope covers. */
function queueEntries(config: YearConfig, roster: readonly JourneyDoc[], perQueue: number): EvidenceDoc[] {
  const entries: EvidenceDoc[] = [];
  for (const queue of allQueues(config)) {
    const [, scope] = queue.split(':');
    const members = roster
      .filter((j) => scope === undefined || j.unitId === scope || j.groupId === scope)
      .slice(0, perQueue);
    members.forEach((member, i) => {
      const evidenceId = `${YEAR}-e-${createHash('sha256').update(`${queue}/${i}`).digest('hex').slice(0, 16)}`;
      entries.push({
        year: YEAR,
        evidenceId,
        responseId: `resync-${queue}-${i}`,
        memberId: member.memberId,
        email: member.email,
        fullName: member.fullName,
        unitId: member.unitId,
        groupId: member.groupId,
        task: 'RL2',
        activityDate: '2019-04-20',
        submittedAt: '2019-05-02T03:00:00.000Z',
        description: `Tham gia hiến máu tình nguyện đợt ${i + 1}`,
        links: ['https://drive.google.com/file/d/abc'],
        essay: null,
        words: null,
        initiative: null,
        rating: null,
        meetingKind: null,
        queues: [queue],
        status: 'pending',
        decisions: [],
        receivedAt: new Date(Date.UTC(YEAR, 4, 2) + entries.length * 1000).toISOString(),
      });
    });
  }
  return entries;
}

/** The most of `times` (sorted) inside any window of `span` milliseconds. */
export function peakIn(times: readonly number[], span: number): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= span) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

const column = (spreadsheet: SpreadsheetModel, title: string): unknown[] =>
  (spreadsheet.tabs.find((t) => t.properties.title === title)?.values ?? [])
    .slice(1)
    .map((row) => row[0])
    .filter((cell) => cell !== null && cell !== '');

export async function runResync(options: ResyncOptions): Promise<ResyncFigures> {
  const began = performance.now();
  const time = virtualClock();
  const firestore = await startEmbeddedFirestore();
  // Google's limits, the per-minute write quota included, measured on the virtual clock.
  const sheets = await startSheetsStandIn({ clock: time.date });
  const config = resolved(largeYear(options.units));
  const roster = rosterJourneys(config, options.members);
  const entries = queueEntries(config, roster, options.entriesPerQueue);
  const real = createFirestoreStore(firestore.db);
  const store: Store = {
    ...real,
    listJourneys: (year) => (year === YEAR ? Promise.resolve(roster) : real.listJourneys(year)),
    listEvidenceInQueue: (year, queue) =>
      year === YEAR
        ? Promise.resolve(entries.filter((e) => e.queues.includes(queue)))
        : real.listEvidenceInQueue(year, queue),
  };

  // Under the pace: each write request as Google gets it (each 2 MB part), on the virtual clock.
  const writes: { at: number; spreadsheetId: string; line: boolean }[] = [];
  const client = createSheetsClient({ rootUrl: sheets.url, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  const record = (spreadsheetId: string, line = false): void => {
    writes.push({ at: time.now(), spreadsheetId, line });
  };
  // A write of the progress line alone: one cell of the first row, in the line's column.
  const lineOnly = (requests: readonly sheets_v4.Schema$Request[]): boolean =>
    requests.length === 1 &&
    requests[0]?.updateCells?.start?.rowIndex === 0 &&
    requests[0].updateCells.start.columnIndex === SYNC_LINE_COLUMN;
  const recording: SheetsClient = {
    ...client,
    create: (title, tabs) => {
      record('');
      return client.create(title, tabs);
    },
    batchUpdate: (id, requests) => {
      record(id, lineOnly(requests));
      return client.batchUpdate(id, requests);
    },
    valuesBatchUpdate: (id, data, option) => {
      record(id);
      return client.valuesBatchUpdate(id, data, option);
    },
  };
  const { handler, views } = composeJourney({
    store,
    sheets: recording,
    secret: SECRET,
    publicUrl: 'https://journey.example.vn',
    autoCreateSheets: true,
    sheetsPace: { ...DEFAULT_PACE, now: time.now, sleep: time.sleep },
    sheetsClock: time.date,
    log: () => undefined,
  });
  functions.http('journey', handler);
  const server = getTestServer('journey');
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const send = createJourneyClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SECRET, 'bench');
  try {
    // The plan: every spreadsheet created and written a first time, at the pace.
    const put = await send('PUT', `/v1/years/${YEAR}/config`, largeYear(options.units));
    if (put.status !== 200) throw new Error(`the plan was refused: ${JSON.stringify(put.body)}`);
    const firstStart = time.now();
    await views.idle();
    const firstSyncMinutes = (time.now() - firstStart) / MINUTE;

    // The re-sync.
    const quotaBefore = sheets.standIn.stats().byStatus['429'] ?? 0;
    sheets.standIn.resetStats();
    writes.length = 0;
    const asked = performance.now();
    const answer = await send<ResyncFigures['answer']>('POST', `/v1/years/${YEAR}/sync`);
    const answerMs = performance.now() - asked;
    if (answer.status !== 200) throw new Error(`the sync was refused: ${JSON.stringify(answer.body)}`);
    await views.idle();
    const progress = (await send<SyncStatus>('GET', `/v1/years/${YEAR}/sync`)).body;
    const stats = sheets.standIn.stats();

    const spreadsheets = sheets.standIn.listSpreadsheets();
    const master = spreadsheets.find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
    const summary = master?.tabs.find((t) => t.properties.title === 'Tổng hợp');
    const line = summary?.values[0]?.find((cell) => typeof cell === 'string' && cell.startsWith('Đồng bộ lần cuối'));
    const progressLine = typeof line === 'string' ? line : '';
    const incomplete: string[] = [];
    const memberIds = new Set(roster.map((j) => j.memberId));
    const shown = master ? column(master, 'Kết quả') : [];
    if (!master || shown.length !== memberIds.size || !shown.every((id) => memberIds.has(String(id))))
      incomplete.push('master: Kết quả');
    if (!progressLine.includes(`${progress.spreadsheets ?? 0}/${progress.spreadsheets ?? 0} bảng tính`))
      incomplete.push('master: Tổng hợp progress line');
    const registry = (await real.getViewState(YEAR, 'registry')) as
      { queues?: Record<string, { spreadsheetId: string }> } | undefined;
    for (const queue of allQueues(config)) {
      const expected = new Set(entries.filter((e) => e.queues.includes(queue)).map((e) => e.evidenceId));
      const sheet = sheets.standIn.getSpreadsheet(registry?.queues?.[queue]?.spreadsheetId ?? '');
      const ids = sheet ? column(sheet, 'Hàng chờ') : [];
      if (!sheet || ids.length !== expected.size || !ids.every((id) => expected.has(String(id))))
        incomplete.push(`queue ${queue}`);
    }

    const times = writes.map((w) => w.at).sort((a, b) => a - b);
    return {
      members: options.members,
      spreadsheets: progress.spreadsheets ?? 0,
      answer: answer.body,
      answerMs,
      progress,
      writeRequests: writes.length,
      progressLineWrites: writes.filter((w) => w.line).length,
      peakWritesPerMinute: peakIn(times, MINUTE),
      largestRequestBytes: stats.largestRequestBytes,
      virtualMinutes:
        progress.finishedAt && progress.startedAt
          ? (Date.parse(progress.finishedAt) - Date.parse(progress.startedAt)) / MINUTE
          : Number.NaN,
      firstSyncMinutes,
      realSeconds: (performance.now() - began) / 1000,
      quotaRefusals: quotaBefore + (stats.byStatus['429'] ?? 0),
      incomplete,
      progressLine,
    };
  } finally {
    await new Promise<void>((done) => {
      server.close(() => {
        done();
      });
    });
    await sheets.close();
    await firestore.stop();
  }
}
