// How a view work item is stored (`viewWork/{id}`): flat, typed fields (the emulator has no nested-field filters).
import { z } from 'zod';

export const ViewWorkDocSchema = z.object({
  year: z.number().int(),
  sheet: z.enum(['master', 'queue']),
  /** The queue id; '' for the master spreadsheet (so one equality filter serves both). */
  queue: z.string(),
  itemKind: z.enum(['member', 'refused', 'evidence', 'sync', 'mail', 'data_request']),
  itemId: z.string(),
  at: z.string(),
});
export type ViewWorkDoc = z.infer<typeof ViewWorkDocSchema>;
