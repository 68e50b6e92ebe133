// One Firestore and store per test file (the embedded stand-in, or Google's emulator), cleared before each test.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { startTestFirestore, type FirestoreKind, type TestFirestore } from '../google/test-firestore';

export interface EmbeddedStore {
  firestore: TestFirestore;
  store: ReturnType<typeof createFirestoreStore>;
}

/** Returns a getter: the Firestore exists only once `beforeAll` ran. */
export function useStore(kind: FirestoreKind): () => EmbeddedStore {
  let running: EmbeddedStore | undefined;
  beforeAll(async () => {
    const firestore = await startTestFirestore(kind);
    running = { firestore, store: createFirestoreStore(firestore.db) };
  });
  afterAll(async () => {
    await running?.firestore.stop();
  });
  beforeEach(async () => {
    await running?.firestore.clear();
  });
  return () => running ?? expect.fail(`the ${kind} Firestore has not started`);
}

export const useEmbeddedStore = (): (() => EmbeddedStore) => useStore('embedded');
