// Every read of one member's data recorded before the answer leaves (Law 91/2025/QH15: the controller accounts for
// who processed whose data): who or which link, when, what. A read whose entry cannot be written is not answered
// (503, the caller retries): an unlogged read is exactly what the law forbids, and the store that failed to take the
// entry is the one the data came from, so a retry soon succeeds for both.
import { StoreUnavailableError, type AccessEntry } from '../ports';
import type { AppContext, Caller } from './context';

/** What was read, as the entries name it (the CLI and docs/http-api.md translate these). */
export const READ = {
  /** The journey book page opened with its link. */
  book: (year: number) => `book ${String(year)}`,
  /** `GET /v1/years/{year}/members/{memberId}`. */
  journey: (year: number) => `journey ${String(year)}`,
  /** `GET /v1/members/{memberId}`. */
  phase: () => 'phase',
  /** A journey-book link given (or given anew on revocation): whoever holds it can read the book. */
  bookLink: (year: number) => `book-link ${String(year)}`,
  /** `GET /book/{year}/{memberId}/data`: the member's own copy (wired by the export route). */
  data: (year: number) => `data ${String(year)}`,
} as const;

/** The member's own link, by its version (never its token). */
export function linkReader(version: number): string {
  return `member link v${String(version)}`;
}

/**
 * The caller as an entry names them: an administrator by the e-mail of their verified Google ID token; a signed call
 * by its role and who holds the secret; then the program that says it sent the request (`via cli`, `via apps-script`).
 */
export function callerReader(caller: Caller): string {
  const who = caller.identity.includes('@') ? caller.identity : `${caller.role ?? 'public'} role (${caller.identity})`;
  return caller.name !== '' && caller.name !== 'unknown' ? `${who} via ${caller.name}` : who;
}

/** Records one read; throws StoreUnavailableError (answered 503) when the entry could not be kept. */
export async function recordRead(
  ctx: Pick<AppContext, 'store' | 'clock'>,
  read: Omit<AccessEntry, 'at'>,
): Promise<void> {
  try {
    await ctx.store.recordAccess({ ...read, at: ctx.clock().toISOString() });
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError('access log: the entry could not be written', { cause: error });
  }
}
