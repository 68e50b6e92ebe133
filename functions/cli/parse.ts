// Reading a command line against the command table: which command, its options and its words, or why not (pure).
import { COMMAND_OPTIONS, readArgs, type OptionValues } from './args';
import type { CliCommand } from './command';
import { COMMANDS, HELP, type Command } from './registry';

export type { Command } from './registry';

export type ParsedArgs = { ok: true; command: Command } | { ok: false; error: string };

/** A command line read into its command and the registered command that runs it. */
export type ResolvedArgs = { ok: true; command: Command; spec: CliCommand<Command> } | { ok: false; error: string };

/** The registered command named by the first words, and the words after its name; a string says why none is. */
function findCommand(
  name: string,
  rest: readonly string[],
): { spec: CliCommand<Command>; args: readonly string[] } | string {
  const single = COMMANDS.find((c) => c.name === name);
  if (single) return { spec: single, args: rest };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${name} `));
  if (group.length === 0) return `Không có lệnh "${name}".`;
  const [sub, ...args] = rest;
  const spec = group.find((c) => c.name === `${name} ${sub ?? ''}`);
  if (spec) return { spec, args };
  const names = group.map((c) => c.name);
  return sub === undefined
    ? `Thiếu lệnh con: ${names.join(' hoặc ')}.`
    : `Không có lệnh "${name} ${sub}" (chỉ có ${names.join(', ')}).`;
}

/** An option the command does not take, or words beyond those it takes; `name` is the first word, as the person wrote it. */
function misuse(spec: CliCommand<Command>, name: string, args: readonly string[], values: OptionValues): string | null {
  for (const option of COMMAND_OPTIONS) {
    if (values[option] !== undefined && !spec.options.includes(option))
      return `Tùy chọn --${option} không dùng với lệnh "${name}".`;
  }
  return args.length > spec.maxArgs ? `Thừa tham số: ${args.slice(spec.maxArgs).join(' ')}.` : null;
}

/** Reads the command line (without `node` and the script) into a command and the command that runs it. */
export function resolveArgs(argv: readonly string[]): ResolvedArgs {
  const read = readArgs(argv);
  if (!read.ok) return read;
  const { values, positionals } = read;
  const [name, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { ok: true, command: { kind: 'help' }, spec: HELP };
  const found = findCommand(name, rest);
  if (typeof found === 'string') return { ok: false, error: found };
  const { spec, args } = found;
  const problem = misuse(spec, name, args, values);
  if (problem) return { ok: false, error: problem };
  const command = spec.parse(args, values);
  return typeof command === 'string' ? { ok: false, error: command } : { ok: true, command, spec };
}

/**
 * Turns the command line (without `node` and the script) into a command, or a Vietnamese error.
 * @example parseArgs(['results', '2019', '--json']) // { ok: true, command: { kind: 'results', year: 2019, json: true } }
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const resolved = resolveArgs(argv);
  return resolved.ok ? { ok: true, command: resolved.command } : resolved;
}
