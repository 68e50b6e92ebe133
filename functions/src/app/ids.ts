// Stable identifiers derived from what callers send, so retries land on the same documents.
import { createHash } from 'node:crypto';
import { normalizeName } from '../domain/text';

function digest(value: string, length: number): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** A member is their e-mail across all years of the phase. */
export function memberIdFor(email: string): string {
  return `m-${digest(normalizeName(email), 16)}`;
}

/** The shape of a member id, checked before it reaches a document path or a lookup. */
export function isMemberId(value: string): boolean {
  return /^m-[0-9a-f]{16}$/.test(value);
}

/** Evidence ids carry their year so an Evaluation (which has no year) finds them. */
export function evidenceIdFor(year: number, responseId: string): string {
  return `${year}-e-${digest(responseId, 16)}`;
}

export function yearOfEvidenceId(evidenceId: string): number | undefined {
  const match = /^(\d{4})-e-[0-9a-f]{16}$/.exec(evidenceId);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The inbox key of a submission: its kind and the caller's idempotency key. */
export function inboxKeyFor(kind: string, sourceKey: string): string {
  return `${kind}-${digest(`${kind}\u0000${sourceKey}`, 32)}`;
}

export function bodyHash(raw: string): string {
  return `sha256:${digest(raw, 64)}`;
}
