// Members (`members/{memberId}`) with their journey-book link version, and evidence entries
// (`years/{year}/evidence/{evidenceId}`).
import type { Transaction } from 'firebase-admin/firestore';
import { EvidenceDocSchema, MemberDocSchema, type EvidenceDoc, type MemberDoc } from '../../model';
import type { FirestoreIo, Writer } from './io';
import { paths } from './paths';

/** On `members/{memberId}`: the journey-book link version (absent means 0). */
const LINK_VERSION_FIELD = 'bookLinkVersion';

function linkVersionOf(data: Record<string, unknown> | undefined): number {
  const value = data?.[LINK_VERSION_FIELD];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

export function firestoreMembers(io: FirestoreIo) {
  return {
    getMember: (memberId: string, tx?: Transaction): Promise<MemberDoc | undefined> =>
      io.read(paths.member(memberId), MemberDocSchema, tx),
    /** Merged, so the book-link version kept on the same document survives every other write of the member. */
    putMember: (writer: Writer, doc: MemberDoc): void => {
      io.set(writer, paths.member(doc.memberId), doc, true);
    },
    listMembersOf: (year: number): Promise<MemberDoc[]> =>
      io.list(io.db.collection('members').where('years', 'array-contains', year), MemberDocSchema),
    getBookLinkVersion: async (memberId: string, tx?: Transaction): Promise<number> =>
      linkVersionOf((await io.get(paths.member(memberId), tx)).data()),
    putBookLinkVersion: (writer: Writer, memberId: string, version: number): void => {
      io.set(writer, paths.member(memberId), { [LINK_VERSION_FIELD]: version }, true);
    },
    listBookLinkVersions: async (): Promise<ReadonlyMap<string, number>> => {
      const docs = await io.query(io.db.collection('members').where(LINK_VERSION_FIELD, '>', 0));
      return new Map(docs.map((d) => [d.id, linkVersionOf(d.data())]));
    },
  };
}

export function firestoreEvidence(io: FirestoreIo) {
  return {
    getEvidence: (year: number, evidenceId: string, tx?: Transaction): Promise<EvidenceDoc | undefined> =>
      io.read(paths.evidence(year, evidenceId), EvidenceDocSchema, tx),
    putEvidence: (writer: Writer, doc: EvidenceDoc): void => {
      io.set(writer, paths.evidence(doc.year, doc.evidenceId), doc);
    },
    listEvidence: (year: number): Promise<EvidenceDoc[]> =>
      io.list(io.db.collection(paths.evidenceList(year)), EvidenceDocSchema),
    listEvidenceInQueue: (year: number, queue: string): Promise<EvidenceDoc[]> =>
      io.list(io.db.collection(paths.evidenceList(year)).where('queues', 'array-contains', queue), EvidenceDocSchema),
  };
}
