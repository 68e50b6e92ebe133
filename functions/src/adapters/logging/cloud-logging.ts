// The logger: one JSON line per event as Cloud Logging reads a Cloud Run container's output (structured logging), or a
// readable line locally. https://cloud.google.com/logging/docs/structured-logging
import { currentTrace } from '../../lib/request-trace';
import type { Log, LogEvent, LogFields, Severity } from '../../ports/log';

export interface LogSettings {
  /** `json` on Cloud Run (one structured entry a line), `text` for people at a terminal. */
  format: 'json' | 'text';
  /** Names traces `projects/{projectId}/traces/{traceId}`, so Cloud Logging links each line to its request. */
  projectId?: string | undefined;
  /** Error Reporting groups errors by service and version (Cloud Run's K_SERVICE and K_REVISION). */
  service?: string | undefined;
  version?: string | undefined;
  /** Where a line goes; standard output (and errors to standard error when `text`) by default. */
  write?: (line: string, severity: Severity) => void;
  clock?: () => Date;
}

/**
 * Cloud Logging takes entries of about 256 KB at most (https://cloud.google.com/logging/quotas; its API refuses a larger
 * one with INVALID_ARGUMENT), so a longer line of output would be lost; 250,000 bytes is what Google's own Winston and
 * Bunyan transports for Cloud Logging truncate entries to (their `maxEntrySize`).
 */
export const MAX_ENTRY_BYTES = 250_000;
/** Never shortened: what finds and orders the entry. */
const KEPT = new Set(['severity', 'time', '@type', 'serviceContext', 'truncated']);
const CUT_MARK = '…(truncated)';

const REPORTED_ERROR_EVENT = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
const LOUD: ReadonlySet<Severity> = new Set(['WARNING', 'ERROR', 'CRITICAL']);
/** Severities whose errors go to Error Reporting; a warning (a write retried later) says what failed in its message. */
const REPORTED: ReadonlySet<Severity> = new Set(['ERROR', 'CRITICAL']);

/** What was thrown, in one line. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return JSON.stringify(error) ?? typeof error;
}

/** An error's stack as V8 prints it (Error Reporting parses that), or one made here for a thrown non-Error. */
function stackOf(error: unknown): string {
  if (error instanceof Error && error.stack) return error.stack;
  return new Error(describe(error)).stack ?? describe(error);
}

function defined(fields: LogFields | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([, value]) => value !== undefined));
}

/**
 * The entry Cloud Logging makes of the line: `severity`, `message`, `time`, the request's trace and span, the event's
 * fields in `jsonPayload`; an error (severity ERROR or above) adds its `stack_trace` and the ReportedErrorEvent shape
 * Error Reporting picks up.
 */
export function cloudLoggingEntry(event: LogEvent, settings: LogSettings, now: Date): Record<string, unknown> {
  const trace = currentTrace();
  const entry: Record<string, unknown> = {
    severity: event.severity,
    message: event.error === undefined ? event.message : `${event.message}: ${describe(event.error)}`,
    time: now.toISOString(),
    ...defined(event.fields),
  };
  if (trace) {
    entry['logging.googleapis.com/trace'] = settings.projectId
      ? `projects/${settings.projectId}/traces/${trace.traceId}`
      : trace.traceId;
    if (trace.spanId) entry['logging.googleapis.com/spanId'] = trace.spanId;
    if (trace.sampled !== undefined) entry['logging.googleapis.com/trace_sampled'] = trace.sampled;
  }
  if (event.error !== undefined && REPORTED.has(event.severity)) {
    entry['@type'] = REPORTED_ERROR_EVENT;
    entry.stack_trace = stackOf(event.error);
    entry.serviceContext = {
      service: settings.service ?? 'journey',
      ...(settings.version ? { version: settings.version } : {}),
    };
  }
  return entry;
}

const shortenable = (name: string, value: unknown): value is string | readonly unknown[] =>
  !KEPT.has(name) && !name.startsWith('logging.googleapis.com/') && (typeof value === 'string' || Array.isArray(value));

/** Size in the line, in bytes. */
const lineBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * The largest size every shortenable field may keep so that together they take at most `room` bytes: the short ones
 * stay whole, the long ones share what is left equally.
 */
function capFor(sizes: readonly number[], room: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let left = room;
  for (const [i, size] of sorted.entries()) {
    const share = left / (sorted.length - i);
    if (size > share) return Math.max(0, Math.floor(share));
    left -= size;
  }
  return Number.POSITIVE_INFINITY;
}

/** `text` cut to about `cap` bytes in the line, marked where it was cut. */
function cutText(text: string, cap: number): string {
  const keep = Math.max(0, (cap - CUT_MARK.length * 3) / lineBytes(text));
  return text.slice(0, Math.floor(text.length * keep)) + CUT_MARK;
}

/** `value` cut to about `cap` bytes in the line; a stack keeps its frames, cutting its message. */
function shortened(name: string, value: string | readonly unknown[], cap: number): unknown {
  const bytes = lineBytes(value);
  if (bytes <= cap) return value;
  if (typeof value !== 'string') {
    const keep = Math.max(0, (cap - CUT_MARK.length * 3) / bytes);
    return [...value.slice(0, Math.floor(value.length * keep)), CUT_MARK];
  }
  const frames = name === 'stack_trace' ? value.indexOf('\n    at ') : -1;
  const framesBytes = frames > 0 ? lineBytes(value.slice(frames)) : Number.POSITIVE_INFINITY;
  if (framesBytes < cap / 2) return cutText(value.slice(0, frames), cap - framesBytes) + value.slice(frames);
  return cutText(value, cap);
}

/**
 * The entry as one line Cloud Logging keeps: when it is longer than MAX_ENTRY_BYTES, its long texts and lists (the
 * message, the stack's message, a field) are cut to share the room, and `truncated: true` says so; severity, time and
 * trace stay whole.
 */
export function entryLine(entry: Record<string, unknown>): string {
  const line = JSON.stringify(entry);
  if (Buffer.byteLength(line) <= MAX_ENTRY_BYTES) return line;
  const long = Object.entries(entry).filter((field): field is [string, string | readonly unknown[]] =>
    shortenable(...field),
  );
  const sizes = long.map(([, value]) => lineBytes(value));
  const fixed = Buffer.byteLength(line) - sizes.reduce((a, b) => a + b, 0);
  for (const margin of [0.98, 0.9, 0.75]) {
    const cap = capFor(sizes, (MAX_ENTRY_BYTES - fixed - 100) * margin);
    const cut: Record<string, unknown> = { ...entry, truncated: true };
    for (const [name, value] of long) cut[name] = shortened(name, value, cap);
    const fitted = JSON.stringify(cut);
    if (Buffer.byteLength(fitted) <= MAX_ENTRY_BYTES) return fitted;
  }
  // Too many fields to share the room: only what finds the entry, and the start of its message.
  const kept = Object.entries(entry).filter(([name]) => KEPT.has(name) || name.startsWith('logging.googleapis.com/'));
  return JSON.stringify({
    ...Object.fromEntries(kept),
    message: shortened('message', String(entry.message), 1000),
    truncated: true,
  });
}

/** `12:00:01 INFO  submission accepted kind=registration id=…`, and an error's stack below it. */
function readableLine(event: LogEvent, now: Date): string {
  const fields = Object.entries(defined(event.fields)).map(
    ([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`,
  );
  const trace = currentTrace();
  if (trace) fields.push(`trace=${trace.traceId}`);
  const head = [now.toISOString().slice(11, 19), event.severity.padEnd(7), event.message, ...fields].join(' ');
  return event.error === undefined ? head : `${head}\n${stackOf(event.error)}`;
}

function standardOutput(line: string, severity: Severity, format: LogSettings['format']): void {
  const stream = format === 'text' && LOUD.has(severity) ? process.stderr : process.stdout;
  stream.write(`${line}\n`);
}

export function createLog(settings: LogSettings): Log {
  const clock = settings.clock ?? (() => new Date());
  const write =
    settings.write ??
    ((line: string, severity: Severity) => {
      standardOutput(line, severity, settings.format);
    });
  return (event) => {
    const now = clock();
    write(
      settings.format === 'json' ? entryLine(cloudLoggingEntry(event, settings, now)) : readableLine(event, now),
      event.severity,
    );
  };
}

/** Readable lines on this machine's terminal: what a part logs to when it is built without the composed logger. */
export const terminalLog: Log = createLog({ format: 'text' });
