/**
 * Core start: importing and constructing every main-process service with a 50-rule schedule, each run in a
 * fresh Node process (core-start-child.ts) so module loading is measured cold, as at app start. What ships
 * is timed: the services bundled by esbuild with the options of the app's main bundle (scripts/build.ts).
 * The same start from the TypeScript sources is reported beside it (`source*` keys) as a side note only:
 * most of that time is Node stripping types, which the app never does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const RUNS = 7;
const CHILD = fileURLToPath(new URL('./core-start-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundle core-start-entry.ts as the app's main bundle is built: ESM for Node 22, `electron` and the packages in
 * `dependencies` external. Written under node_modules/.cache so those packages resolve from it.
 */
async function bundleEntry(): Promise<{ file: string; dir: string }> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const dir = join(ROOT, 'node_modules', '.cache', 'core-start-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'core-start-entry.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'core-start-entry.ts')],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: ['electron', ...dependencies, ...dependencies.map((d) => `${d}/*`)],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
  });
  return { file, dir };
}

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
  description: `import the esbuild bundle + construct every main-process service with a 50-rule schedule, fresh process, ${RUNS} runs (sources as a side note)`,
  async run() {
    const { file, dir } = await bundleEntry();
    try {
      const bundled = startRuns([file]);
      const source = startRuns([]);
      const p50 = (runs: ChildResult[], key: 'importMs' | 'constructMs' | 'totalMs'): number => round(percentile(runs.map((r) => r[key]), 50), 1);
      return {
        importP50Ms: p50(bundled, 'importMs'),
        constructP50Ms: p50(bundled, 'constructMs'),
        totalP50Ms: p50(bundled, 'totalMs'),
        totalMaxMs: round(Math.max(...bundled.map((r) => r.totalMs)), 1),
        sourceImportP50Ms: p50(source, 'importMs'),
        sourceTotalP50Ms: p50(source, 'totalMs'),
        rules: 50,
        runs: RUNS,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** {@link RUNS} cold starts of the child with `args` (the bundle's path, or nothing for the sources). */
function startRuns(args: string[]): ChildResult[] {
  const runs: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [CHILD, ...args], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult;
    if (result.rules !== 50 || !result.scheduled) throw new Error(`core start did not build the 50-rule schedule: ${out}`);
    runs.push(result);
  }
  return runs;
}
