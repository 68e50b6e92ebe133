// The store turns Firestore's "cannot reach storage" gRPC codes into StoreUnavailableError (503), and nothing else.
import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { StoreUnavailableError } from '../../functions/src/ports';

/** The one SDK call getYear makes, failing with a gRPC status code as firebase-admin reports it. */
function failingWith(code: number): Firestore {
  const error = Object.assign(new Error(`grpc ${String(code)}`), { code });
  return { doc: () => ({ get: () => Promise.reject(error) }) } as unknown as Firestore;
}

describe('Firestore errors', () => {
  it.each([
    [14, 'UNAVAILABLE'],
    [4, 'DEADLINE_EXCEEDED'],
    [10, 'ABORTED'],
    [8, 'RESOURCE_EXHAUSTED'],
  ])('code %i (%s) means storage is unavailable: the caller retries later', async (code) => {
    await expect(createFirestoreStore(failingWith(code)).getYear(2019)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    [3, 'INVALID_ARGUMENT'],
    [7, 'PERMISSION_DENIED'],
  ])('code %i (%s) is a fault of ours and is not disguised as an outage', async (code) => {
    const failure = createFirestoreStore(failingWith(code)).getYear(2019);
    await expect(failure).rejects.not.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ code });
  });
});
