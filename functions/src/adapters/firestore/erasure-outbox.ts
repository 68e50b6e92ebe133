// Erasure in the outbox: the member's own e-mails (sent to them) are marked for deletion, every letter that names them
// (a unit's quarterly report, the digest, the camp list…) is scrubbed, so its PDF, drawn from the letter when the mail
// is composed, names the pseudonym. Sent ones are answered as sent copies for the mailer's own folder to follow.
import type { QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { mentions, scrubDeep, scrubText, type ErasureTarget } from '../../domain/erasure';
import type { ErasureStep, SentCopy } from '../../ports';
import { commitAll, type PendingWrite } from './erasure-batches';
import type { FirestoreIo, Writer } from './io';
import { mailPaths } from './paths';

/** A letter stored as JSON, scrubbed (a text that is not JSON is scrubbed as text). */
function scrubLetter(letter: string, target: ErasureTarget): string {
  try {
    return JSON.stringify(scrubDeep(JSON.parse(letter) as unknown, target));
  } catch {
    return scrubText(letter, target);
  }
}

/** Whether a scrubbed letter names the pseudonym (its name, address or id): it named the member before. */
function namesPseudonym(letter: string, target: ErasureTarget): boolean {
  const { name, email, memberId } = target.pseudonym;
  return [name, email, memberId].some((said) => letter.includes(said));
}

/** The sent copy of a mail, if it was sent: deleted (`letter` null) or rewritten from the scrubbed letter. */
function sentCopy(d: QueryDocumentSnapshot, letter: string | null): SentCopy[] {
  const data = d.data();
  const providerId: unknown = data.providerId;
  if (typeof providerId !== 'string' || providerId === '') return [];
  if (letter === null) return [{ mailId: d.id, providerId, remove: true }];
  const rewrite = {
    to: String(data.to),
    kind: data.kind as NonNullable<SentCopy['rewrite']>['kind'],
    period: String(data.period),
    messageId: String(data.messageId),
    sentAt: typeof data.sentAt === 'string' ? data.sentAt : null,
    letter,
  };
  return [{ mailId: d.id, providerId, remove: false, rewrite }];
}

/**
 * Scrubs the outbox for the member: their own mail (to their address, or to the pseudonym's after a stop) keeps only
 * the pseudonym until `dropMailTo` deletes it; shared letters and other mail that name them are scrubbed. Idempotent:
 * a rerun answers the same sent copies (scrubbed letters name the pseudonym) and writes nothing more.
 */
export async function eraseOutbox(io: FirestoreIo, target: ErasureTarget): Promise<ErasureStep> {
  const mail = io.db.collection(mailPaths.mail);
  const pending: PendingWrite[] = [];
  const copies = new Map<string, SentCopy>();
  const own = await io.query(mail.where('to', 'in', [target.email, target.pseudonym.email]));
  const ownIds = new Set(own.map((d) => d.id));
  const write = (d: QueryDocumentSnapshot, data: Record<string, unknown>): void => {
    pending.push({
      writes: 1,
      apply: (batch: Writer) => {
        io.set(batch, d.ref.path, data);
      },
    });
  };
  for (const d of own) {
    for (const c of sentCopy(d, null)) copies.set(c.mailId, c);
    const data = d.data();
    if (data.to !== target.pseudonym.email)
      write(d, { ...scrubDeep(data, target), to: target.pseudonym.email, letter: null });
  }
  // Shared letters: scrubbed, and every sent mail that carries one that named the member rewritten.
  const namingKeys = new Map<string, string>();
  for (const d of await io.query(io.db.collection(mailPaths.content))) {
    const letter = String(d.get('letter') ?? '');
    const scrubbed = scrubLetter(letter, target);
    if (scrubbed !== letter) write(d, { ...d.data(), letter: scrubbed });
    if (namesPseudonym(scrubbed, target)) namingKeys.set(d.id, scrubbed);
  }
  for (const year of target.years) {
    for (const d of await io.query(mail.where('year', '==', year))) {
      if (ownIds.has(d.id)) continue;
      const data = d.data();
      const letter = typeof data.letter === 'string' ? scrubLetter(data.letter, target) : null;
      const changed = mentions({ ...data, letter: null }, target) || letter !== data.letter;
      if (changed) write(d, { ...scrubDeep(data, target), letter });
      const names = namesPseudonym(letter ?? '', target);
      const shared = typeof data.contentKey === 'string' ? namingKeys.get(data.contentKey) : undefined;
      const carried = shared ?? (names ? letter : null);
      if (carried !== null) for (const c of sentCopy(d, carried)) copies.set(c.mailId, c);
    }
  }
  return { documents: await commitAll(io, pending), sentCopies: [...copies.values()] };
}

/** Deletes the member's own e-mails once their sent copies are gone; answers how many. */
export async function dropMailTo(io: FirestoreIo, target: ErasureTarget): Promise<number> {
  const own = await io.query(
    io.db.collection(mailPaths.mail).where('to', 'in', [target.email, target.pseudonym.email]),
  );
  return commitAll(
    io,
    own.map((d) => ({
      writes: 1,
      apply: (batch: Writer) => {
        batch.delete(d.ref);
      },
    })),
  );
}
