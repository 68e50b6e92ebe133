// The logger port: one event a call, as Cloud Logging's severities name them. Ids and counts only, never names or e-mails.

export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** What an event says beyond its message: ids, counts, codes (searchable in Cloud Logging as `jsonPayload.<name>`). */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>;

export interface LogEvent {
  severity: Severity;
  /** What happened, in a short English sentence (e.g. `submission accepted`). */
  message: string;
  /** What went wrong, for errors: its stack reaches Error Reporting. */
  error?: unknown;
  fields?: LogFields;
}

/** Writes one event; the request's trace, when there is one, is added by the logger itself. */
export type Log = (event: LogEvent) => void;
