// Members (`members/{memberId}`): who they are across the phase, and their journey-book link version.
import type { MemberDoc } from '../model';

export interface MemberReads {
  getMember(memberId: string): Promise<MemberDoc | undefined>;
  /** A member's journey-book link version: 0 until first raised (raising it revokes every earlier link). */
  getBookLinkVersion(memberId: string): Promise<number>;
}

/** Members inside a transaction. */
export interface MemberTx extends MemberReads {
  putMember(doc: MemberDoc): void;
  /** Kept on the member's record; the member's other writes never reset it. */
  putBookLinkVersion(memberId: string, version: number): void;
}

export interface MemberStore extends MemberReads {
  /** The members who took part in `year` (their record lists it), with their party status across the phase. */
  listMembersOf(year: number): Promise<MemberDoc[]>;
  /** The members whose link version was raised, with it; every other member is at 0. */
  listBookLinkVersions(): Promise<ReadonlyMap<string, number>>;
}
