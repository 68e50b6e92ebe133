// How the deploy script runs gcloud: a small interface over child processes (the tests run the real gcloud through it too).
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunner {
  /** Runs `argv` (no shell). With `stream` the output goes to the terminal as it comes (a deploy takes minutes) instead of being captured. */
  run(argv: readonly string[], options?: { stream?: boolean }): Promise<CommandResult>;
}

/**
 * The real runner: child processes of this one, in `cwd`, with this process's environment (or `env`). A missing program
 * answers code 127 rather than throwing.
 */
export function processRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): CommandRunner {
  return {
    run(argv, options = {}) {
      const [program, ...args] = argv;
      if (program === undefined) return Promise.reject(new Error('empty command'));
      return new Promise((resolve) => {
        // Streamed output goes to the terminal as it comes; stderr is also kept, so a failure can be told apart (a refusal the plan falls back from).
        const child = spawn(program, args, {
          cwd,
          env,
          stdio: options.stream ? ['inherit', 'inherit', 'pipe'] : ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          if (options.stream) process.stderr.write(chunk);
        });
        child.once('error', (error: NodeJS.ErrnoException) => {
          resolve({
            code: 127,
            stdout,
            stderr: error.code === 'ENOENT' ? `không tìm thấy lệnh ${program}` : error.message,
          });
        });
        child.once('close', (code) => {
          resolve({ code: code ?? 1, stdout, stderr });
        });
      });
    },
  };
}

export type JsonReading = { ok: true; value: unknown } | { ok: false; reason: string };

/** Runs a read command that prints JSON (`--format=json`); a failure keeps gcloud's own first line as the reason. */
export async function readJson(runner: CommandRunner, argv: readonly string[]): Promise<JsonReading> {
  const result = await runner.run(argv);
  if (result.code !== 0) {
    const reason =
      result.stderr
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? `mã thoát ${String(result.code)}`;
    return { ok: false, reason };
  }
  try {
    return { ok: true, value: JSON.parse(result.stdout) as unknown };
  } catch {
    return { ok: false, reason: 'gcloud không trả về JSON' };
  }
}
