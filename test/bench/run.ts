// Runs the benchmarks in order and prints one line of figures per step: `npx tsx test/bench/run.ts` (or `npm run bench`).
import { benchScoring } from './scoring';

interface BenchStep {
  name: string;
  /** Runs the step and returns its figures as one readable line, and whether it met its target. */
  run: () => Promise<{ line: string; ok: boolean }>;
}

/** Add a step here; steps run in this order. */
const steps: BenchStep[] = [
  {
    name: 'scoring',
    run: async () => {
      const target = 100;
      const { members, entries, ms } = await benchScoring();
      return { line: `${members} members × ${entries} entries in ${ms.toFixed(1)} ms (target ≤ ${target} ms)`, ok: ms <= target };
    },
  },
];

let failed = 0;
for (const step of steps) {
  const { line, ok } = await step.run();
  console.log(`${step.name}: ${line}${ok ? '' : ' — OVER TARGET'}`);
  if (!ok) failed += 1;
}
if (failed > 0) process.exitCode = 1;
