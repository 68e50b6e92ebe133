// How the deploy script writes commands and the plan for a person to read (and paste into a shell).
import type { Step } from './plan';
import { describeRulesRequests } from './rules';

/** Quotes an argument for a POSIX shell only where it needs it, so the printed commands stay readable. */
export function shellQuote(argument: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** What a step does on the wire: its command, or the HTTP requests of the rules step. */
export function stepLines(step: Step): string[] {
  return step.action.kind === 'command' ? [commandLine(step.action.argv)] : describeRulesRequests(step.action.project, step.action.file);
}

/** Numbered steps, each with the lines it runs, indented under its title. */
export function formatPlan(steps: readonly Step[]): string[] {
  const width = String(steps.length).length;
  return steps.flatMap((step, index) => [
    `${String(index + 1).padStart(width)}. ${step.title}`,
    ...stepLines(step).map((line) => `${' '.repeat(width + 2)}${line}`),
  ]);
}
