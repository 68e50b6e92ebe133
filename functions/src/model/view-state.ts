// The views' own small documents (`years/{year}/sheets/{name}`): the spreadsheet registry, row positions, the last
// sync run's progress, the mail tab's state. Each is read with defaults, so a document an older version wrote still reads.
import { z } from 'zod';

const SpreadsheetRefSchema = z.object({
  spreadsheetId: z.string(),
  url: z.string().default(''),
  sheetName: z.string().optional(),
  /** Tab title → sheetId, learnt at the last full sync; incremental writes need them. */
  tabs: z.record(z.string(), z.number().int()).default({}),
});
export type SpreadsheetRef = z.infer<typeof SpreadsheetRefSchema>;

/** `registry`: the year's spreadsheets. */
export const RegistrySchema = z.object({
  master: SpreadsheetRefSchema.nullable().default(null),
  queues: z.record(z.string(), SpreadsheetRefSchema).default({}),
});
export type Registry = z.infer<typeof RegistrySchema>;

/** Shards a tab's row positions may be split into (views/state.ts explains the sharding). */
export const ROW_SHARDS_MAX = 64;

/** `rows-{name}`: a tab's next free row, grid height and shard count. */
export const RowHeadSchema = z.object({
  /** Positions stored by an older version in the head itself; moved into the shards at the next write. */
  rows: z.record(z.string(), z.number().int()).optional(),
  next: z.number().int().default(2),
  gridRows: z.number().int().default(0),
  shards: z.number().int().min(1).max(ROW_SHARDS_MAX).default(1),
});

/** `rows-{name}~{k}`: the rows of the keys whose hash falls in shard k. */
export const RowShardSchema = z.object({ rows: z.record(z.string(), z.number().int()).default({}) });

/**
 * `sync`: the year's last sync run. One run at a time per year (a new run replaces the last). Its size is bounded by
 * the year's spreadsheets (one short state each), never by its members or entries.
 */
export const SyncRunSchema = z.object({
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
export type SyncRun = z.infer<typeof SyncRunSchema>;

/** `mail`: when the master spreadsheet's "Thư" tab was last rewritten and asked for. */
export const MailTabStateSchema = z.object({
  /** When a flush last read the outbox for the tab. */
  shownAt: z.string().nullable().default(null),
  /** When a rewrite was last asked for; one is waiting while this is later than `shownAt`. */
  askedAt: z.string().nullable().default(null),
});
export type MailTabState = z.infer<typeof MailTabStateSchema>;
