/**
 * The benchmark harness (docs/architecture.md#benchmarks): each benchmark is a named async function returning flat numeric or
 * text results; `bench/run.ts` runs every registered one, prints a table and writes `bench/results.json`.
 */

/** One benchmark. Results are flat: `{ p50Ms: 1.2, p99Ms: 3.4, requests: 1000 }`. */
export interface Benchmark {
  /** Dotted, stable name used as the key prefix in results.json, e.g. `command`, `emulator.requestRate`. */
  name: string;
  /** What it measures, one line. */
  description: string;
  run(): Promise<Record<string, number | string>>;
  /**
   * Key prefixes (after `name.`) this benchmark no longer writes but whose committed figures must survive its
   * runs, e.g. `before.` for the figures of an earlier design that a change is measured against.
   */
  keeps?: readonly string[];
}

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Round to `digits` decimals for readable results. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
