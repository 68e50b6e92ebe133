// The store turns Firestore's "cannot reach storage" gRPC codes into StoreUnavailableError (503), a refused document
// (INVALID_ARGUMENT) into DocumentLimitError, and nothing else.
import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { createFirestoreStore } from '../../functions/src/adapters/firestore/store';
import { DocumentLimitError, StoreUnavailableError } from '../../functions/src/ports';

/** The one SDK call getYear makes, failing with a gRPC status code as firebase-admin reports it. */
function failingWith(code: number, message = `grpc ${String(code)}`): Firestore {
  const error = Object.assign(new Error(message), { code });
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

  it('code 7 (PERMISSION_DENIED) is a fault of ours and is not disguised as an outage', async () => {
    const failure = createFirestoreStore(failingWith(7)).getYear(2019);
    await expect(failure).rejects.not.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 7 });
  });

  it('code 3 (INVALID_ARGUMENT) is a document Firestore refused: DocumentLimitError with its code and path, never raw', async () => {
    const message =
      "3 INVALID_ARGUMENT: Document 'projects/demo/databases/(default)/documents/years/2019/sheets/rows-results' cannot be written because its size (1,234,567 bytes) exceeds the maximum allowed size of 1,048,576 bytes.";
    const failure = createFirestoreStore(failingWith(3, message)).getYear(2019);
    await expect(failure).rejects.toBeInstanceOf(DocumentLimitError);
    await expect(failure).rejects.toMatchObject({ code: 'document_too_large', path: 'years/2019/sheets/rows-results' });
    const entries = createFirestoreStore(
      failingWith(3, '3 INVALID_ARGUMENT: too many index entries for entity'),
    ).getYear(2019);
    await expect(entries).rejects.toMatchObject({ code: 'too_many_index_entries' });
  });
});
