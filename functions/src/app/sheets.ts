// The spreadsheets as use cases: start a sync of a year's sheets and follow it, list or register them, write one
// spreadsheet's stored work, resume what is left.
import { z } from 'zod';
import type { SheetsListing, SheetViews, SpreadsheetKey, SyncProgress, SyncStarted } from '../ports';
import { queueIdField, SheetsBody, schemaViolations } from './bodies';
import { illFormedFields } from '../domain/unicode';
import { violation } from '../domain/violations';
import { callerAudit } from './audit';
import { accepted, refused, type AppContext, type Caller, type Outcome } from './context';
import { yearNotFound } from './year';

const YearField = z.number().int().min(2000).max(2100);

/** What a task callback names: one spreadsheet, typed as the work items store it. */
const SpreadsheetKeyBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('master'), year: YearField }),
  z.object({ kind: z.literal('queue'), year: YearField, queue: queueIdField }),
]);
/** A sync run's id as `newSyncId` makes it (it names Cloud Tasks too). */
const SyncIdField = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);
const FlushBody = z.object({
  spreadsheet: SpreadsheetKeyBody,
  full: z.boolean().default(false),
  syncIds: z.array(SyncIdField).max(16).optional(),
});

async function knownYear(ctx: AppContext, year: number): Promise<boolean> {
  return (await ctx.store.getYear(year)) !== undefined;
}

/**
 * `POST /sync`: every spreadsheet of the year scheduled for a rebuild from the store (a task each in production),
 * answered once scheduled; `GET /sync` follows the run. The ranking index counts first any journey it does not count
 * yet (stored before the index existed), so the books' ranks agree with the sheets.
 */
export async function syncSheets(
  ctx: AppContext,
  views: SheetViews,
  year: number,
  caller: Caller,
): Promise<Outcome & Partial<SyncStarted>> {
  if (!(await knownYear(ctx, year))) return refused([yearNotFound(year)]);
  await ctx.store.indexRanking(year);
  const started = await views.startSync(year);
  const { syncId, spreadsheets, scheduled } = started;
  const detail = { syncId, spreadsheets, scheduled };
  await ctx.store.recordAudit(
    callerAudit(caller, ctx.clock().toISOString(), { action: 'sheets.sync', target: `${year}`, detail }),
  );
  return { ...accepted(`${year}-sync`), ...started };
}

/** `GET /sync`: how far the year's last sync run has got; `status` says whether one runs, is over, or never ran. */
export interface SyncStatus extends Partial<SyncProgress> {
  year: number;
  status: 'none' | 'running' | 'finished';
}

export async function syncStatus(ctx: AppContext, views: SheetViews, year: number): Promise<SyncStatus | Outcome> {
  if (!(await knownYear(ctx, year))) return refused([yearNotFound(year)]);
  const progress = await views.syncProgress(year);
  if (!progress) return { year, status: 'none' };
  return { year, status: progress.finishedAt === null ? 'running' : 'finished', ...progress };
}

export async function listSheets(ctx: AppContext, views: SheetViews, year: number): Promise<SheetsListing | Outcome> {
  if (!(await knownYear(ctx, year))) return refused([yearNotFound(year)]);
  return views.list(year);
}

/** `PUT /sheets`: spreadsheets created by Apps Script `setup()`, then rebuilt. */
export async function registerSheets(
  ctx: AppContext,
  views: SheetViews,
  year: number,
  json: unknown,
  caller: Caller,
): Promise<Outcome> {
  if (!(await knownYear(ctx, year))) return refused([yearNotFound(year)]);
  const broken = illFormedFields(json);
  if (broken.length > 0) return refused(broken.map((field) => violation('invalid_text', field, {})));
  const parsed = SheetsBody.safeParse(json);
  if (!parsed.success) return refused(schemaViolations(parsed.error));
  await views.register(year, parsed.data);
  const detail = { master: parsed.data.master.spreadsheetId, queues: Object.keys(parsed.data.queues) };
  await ctx.store.recordAudit(
    callerAudit(caller, ctx.clock().toISOString(), { action: 'sheets.register', target: `${year}`, detail }),
  );
  return accepted(`${year}-sheets`);
}

/** A task callback: writes one spreadsheet's stored work. Idempotent: work already written is gone from the store. */
export async function flushSpreadsheet(views: SheetViews, json: unknown): Promise<Outcome> {
  const parsed = FlushBody.safeParse(json);
  if (!parsed.success) return refused(schemaViolations(parsed.error));
  const spreadsheet: SpreadsheetKey = parsed.data.spreadsheet;
  const { full, syncIds } = parsed.data;
  await views.flush(spreadsheet, { full, ...(syncIds && syncIds.length > 0 ? { syncIds } : {}) });
  return accepted(
    spreadsheet.kind === 'master' ? `master-${spreadsheet.year}` : `queue-${spreadsheet.year}-${spreadsheet.queue}`,
  );
}

/** A scheduler job: schedules every spreadsheet whose stored work an instance that stopped left unwritten. */
export async function resumeSheets(views: SheetViews): Promise<Outcome & { spreadsheets: number }> {
  return { ...accepted('resume'), spreadsheets: await views.resume() };
}
