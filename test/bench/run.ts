// Runs the benchmarks in order and prints one line of figures per step: `npx tsx test/bench/run.ts` (or `npm run bench`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchColdLoad } from './cold-load';
import { benchInstances } from './instances';
import { benchBook } from './book';
import { FIRESTORE_LIMITS } from '../../functions/src/adapters/firestore/limits';
import { CALL_MS, simulateDay, type DayFigures, type Quota } from './apps-script-day';
import { CITY, cityFigures } from './scale-documents';
import { benchScoring } from './scoring';
import { runResync } from './resync';
import { benchSheetsBurst, benchSheetsPerSubmission } from './sheets';
import { benchSubmissions } from './submissions';
import { benchDemoMailWeeks, benchQuarterlyPdf, octoberWeek } from './mail';
import { benchInboxListing } from './listings';

interface BenchStep {
  name: string;
  /** Runs the step and returns its figures as one readable line, and whether it met its target. */
  run: () => Promise<{ line: string; ok: boolean }>;
}

const fraction = (value: number, limit: number): string =>
  `${value.toLocaleString('en')} = ${(value / limit).toFixed(2)} of ${limit.toLocaleString('en')}`;

/** Add a step here; steps run in this order. `npm run bench -- <words>` runs only the steps whose name contains one of them. */
const steps: BenchStep[] = [
  {
    name: 'firestore documents at 50,000 members',
    run: () => {
      const f = cityFigures(CITY);
      const { documentBytes, indexEntries, fields } = FIRESTORE_LIMITS;
      return Promise.resolve({
        line:
          `${f.documents} documents, the largest of every kind (${CITY.members.toLocaleString('en')} members × ${String(CITY.entriesPerMember)} entries, 200 queues, every entry in one queue), measured as the store measures:` +
          `\n  largest: ${f.largest.path} (${f.largest.what}) ${fraction(f.largest.bytes, documentBytes)} bytes` +
          `\n  most index entries: ${f.mostIndexEntries.path} (${f.mostIndexEntries.what}) ${fraction(f.mostIndexEntries.indexEntries, indexEntries)}` +
          `\n  most fields: ${f.mostFields.path} (${f.mostFields.what}) ${fraction(f.mostFields.fields, fields)}` +
          `\n  worst fraction of a limit ${f.worstFraction.toFixed(2)} (target < 0.5)`,
        ok: f.worstFraction < 0.5,
      });
    },
  },
  {
    name: 'apps script quotas at 200 queues and 50,000 members',
    run: () => {
      const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
      const share = (what: string, q: Quota, unit: string): string =>
        `${what} ${q.used.toLocaleString('en', { maximumFractionDigits: 1 })}${unit} = ${q.workspace.toFixed(2)} of Workspace's, ${q.consumer.toFixed(2)} of a consumer account's`;
      const line = (title: string, f: DayFigures): string => {
        const c = new Proxy(f.calls, { get: (target, key: string) => target[key] ?? 0 });
        return (
          `\n  ${title}:` +
          `\n    runs a day: ${Object.entries(f.runs)
            .map(([handler, n]) => `${handler} ${String(n)}`)
            .join(', ')}; the longest execution ${(f.longestMs / 60_000).toFixed(1)} min (Apps Script stops one at 6)` +
          `\n    service calls a day: ${String(c.driveList)} Drive lists, ${String(c.fetchAll)} fetchAll carrying ${String(c.fetchAllPerRequest)} requests ` +
          `(${String(c.sheetsApiReads)} Sheets API reads), ${String(c.urlFetch)} single UrlFetch, ${String(c.openSpreadsheet)} spreadsheets opened, ${String(c.lock)} locks, ${String(c.cache)} cache calls` +
          `\n    ${share('trigger time', { ...f.triggerSeconds, used: f.triggerSeconds.used / 60 }, ' min')} (90 min / 6 h a day)` +
          `\n    ${share('Script Properties calls', f.propertiesCalls, '')} (50,000 / 500,000 a day)` +
          `\n    ${share('UrlFetch calls', f.urlFetchCalls, '')} (20,000 / 100,000 a day)` +
          `\n    ${share('Sheets API reads in the busiest minute', f.sheetsReadsPerMinute, '')} (60 a minute per user on either; ${String(f.sheetsRefused)} refused with 429)`
        );
      };
      const working = simulateDay({
        queues: 200,
        decisionsPerHour: 50,
        workingHours: 10,
        newRowsPerHour: 0,
        submissionsPerDay: 0,
        hours: 24,
      });
      const city = simulateDay({
        queues: 200,
        decisionsPerHour: 50,
        workingHours: 10,
        newRowsPerHour: 77,
        submissionsPerDay: 1850,
        hours: 24,
      });
      const costs = Object.entries(CALL_MS)
        .map(([kind, ms]) => `${kind} ${String(ms / 1000)} s`)
        .join(', ');
      const worst = Math.max(
        ...[city.triggerSeconds, city.propertiesCalls, city.urlFetchCalls, city.sheetsReadsPerMinute].map(
          (q) => q.workspace,
        ),
      );
      return Promise.resolve({
        line:
          `a simulated day in the sandbox, Apps Script's limits enforced (poller every 10 min, drain every 15, continuations when armed, ${String(city.liveSpreadsheets)} spreadsheets with a live edit trigger, ` +
          `each decision an evaluator's two edits — their e-mail in 'Người xác nhận', then the decision — in random queues, the function rewriting each decided row):` +
          line('50 decisions an hour, 08:00–18:00', working) +
          line(
            `the same working day at 50,000 members: plus ${String(city.scenario.submissionsPerDay)} evidence submissions through the form and 77 new entries an hour written by the function (50,000 × 10 entries a year)`,
            city,
          ) +
          `\n  worst fraction of a Workspace quota at 50,000 members: ${worst.toFixed(2)} (target < 0.5); on a consumer account trigger time is ${pct(city.triggerSeconds.consumer)} and Script Properties ${pct(city.propertiesCalls.consumer)} of the day's quota` +
          `\n  costs charged per call: ${costs}`,
        ok: worst < 0.5 && city.sheetsRefused === 0 && city.longestMs <= 6 * 60_000,
      });
    },
  },
  {
    name: 'scoring',
    run: async () => {
      const target = 100;
      const { members, entries, ms } = await benchScoring();
      return {
        line: `${members} members × ${entries} entries in ${ms.toFixed(1)} ms (target ≤ ${target} ms)`,
        ok: ms <= target,
      };
    },
  },
  {
    name: 'firestore per submission',
    run: async () => {
      const small = await benchSubmissions(100);
      const large = await benchSubmissions(5000);
      const ratios = large.map((l) => {
        const s = small.find((x) => x.kind === l.kind);
        return s ? (l.readsPerOp + l.writesPerOp) / (s.readsPerOp + s.writesPerOp) : 1;
      });
      const lines = [...small, ...large].map(
        (f) =>
          `\n  ${f.kind} at ${f.members} members: ${f.readsPerOp.toFixed(1)} reads, ${f.writesPerOp.toFixed(1)} writes, p50 ${f.p50ms.toFixed(1)} ms, p95 ${f.p95ms.toFixed(1)} ms`,
      );
      const worst = Math.max(...ratios);
      return {
        line: `${lines.join('')}\n  operations at 5,000 / at 100 members: ${worst.toFixed(2)} (target ≤ 1.1)`,
        ok: worst <= 1.1,
      };
    },
  },
  {
    name: 'inbox listing page',
    run: async () => {
      const small = await benchInboxListing(1_000);
      const large = await benchInboxListing(100_000);
      const ratio = large.readsPerPage / small.readsPerPage;
      const lines = [small, large].map(
        (f) =>
          `\n  at ${f.entries.toLocaleString('en')} inbox entries: ${f.readsPerPage.toFixed(0)} reads per page of 100 refused ` +
          `(p50 ${f.p50ms.toFixed(0)} ms on the embedded emulator, which scans the collection; seeded in ${f.seedSeconds.toFixed(0)} s)`,
      );
      return {
        line: `${lines.join('')}\n  reads per page at 100,000 / at 1,000 entries: ${ratio.toFixed(2)} (target ≤ 1.2)`,
        ok: ratio <= 1.2,
      };
    },
  },
  {
    name: 'local journal',
    run: async () => {
      const journalDir = await mkdtemp(join(tmpdir(), 'bench-journal-'));
      try {
        const plain = await benchSubmissions(100);
        const journaled = await benchSubmissions(100, journalDir);
        const lines = journaled.map((j) => {
          const p = plain.find((x) => x.kind === j.kind);
          return `\n  ${j.kind}: p50 ${j.p50ms.toFixed(1)} ms, p95 ${j.p95ms.toFixed(1)} ms with every commit flushed to the journal; ${p?.p50ms.toFixed(1) ?? '?'} / ${p?.p95ms.toFixed(1) ?? '?'} ms without`;
        });
        return { line: lines.join(''), ok: true };
      } finally {
        await rm(journalDir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'sheets per submission and full sync',
    run: async () => {
      const lines: string[] = [];
      let ok = true;
      for (const members of [100, 10_000]) {
        const { perSubmission: p, sync } = await benchSheetsPerSubmission(members);
        lines.push(
          `\n  at ${members} members: ${p.requestsPerSubmission.toFixed(2)} Sheets requests and ${p.cellsPerSubmission.toFixed(0)} cells per submission, at most ${p.maxRequestsPerSpreadsheet} request per spreadsheet per submission`,
          `\n  full sync of ${members} members: ${sync.spreadsheets} spreadsheets, ${sync.writeRequests} write + ${sync.readRequests} read requests, ${sync.cellsWritten} cells, largest request ${(sync.largestRequestBytes / 1024).toFixed(0)} KiB, ${sync.seconds.toFixed(1)} s`,
        );
        // A full sync is 2 writes per spreadsheet, plus the parts a write over 2 MB is cut into.
        const parts = Math.ceil(sync.cellsWritten / 100_000);
        ok &&=
          p.maxRequestsPerSpreadsheet <= 1 &&
          sync.writeRequests <= 2 * sync.spreadsheets + parts &&
          sync.largestRequestBytes <= 2_000_000;
      }
      return {
        line: `${lines.join('')}\n  (target: at most 1 request per affected spreadsheet per submission; a full sync 2 write requests per spreadsheet, plus parts where one would pass 2 MB; no request over 2 MB)`,
        ok,
      };
    },
  },
  {
    name: 'sheets under a burst',
    run: async () => {
      const b = await benchSheetsBurst(1000);
      return {
        line: `${b.submissions} submissions in ${b.seconds.toFixed(1)} s → ${b.totalWriteRequests} Sheets write requests; at most ${b.maxPerSpreadsheetPerSecond} per spreadsheet per second and ${b.maxPerSpreadsheetPerMinute} per minute; queue empty ${b.queuedAfterBurstMs} ms after the last submission (target ≤ 1 per second)`,
        ok: b.maxPerSpreadsheetPerSecond <= 1,
      };
    },
  },
  {
    name: 'sheets re-sync at Google’s pace',
    run: async () => {
      const r = await runResync({ members: 10_000, units: 33, entriesPerQueue: 10 });
      const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
      return {
        line:
          `${r.spreadsheets} spreadsheets (100 queues), ${r.members} members, the stand-in enforcing 60 writes a minute (virtual time): ` +
          `${r.writeRequests} write requests (${r.progressLineWrites} of them the progress line), at most ${r.peakWritesPerMinute} in any minute, ` +
          `largest request ${r.largestRequestBytes} bytes (${kib(r.largestRequestBytes)}), ${r.virtualMinutes.toFixed(1)} virtual minutes ` +
          `(the first sync, which creates them: ${r.firstSyncMinutes.toFixed(1)}); ${r.quotaRefusals} answered 429; ${r.progress.done ?? 0}/${r.spreadsheets} done; ` +
          `POST /sync answered in ${r.answerMs.toFixed(0)} ms; ${r.realSeconds.toFixed(0)} s of real time (target: no 429, every spreadsheet complete, ≤ 60 a minute, ≤ 2 MB)`,
        ok:
          r.quotaRefusals === 0 &&
          r.incomplete.length === 0 &&
          r.peakWritesPerMinute <= 60 &&
          r.largestRequestBytes <= 2_000_000,
      };
    },
  },
  {
    name: 'cold load of the built function',
    run: async () => {
      const target = 250;
      const c = await benchColdLoad();
      return {
        line:
          `median of ${c.runs} fresh processes, functions/dist/index.js (${Math.round(c.bundleBytes / 1024)} KiB):` +
          `\n  import after the framework's own modules, as functions-framework loads a function: ${c.medianMs.toFixed(0)} ms (${c.medianCpuMs.toFixed(0)} ms of CPU) (target ≤ ${target} ms)` +
          `\n  import in a bare process (it then loads body-parser itself): ${c.bareMedianMs.toFixed(0)} ms` +
          `\n  functions-framework started on it to its first HTTP answer: ${c.firstAnswerMs.toFixed(0)} ms; on a function that only answers "ok": ${c.baselineFirstAnswerMs.toFixed(0)} ms; the function's share ${(c.firstAnswerMs - c.baselineFirstAnswerMs).toFixed(0)} ms`,
        ok: c.medianMs <= target,
      };
    },
  },
  {
    name: 'instances: requests a second of one process',
    run: async () => {
      const f = await benchInstances();
      const [one, chosen, double] = f.levels;
      const show = (l: (typeof f.levels)[number] | undefined): string =>
        l
          ? `${l.perSecond.toFixed(1)} requests/s at concurrency ${String(l.concurrency)} (p50 ${l.p50Ms.toFixed(0)} ms, p95 ${l.p95Ms.toFixed(0)} ms${l.refused > 0 ? `, ${String(l.refused)} not accepted` : ''})`
          : 'not measured';
      return {
        line:
          `the built function, one functions-framework process, signed registrations of new members on ${f.firestore}:` +
          `\n  ${show(one)}\n  ${show(chosen)} (the deploy's --concurrency)\n  ${show(double)}` +
          `\n  ${one && chosen ? `${(chosen.perSecond / one.perSecond).toFixed(1)} times as many a second (target: more than at 1, every request accepted)` : ''}`,
        ok:
          one !== undefined &&
          chosen !== undefined &&
          chosen.perSecond > one.perSecond &&
          f.levels.every((l) => l.refused === 0),
      };
    },
  },
  {
    name: 'journey-book page',
    run: async () => {
      const small = await benchBook(100);
      const large = await benchBook(10_000);
      const ratio = large.p50ms / small.p50ms;
      const lines = [small, large].map(
        (f) =>
          `\n  at ${f.members} members: p50 ${f.p50ms.toFixed(1)} ms, p95 ${f.p95ms.toFixed(1)} ms, ${f.readsPerPage.toFixed(0)} reads per page (ranking index of the roster built in ${f.indexSeconds.toFixed(1)} s)`,
      );
      return {
        line: `${lines.join('')}\n  p50 at 10,000 / at 100 members: ${ratio.toFixed(2)} (target ≤ 1.2)`,
        ok: ratio <= 1.2,
      };
    },
  },
  {
    name: 'mail',
    run: async () => {
      const pdf = await benchQuarterlyPdf(500);
      const week = octoberWeek(5000);
      const days = week.perDay.map((d) => `${d.day} ${String(d.mails)}`).join(', ');
      const over = week.perDay.filter((d) => d.mails > week.budget);
      const demo = await benchDemoMailWeeks();
      return {
        line:
          `\n  the demo year (${String(demo.members)} members, seeded in ${demo.seconds.toFixed(0)} s): ${String(demo.notices)} notices over ${String(demo.memberWeeks)} member-weeks = ` +
          `${demo.noticesPerMemberWeek.toFixed(2)} notices per member per week (at most ${String(demo.mostNoticesInAWeek)} in one member's week), ` +
          `plus routine mail: at most ${String(demo.mostRoutineInAWeek)} per member in a week with both the summary and the reminders queued (target ≤ 1)` +
          `\n  quarterly PDF of a unit of 500 members: ${pdf.ms.toFixed(0)} ms, ${String(Math.round(pdf.bytes / 1024))} KiB` +
          `\n  an October week at 5,000 members (budget ${String(week.budget)} a day): ${days}` +
          (over.length > 0
            ? `; over budget on ${over.map((d) => d.day).join(', ')}: the rest is deferred to the next day, in priority order`
            : '') +
          `; carried past Sunday: ${String(week.carried)} (members' summaries, the last in line)`,
        ok: pdf.ms <= 10_000 && demo.mostRoutineInAWeek <= 1,
      };
    },
  },
];

const only = process.argv.slice(2).map((word) => word.toLowerCase());
let failed = 0;
for (const step of steps.filter((s) => only.length === 0 || only.some((word) => s.name.includes(word)))) {
  const { line, ok } = await step.run();
  console.log(`${step.name}: ${line}${ok ? '' : ' — OVER TARGET'}`);
  if (!ok) failed += 1;
}
if (failed > 0) process.exitCode = 1;
