// The year's plan (`years/{year}`, each version in `configVersions/{n}`, its nominee rosters in parts beside it) and a
// base union's own nominee list (`years/{year}/nominations/{unitId}`).
import { z } from 'zod';
import { YearConfigSchema } from '../domain/config';

export const YearDocSchema = z.object({
  year: z.number(),
  version: z.number(),
  config: YearConfigSchema,
  updatedAt: z.string(),
  /** Hash of the plan with its defaults filled in: a plan is a new version whenever this differs from the one in force. */
  contentHash: z.string().optional(),
  /** Per unit id, when the plan last changed that unit's `nominees` (compared with a base union's own list by time). */
  nomineesSetAt: z.record(z.string(), z.string()).optional(),
  /**
   * Every processing notice this year's plan has put in force, oldest first, with the plan version that brought it
   * (whose `config.privacy.text` is its text): a registration names one of these, so a form that showed an earlier
   * notice still registers against the version it showed. A plan stored before notices had versions has none.
   */
  notices: z.array(z.object({ version: z.string(), since: z.string(), plan: z.number() })).optional(),
  /** The year this plan was rolled over from (`POST /rollover`), on the version the rollover made. */
  rolledOverFrom: z.number().optional(),
});
export type YearDoc = z.infer<typeof YearDocSchema>;

/** One part of a unit's nominee roster of a plan version (`…/configVersions/{n}/nominees/{unitId}~{part}`). */
export const NomineePartSchema = z.object({ unitId: z.string(), part: z.number().int(), emails: z.array(z.string()) });
export type NomineePart = z.infer<typeof NomineePartSchema>;

/** A base union's own nominee list for the year, as its executive keeps it in the "Đề cử" tab of its spreadsheet. */
export const NominationsDocSchema = z.object({
  year: z.number(),
  unitId: z.string(),
  nominees: z.array(z.object({ fullName: z.string(), email: z.string() })),
  editId: z.string(),
  /** When the list was edited in the sheet: a later edit replaces an earlier one, never the reverse (a late retry). */
  editedAt: z.string(),
  editorEmail: z.string().nullable(),
  receivedAt: z.string(),
});
export type NominationsDoc = z.infer<typeof NominationsDocSchema>;
