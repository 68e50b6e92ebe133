// Erasing a member everywhere the store keeps them: one eraser per aggregate, and the record that makes an erasure
// resumable and its repeat a duplicate.
import type { ErasureTarget } from '../domain/erasure';
import type { MailKind } from '../domain/mail';

/**
 * The aggregates an erasure goes through, in this order: texts first, then the documents keyed by the member's id
 * (moved to the pseudonym's), the audit last. Adding a store is adding its name here and its eraser in the adapter.
 */
export const ERASABLE_AGGREGATES = [
  'plans',
  'nominations',
  'inbox',
  'evidence',
  'dataRequests',
  'viewState',
  'viewWork',
  'outbox',
  'journeys',
  'members',
  'accessLog',
  'audit',
] as const;
export type ErasableAggregate = (typeof ERASABLE_AGGREGATES)[number];

/** A sent e-mail whose copy outside the store (the mailer's sent folder) must follow the erasure. */
export interface SentCopy {
  mailId: string;
  /** What the mailer answered when it sent it (the local outbox's file name, Gmail's message id). */
  providerId: string;
  /** Sent to the member: the copy is deleted. Otherwise it named them: the copy is rewritten from the scrubbed letter. */
  remove: boolean;
  /** For a rewrite: the mail as it went, with its letter (JSON) scrubbed. */
  rewrite?: { to: string; kind: MailKind; period: string; messageId: string; sentAt: string | null; letter: string };
}

/** What one aggregate's eraser did: documents changed or deleted, and sent copies to follow. */
export interface ErasureStep {
  documents: number;
  sentCopies: SentCopy[];
}

/** `erasures/{key}`: one erasure, by the key of its `editId`. While it runs it holds the target; once done, not. */
export interface ErasureRecord {
  key: string;
  editId: string;
  status: 'running' | 'erased';
  pseudonymId: string;
  pseudonym: string;
  /** Who is erased: kept only while the erasure runs (so a rerun finishes it), removed when it ends. */
  target: ErasureTarget | null;
  /** Aggregates already gone through (a rerun starts after them). */
  done: string[];
  reason: string;
  by: string;
  startedAt: string;
  finishedAt: string | null;
  /** Documents changed or deleted, in all. */
  documents: number;
}

export interface ErasureStore {
  getErasure(key: string): Promise<ErasureRecord | undefined>;
  /** Erasures that stopped before their end (an instance stopped): the retention job finishes them. */
  listRunningErasures(limit: number): Promise<ErasureRecord[]>;
  putErasure(record: ErasureRecord): Promise<void>;
  /** Removes the member's personal data from one aggregate (idempotent: a rerun changes nothing more). */
  eraseFrom(aggregate: ErasableAggregate, target: ErasureTarget): Promise<ErasureStep>;
  /** Deletes the member's own e-mails (sent to them), once their sent copies are dealt with. */
  dropMailTo(target: ErasureTarget): Promise<number>;
}
