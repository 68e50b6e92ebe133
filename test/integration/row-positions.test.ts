// Row positions are given in transactions: racing flushers never put two members on one row, and a full sync repairs a clash.
import { describe, expect, it } from 'vitest';
import type { RowTab } from '../../functions/src/views/row-tab';
import { rebuildRows, writeRows } from '../../functions/src/views/row-tab';
import { readRowIndex, ROW_SHARD_SPLIT, rowShardName, rowShardOf } from '../../functions/src/views/state';
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
  return (await readRowIndex(embedded().store, YEAR, 'results')).rows;
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

  it("splits a tab into more shards as it grows; a write then reads and writes only its keys' shard, the head only for new rows", async () => {
    const store = embedded().store;
    const members = Array.from({ length: ROW_SHARD_SPLIT + 100 }, (_, i) => `m-${String(i).padStart(16, '0')}`);
    await writeRows(store, YEAR, 7, tab, members.slice(0, 1_000));
    expect(await store.getViewState(YEAR, 'rows-results')).toMatchObject({ shards: 1, next: 1_002 });
    await writeRows(store, YEAR, 7, tab, members.slice(1_000));
    const head = (await store.getViewState(YEAR, 'rows-results')) as { shards: number; next: number; rows?: unknown };
    expect(head).toMatchObject({ shards: 4, next: members.length + 2 });
    expect(head.rows).toBeUndefined();
    for (let k = 0; k < head.shards; k++) {
      const shard = (await store.getViewState(YEAR, rowShardName('results', k))) as { rows: Record<string, number> };
      const keys = Object.keys(shard.rows);
      expect(keys.length).toBeLessThanOrEqual(ROW_SHARD_SPLIT / 2 + 100);
      expect(keys.every((key) => rowShardOf(key, head.shards) === k)).toBe(true);
    }
    const rows = Object.values(await positions()).sort((a, b) => a - b);
    expect(rows).toEqual(members.map((_, i) => i + 2));

    const before = { reads: store.counters.reads, writes: store.counters.writes };
    await writeRows(store, YEAR, 7, tab, [members[5] ?? '']);
    expect(store.counters.writes - before.writes).toBe(0);
    expect(store.counters.reads - before.reads).toBe(2);
    await writeRows(store, YEAR, 7, tab, ['m-new-member-000001']);
    expect(store.counters.writes - before.writes).toBe(2);
  });

  it('moves positions an older version kept in one document into the shards, keeping every row', async () => {
    const legacy = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`m-old-${String(i)}`, i + 2]));
    await embedded().store.putViewState(YEAR, 'rows-results', { rows: legacy, next: 52, gridRows: 100 });
    const written = rowsWritten(await writeRows(embedded().store, YEAR, 7, tab, ['m-old-7', 'm-fresh']));
    expect(written.get('m-old-7')).toBe(9);
    expect(written.get('m-fresh')).toBe(52);
    expect(await positions()).toEqual({ ...legacy, 'm-fresh': 52 });
    await rebuildRows(embedded().store, YEAR, 7, undefined, tab, [...Object.keys(legacy), 'm-fresh']);
    expect(
      ((await embedded().store.getViewState(YEAR, 'rows-results')) as Record<string, unknown>).rows,
    ).toBeUndefined();
    expect(await positions()).toEqual({ ...legacy, 'm-fresh': 52 });
  });

  it('a full sync gives a member hidden behind another (same row) a row of its own', async () => {
    await embedded().store.putViewState(YEAR, 'rows-results', {
      rows: { 'm-a': 2, 'm-b': 2, 'm-c': 3 },
      next: 4,
      gridRows: 100,
    });
    const rebuilt = await rebuildRows(embedded().store, YEAR, 7, undefined, tab, ['m-a', 'm-b', 'm-c']);
    const shown = rebuilt.values.values?.slice(1).map((row) => row[0]);
    expect(shown).toEqual(['m-a', 'm-c', 'm-b']);
    expect(await positions()).toEqual({ 'm-a': 2, 'm-c': 3, 'm-b': 4 });
  });
});
