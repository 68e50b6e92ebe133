// Benchmark: cold load of the built function (functions/dist/index.js), each time in a fresh `node` process, as a new instance starts.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { buildFunction } from '../../functions/build';

export interface ColdLoadFigures {
  runs: number;
  /** Median time to import the built entry, in milliseconds (Node's own start-up excluded). */
  medianMs: number;
  /** Median from the process's start to the entry loaded: what a new instance spends before it can serve. */
  medianSinceStartMs: number;
  /** Median CPU time of the import: steadier than wall time on a machine shared with other work. */
  medianCpuMs: number;
  bundleBytes: number;
}

const RUNS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Builds once, then imports the entry in RUNS fresh processes; each prints its two timings as JSON. */
export async function benchColdLoad(): Promise<ColdLoadFigures> {
  const { file, bytes } = await buildFunction();
  const probe = `const c0 = process.cpuUsage(); const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const t1 = performance.now(); const c = process.cpuUsage(c0); console.log(JSON.stringify({ importMs: t1 - t0, sinceStartMs: t1, cpuMs: (c.user + c.system) / 1000 })); process.exit(0);`;
  // A loader set for this process (tsx) must not help the child: it loads plain JavaScript, as production does.
  // The function parses its settings when it loads: a secret, and an emulator address nothing answers (nothing is stored).
  const env = { ...process.env, NODE_OPTIONS: '', JOURNEY_SHARED_SECRET: 'bench-secret-0123456789abcdef', FIRESTORE_EMULATOR_HOST: '127.0.0.1:9' };
  const samples = Array.from({ length: RUNS }, () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', probe], { env, encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { importMs: number; sinceStartMs: number; cpuMs: number };
  });
  return {
    runs: RUNS,
    medianMs: median(samples.map((s) => s.importMs)),
    medianSinceStartMs: median(samples.map((s) => s.sinceStartMs)),
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
    bundleBytes: bytes,
  };
}
