/**
 * `npm run bench`: runs every registered benchmark in turn, prints one table and writes bench/results.json.
 * Register a benchmark by adding it to BENCHMARKS below. `npm run bench -- name` runs only names starting so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { cliEndpointBench, cliProcessBench } from './cli.bench.ts';
import { commandSdkBench } from './command-sdk.bench.ts';
import { appCommandBench, controllerCommandBench } from './command-controller.bench.ts';
import { coreStartBenchmark } from './core-start.bench.ts';
import { commandBench } from './command.bench.ts';
import { economyAppSessionBenchmark, economyBenchmark, economyMachineRulesBenchmark } from './economy.bench.ts';
import { emulatorBenchmark } from './emulator.bench.ts';
import { fleetBenchmark } from './fleet.bench.ts';
import type { Benchmark } from './harness.ts';
import { rendererBenchmark } from './renderer.bench.ts';
import { soakBenchmark } from './soak.bench.ts';
import { transitionsBenchmark } from './transitions.bench.ts';

const BENCHMARKS: Benchmark[] = [
  coreStartBenchmark,
  transitionsBenchmark,
  commandBench,
  controllerCommandBench,
  appCommandBench,
  commandSdkBench,
  emulatorBenchmark,
  rendererBenchmark,
  economyBenchmark,
  economyAppSessionBenchmark,
  economyMachineRulesBenchmark,
  soakBenchmark,
  fleetBenchmark,
  cliEndpointBench,
  cliProcessBench,
];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const chosen = BENCHMARKS.filter((b) => !filter || b.name.startsWith(filter));
  const file = new URL('./results.json', import.meta.url);
  // A filtered run keeps the previous results of the benchmarks it did not run; every run keeps the figures a
  // benchmark declares kept (an earlier design's, which it no longer measures but is compared against) and the
  // mutation scores, which `npm run test:mutation` (scripts/mutation.ts) writes into the same file.
  const results: Record<string, number | string> = {};
  if (existsSync(file)) {
    const previous = (JSON.parse(readFileSync(file, 'utf8')) as { results?: Record<string, number | string> }).results ?? {};
    const kept = (key: string): boolean => BENCHMARKS.some((b) => (b.keeps ?? []).some((k) => key.startsWith(`${b.name}.${k}`)));
    const notRun = (key: string): boolean => !!filter && !chosen.some((b) => key.startsWith(`${b.name}.`));
    const mutationScore = (key: string): boolean => key.startsWith('mutation.');
    for (const [key, value] of Object.entries(previous)) {
      if (kept(key) || notRun(key) || mutationScore(key)) results[key] = value;
    }
  }
  const rows: Array<[string, string]> = [];
  for (const bench of chosen) {
    process.stdout.write(`running ${bench.name} — ${bench.description}\n`);
    const out = await bench.run();
    for (const [key, value] of Object.entries(out)) {
      results[`${bench.name}.${key}`] = value;
      rows.push([`${bench.name}.${key}`, String(value)]);
    }
  }
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  console.log(`\n${'metric'.padEnd(width)}  value`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  const meta = { node: process.version, cpus: cpus().length, date: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify({ meta, results }, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}

await main();
