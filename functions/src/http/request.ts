// A request as the routes see it: as received from the platform.

/** Routes only the platform calls on the function's behalf (task callbacks, scheduler jobs); never in API.md. */
export const INTERNAL_PREFIX = '/v1/internal/';

export interface HttpRequest {
  method: string;
  /** Path and query string as the function sees them. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
  address: string;
}
