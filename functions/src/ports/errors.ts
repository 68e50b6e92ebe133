// The errors adapters raise and the use cases and routes tell apart: views or storage unavailable, a send failed, a
// document Firestore would refuse.

/** Raised by the views when the spreadsheets cannot be written now (`retryable`) or at all. */
export class ViewsUnavailableError extends Error {
  override readonly name: string = 'ViewsUnavailableError';

  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Raised by a store when storage cannot be reached: nothing was stored, the caller retries. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** A send that failed: `permanent` when trying again cannot help (a refused address), else retried with backoff. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';

  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Which of Firestore's per-document limits a write would break. */
export type DocumentLimitCode =
  'document_too_large' | 'too_many_index_entries' | 'too_many_fields' | 'invalid_field_name' | 'invalid_document';

/**
 * Raised by a store when Firestore would refuse (or refused, INVALID_ARGUMENT) a document: too large, too many index
 * entries or fields, a bad field name. Nothing of the write was stored; sending it again would fail the same way.
 */
export class DocumentLimitError extends Error {
  override readonly name = 'DocumentLimitError';

  constructor(
    readonly code: DocumentLimitCode,
    /** The document's path. */
    readonly path: string,
    message: string,
    /** What was measured, when the store measured it itself. */
    readonly measure?: { bytes: number; indexEntries: number; fields: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
