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

/** Extra machine-readable facts Google attaches to some errors (google.rpc.ErrorInfo and the like). */
export type ErrorDetail = Readonly<Record<string, unknown>>;

/** An answer other than 2xx; the router writes it as `{ error: { code, message, status[, details] } }`. */
export class ApiError extends Error {
  readonly status: string;

  constructor(
    readonly code: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  }

  toJSON(): { error: { code: number; message: string; status: string; details?: ErrorDetail[] } } {
    const error = { code: this.code, message: this.message, status: this.status };
    return { error: this.details.length > 0 ? { ...error, details: [...this.details] } : error };
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

/** The project number Google names as the consumer in quota errors; the stand-in has none, so zeros. */
const LOCAL_PROJECT_NUMBER = '000000000000';

/**
 * Google's 429 for the write quota, per user (a service account is one user) or per project, with
 * the Retry-After the stand-in computed and the ErrorInfo Google sends along.
 */
export function writeQuotaExceeded(scope: 'user' | 'project', retryAfterSeconds: number): ApiError {
  const limit = scope === 'user' ? 'Write requests per minute per user' : 'Write requests per minute';
  return new ApiError(
    429,
    `Quota exceeded for quota metric 'Write requests' and limit '${limit}' of service 'sheets.googleapis.com' for consumer 'project_number:${LOCAL_PROJECT_NUMBER}'.`,
    { 'retry-after': String(retryAfterSeconds) },
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          consumer: `projects/${LOCAL_PROJECT_NUMBER}`,
          quota_limit: scope === 'user' ? 'WriteRequestsPerMinutePerUser' : 'WriteRequestsPerMinutePerProject',
          quota_metric: 'sheets.googleapis.com/write_requests',
          service: 'sheets.googleapis.com',
        },
      },
    ],
  );
}

/** Google's answer to a body over its size limit: a plain 400, not 413. */
export const payloadTooLarge = (limitBytes: number): ApiError =>
  badRequest(`Request payload size exceeds the limit: ${limitBytes} bytes.`);

/** Google's answer to a write into a protected range the caller is not an editor of. */
export const protectedCell = (): ApiError =>
  new ApiError(
    403,
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  );

/** The wording Google uses for a fault of each status the tests inject. */
export function faultError(code: number, retryAfterSeconds: number): ApiError {
  switch (code) {
    case 429:
      return writeQuotaExceeded('user', retryAfterSeconds);
    case 500:
      return new ApiError(500, 'Internal error encountered.');
    case 503:
      return new ApiError(503, 'The service is currently unavailable.');
    default:
      return new ApiError(code, `Injected fault ${code}.`);
  }
}
