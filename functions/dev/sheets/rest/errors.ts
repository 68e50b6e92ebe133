// Errors the stand-in answers with, in the JSON shape and wording Google's Sheets API uses.

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** An answer other than 2xx; the router writes it as `{ error: { code, message, status } }`. */
export class ApiError extends Error {
  readonly status: string;

  constructor(
    readonly code: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  }

  toJSON(): { error: { code: number; message: string; status: string } } {
    return { error: { code: this.code, message: this.message, status: this.status } };
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);

/** A field path as Google writes it in messages: `requests[0].updateCells.rows[2].values`. */
export function fieldPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export const notFound = (): ApiError => new ApiError(404, 'Requested entity was not found.');

/** The wording Google uses for a fault of each status the tests inject. */
export function faultError(code: number, retryAfterSeconds: number): ApiError {
  switch (code) {
    case 429:
      return new ApiError(
        429,
        "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.",
        { 'retry-after': String(retryAfterSeconds) },
      );
    case 500:
      return new ApiError(500, 'Internal error encountered.');
    case 503:
      return new ApiError(503, 'The service is currently unavailable.');
    default:
      return new ApiError(code, `Injected fault ${code}.`);
  }
}
