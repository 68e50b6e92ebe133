// The entry point of `npm run journey -- …`: runs the CLI on this process's arguments, environment and terminal.
import { runCli } from './run';

runCli(process.argv.slice(2), process.env, {
  out: (text) => {
    process.stdout.write(`${text}\n`);
  },
  err: (text) => {
    process.stderr.write(`${text}\n`);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Lỗi ngoài dự kiến: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
