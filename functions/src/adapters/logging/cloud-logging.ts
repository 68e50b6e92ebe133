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
      settings.format === 'json' ? JSON.stringify(cloudLoggingEntry(event, settings, now)) : readableLine(event, now),
      event.severity,
    );
  };
}

/** Readable lines on this machine's terminal: what a part logs to when it is built without the composed logger. */
export const terminalLog: Log = createLog({ format: 'text' });
