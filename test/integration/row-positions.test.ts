// Row positions are given in transactions: racing flushers never put two members on one row, and a full sync repairs a clash.
import { describe, expect, it } from 'vitest';
import type { RowTab } from '../../functions/src/views/row-tab';
import { rebuildRows, writeRows } from '../../functions/src/views/row-tab';
import { useEmbeddedStore } from './embedded-store';

const embedded = useEmbeddedStore();
const YEAR = 2019;
const tab: RowTab<string> = {
  title: 'Kết quả',
  positions: 'results',
  header: ['Mã đoàn viên'],
  keyOf: (id) => id,
  order: (ids) => [...ids].sort(),
  row: (id) => [id],
};

async function positions(): Promise<Record<string, number>> {
  const doc = (await embedded().store.getViewState(YEAR, 'rows-results')) as { rows: Record<string, number> } | undefined;
  return doc?.rows ?? {};
}

/** Each member's row, from the cells the requests write. */
function rowsWritten(requests: Awaited<ReturnType<typeof writeRows>>): Map<string, number> {
  const found = new Map<string, number>();
  for (const request of requests) {
    const update = request.updateCells;
    if (!update?.start) continue;
    update.rows?.forEach((row, i) => {
      const id = row.values?.[0]?.userEnteredValue?.stringValue;
      if (id) found.set(id, (update.start?.rowIndex ?? 0) + i + 1);
    });
  }
  return found;
}

describe('row positions', () => {
  it('two flushers racing with different members never share a row', async () => {
    const members = Array.from({ length: 12 }, (_, i) => `m-${String(i).padStart(16, '0')}`);
    const writes = await Promise.all(members.map((id) => writeRows(embedded().store, YEAR, 7, tab, [id])));
    const rows = writes.map((w) => [...rowsWritten(w).values()][0]);
    expect(new Set(rows).size).toBe(members.length);
    expect(Object.values(await positions()).sort((a, b) => a - b)).toEqual(members.map((_, i) => i + 2));
  });

  it('a full sync gives a member hidden behind another (same row) a row of its own', async () => {
    await embedded().store.putViewState(YEAR, 'rows-results', { rows: { 'm-a': 2, 'm-b': 2, 'm-c': 3 }, next: 4, gridRows: 100 });
    const rebuilt = await rebuildRows(embedded().store, YEAR, 7, undefined, tab, ['m-a', 'm-b', 'm-c']);
    const shown = rebuilt.values.values?.slice(1).map((row) => row[0]);
    expect(shown).toEqual(['m-a', 'm-c', 'm-b']);
    expect(await positions()).toEqual({ 'm-a': 2, 'm-c': 3, 'm-b': 4 });
  });
});
