// The durable retry queue in Script Properties: one key per item (plus body chunks), exponential backoff, and a dead-letter list.
import { sha256Hex } from './hashing';
import { withScriptLock } from './lock';
import { chunkProperties, deleteChunks, props, readChunks } from './store';

/** A call to the function that must reach it eventually; `body` (and so its idempotency key) never changes between attempts. */
export interface OutgoingRequest {
  /** Stable identity of the call, e.g. `registration:<responseId>`; a second push of the same key replaces the first. */
  key: string;
  method: 'POST' | 'PUT';
  path: string;
  body: string;
  /** What a person reading the queue sees, in Vietnamese. */
  label: string;
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
}

export type QueueKind = 'retry' | 'dead';

export const MAX_ATTEMPTS = 20;
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

function writeItem(kind: QueueKind, item: Omit<QueuedItem, 'chunks'>, body: string): QueuedItem {
  const store = props();
  const previous = readItem(kind, item.id);
  const { count, values } = chunkProperties(bodyPrefix(kind, item.id), body);
  const meta: QueuedItem = { ...item, chunks: count };
  values[PREFIX[kind].item + item.id] = JSON.stringify(meta);
  // One call writes the body and the index together, so a reader never sees an index without its body.
  store.setProperties(values);
  if (previous && previous.chunks > count) {
    for (let i = count; i < previous.chunks; i++) store.deleteProperty(`${bodyPrefix(kind, item.id)}${String(i)}`);
  }
  return meta;
}

function readItem(kind: QueueKind, id: string): QueuedItem | undefined {
  return parseItem(props().getProperty(PREFIX[kind].item + id));
}

function parseItem(text: string | null): QueuedItem | undefined {
  if (text === null) return undefined;
  try {
    const item = JSON.parse(text) as Partial<QueuedItem>;
    if (typeof item.id !== 'string' || typeof item.path !== 'string' || typeof item.chunks !== 'number') return undefined;
    return item as QueuedItem;
  } catch {
    return undefined;
  }
}

/** Puts a request on the retry queue after `attempts` failed attempts (a re-push of the same key keeps the higher count). */
export function enqueue(request: OutgoingRequest, attempts: number, lastError: string, nowMs: number): QueuedItem {
  return withScriptLock(
    () => {
      const id = itemIdFor(request.key);
      const existing = readItem('retry', id);
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
      };
      return writeItem('retry', item, request.body);
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
}

/** Every item of a list, oldest first. */
export function listItems(kind: QueueKind): QueuedItem[] {
  const store = props();
  return store
    .getKeys()
    .filter((key) => key.startsWith(PREFIX[kind].item))
    .flatMap((key) => {
      const item = parseItem(store.getProperty(key));
      return item ? [item] : [];
    })
    .sort((a, b) => a.queuedAt - b.queuedAt || a.id.localeCompare(b.id));
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
    withScriptLock(
      () => {
        writeItem('dead', { ...item, attempts, lastError, nextAttemptAt: nowMs }, body);
        props().deleteProperty(PREFIX.retry.item + item.id);
        deleteChunks(bodyPrefix('retry', item.id), item.chunks);
      },
      { waitMs: 10_000, proceedUnlocked: true },
    );
    return 'dead';
  }
  withScriptLock(
    () => {
      writeItem('retry', { ...item, attempts, lastError, nextAttemptAt: nowMs + backoffMs(attempts) }, body);
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
  return 'retry';
}

/** Moves every dead letter back to the retry queue with a fresh count, due now. Returns how many. */
export function requeueDead(nowMs: number): number {
  let moved = 0;
  for (const item of listItems('dead')) {
    const body = loadBody('dead', item);
    if (body === undefined) continue;
    withScriptLock(
      () => {
        writeItem('retry', { ...item, attempts: 0, nextAttemptAt: nowMs }, body);
        props().deleteProperty(PREFIX.dead.item + item.id);
        deleteChunks(bodyPrefix('dead', item.id), item.chunks);
      },
      { waitMs: 10_000, proceedUnlocked: true },
    );
    moved++;
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
