// Evidence entries (`years/{year}/evidence/{evidenceId}`) with every decision made on them.
import type { EvidenceDoc } from '../model';

export interface EvidenceReads {
  getEvidence(year: number, evidenceId: string): Promise<EvidenceDoc | undefined>;
}

/** Evidence inside a transaction. */
export interface EvidenceTx extends EvidenceReads {
  putEvidence(doc: EvidenceDoc): void;
}

export interface EvidenceStore extends EvidenceReads {
  listEvidence(year: number): Promise<EvidenceDoc[]>;
  listEvidenceInQueue(year: number, queue: string): Promise<EvidenceDoc[]>;
}
