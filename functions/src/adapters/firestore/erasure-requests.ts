// The member's data requests (`years/{year}/dataRequests`) follow the erasure: moved to the pseudonym's id, the text
// they wrote emptied, the committee's answer rid of their name. The requests stay, so the committee can show it
// answered each in time.
import { scrubDeep, type ErasureTarget } from '../../domain/erasure';
import { commitAll, memberDocsIn, type PendingWrite } from './erasure-batches';
import type { FirestoreIo } from './io';
import { paths } from './paths';

export async function eraseDataRequests(io: FirestoreIo, target: ErasureTarget): Promise<number> {
  const pending: PendingWrite[] = [];
  for (const d of await memberDocsIn(io, paths.dataRequests, target)) {
    const data = d.data();
    const blank = { ...scrubDeep(data, target), memberId: target.pseudonym.memberId, text: '' };
    if (JSON.stringify(blank) === JSON.stringify(data)) continue;
    pending.push({
      writes: 1,
      apply: (batch) => {
        io.set(batch, d.ref.path, blank);
      },
    });
  }
  return commitAll(io, pending);
}

/** The ids of the member's data requests (before or after they moved to the pseudonym). */
export async function requestIdsOf(io: FirestoreIo, target: ErasureTarget): Promise<string[]> {
  return (await memberDocsIn(io, paths.dataRequests, target)).map((d) => d.id);
}

/**
 * The member's access log (`members/{id}/accessLog`) moves to the pseudonym's id: who read the member's data, and
 * when, stays accountable, but no longer under an id the e-mail gives back. Each entry keeps its `expireAt`.
 */
export async function moveAccessLog(io: FirestoreIo, target: ErasureTarget): Promise<number> {
  const docs = await io.query(io.db.collection(paths.accessLog(target.memberId)));
  const pending: PendingWrite[] = docs.map((d) => ({
    writes: 2,
    apply: (batch) => {
      io.set(batch, `${paths.accessLog(target.pseudonym.memberId)}/${d.id}`, {
        ...d.data(),
        memberId: target.pseudonym.memberId,
      });
      batch.delete(d.ref);
    },
  }));
  return commitAll(io, pending);
}
