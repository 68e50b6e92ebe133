// Captured console and Logger output of the bundle, so tests can assert what was logged; every line also goes to the
// log check (test/log-check/setup.ts), which fails the test file when one holds a name or an e-mail.
import { captureLine } from '../../log-check/capture';
import { charge } from './runtime';

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export interface FakeConsole {
  entries: LogEntry[];
  console: Record<LogEntry['level'], (...args: unknown[]) => void>;
  Logger: { log: (...args: unknown[]) => unknown };
  messages(level?: LogEntry['level']): string[];
}

function format(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
}

export function createConsole(echo = false): FakeConsole {
  const entries: LogEntry[] = [];
  const record =
    (level: LogEntry['level']) =>
    (...args: unknown[]): void => {
      // A stopped execution logs nothing more.
      charge('ui', 0);
      const message = format(args);
      entries.push({ level, message });
      captureLine(message);
      if (echo) process.stderr.write(`[gas ${level}] ${message}\n`);
    };
  const fake: FakeConsole = {
    entries,
    console: { log: record('log'), info: record('info'), warn: record('warn'), error: record('error') },
    Logger: {
      log: (...args: unknown[]) => {
        record('log')(...args);
        return fake.Logger;
      },
    },
    messages: (level) => entries.filter((e) => level === undefined || e.level === level).map((e) => e.message),
  };
  return fake;
}
