// Listings read by the page: where a page ended, what a page request asks, and a page.

/** Where a page of a listing ended: its last entry's time and document id (the listing's order); the next page starts after it. */
export interface PagePosition {
  at: string;
  id: string;
}

/** One page of a listing, oldest first (or newest first when asked): `limit` entries at most, after `after`. */
export interface PageRequest<S extends string> {
  status?: S | undefined;
  limit: number;
  after?: PagePosition | undefined;
}

/** A page and where the next one starts (null on the last page). */
export interface Page<T> {
  items: T[];
  next: PagePosition | null;
}
