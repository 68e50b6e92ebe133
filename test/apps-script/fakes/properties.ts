// PropertiesService (script properties and each account's user properties, with Apps Script's size limits and daily
// quota), CacheService and LockService fakes.
import type { FakeClock } from './clock';
import { charge, countQuota, type CallKind } from './runtime';

/** Apps Script: 9 kB per value, 500 kB per store. */
export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

export class FakeProperties {
  readonly data = new Map<string, string>();
  writes = 0;
  /** Bytes of every key and value stored now, as the quota counts them. */
  private total = 0;
  /** Service calls made, by method (the bench turns them into time). */
  readonly calls = { get: 0, set: 0, delete: 0, getAll: 0, keys: 0 };

  private size(key: string, value: string): number {
    return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  }

  /** Test view: bytes stored now. */
  bytes(): number {
    return this.total;
  }

  /** Every call of the bundle costs time and counts against the daily quota of Script Properties calls. */
  private service(kind: CallKind): void {
    charge(kind);
    countQuota('properties');
  }

  getProperty(key: string): string | null {
    this.service('propertyRead');
    this.calls.get++;
    return this.data.get(key) ?? null;
  }

  setProperty(key: string, value: string): this {
    this.service('propertyWrite');
    this.calls.set++;
    this.put(key, value);
    return this;
  }

  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    this.service('propertyWrite');
    this.calls.set++;
    // One call writes all or nothing: checked as a whole against the limits before anything is stored.
    const entries = Object.entries(properties);
    let total = deleteAllOthers ? 0 : this.total;
    for (const [key, value] of entries) {
      if (Buffer.byteLength(value, 'utf8') > VALUE_LIMIT_BYTES)
        throw new Error(`Exception: Argument too large: value (${key})`);
      const old = deleteAllOthers ? undefined : this.data.get(key);
      total += this.size(key, value) - (old === undefined ? 0 : this.size(key, old));
    }
    if (total > STORE_LIMIT_BYTES) {
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    if (deleteAllOthers) this.deleteAllProperties();
    for (const [key, value] of entries) this.put(key, value);
    return this;
  }

  deleteProperty(key: string): this {
    this.service('propertyWrite');
    this.calls.delete++;
    const old = this.data.get(key);
    if (old !== undefined) this.total -= this.size(key, old);
    this.data.delete(key);
    return this;
  }

  deleteAllProperties(): this {
    this.data.clear();
    this.total = 0;
    return this;
  }

  getProperties(): Record<string, string> {
    this.service('propertyList');
    this.calls.getAll++;
    return Object.fromEntries(this.data);
  }

  getKeys(): string[] {
    this.service('propertyList');
    this.calls.keys++;
    return [...this.data.keys()];
  }

  /** Test view: the year's cached sheets map, put together from its one-property-per-spreadsheet shards. */
  sheetsMap(
    year: number,
  ): { master: unknown; queues: Record<string, { spreadsheetId: string; sheetName: string }> } | undefined {
    const master = this.data.get(`journey.sheets.${String(year)}.master`);
    if (master === undefined) return undefined;
    const prefix = `journey.sheets.${String(year)}.ss.`;
    const queues: Record<string, { spreadsheetId: string; sheetName: string }> = {};
    for (const [key, value] of this.data) {
      if (!key.startsWith(prefix)) continue;
      for (const [queue, sheetName] of JSON.parse(value) as [string, string][])
        queues[queue] = { spreadsheetId: key.slice(prefix.length), sheetName };
    }
    return { master: JSON.parse(master) as unknown, queues };
  }

  /** Test view: a JSON property parsed. */
  json(key: string): unknown {
    const value = this.data.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as unknown);
  }

  private put(key: string, text: string): void {
    if (Buffer.byteLength(text, 'utf8') > VALUE_LIMIT_BYTES) {
      throw new Error(`Exception: Argument too large: value (${key})`);
    }
    const old = this.data.get(key);
    const total = this.total - (old === undefined ? 0 : this.size(key, old)) + this.size(key, text);
    if (total > STORE_LIMIT_BYTES) {
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.data.set(key, text);
    this.total = total;
    this.writes++;
  }
}

/**
 * User Properties as Apps Script keeps them: one store per account and script, which only that account's executions
 * read or write (a trigger's are its installer's; a menu item's, the person's who clicks it). Each store has the same
 * limits as Script Properties (9 kB a value, 500 kB in all) and its calls count against the same daily quota of the
 * account running (FakeRuntime counts them per user).
 */
export class FakeUserProperties {
  private readonly stores = new Map<string, FakeProperties>();

  /** The store of `user` (made empty on first use, as Apps Script shows a new user an empty one). */
  of(user: string): FakeProperties {
    const key = user.toLowerCase();
    let store = this.stores.get(key);
    if (!store) {
      store = new FakeProperties();
      this.stores.set(key, store);
    }
    return store;
  }

  /** Test view: the accounts whose store holds anything. */
  users(): string[] {
    return [...this.stores].filter(([, store]) => store.data.size > 0).map(([user]) => user);
  }
}

export function createPropertiesService(
  script: FakeProperties,
  users: FakeUserProperties,
  currentUser: () => string,
): unknown {
  return {
    getScriptProperties: () => script,
    getUserProperties: () => users.of(currentUser()),
    getDocumentProperties: () => null,
  };
}

export class FakeCache {
  private readonly data = new Map<string, { value: string; expiresAt: number }>();
  readonly calls = { get: 0, put: 0 };

  constructor(private readonly clock: FakeClock) {}

  get(key: string): string | null {
    charge('cache');
    this.calls.get++;
    const entry = this.data.get(key);
    if (!entry || entry.expiresAt <= this.clock.nowMs) return null;
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds = 600): void {
    charge('cache');
    this.calls.put++;
    if (key.length > 250) throw new Error('Exception: Argument too large: key');
    this.data.set(key, { value, expiresAt: this.clock.nowMs + Math.min(expirationInSeconds, 21600) * 1000 });
  }

  remove(key: string): void {
    this.data.delete(key);
  }

  clear(): void {
    this.data.clear();
  }
}

export function createCacheService(cache: FakeCache): unknown {
  return { getScriptCache: () => cache, getUserCache: () => cache, getDocumentCache: () => null };
}

/** The script lock: one holder at a time; a test may mark it as held elsewhere to see how the code copes. */
export class FakeLock {
  held = false;
  heldElsewhere = false;
  acquisitions = 0;

  /** Single-threaded: never waits, so the timeout does not matter. */
  tryLock(): boolean {
    charge('lock');
    if (this.heldElsewhere) return false;
    if (this.held) throw new Error('FakeLock: the script took its own lock twice (would deadlock in Apps Script)');
    this.held = true;
    this.acquisitions++;
    return true;
  }

  waitLock(): void {
    if (!this.tryLock()) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
  }

  releaseLock(): void {
    charge('lock');
    this.held = false;
  }

  hasLock(): boolean {
    return this.held;
  }
}

export function createLockService(lock: FakeLock): unknown {
  return { getScriptLock: () => lock, getUserLock: () => lock, getDocumentLock: () => null };
}
