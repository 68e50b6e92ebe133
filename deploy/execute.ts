// Runs the planned steps in order, showing each one; the first failure stops the run with a message saying what to do.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine } from './format';
import type { Step } from './plan';
import { deployFirestoreRules, KEEP_RULESETS } from './rules';
import type { CommandRunner } from './runner';
import { stageSource } from './source';

export interface ExecuteDeps {
  runner: CommandRunner;
  fetch: typeof fetch;
  print: (line: string) => void;
  /** Waits between attempts of a step marked `retry`. */
  sleep: (ms: number) => Promise<void>;
  /** The repository, from which the upload folder is made. */
  rootDir: string;
  /** The Firebase Rules API's root, when not Google's. */
  rulesApi?: string;
}

/** Attempts of a `retry` step, and the pause between them. */
export const RETRY = { attempts: 3, pauseMs: 15_000 };

export type Execution = { ok: true } | { ok: false; message: string };

async function runCommand(
  argv: readonly string[],
  deps: ExecuteDeps,
): Promise<{ problem: string | undefined; stderr: string }> {
  deps.print(`    $ ${commandLine(argv)}`);
  const result = await deps.runner.run(argv, { stream: true });
  return {
    problem:
      result.code === 0
        ? undefined
        : `lệnh kết thúc với mã ${String(result.code)}${result.stderr ? `: ${result.stderr.trim()}` : ''}`,
    stderr: result.stderr,
  };
}

async function runStep(step: Step, deps: ExecuteDeps): Promise<string | undefined> {
  const { action } = step;
  try {
    switch (action.kind) {
      case 'rules': {
        const outcome = await deployFirestoreRules(deps, action.project, action.file, action.source);
        deps.print(
          `    đã áp dụng ${outcome.ruleset}; đã xóa ${String(outcome.pruned)} bộ quy tắc cũ (giữ bộ đang dùng và ${String(KEEP_RULESETS)} bộ mới nhất)`,
        );
        return undefined;
      }
      case 'secretVersion': {
        // 32 random bytes as hex (as README's first secret is made); in a file only this user can read, removed at once.
        const dir = mkdtempSync(join(tmpdir(), 'journey-secret-'));
        const file = join(dir, 'secret');
        try {
          writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
          return (
            await runCommand(
              [
                'gcloud',
                'secrets',
                'versions',
                'add',
                action.secret,
                `--data-file=${file}`,
                `--project=${action.project}`,
                '--quiet',
              ],
              deps,
            )
          ).problem;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      case 'source': {
        const files = stageSource(deps.rootDir);
        deps.print(
          `    ${String(files.length)} tệp: ${files.filter((f) => !f.startsWith('functions/src/')).join(', ')} và functions/src/`,
        );
        return undefined;
      }
      case 'command': {
        const first = await runCommand(action.argv, deps);
        if (
          first.problem !== undefined &&
          action.alreadyThere !== undefined &&
          first.stderr.includes(action.alreadyThere)
        ) {
          deps.print('    đã có sẵn (Google trả lời đã tồn tại): bước này xong');
          return undefined;
        }
        if (first.problem === undefined || !action.fallback || !first.stderr.includes(action.fallback.when))
          return first.problem;
        deps.print(`    ${action.fallback.title}`);
        return (await runCommand(action.fallback.argv, deps)).problem;
      }
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function executePlan(steps: readonly Step[], deps: ExecuteDeps): Promise<Execution> {
  for (const [index, step] of steps.entries()) {
    const position = `${String(index + 1)}/${String(steps.length)}`;
    deps.print(`[${position}] ${step.title}`);
    let problem = await runStep(step, deps);
    for (let attempt = 2; problem !== undefined && step.retry && attempt <= RETRY.attempts; attempt += 1) {
      deps.print(
        `    chưa được (${problem}); thử lại sau ${String(RETRY.pauseMs / 1000)} giây (lần ${String(attempt)}/${String(RETRY.attempts)})`,
      );
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
