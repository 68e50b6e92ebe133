// A failure the CLI reports to the person in Vietnamese, with the exit code it ends with.

/** Thrown by a command; the runner prints the message and exits with `exitCode` (1 server or network, 2 usage or file). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
