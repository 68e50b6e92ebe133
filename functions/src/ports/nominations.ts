// A base union's own nominee lists (`years/{year}/nominations/{unitId}`).
import type { NominationsDoc } from '../model';

export interface NominationsReads {
  /** A base union's own nominee list for the year. */
  getNominations(year: number, unitId: string): Promise<NominationsDoc | undefined>;
}

/** Nominee lists inside a transaction. */
export interface NominationsTx extends NominationsReads {
  putNominations(doc: NominationsDoc): void;
}

export interface NominationsStore extends NominationsReads {
  /** Every base union's own nominee list of the year. */
  listNominations(year: number): Promise<NominationsDoc[]>;
}
