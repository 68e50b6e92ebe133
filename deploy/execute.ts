// Runs the planned steps in order, showing each one; the first failure stops the run with a message saying what to do.
import { commandLine } from './format';
import type { Step } from './plan';
import { deployFirestoreRules } from './rules';
import type { CommandRunner } from './runner';

export interface ExecuteDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  print: (line: string) => void;
  /** Waits between attempts of a step marked `retry`. */
  sleep: (ms: number) => Promise<void>;
}

/** Attempts of a `retry` step, and the pause between them. */
export const RETRY = { attempts: 3, pauseMs: 15_000 };

export type Execution = { ok: true } | { ok: false; message: string };

async function runStep(step: Step, deps: ExecuteDeps): Promise<string | undefined> {
  const { action } = step;
  if (action.kind === 'rules') {
    try {
      const ruleset = await deployFirestoreRules(deps, action.project, action.file, action.source);
      deps.print(`    đã áp dụng ${ruleset}`);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  deps.print(`    $ ${commandLine(action.argv)}`);
  const result = await deps.runner.run(action.argv, { stream: true });
  return result.code === 0 ? undefined : `lệnh kết thúc với mã ${String(result.code)}${result.stderr ? `: ${result.stderr.trim()}` : ''}`;
}

export async function executePlan(steps: readonly Step[], deps: ExecuteDeps): Promise<Execution> {
  for (const [index, step] of steps.entries()) {
    const position = `${String(index + 1)}/${String(steps.length)}`;
    deps.print(`[${position}] ${step.title}`);
    let problem = await runStep(step, deps);
    for (let attempt = 2; problem !== undefined && step.retry && attempt <= RETRY.attempts; attempt += 1) {
      deps.print(`    chưa được (${problem}); thử lại sau ${String(RETRY.pauseMs / 1000)} giây (lần ${String(attempt)}/${String(RETRY.attempts)})`);
      await deps.sleep(RETRY.pauseMs);
      problem = await runStep(step, deps);
    }
    if (problem !== undefined) {
      return {
        ok: false,
        message: [
          `Bước ${position} chưa xong: ${step.title}`,
          `  ${problem}`,
          'Các bước trước đã xong và giữ nguyên. Sửa lỗi rồi chạy lại npm run deploy: script đọc lại dự án và chỉ làm phần còn lại.',
        ].join('\n'),
      };
    }
  }
  return { ok: true };
}
