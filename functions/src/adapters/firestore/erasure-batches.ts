// Writes of an erasure, committed in batches under Firestore's limit of 500 writes a batch.
import type { FirestoreIo, Writer } from './io';

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
