// One pace for every spreadsheet: Sheets write quotas are per user (the service account), so writes wait their turn
// process-wide, and no request carries more than Google's advised size (a full sync goes out in several).
import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetsClient, ValueRangeWrite } from './client';

type Request = sheets_v4.Schema$Request;

export interface PaceOptions {
  /** At most this many write requests a minute across all spreadsheets (Google: 60 per user, 300 per project). */
  writesPerMinute: number;
  /** Largest request body sent, in bytes (Google advises 2 MB). */
  maxRequestBytes: number;
  /** The clock the pace keeps, and how it waits; the wall clock by default, a virtual one in tests (shared with the stand-in's quota window). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACE: PaceOptions = { writesPerMinute: 50, maxRequestBytes: 2_000_000 };

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Groups items in order so that each group's serialised size stays within `limit` (an oversized item goes alone). */
export function packBySize<T>(items: readonly T[], limit: number, overhead = 200): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = overhead;
  for (const item of items) {
    const itemSize = bytes(item) + 1;
    if (current.length > 0 && size + itemSize > limit) {
      groups.push(current);
      current = [];
      size = overhead;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** An updateCells request of many rows, cut into requests of fewer rows each within `limit`. */
function splitUpdateCells(request: Request, limit: number): Request[] {
  const update = request.updateCells;
  if (!update?.start || !update.rows || update.rows.length < 2 || bytes(request) <= limit) return [request];
  const start = update.start;
  let offset = 0;
  return packBySize(update.rows, limit).map((rows) => {
    const part: Request = {
      updateCells: { ...update, start: { ...start, rowIndex: (start.rowIndex ?? 0) + offset }, rows },
    };
    offset += rows.length;
    return part;
  });
}

const RANGE = /^(.*)!([A-Z]+)(\d+):([A-Z]+)(\d+)$/;

/** A value range of many rows (`'Tab'!A1:K5000`), cut into ranges of fewer rows each within `limit`. */
function splitValueRange(range: ValueRangeWrite, limit: number): ValueRangeWrite[] {
  const match = RANGE.exec(range.range);
  if (!match || range.values.length < 2 || bytes(range) <= limit) return [range];
  const [, tab, firstColumn, firstRow, lastColumn] = match;
  let row = Number(firstRow);
  return packBySize(range.values, limit).map((values) => {
    const part = {
      range: `${tab ?? ''}!${firstColumn ?? 'A'}${row}:${lastColumn ?? 'A'}${row + values.length - 1}`,
      values,
    };
    row += values.length;
    return part;
  });
}

/**
 * The one pace every write of this process keeps (Sheets write quotas are per user, the service account): writes
 * go out one at a time, in the order they asked, each starting at least 60 / writesPerMinute seconds after the
 * previous one started and never before it ended. Counted from real starts, not slots handed out in advance, so a
 * late timer (a busy event loop, a throttled CPU) never lets several writes out together.
 */
export interface WritePace {
  /** Runs `call` when its turn comes. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Largest request body sent, in bytes. */
  readonly maxRequestBytes: number;
  /** Least time between the starts of two writes, in milliseconds. */
  readonly intervalMs: number;
}

export function createWritePace(options: PaceOptions = DEFAULT_PACE): WritePace {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const interval = 60_000 / options.writesPerMinute;
  let lastStart = Number.NEGATIVE_INFINITY;
  // The writes waiting, as a chain: only its head ever sleeps, so a virtual clock's sleeps never overlap.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    maxRequestBytes: options.maxRequestBytes,
    intervalMs: interval,
    run<T>(call: () => Promise<T>): Promise<T> {
      const turn = tail.then(async () => {
        const wait = lastStart + interval - now();
        if (wait > 0) await sleep(wait);
        // Stamped once the call has begun, so nothing it stamps on its way out (a log, a quota window, a test's
        // record) falls later than the start the next write counts from, not even by a tick of a millisecond clock.
        const started = call();
        lastStart = now();
        return started;
      });
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** A pace to share: the one given, or a new one kept at these options. */
export function writePaceOf(pace: WritePace | PaceOptions): WritePace {
  return 'run' in pace ? pace : createWritePace(pace);
}

/**
 * Wraps a Sheets client so that every write waits its turn in `pace` (shared by every client wrapped with it) and
 * large writes go out in parts, in order. `onWrite` hears each write request sent (each part), e.g. to count a
 * sync's writes. In production the Cloud Tasks queue (one callback at a time, at the same rate) keeps instances in step.
 */
export function pacedSheetsClient(
  client: SheetsClient,
  pace: WritePace | PaceOptions = DEFAULT_PACE,
  onWrite: () => void = () => undefined,
): SheetsClient {
  const shared = writePaceOf(pace);
  const limit = shared.maxRequestBytes;

  function write<T>(call: () => Promise<T>): Promise<T> {
    return shared.run(() => {
      onWrite();
      return call();
    });
  }

  return {
    ...client,
    create: (title, tabs) => write(() => client.create(title, tabs)),
    async batchUpdate(spreadsheetId, requests) {
      const responses: sheets_v4.Schema$Response[] = [];
      for (const part of packBySize(
        requests.flatMap((r) => splitUpdateCells(r, limit)),
        limit,
      )) {
        responses.push(...(await write(() => client.batchUpdate(spreadsheetId, part))));
      }
      return responses;
    },
    async valuesBatchUpdate(spreadsheetId, data, option) {
      let updatedCells = 0;
      for (const part of packBySize(
        data.flatMap((range) => splitValueRange(range, limit)),
        limit,
      )) {
        updatedCells += (await write(() => client.valuesBatchUpdate(spreadsheetId, part, option))).updatedCells;
      }
      return { updatedCells };
    },
    valuesClear: (spreadsheetId, range) => write(() => client.valuesClear(spreadsheetId, range)),
    valuesAppend: (spreadsheetId, range, values, option) =>
      write(() => client.valuesAppend(spreadsheetId, range, values, option)),
  };
}
