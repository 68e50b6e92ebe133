// Reading what the function wrote into the local Sheets stand-in, over its Sheets v4 REST API, and waiting for it.

/** Rows of a tab as the Sheets API returns them (formatted values; trailing empty cells are left out, as Google does). */
export async function readValues(baseUrl: string, spreadsheetId: string, range: string): Promise<string[][]> {
  const path = `/_local/sheets/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values/${encodeURIComponent(range)}`;
  const response = await fetch(baseUrl + path, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${String(response.status)} ${await response.text()}`);
  const body = (await response.json()) as { values?: unknown[][] };
  return (body.values ?? []).map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '' : String(cell as string | number | boolean))),
  );
}

/** A tab as records keyed by its header row (row 1), one per non-empty data row, with the 1-based sheet row. */
export interface SheetRecord {
  row: number;
  cells: Record<string, string>;
}

export function records(values: readonly (readonly string[])[]): { header: string[]; rows: SheetRecord[] } {
  const header = [...(values[0] ?? [])];
  const rows: SheetRecord[] = [];
  values.slice(1).forEach((row, i) => {
    if (row.every((cell) => cell === '')) return;
    rows.push({ row: i + 2, cells: Object.fromEntries(header.map((title, c) => [title, row[c] ?? ''])) });
  });
  return { header, rows };
}

/**
 * Retries `check` until it returns without throwing, or throws its last error after `timeoutMs`. The views write at
 * most once per second per spreadsheet and at most 50 a minute in all (Google's quota, less a margin), and retry failed
 * writes, so what a call changed shows up later: after a new plan, behind the first full sync of every spreadsheet.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 90_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
