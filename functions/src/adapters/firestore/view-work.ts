// A view work item to and from its stored document (model/view-work.ts).
import type { ViewWorkDoc } from '../../model';
import type { ViewWork } from '../../ports';

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
