// The durable retry queue in Script Properties: one key per item (plus body chunks), exponential backoff, and a dead-letter list.
// A form response is kept by its id only (the form is the durable record: the response is read from it again at each
// retry). The queue is bounded in bytes as Script Properties count them (keys and values, UTF-8) — MAX_QUEUED_BYTES,
// and MAX_DEAD_BYTES for the dead letters — as well as in items, so however long the function is down and however long
// a decision's comment, it never fills the 500 kB store: past that, responses wait in their form for the reconciler,
// decisions in their sheet for the poller.
import { sha256Hex } from './hashing';
import { withScriptLock } from './lock';
import { chunkProperties, deleteChunks, props, readChunks, utf8Bytes } from './store';
import { log } from './log';

/** Where a call's body can be read again: a response of a form this script built. */
export interface ResponseSource {
  formId: string;
  responseId: string;
}

/** A call to the function that must reach it eventually; `body` (and so its idempotency key) never changes between attempts. */
export interface OutgoingRequest {
  /** Stable identity of the call, e.g. `registration:<responseId>`; a second push of the same key replaces the first. */
  key: string;
  method: 'POST' | 'PUT';
  path: string;
  body: string;
  /** What a person reading the queue sees, in Vietnamese. */
  label: string;
  /** When set, the queue keeps this instead of the body and reads the response again from its form. */
  source?: ResponseSource;
}

export interface QueuedItem {
  id: string;
  key: string;
  method: 'POST' | 'PUT';
  path: string;
  label: string;
  attempts: number;
  queuedAt: number;
  nextAttemptAt: number;
  lastError: string;
  chunks: number;
  source?: ResponseSource;
}

export type QueueKind = 'retry' | 'dead';

export const MAX_ATTEMPTS = 20;
/** Items waiting at most. */
export const MAX_QUEUED_ITEMS = 150;
/** Bytes the waiting items take at most (keys, indexes and bodies), of Script Properties' 500 kB. */
export const MAX_QUEUED_BYTES = 150 * 1024;
/** Dead letters kept at most; a form response past that stays findable in its form (the reconciler sends it). */
export const MAX_DEAD_ITEMS = 50;
/** Bytes the dead letters take at most. */
export const MAX_DEAD_BYTES = 50 * 1024;
/**
 * A body larger than this is not queued (a decision with a very long comment): it stays where it was typed, and the
 * poller sends it again from the sheet (the function then refuses a comment over its limit, with the reason).
 */
export const MAX_BODY_BYTES = 24 * 1024;
export const BASE_DELAY_MS = 5 * 60 * 1000;
export const MAX_DELAY_MS = 6 * 60 * 60 * 1000;

const PREFIX: Record<QueueKind, { item: string; body: string }> = {
  retry: { item: 'journey.retry.item.', body: 'journey.retry.body.' },
  dead: { item: 'journey.dead.item.', body: 'journey.dead.body.' },
};

/** Wait before the next attempt after `attempts` failed ones: 5 min, 10 min, 20 min, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export function itemIdFor(key: string): string {
  return sha256Hex(key).slice(0, 32);
}

function bodyPrefix(kind: QueueKind, id: string): string {
  return `${PREFIX[kind].body}${id}.`;
}

/** The properties an item takes: its index and (unless it is a form response, kept by id) its body in chunks. */
function itemProperties(
  kind: QueueKind,
  item: Omit<QueuedItem, 'chunks'>,
  body: string,
): { meta: QueuedItem; values: Record<string, string> } {
  // A form response keeps only its id: no body chunks.
  const { count, values } = item.source
    ? { count: 0, values: {} as Record<string, string> }
    : chunkProperties(bodyPrefix(kind, item.id), body);
  const meta: QueuedItem = { ...item, chunks: count };
  values[PREFIX[kind].item + item.id] = JSON.stringify(meta);
  return { meta, values };
}

function bytesOf(values: Readonly<Record<string, string>>): number {
  return Object.entries(values).reduce((sum, [key, value]) => sum + utf8Bytes(key) + utf8Bytes(value), 0);
}

/** Writes an item; undefined when Script Properties refuse it (the store is full): nothing was written. */
function writeItem(
  kind: QueueKind,
  item: Omit<QueuedItem, 'chunks'>,
  body: string,
  previous?: QueuedItem,
): QueuedItem | undefined {
  const store = props();
  const { meta, values } = itemProperties(kind, item, body);
  // One call writes the body and the index together, so a reader never sees an index without its body.
  try {
    store.setProperties(values);
  } catch (error) {
    log.error(`Không lưu được "${item.label}" vào hàng đợi (${String(error)}).`);
    return undefined;
  }
  if (previous && previous.chunks > meta.chunks) {
    for (let i = meta.chunks; i < previous.chunks; i++)
      store.deleteProperty(`${bodyPrefix(kind, item.id)}${String(i)}`);
  }
  return meta;
}

function readItem(kind: QueueKind, id: string): QueuedItem | undefined {
  return parseItem(props().getProperty(PREFIX[kind].item + id));
}

interface ListState {
  items: QueuedItem[];
  /** Bytes of the whole list (indexes and bodies). */
  bytes: number;
  /** Bytes per item id. */
  byItem: Map<string, number>;
}

/** A list's items and the bytes they take (indexes and bodies), from one read of the store. */
function listState(kind: QueueKind, all: Readonly<Record<string, string>> = props().getProperties()): ListState {
  const state: ListState = { items: [], bytes: 0, byItem: new Map() };
  for (const [key, value] of Object.entries(all)) {
    let id: string;
    if (key.startsWith(PREFIX[kind].item)) {
      id = key.slice(PREFIX[kind].item.length);
      const item = parseItem(value);
      if (item) state.items.push(item);
    } else if (key.startsWith(PREFIX[kind].body)) {
      id = key.slice(PREFIX[kind].body.length).split('.')[0] ?? '';
    } else {
      continue;
    }
    const bytes = utf8Bytes(key) + utf8Bytes(value);
    state.bytes += bytes;
    state.byItem.set(id, (state.byItem.get(id) ?? 0) + bytes);
  }
  return state;
}

function parseItem(text: string | null): QueuedItem | undefined {
  if (text === null) return undefined;
  try {
    const item = JSON.parse(text) as Partial<QueuedItem>;
    if (typeof item.id !== 'string' || typeof item.path !== 'string' || typeof item.chunks !== 'number')
      return undefined;
    return item as QueuedItem;
  } catch {
    return undefined;
  }
}

/** Whether a list has room for an item taking `values` (an item already there is counted once). */
function hasRoom(
  kind: QueueKind,
  state: Pick<ListState, 'items' | 'bytes'>,
  values: Readonly<Record<string, string>>,
  replacing?: QueuedItem,
): boolean {
  const maxItems = kind === 'retry' ? MAX_QUEUED_ITEMS : MAX_DEAD_ITEMS;
  const maxBytes = kind === 'retry' ? MAX_QUEUED_BYTES : MAX_DEAD_BYTES;
  const count = state.items.length + (replacing ? 0 : 1);
  return count <= maxItems && state.bytes + bytesOf(values) <= maxBytes;
}

/**
 * Puts a request on the retry queue after `attempts` failed attempts (a re-push of the same key keeps the higher count).
 * Undefined when it does not fit — the queue is full (items or bytes), the body is over MAX_BODY_BYTES, or the store
 * refused it: nothing was stored, the caller leaves it to its source. Never throws for lack of room.
 */
export function enqueue(
  request: OutgoingRequest,
  attempts: number,
  lastError: string,
  nowMs: number,
): QueuedItem | undefined {
  if (!request.source && utf8Bytes(request.body) > MAX_BODY_BYTES) return undefined;
  return withScriptLock(
    () => {
      const id = itemIdFor(request.key);
      const state = listState('retry');
      const existing = state.items.find((i) => i.id === id);
      const tries = Math.max(attempts, existing?.attempts ?? 0);
      const item = {
        id,
        key: request.key,
        method: request.method,
        path: request.path,
        label: request.label,
        attempts: tries,
        queuedAt: existing?.queuedAt ?? nowMs,
        nextAttemptAt: nowMs + backoffMs(tries),
        lastError,
        ...(request.source ? { source: request.source } : {}),
      };
      // An existing item is rewritten in place: only what it grows by must fit.
      const { values } = itemProperties('retry', item, request.body);
      const room = existing ? { items: state.items, bytes: state.bytes - (state.byItem.get(id) ?? 0) } : state;
      if (!hasRoom('retry', room, values, existing)) return undefined;
      return writeItem('retry', item, request.body, existing);
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
}

/** Removes the retry item of `key` if there is one (the reconciler delivered its response). */
export function removeByKey(key: string): void {
  const item = readItem('retry', itemIdFor(key));
  if (item) removeItem('retry', item);
}

/** Every item of a list, oldest first (one read of the store). */
export function listItems(kind: QueueKind): QueuedItem[] {
  return listState(kind).items.sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
}

/** Bytes a list takes now (for tests and the status). */
export function listBytes(kind: QueueKind): number {
  return listState(kind).bytes;
}

export function loadBody(kind: QueueKind, item: QueuedItem): string | undefined {
  return readChunks(bodyPrefix(kind, item.id), item.chunks);
}

export function removeItem(kind: QueueKind, item: QueuedItem): void {
  withScriptLock(
    () => {
      props().deleteProperty(PREFIX[kind].item + item.id);
      deleteChunks(bodyPrefix(kind, item.id), item.chunks);
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
}

/** Records one more failed attempt: schedules the next one, or moves the item to the dead letters after MAX_ATTEMPTS. */
export function recordFailure(item: QueuedItem, body: string, lastError: string, nowMs: number): 'retry' | 'dead' {
  const attempts = item.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    const moved = withScriptLock(
      () => {
        const dead = { ...item, attempts, lastError, nextAttemptAt: nowMs };
        const fits = hasRoom('dead', listState('dead'), itemProperties('dead', dead, body).values);
        // A full dead-letter list keeps a form response in its form only (the reconciler sends it once it can), and a
        // decision in the retry queue, tried every 6 hours: it is never dropped.
        if (!fits && !item.source) return false;
        if (fits && !writeItem('dead', dead, body)) return false;
        props().deleteProperty(PREFIX.retry.item + item.id);
        deleteChunks(bodyPrefix('retry', item.id), item.chunks);
        return true;
      },
      { waitMs: 10_000, proceedUnlocked: true },
    );
    if (moved) return 'dead';
  }
  withScriptLock(
    () => {
      writeItem(
        'retry',
        {
          ...item,
          attempts: Math.min(attempts, MAX_ATTEMPTS - 1),
          lastError,
          nextAttemptAt: nowMs + backoffMs(attempts),
        },
        body,
        item,
      );
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
  return 'retry';
}

/** Moves every dead letter back to the retry queue with a fresh count, due now. Returns how many. */
export function requeueDead(nowMs: number): number {
  let moved = 0;
  for (const item of listItems('dead')) {
    const body = item.source ? '' : loadBody('dead', item);
    if (body === undefined) continue;
    const requeued = withScriptLock(
      () => {
        if (!writeItem('retry', { ...item, attempts: 0, nextAttemptAt: nowMs }, body)) return false;
        props().deleteProperty(PREFIX.dead.item + item.id);
        deleteChunks(bodyPrefix('dead', item.id), item.chunks);
        return true;
      },
      { waitMs: 10_000, proceedUnlocked: true },
    );
    if (requeued) moved++;
  }
  return moved;
}

export interface QueueCounts {
  pending: number;
  due: number;
  dead: number;
  oldestQueuedAt: number | null;
}

export function queueCounts(nowMs: number): QueueCounts {
  const pending = listItems('retry');
  return {
    pending: pending.length,
    due: pending.filter((i) => i.nextAttemptAt <= nowMs).length,
    dead: listItems('dead').length,
    oldestQueuedAt: pending[0]?.queuedAt ?? null,
  };
}
