// View work (`viewWork/{id}`): which view rows must be rewritten, stored with the change that made them stale.

/** A spreadsheet the views keep: the year's master spreadsheet, or one evaluator queue's. */
export type SpreadsheetKey = { kind: 'master'; year: number } | { kind: 'queue'; year: number; queue: string };

/**
 * What a view row shows: a member (Kết quả), a refused submission (Lỗi) or an evidence entry (a queue); or `sync`,
 * the line of the master spreadsheet that shows the progress of the last sync (id: the sync run's id); or `mail`, the
 * master spreadsheet's "Thư" tab (id: `outbox`); or `data_request`, its "Yêu cầu dữ liệu" tab (id: the request's).
 */
export interface ViewItem {
  kind: 'member' | 'refused' | 'evidence' | 'sync' | 'mail' | 'data_request';
  id: string;
}

/** A view row to rewrite: which spreadsheet, and which item on it. */
export interface ViewWork {
  spreadsheet: SpreadsheetKey;
  item: ViewItem;
}

export interface QueuedViewWork extends ViewWork {
  id: string;
}

/** View work inside a transaction. */
export interface ViewWorkTx {
  /** Records, with the change itself, which view rows must be rewritten: nothing is lost if the process dies. */
  enqueueViewWork(items: readonly ViewWork[]): void;
}

export interface ViewWorkStore {
  enqueueViewWork(items: readonly ViewWork[]): Promise<void>;
  /** Pending view work for one spreadsheet, or for every spreadsheet when `spreadsheet` is null. */
  listViewWork(spreadsheet: SpreadsheetKey | null, limit: number): Promise<QueuedViewWork[]>;
  deleteViewWork(ids: readonly string[]): Promise<void>;
}
