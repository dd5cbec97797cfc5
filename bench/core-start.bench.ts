/**
 * Core start (DESIGN.md §10): importing and constructing every main-process service with a 50-rule schedule,
 * each run in a fresh Node process (core-start-child.ts) so module loading is measured cold, as at app start.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const RUNS = 7;
const CHILD = fileURLToPath(new URL('./core-start-child.ts', import.meta.url));

interface ChildResult {
  importMs: number;
  constructMs: number;
  totalMs: number;
  rules: number;
  scheduled: boolean;
}

/** Cold start of the main-process services in a fresh process, median and max over several runs. */
export const coreStartBenchmark: Benchmark = {
  name: 'coreStart',
  description: `import + construct every main-process service with a 50-rule schedule, fresh process, ${RUNS} runs`,
  async run() {
    const runs: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, [CHILD], { encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult;
      if (result.rules !== 50 || !result.scheduled) throw new Error(`core start did not build the 50-rule schedule: ${out}`);
      runs.push(result);
    }
    const pick = (key: 'importMs' | 'constructMs' | 'totalMs') => runs.map((r) => r[key]);
    return {
      importP50Ms: round(percentile(pick('importMs'), 50), 1),
      constructP50Ms: round(percentile(pick('constructMs'), 50), 1),
      totalP50Ms: round(percentile(pick('totalMs'), 50), 1),
      totalMaxMs: round(Math.max(...pick('totalMs')), 1),
      rules: 50,
      runs: RUNS,
    };
  },
};
