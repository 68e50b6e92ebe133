// The advanced Drive service (v3) as the poller uses it: Files.list of the spreadsheets modified since a time.
import { charge } from './runtime';
import type { FakeSpreadsheetApp } from './spreadsheets';

export class FakeDrive {
  readonly calls: Array<Record<string, unknown>> = [];
  /** Set to make every call fail (Drive unavailable, scope not granted). */
  failure: string | null = null;

  constructor(private readonly sheets: FakeSpreadsheetApp) {}

  list(parameters: Record<string, unknown>): {
    files: Array<{ id: string; modifiedTime: string }>;
    nextPageToken?: string;
  } {
    charge('driveList');
    this.calls.push(parameters);
    if (this.failure !== null) throw new Error(this.failure);
    const q = typeof parameters.q === 'string' ? parameters.q : '';
    if (!q.includes("mimeType = 'application/vnd.google-apps.spreadsheet'"))
      throw new Error(`fake Drive: unexpected query ${q}`);
    const since = /modifiedTime > '([^']+)'/.exec(q)?.[1];
    const sinceMs = since === undefined ? 0 : Date.parse(since);
    if (!Number.isFinite(sinceMs)) throw new Error(`fake Drive: bad time in ${q}`);
    const pageSize = typeof parameters.pageSize === 'number' ? parameters.pageSize : 100;
    const start = typeof parameters.pageToken === 'string' ? Number(parameters.pageToken) : 0;
    const all = this.sheets.spreadsheets.filter((s) => s.modifiedMs > sinceMs);
    const page = all
      .slice(start, start + pageSize)
      .map((s) => ({ id: s.id, modifiedTime: new Date(s.modifiedMs).toISOString() }));
    return start + pageSize < all.length ? { files: page, nextPageToken: String(start + pageSize) } : { files: page };
  }

  global(): unknown {
    return { Files: { list: (parameters: Record<string, unknown>) => this.list(parameters) } };
  }
}
