// How a view work item is stored: flat, typed fields (the emulator has no nested-field filters), read back validated.
import { z } from 'zod';
import type { ViewWork } from '../../ports';

export const ViewWorkDocSchema = z.object({
  year: z.number().int(),
  sheet: z.enum(['master', 'queue']),
  /** The queue id; '' for the master spreadsheet (so one equality filter serves both). */
  queue: z.string(),
  itemKind: z.enum(['member', 'refused', 'evidence', 'sync', 'mail']),
  itemId: z.string(),
  at: z.string(),
});
export type ViewWorkDoc = z.infer<typeof ViewWorkDocSchema>;

export function viewWorkDoc(work: ViewWork, at = new Date()): ViewWorkDoc {
  const { spreadsheet, item } = work;
  return {
    year: spreadsheet.year,
    sheet: spreadsheet.kind,
    queue: spreadsheet.kind === 'queue' ? spreadsheet.queue : '',
    itemKind: item.kind,
    itemId: item.id,
    at: at.toISOString(),
  };
}

export function viewWorkFromDoc(doc: ViewWorkDoc): ViewWork {
  return {
    spreadsheet:
      doc.sheet === 'master' ? { kind: 'master', year: doc.year } : { kind: 'queue', year: doc.year, queue: doc.queue },
    item: { kind: doc.itemKind, id: doc.itemId },
  };
}
