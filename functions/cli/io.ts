// Where the CLI writes and reads: its output streams, standard input and the files a command names.
import { readFile } from 'node:fs/promises';
import { CliFailure } from './failure';

/** The terminal, or a recorder in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads standard input (for `send … -`). */
  readStdin?: () => Promise<string>;
  /** Waits between two looks at something that takes time (`sync` following its run); tests pass a short one. */
  pause?: (ms: number) => Promise<void>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of `file`, or of standard input for "-"; a file that cannot be read is a usage error (exit 2). */
export async function readText(file: string, io: CliIo): Promise<string> {
  if (file === '-') return (io.readStdin ?? readStdin)();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliFailure(
      code === 'ENOENT' ? `Không tìm thấy tệp "${file}".` : `Không đọc được tệp "${file}": ${String(error)}`,
      2,
    );
  }
}
