// What the erasers share: the member's documents of a yearly collection, and writes committed in batches under
// Firestore's limit of 500 writes a batch.
import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { ErasureTarget } from '../../domain/erasure';
import type { FirestoreIo, Writer } from './io';

/**
 * The member's documents in a collection of each of their years (`collectionOf(year)`), under their id or already
 * moved to the pseudonym's: a rerun of an interrupted erasure finds what the first run moved.
 */
export async function memberDocsIn(
  io: FirestoreIo,
  collectionOf: (year: number) => string,
  target: ErasureTarget,
): Promise<QueryDocumentSnapshot[]> {
  const docs: QueryDocumentSnapshot[] = [];
  for (const year of target.years) {
    const ids = [target.memberId, target.pseudonym.memberId];
    docs.push(...(await io.query(io.db.collection(collectionOf(year)).where('memberId', 'in', ids))));
  }
  return docs;
}

/** Writes per batch: under Firestore's 500, with room for a document's text parts. */
export const BATCH_WRITES = 400;

/** A write of one document (or a few: a text and its parts) onto a batch, and how many writes it makes. */
export interface PendingWrite {
  writes: number;
  apply: (batch: Writer) => void;
}

/** Commits the writes in batches of at most BATCH_WRITES; answers how many documents were written. */
export async function commitAll(io: FirestoreIo, pending: readonly PendingWrite[]): Promise<number> {
  let batch: PendingWrite[] = [];
  let size = 0;
  let written = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const now = batch;
    await io.batch((b) => {
      for (const p of now) p.apply(b);
    });
    batch = [];
    size = 0;
  };
  for (const p of pending) {
    if (size + p.writes > BATCH_WRITES) await flush();
    batch.push(p);
    size += p.writes;
    written += p.writes;
  }
  await flush();
  return written;
}
