// The shapes every fake Google API shares: a parsed request, an answer, Google's error body, long-running operations.
import type { FakeProject } from './project';

export interface FakeRequest {
  method: string;
  /** The API's short name (`cloudfunctions`, `run`, …), from the host (`run.googleapis.test`) or the path's first segment. */
  api: string;
  /** A regional endpoint's region (`asia-southeast1-run.googleapis.test`). */
  region: string | undefined;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  json?: unknown;
}

export interface FakeContext {
  project: FakeProject;
  /** A finished long-running operation answering `response`, kept so that gcloud can poll it by name. */
  operation(parent: string, response: unknown, metadata?: unknown): Record<string, unknown>;
  /** An operation still running (`done` absent, as Google answers one that takes minutes), polled as such. */
  runningOperation(parent: string, metadata: unknown): Record<string, unknown>;
  /** An operation gcloud will find failed, with Google's error. */
  failedOperation(parent: string, code: number, message: string): Record<string, unknown>;
  /** Where gcloud uploads sources (a signed URL of the storage fake). */
  uploadUrl(object: string): string;
  now: () => string;
}

export type Handler = (request: FakeRequest, context: FakeContext) => FakeAnswer | undefined;

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
};

/** Google's JSON error body (https://cloud.google.com/apis/design/errors). */
export function googleError(code: number, message: string, status = STATUS_NAMES[code] ?? 'UNKNOWN'): FakeAnswer {
  return { status: code, json: { error: { code, message, status } } };
}

export const ok = (json: unknown): FakeAnswer => ({ status: 200, json });

/** The groups of `pattern` when the request is `method` on a path it matches. */
export function route(request: FakeRequest, method: string, pattern: RegExp): string[] | undefined {
  if (request.method !== method) return undefined;
  const match = pattern.exec(request.path);
  return match ? match.slice(1).map((group) => decodeURIComponent(group)) : undefined;
}

/** A string field of a body, or '' when it is missing or not a string. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The body as an object (an empty one when there is none). */
export function bodyOf(request: FakeRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
}
