// Running the CLI: read the command line, run the command it names, turn every failure into a message and an exit code.
import { connect } from './connection';
import { CliFailure } from './failure';
import type { CliIo } from './io';
import { resolveArgs } from './parse';

export type { CliIo } from './io';

/**
 * Runs the CLI: parses `argv`, calls the function at JOURNEY_URL signed with JOURNEY_SHARED_SECRET, prints to `io`.
 * @returns the exit code: 0 done, 1 HTTP ≥ 400 or network error, 2 a command or file the CLI cannot use.
 */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const parsed = resolveArgs(argv);
  if (!parsed.ok) {
    io.err(`${parsed.error}\nXem hướng dẫn: npm run journey -- --help`);
    return 2;
  }
  try {
    return await parsed.spec.run(parsed.command, { io, ...connect(env) });
  } catch (error) {
    if (error instanceof CliFailure) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`Lỗi ngoài dự kiến: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
