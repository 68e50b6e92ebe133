// The logger's two formats and the trace a request carries (traceparent, X-Cloud-Trace-Context).
import { describe, expect, it } from 'vitest';
import { createLog } from '../../functions/src/adapters/logging/cloud-logging';
import { traceOfHeaders, withTrace } from '../../functions/src/lib/request-trace';

const NOW = new Date('2026-12-06T08:30:15Z');
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function collected(format: 'json' | 'text'): { lines: string[]; log: ReturnType<typeof createLog> } {
  const lines: string[] = [];
  return { lines, log: createLog({ format, projectId: 'p', write: (line) => lines.push(line), clock: () => NOW }) };
}

describe('the trace of a request', () => {
  it('reads W3C traceparent first, then Google’s header (span decimal → 16 hex digits), and nothing malformed', () => {
    expect(traceOfHeaders(`00-${TRACE}-00f067aa0ba902b7-00`, `${'a'.repeat(32)}/1`)).toEqual({
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      sampled: false,
    });
    expect(traceOfHeaders(undefined, `${TRACE.toUpperCase()}/255;o=1`)).toEqual({
      traceId: TRACE,
      spanId: '00000000000000ff',
      sampled: true,
    });
    expect(traceOfHeaders(undefined, TRACE)).toEqual({ traceId: TRACE });
    expect(traceOfHeaders(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, 'not-a-trace')).toBeUndefined();
    expect(traceOfHeaders('garbage', undefined)).toBeUndefined();
  });
});

describe('the logger', () => {
  it('writes one JSON line an event, with the trace of the request it runs for, and the error in Error Reporting’s shape', () => {
    const { lines, log } = collected('json');
    withTrace({ traceId: TRACE }, () => {
      log({ severity: 'INFO', message: 'sync accepted', fields: { year: 2019, syncId: 's-1', skipped: undefined } });
    });
    log({ severity: 'ERROR', message: 'storage unavailable', error: new Error('deadline exceeded') });
    log({ severity: 'WARNING', message: 'sheets: writing master 2019 failed, will retry', error: 'quota' });
    const [info, error, warning] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(info).toEqual({
      severity: 'INFO',
      message: 'sync accepted',
      time: NOW.toISOString(),
      year: 2019,
      syncId: 's-1',
      'logging.googleapis.com/trace': `projects/p/traces/${TRACE}`,
    });
    expect(error).toMatchObject({
      severity: 'ERROR',
      message: 'storage unavailable: deadline exceeded',
      serviceContext: { service: 'journey' },
    });
    expect(error?.stack_trace).toMatch(/^Error: deadline exceeded\n\s+at /);
    expect(error?.['logging.googleapis.com/trace']).toBeUndefined();
    // A warning says what failed; Error Reporting is for errors.
    expect(warning).toEqual({
      severity: 'WARNING',
      message: 'sheets: writing master 2019 failed, will retry: quota',
      time: NOW.toISOString(),
    });
  });

  it('writes readable lines at a terminal: time, severity, message, fields; an error’s stack below; never "undefined"', () => {
    const { lines, log } = collected('text');
    log({
      severity: 'WARNING',
      message: 'mail: no sending account configured; every e-mail stays queued in the outbox',
    });
    withTrace({ traceId: TRACE }, () => {
      log({ severity: 'INFO', message: 'registration accepted', fields: { id: 'm-1', codes: [] } });
    });
    log({ severity: 'ERROR', message: 'unexpected error', error: new Error('boom') });
    expect(lines[0]).toBe(
      '08:30:15 WARNING mail: no sending account configured; every e-mail stays queued in the outbox',
    );
    expect(lines[1]).toBe(`08:30:15 INFO    registration accepted id=m-1 codes= trace=${TRACE}`);
    expect(lines[2]).toMatch(/^08:30:15 ERROR {3}unexpected error\nError: boom\n\s+at /);
    expect(lines.join('\n')).not.toContain('undefined');
  });
});
