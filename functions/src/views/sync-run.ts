// A sync run's progress: one small document per year (`years/{year}/sheets/sync`), updated as each spreadsheet's
// full rebuild ends, read by `GET /sync`, the CLI and the master spreadsheet's progress line.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { displayInstant } from '../domain/dates';
import type { SpreadsheetKey, Store, SyncProgress } from '../ports';
import { masterSheet } from './work';

/** The document's name among the views' own state. */
const SYNC_RUN = 'sync';

/**
 * One run at a time per year (a new run replaces the last). Its size is bounded by the year's spreadsheets (one
 * short state each), never by its members or entries.
 */
const SyncRunSchema = z.object({
  syncId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable().default(null),
  total: z.number().int(),
  writes: z.number().int().default(0),
  /** By spreadsheet (`master`, `q:{queue}`): `done`, or `failed` while its last attempt failed; absent while waiting. */
  states: z.record(z.string(), z.enum(['done', 'failed'])).default({}),
  /** When the master spreadsheet was last asked to show the progress (each time costs one write). */
  shownAt: z.string().nullable().default(null),
});
type SyncRun = z.infer<typeof SyncRunSchema>;

/** How often, at most, a running sync rewrites its line on the master spreadsheet; the end is always shown. */
export const SHOW_PROGRESS_EVERY_MS = 60_000;

/** A run's id: when it started and a random part; letters, digits and `-` only (it names Cloud Tasks). */
export function newSyncId(at: Date): string {
  return `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

const stateKey = (spreadsheet: SpreadsheetKey): string =>
  spreadsheet.kind === 'master' ? 'master' : `q:${spreadsheet.queue}`;

function progressOf(run: SyncRun): SyncProgress {
  const states = Object.values(run.states);
  return {
    syncId: run.syncId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    spreadsheets: run.total,
    done: Math.min(run.total, states.filter((s) => s === 'done').length),
    failed: states.filter((s) => s === 'failed').length,
    writes: run.writes,
  };
}

export async function loadSyncProgress(store: Store, year: number): Promise<SyncProgress | undefined> {
  const parsed = SyncRunSchema.safeParse(await store.getViewState(year, SYNC_RUN));
  return parsed.success ? progressOf(parsed.data) : undefined;
}

/**
 * Records a new run before anything is scheduled (its callbacks update it). Spreadsheets that could not be
 * scheduled are then marked failed with `markUnscheduled`. The master spreadsheet shows the run from its own rebuild,
 * one of the run's, so `shownAt` starts now.
 */
export async function startSyncRun(
  store: Store,
  year: number,
  syncId: string,
  startedAt: Date,
  total: number,
): Promise<void> {
  const at = startedAt.toISOString();
  // A year without spreadsheets has nothing to wait for.
  const run: SyncRun = {
    syncId,
    startedAt: at,
    finishedAt: total === 0 ? at : null,
    total,
    writes: 0,
    states: {},
    shownAt: at,
  };
  await store.transaction(`view:${year}:${SYNC_RUN}`, (tx) => {
    tx.putViewState(year, SYNC_RUN, run);
    return Promise.resolve();
  });
}

export interface SyncFlushOutcome {
  spreadsheet: SpreadsheetKey;
  ok: boolean;
  /** Sheets write requests the attempt sent. */
  writes: number;
  at: Date;
}

/**
 * Records the end of one spreadsheet's rebuild (written, or failed and to be retried) for the runs named, if one of
 * them is still the year's last. A repeat (a task delivered twice) changes no count. In the same transaction, when
 * the run ends or its line was last shown a minute ago, a work item asks the master spreadsheet to show it again.
 * Answers whether that was asked (the caller then requests a flush of the master spreadsheet).
 */
export function recordSyncFlush(store: Store, syncIds: readonly string[], outcome: SyncFlushOutcome): Promise<boolean> {
  const { year } = outcome.spreadsheet;
  return store.transaction(`view:${year}:${SYNC_RUN}`, async (tx) => {
    const parsed = SyncRunSchema.safeParse(await tx.getViewState(year, SYNC_RUN));
    if (!parsed.success || !syncIds.includes(parsed.data.syncId)) return false;
    const run = parsed.data;
    const key = stateKey(outcome.spreadsheet);
    const before = run.states[key];
    run.writes += outcome.writes;
    if (outcome.ok) run.states[key] = 'done';
    else if (before !== 'done') run.states[key] = 'failed';
    const progress = progressOf(run);
    const ended = run.finishedAt === null && progress.done >= run.total;
    if (ended) run.finishedAt = outcome.at.toISOString();
    const changed = before !== run.states[key];
    const due = run.shownAt === null || outcome.at.getTime() - Date.parse(run.shownAt) >= SHOW_PROGRESS_EVERY_MS;
    const show = ended || (changed && due);
    if (show) {
      run.shownAt = outcome.at.toISOString();
      tx.enqueueViewWork([{ spreadsheet: masterSheet(year), item: { kind: 'sync', id: run.syncId } }]);
    }
    tx.putViewState(year, SYNC_RUN, run);
    return show;
  });
}

/** Marks spreadsheets whose rebuild could not be scheduled as failed, so the run shows it rather than waiting. */
export async function markUnscheduled(
  store: Store,
  year: number,
  syncId: string,
  spreadsheets: readonly SpreadsheetKey[],
): Promise<void> {
  if (spreadsheets.length === 0) return;
  await store.transaction(`view:${year}:${SYNC_RUN}`, async (tx) => {
    const parsed = SyncRunSchema.safeParse(await tx.getViewState(year, SYNC_RUN));
    if (!parsed.success || parsed.data.syncId !== syncId) return;
    const run = parsed.data;
    for (const spreadsheet of spreadsheets) run.states[stateKey(spreadsheet)] ??= 'failed';
    tx.putViewState(year, SYNC_RUN, run);
  });
}

/**
 * The master spreadsheet's line about the last sync, in Vietnamese:
 * "Đồng bộ lần cuối: bắt đầu 01/03/2019 10:00, 37/101 bảng tính xong" while it runs, its end once it is over.
 */
export function syncProgressLine(progress: SyncProgress | undefined): string {
  if (!progress) return '';
  const started = `Đồng bộ lần cuối: bắt đầu ${displayInstant(new Date(progress.startedAt))}`;
  const failed = progress.failed > 0 ? `, ${progress.failed} bảng tính lỗi đang thử lại` : '';
  if (progress.finishedAt !== null)
    return `${started}, xong ${displayInstant(new Date(progress.finishedAt))}, ${progress.done}/${progress.spreadsheets} bảng tính`;
  return `${started}, ${progress.done}/${progress.spreadsheets} bảng tính xong${failed}`;
}
