// A store made at its first use: the function's entry then loads the Firestore SDK (some 300 ms) only once a request
// needs storage, not while the instance starts.
import type { Store } from '../../ports';

/** Every method waits for `load` (once; again after a failure), then calls the real store's. */
export function lazyStore<T extends object = Store>(load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const real = (): Promise<T> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return new Proxy({} as T, {
    get(_target, name) {
      // Not a promise itself: `await store` must not wait on a method.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return async (...args: unknown[]): Promise<unknown> => {
        const store = await real();
        const method = (store as unknown as Record<string, unknown>)[name];
        if (typeof method !== 'function') throw new TypeError(`the store has no method ${name}`);
        return Reflect.apply(method, store, args) as unknown;
      };
    },
  });
}
