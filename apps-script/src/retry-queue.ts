// The durable retry queue in Script Properties: one key per item (plus body chunks), exponential backoff, and a dead-letter list.
// A form response is kept by its id only (the form is the durable record: the response is read from it again at each
// retry); the queue holds at most MAX_QUEUED_ITEMS, so however long the function is down it never fills Script
// Properties (500 kB): past that, responses wait in their form for the reconciler, decisions in their sheet for the poller.
import { sha256Hex } from './hashing';
import { withScriptLock } from './lock';
import { chunkProperties, deleteChunks, props, readChunks } from './store';

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
/** Items waiting at most (~1 kB each at worst): the queue never takes more than ~150 kB of Script Properties' 500 kB. */
export const MAX_QUEUED_ITEMS = 150;
/** Dead letters kept at most; a form response past that stays findable in its form (the reconciler sends it). */
export const MAX_DEAD_ITEMS = 50;
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
  // A form response keeps only its id: no body chunks.
  const { count, values } = item.source ? { count: 0, values: {} as Record<string, string> } : chunkProperties(bodyPrefix(kind, item.id), body);
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

function countItems(kind: QueueKind): number {
  return props()
    .getKeys()
    .filter((key) => key.startsWith(PREFIX[kind].item)).length;
}

/**
 * Puts a request on the retry queue after `attempts` failed attempts (a re-push of the same key keeps the higher count).
 * Undefined when the queue is full (MAX_QUEUED_ITEMS): nothing was stored, the caller leaves it to its source.
 */
export function enqueue(request: OutgoingRequest, attempts: number, lastError: string, nowMs: number): QueuedItem | undefined {
  return withScriptLock(
    () => {
      const id = itemIdFor(request.key);
      const existing = readItem('retry', id);
      if (!existing && countItems('retry') >= MAX_QUEUED_ITEMS) return undefined;
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
      return writeItem('retry', item, request.body);
    },
    { waitMs: 10_000, proceedUnlocked: true },
  );
}

/** Removes the retry item of `key` if there is one (the reconciler delivered its response). */
export function removeByKey(key: string): void {
  const item = readItem('retry', itemIdFor(key));
  if (item) removeItem('retry', item);
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
        // A full dead-letter list keeps a form response in its form only (the reconciler sends it once it can).
        if (!(item.source && countItems('dead') >= MAX_DEAD_ITEMS)) writeItem('dead', { ...item, attempts, lastError, nextAttemptAt: nowMs }, body);
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
    const body = item.source ? '' : loadBody('dead', item);
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
