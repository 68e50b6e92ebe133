// Where the integration suite's stacks log: every line kept (Cloud Logging's JSON, as production writes it) for the
// check that no line holds a name or an e-mail (setup.ts), instead of being thrown away.
import { createLog } from '../../functions/src/adapters/logging/cloud-logging';
import type { Log } from '../../functions/src/ports/log';

const lines: string[] = [];

/** The logger every integration harness gives its stack. */
export const captureLog: Log = createLog({
  format: 'json',
  write: (line) => {
    lines.push(line);
  },
});

/** Lines written so far in this test file's process: by `captureLog`, and (setup.ts) to standard output and error. */
export function capturedLines(): string[] {
  return lines;
}

export function captureLine(line: string): void {
  lines.push(line);
}
