// What a CLI command is: its words, its help line, how it reads its arguments and what it does.
import type { JourneySend } from '../client/journey-client';
import type { CommandOption, OptionValues } from './args';
import type { CliIo } from './io';

/** What a running command may use: the terminal and the signed connection to the function. */
export interface CommandContext {
  io: CliIo;
  /** Sends a signed request and returns any answer; only a network failure throws (exit 1). */
  send: JourneySend;
  /** Sends and returns the body of a successful answer; an HTTP status of 400 or more throws with the server's reasons (exit 1). */
  ok: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /**
   * Every page of a listing (API.md "Listings"), in order: GETs `path` with the largest page, then each next page its
   * `X-Next-Cursor` names, until the last; `itemsOf` takes a page's entries out of its body. Fails like `ok`.
   */
  pages: <T>(path: string, itemsOf: (body: unknown) => T[]) => Promise<T[]>;
}

/**
 * One command of the CLI, registered in `registry.ts`. `C` is the parsed command, tagged by `kind`.
 * The registry checks the options and the number of arguments before `parse` sees them.
 */
export interface CliCommand<C extends { kind: string }> {
  kind: C['kind'];
  /** The words that name it: "results", "config push". */
  name: string;
  /** Its arguments and options as the help shows them: "<năm> [--json]". */
  usage: string;
  /** One line of help, in Vietnamese. */
  summary: string;
  options: readonly CommandOption[];
  /** How many words may follow the name. */
  maxArgs: number;
  /** The words after the name, and the options, into the command; a string is the Vietnamese reason it cannot be read. */
  parse(args: readonly string[], values: OptionValues): C | string;
  /** Does it; returns the exit code (0 done, 1 the server said no). */
  run(command: C, ctx: CommandContext): Promise<number>;
}
