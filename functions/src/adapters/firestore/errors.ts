// Firestore's failures as the store's own errors: storage unreachable (the caller retries) or a document refused.
import { DocumentLimitError, StoreUnavailableError } from '../../ports';
import { limitCodeOfMessage } from './limits';

// gRPC status codes that mean "storage not reachable now": UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED.
const UNAVAILABLE_CODES = new Set([14, 4, 10, 8]);
/** gRPC INVALID_ARGUMENT: Firestore refused a document (too large, too many index entries, a bad field name). */
const INVALID_ARGUMENT = 3;

/** The document a Firestore message names (`…/documents/years/2019/…`), when it names one. */
function pathInMessage(message: string): string {
  return /\/documents\/([^'"\s]+)/.exec(message)?.[1] ?? '';
}

/** Firestore's refusal of a document, as our own coded error. */
export function documentLimitErrorOf(error: unknown): DocumentLimitError | undefined {
  if (error instanceof DocumentLimitError) return error;
  if ((error as { code?: unknown } | null)?.code !== INVALID_ARGUMENT) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new DocumentLimitError(
    limitCodeOfMessage(message),
    pathInMessage(message),
    `Firestore refused a write: ${message}`,
    undefined,
    { cause: error },
  );
}

/** Runs `work`, turning Firestore's "unavailable" into StoreUnavailableError and its refusals into DocumentLimitError. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) {
      throw new StoreUnavailableError(`Firestore unavailable (code ${code})`, { cause: error });
    }
    throw documentLimitErrorOf(error) ?? error;
  }
}
