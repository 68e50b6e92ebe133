// PropertiesService (script properties, with Apps Script's size limits), CacheService and LockService fakes.
import type { FakeClock } from './clock';

/** Apps Script: 9 kB per value, 500 kB per store. */
export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

export class FakeProperties {
  readonly data = new Map<string, string>();
  writes = 0;

  getProperty(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setProperty(key: string, value: string): this {
    this.put(key, value);
    return this;
  }

  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    if (deleteAllOthers) this.data.clear();
    for (const [key, value] of Object.entries(properties)) this.put(key, value);
    return this;
  }

  deleteProperty(key: string): this {
    this.data.delete(key);
    return this;
  }

  deleteAllProperties(): this {
    this.data.clear();
    return this;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  getKeys(): string[] {
    return [...this.data.keys()];
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
    this.data.set(key, text);
    let total = 0;
    for (const [k, v] of this.data) total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
    if (total > STORE_LIMIT_BYTES) {
      this.data.delete(key);
      throw new Error('Exception: You have exceeded the property storage quota.');
    }
    this.writes++;
  }
}

export function createPropertiesService(script: FakeProperties): unknown {
  return {
    getScriptProperties: () => script,
    getUserProperties: () => {
      throw new Error('user properties are not used by this script');
    },
    getDocumentProperties: () => null,
  };
}

export class FakeCache {
  private readonly data = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly clock: FakeClock) {}

  get(key: string): string | null {
    const entry = this.data.get(key);
    if (!entry || entry.expiresAt <= this.clock.nowMs) return null;
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds = 600): void {
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
    this.held = false;
  }

  hasLock(): boolean {
    return this.held;
  }
}

export function createLockService(lock: FakeLock): unknown {
  return { getScriptLock: () => lock, getUserLock: () => lock, getDocumentLock: () => null };
}
