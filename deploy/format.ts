// How the deploy script writes commands and the plan for a person to read (and paste into a shell).
import type { Step } from './plan';
import { describeRulesRequests } from './rules';
import { SOURCE_FILES, SOURCE_FOLDERS } from './source';

/** Quotes an argument for a POSIX shell only where it needs it, so the printed commands stay readable. */
export function shellQuote(argument: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** What a step does on the wire: its command (and the one it falls back to), the HTTP requests of the rules step, or the files it copies. */
export function stepLines(step: Step): string[] {
  const { action } = step;
  switch (action.kind) {
    case 'command':
      return [
        commandLine(action.argv),
        ...(action.fallback
          ? [`(nếu bị từ chối vì "${action.fallback.when}": ${commandLine(action.fallback.argv)})`]
          : []),
      ];
    case 'rules':
      return describeRulesRequests(action.project, action.file);
    case 'source':
      return [`${SOURCE_FILES.join(', ')}, ${SOURCE_FOLDERS.map((f) => `${f}/`).join(', ')} → ${action.dir}/`];
    case 'secretVersion':
      return [
        commandLine([
          'gcloud',
          'secrets',
          'versions',
          'add',
          action.secret,
          '--data-file=<tệp tạm chứa 32 byte ngẫu nhiên, xóa ngay sau đó>',
          `--project=${action.project}`,
          '--quiet',
        ]),
      ];
  }
}

/** Numbered steps, each with the lines it runs, indented under its title. */
export function formatPlan(steps: readonly Step[]): string[] {
  const width = String(steps.length).length;
  return steps.flatMap((step, index) => [
    `${String(index + 1).padStart(width)}. ${step.title}`,
    ...stepLines(step).map((line) => `${' '.repeat(width + 2)}${line}`),
  ]);
}
