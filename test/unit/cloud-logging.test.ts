// The logger's two formats and the trace a request carries (traceparent, X-Cloud-Trace-Context).
import { describe, expect, it } from 'vitest';
import { createLog, MAX_ENTRY_BYTES } from '../../functions/src/adapters/logging/cloud-logging';
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

  it('cuts an entry Cloud Logging would drop (over 250,000 bytes) to fit, keeping severity, time, trace and ids', () => {
    const { lines, log } = collected('json');
    // Vietnamese text is 1–3 bytes a character in UTF-8: the size counts bytes, not characters.
    const huge = 'Lỗi ghi bảng tính: '.repeat(20_000);
    withTrace({ traceId: TRACE }, () => {
      log({ severity: 'ERROR', message: 'sheets write failed', error: new Error(huge), fields: { year: 2019 } });
      log({
        severity: 'INFO',
        message: 'drain done',
        fields: { ids: Array.from({ length: 30_000 }, (_, i) => `m-${i}`) },
      });
      log({ severity: 'INFO', message: 'small', fields: { id: 'm-1' } });
    });
    const [error, drain, small] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    expect(error).toMatchObject({
      severity: 'ERROR',
      time: NOW.toISOString(),
      year: 2019,
      truncated: true,
      'logging.googleapis.com/trace': `projects/p/traces/${TRACE}`,
      serviceContext: { service: 'journey' },
    });
    expect(error?.message).toMatch(/^sheets write failed: Lỗi ghi bảng tính: .*…\(truncated\)$/s);
    // The message and the stack's copy of it share the room; the stack keeps its frames for Error Reporting.
    expect(error?.stack_trace).toMatch(/^Error: Lỗi ghi bảng tính: .*…\(truncated\)\n\s+at /s);
    expect(String(error?.message).length).toBeGreaterThan(50_000);
    // The list keeps its first ids and says it was cut.
    const ids = drain?.ids as string[];
    expect(ids.slice(0, 2)).toEqual(['m-0', 'm-1']);
    expect(ids.at(-1)).toBe('…(truncated)');
    expect(drain).toMatchObject({ message: 'drain done', truncated: true });
    expect(small).not.toHaveProperty('truncated');
    // Fields that cannot be shortened (numbers) beyond the room: the entry keeps what finds it, and its message.
    const counts = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`count${i}`, i]));
    log({ severity: 'NOTICE', message: 'counted', fields: counts });
    expect(JSON.parse(lines[3] ?? '')).toEqual({
      severity: 'NOTICE',
      time: NOW.toISOString(),
      message: 'counted',
      truncated: true,
    });
    // Whole entries were large (the error ≈ 2 × 480 kB), and what is left uses most of the room.
    expect(Buffer.byteLength(lines[0] ?? '')).toBeGreaterThan(MAX_ENTRY_BYTES * 0.9);
  });
});
