// Benchmark: cold load of the built function (functions/dist/index.js), each time in a fresh `node` process, as a new instance starts:
// the entry's import as functions-framework loads it, the same in a bare process, and the framework's start to a first answer.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { buildFunction } from '../../functions/build';
import { startEmbeddedFirestore } from '../../functions/dev/firestore';
import { freePort } from '../e2e/local-stack';

export interface ColdLoadFigures {
  runs: number;
  /**
   * Median time to import the built entry once the framework's own modules are loaded, as functions-framework's main
   * does (it requires its server, with Express and body-parser, before it loads the function): the entry's own cost.
   */
  medianMs: number;
  /** Median CPU time of that import: steadier than wall time on a machine shared with other work. */
  medianCpuMs: number;
  /** Median time to import the entry in a bare process: it then pays for body-parser too (json-body.ts loads it). */
  bareMedianMs: number;
  /**
   * Median from starting functions-framework on the built entry to its first HTTP answer, the embedded Firestore
   * answering: a new instance's start, with the Firestore SDK loaded by the first request's resume.
   */
  firstAnswerMs: number;
  /** The same for a function that only answers "ok": the framework's and Node's share of it. */
  baselineFirstAnswerMs: number;
  bundleBytes: number;
}

const RUNS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const require = createRequire(import.meta.url);
const FRAMEWORK_DIR = dirname(require.resolve('@google-cloud/functions-framework'));
const FRAMEWORK_MAIN = join(FRAMEWORK_DIR, 'main.js');

// A loader set for this process (tsx) must not help the child: it loads plain JavaScript, as production does.
// The function parses its settings when it loads: a secret, and an emulator address nothing answers (nothing is stored).
const ENV = {
  ...process.env,
  NODE_OPTIONS: '',
  JOURNEY_SHARED_SECRET: 'bench-secret-0123456789abcdef',
  FIRESTORE_EMULATOR_HOST: '127.0.0.1:9',
};

/** Imports `file` in a fresh process, after requiring `preload` (a CommonJS module) when given; answers the import's wall and CPU time. */
function importTimes(file: string, preload: string | null): { importMs: number; cpuMs: number } {
  const before =
    preload === null ? '' : `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(preload)});`;
  const probe = `${before} const c0 = process.cpuUsage(); const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const t1 = performance.now(); const c = process.cpuUsage(c0); console.log(JSON.stringify({ importMs: t1 - t0, cpuMs: (c.user + c.system) / 1000 })); process.exit(0);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', probe], {
    env: ENV,
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { importMs: number; cpuMs: number };
}

/**
 * Starts functions-framework on `source` and answers the time from the spawn to its first HTTP answer (any status).
 * The journey function's first request waits for its resume (a read of pending sheet work), so Firestore must answer.
 */
async function firstAnswer(source: string, firestoreHost: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const env = { ...ENV, FIRESTORE_EMULATOR_HOST: firestoreHost };
  const child = spawn(
    process.execPath,
    [FRAMEWORK_MAIN, '--target=journey', `--source=${source}`, `--port=${String(port)}`],
    { env, stdio: 'ignore' },
  );
  try {
    for (;;) {
      try {
        await fetch(`http://127.0.0.1:${String(port)}/`, { signal: AbortSignal.timeout(1_000) });
        return performance.now() - started;
      } catch {
        if (child.exitCode !== null)
          throw new Error(`functions-framework exited (${String(child.exitCode)}) before answering`);
        await delay(2);
      }
    }
  } finally {
    child.kill();
  }
}

/** Builds once, then imports the entry in RUNS fresh processes each way, and starts the framework on it RUNS times. */
export async function benchColdLoad(): Promise<ColdLoadFigures> {
  const { file, bytes } = await buildFunction();
  const folder = mkdtempSync(join(tmpdir(), 'journey-cold-'));
  const firestore = await startEmbeddedFirestore();
  const baseline = join(folder, 'index.mjs');
  writeFileSync(
    baseline,
    `import * as functions from ${JSON.stringify(pathToFileURL(join(FRAMEWORK_DIR, 'index.js')).href)};\nfunctions.http('journey', (_req, res) => { res.send('ok'); });\n`,
  );
  try {
    const framed = Array.from({ length: RUNS }, () => importTimes(file, join(FRAMEWORK_DIR, 'server.js')));
    const bare = Array.from({ length: RUNS }, () => importTimes(file, null));
    const answers: number[] = [];
    const baselines: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      answers.push(await firstAnswer(file, firestore.host));
      baselines.push(await firstAnswer(baseline, firestore.host));
    }
    return {
      runs: RUNS,
      medianMs: median(framed.map((s) => s.importMs)),
      medianCpuMs: median(framed.map((s) => s.cpuMs)),
      bareMedianMs: median(bare.map((s) => s.importMs)),
      firstAnswerMs: median(answers),
      baselineFirstAnswerMs: median(baselines),
      bundleBytes: bytes,
    };
  } finally {
    await firestore.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
