// One embedded emulator and store per test file, cleared before each test.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { startEmbeddedFirestore, type EmbeddedFirestore } from '../../functions/dev/firestore';

export interface EmbeddedStore {
  firestore: EmbeddedFirestore;
  store: ReturnType<typeof createFirestoreStore>;
}

/** Returns a getter: the emulator exists only once `beforeAll` ran. */
export function useEmbeddedStore(): () => EmbeddedStore {
  let running: EmbeddedStore | undefined;
  beforeAll(async () => {
    const firestore = await startEmbeddedFirestore();
    running = { firestore, store: createFirestoreStore(firestore.db) };
  });
  afterAll(async () => {
    await running?.firestore.stop();
  });
  beforeEach(() => {
    running?.firestore.clear();
  });
  return () => running ?? expect.fail('the embedded store has not started');
}
