// Request counters, so tests and the quota budget can see how many calls (and retries) reached "Google".

export interface SheetsStats {
  total: number;
  /** Keyed "METHOD api.method", e.g. "POST spreadsheets.values.batchUpdate". */
  byEndpoint: Record<string, number>;
  bySpreadsheet: Record<string, number>;
  byStatus: Record<string, number>;
  /** Cell values written by values writes and updateCells/repeatCell. */
  cellsWritten: number;
  faultsInjected: number;
  /** The largest request body seen, in bytes (Google refuses more than 10 MB and advises under 2 MB). */
  largestRequestBytes: number;
}

export function emptyStats(): SheetsStats {
  return {
    total: 0,
    byEndpoint: {},
    bySpreadsheet: {},
    byStatus: {},
    cellsWritten: 0,
    faultsInjected: 0,
    largestRequestBytes: 0,
  };
}

export class StatsRecorder {
  #stats = emptyStats();

  request(method: string, endpoint: string, spreadsheetId: string | undefined): void {
    this.#stats.total += 1;
    bump(this.#stats.byEndpoint, `${method} ${endpoint}`);
    if (spreadsheetId !== undefined) bump(this.#stats.bySpreadsheet, spreadsheetId);
  }

  answered(status: number): void {
    bump(this.#stats.byStatus, String(status));
  }

  fault(): void {
    this.#stats.faultsInjected += 1;
  }

  requestBytes(bytes: number): void {
    this.#stats.largestRequestBytes = Math.max(this.#stats.largestRequestBytes, bytes);
  }

  cells(count: number): void {
    this.#stats.cellsWritten += count;
  }

  snapshot(): SheetsStats {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#stats = emptyStats();
  }
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
