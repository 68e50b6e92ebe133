// The inbox (`inbox/{key}`): every submission exactly as received, then its outcome.
import type { InboxDoc } from '../model';
import type { Page, PageRequest } from './paging';

export interface InboxReads {
  getInbox(key: string): Promise<InboxDoc | undefined>;
}

/** The inbox inside a transaction. */
export interface InboxTx extends InboxReads {
  putInbox(doc: InboxDoc): void;
}

export interface InboxStore extends InboxReads {
  /** Stores a submission as received, before anything else looks at it. */
  putInbox(doc: InboxDoc): Promise<void>;
  /** Every inbox entry of the year (a full sync, a weekly digest); listings read pages instead. */
  listInbox(year: number, status?: InboxDoc['status']): Promise<InboxDoc[]>;
  /** One page of the year's inbox by time received: its reads are the page's, whatever the year's size. */
  pageInbox(year: number, request: PageRequest<InboxDoc['status']>): Promise<Page<InboxDoc>>;
  /** What one person sent (a member's own copy of their data): an equality query on the sender, its reads theirs. */
  inboxOf(email: string): Promise<InboxDoc[]>;
  /** The status of each inbox entry among `keys` that exists (one batched read, bodies not read). */
  inboxStatuses(keys: readonly string[]): Promise<ReadonlyMap<string, InboxDoc['status']>>;
}
