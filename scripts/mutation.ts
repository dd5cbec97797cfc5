/**
 * `npm run test:mutation`: Stryker mutates the modules in MODULES below and runs the vitest tests that cover
 * each mutant. A mutant that no test notices is a change to behaviour that the suite would let through. This
 * script runs Stryker, reads its JSON report, leaves out the mutants listed in EQUIVALENT (with the reason
 * each one cannot change behaviour), prints a score per module, writes `mutation.<module>.score` into
 * bench/results.json, and exits 1 when a module scores below the goal.
 *
 * Not part of `npm test`: it runs each module's tests once per mutant (minutes, not seconds).
 * `npm run test:mutation -- app/graph/retry.ts` mutates only the named modules.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runAsScript } from './run-script.ts';

/** The modules under mutation: the core rules a user depends on. */
export const MODULES = [
  'app/graph/retry.ts',
  'app/control/plan.ts',
  'app/schedule/transitions.ts',
  'app/settings/value-checks.ts',
  'app/ipc/payload-limits.ts',
  'app/presence/duration.ts',
  'app/settings/load.ts',
  'app/control/until.ts',
  'app/control/reduce.ts',
  'app/control/next-effect.ts',
];

/**
 * Modules mutated against a chosen set of tests instead of every related one. The controller's modules are
 * covered by thirty emulator-backed suites that take seconds per mutant (a run took about two hours); their
 * pure table tests (no I/O) must catch a changed rule on their own, which is also the stricter question.
 */
const CONTROL_TABLE_TESTS = [
  'test/control/plan.test.ts',
  'test/control/reduce-plan.test.ts',
  'test/control/machine-rules.test.ts',
  'test/control/budget.test.ts',
  'test/control/next-effect-table.test.ts',
  'test/control/plan-table.test.ts',
  'test/control/until-table.test.ts',
  'test/control/reduce-table.test.ts',
];
export const TEST_FILES: Readonly<Record<string, readonly string[]>> = {
  'app/control/plan.ts': CONTROL_TABLE_TESTS,
  'app/control/until.ts': CONTROL_TABLE_TESTS,
  'app/control/reduce.ts': CONTROL_TABLE_TESTS,
  'app/control/next-effect.ts': CONTROL_TABLE_TESTS,
};

/** The score every module must reach, in percent. */
export const GOAL = 90;

/**
 * A mutant that cannot change what the code does, so no test can notice it. Matched on file, mutator, the
 * replacement text Stryker reports and a piece of the original line (line numbers move; the code does not).
 */
export interface EquivalentMutant {
  file: string;
  mutator: string;
  replacement: string;
  /** Text the mutated line contains before mutation. */
  line: string;
  reason: string;
}

/** Mutants left out of the score, each with its reason. Keep this list short and every reason checkable. */
export const EQUIVALENT: EquivalentMutant[] = [
  {
    file: 'app/control/until.ts',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    line: 'if (ms === undefined) {',
    reason: 'durationMs: parsing on every call instead of on a cache miss gives the same milliseconds (parseDuration is pure); only slower',
  },
  {
    file: 'app/control/until.ts',
    mutator: 'CallExpression',
    replacement: ';',
    line: 'durations.set(iso, ms);',
    reason: 'durationMs: a cache that never keeps an entry parses every time, with the same result (parseDuration is pure); only slower',
  },
  {
    file: 'app/control/until.ts',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    line: 'if (durations.size > 64) durations.clear();',
    reason: 'durationMs: emptying the cache before every insert only makes later calls parse again, with the same result; only slower',
  },
  {
    file: 'app/control/until.ts',
    mutator: 'EqualityOperator',
    replacement: 'durations.size >= 64',
    line: 'if (durations.size > 64) durations.clear();',
    reason: 'durationMs: emptying the cache one entry earlier changes neither a result nor the bound on its size',
  },
  {
    file: 'app/control/until.ts',
    mutator: 'EqualityOperator',
    replacement: 'durations.size <= 64',
    line: 'if (durations.size > 64) durations.clear();',
    reason: 'durationMs: emptying a small cache on insert only makes later calls parse again, with the same result; only slower',
  },
  {
    file: 'app/schedule/transitions.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: 'return r ? `${r.presence}',
    reason:
      "effectKey: any constant for 'no status message' (or for 'no rule') merges the same stretches, since every " +
      'rule key holds a NUL separator that no constant here contains and rawSegments never yields two neighbours with the same rule',
  },
  {
    file: 'app/schedule/transitions.ts',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    line: 'if (stretch.start === from || stretch.end === to)',
    reason: 'stateAt: always taking the 16-day look gives the same stretch as the 2-day look whenever the 2-day look found both ends; only slower',
  },
  {
    file: 'app/graph/retry.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: "if (value === '') return null;",
    reason: "parseRetryAfter: '' has neither a digit nor a letter, so the two checks after this one return null for it too; the early return only saves them",
  },
  {
    file: 'app/graph/retry.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: "if (value === '') return null;",
    reason:
      "parseRetryAfter: '' still ends as null through the later checks (no digit, no letter), and the one text the mutant " +
      'returns null for early is no number and no HTTP date (Date.parse gives NaN), so the later checks return null for it as well',
  },
  {
    file: 'app/settings/value-checks.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: "if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {",
    reason: 'checkInteger: Number.isInteger is false for every value that is not a number, so without the typeof test the same values are refused',
  },
  {
    file: 'app/settings/value-checks.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: 'if (problems.length || now === undefined) return problems;',
    reason:
      'checkUntil without `now`: going on compares the instant with undefined, where `at <= undefined` is false and ' +
      '`at - undefined` is NaN (never above the cap), so it returns no problem, as the early return does',
  },
  {
    file: 'app/presence/duration.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: "const datePart = value.startsWith('P') ? (value.slice(1).split('T')[0] ?? '') : '';",
    reason:
      "parseDuration's datePart: `?? ''` is never reached (split returns at least one element), and the text after `:` " +
      'only meets /\\d[YMW]/, which no digit-free text matches, so any such text acts as the empty one',
  },
  {
    file: 'app/settings/load.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: 'const miss = result.value === null || result.value === undefined ? null',
    reason: 'loadChecked: a section validator returns its value or null (SectionResult<T>.value is T | null), never undefined, so the undefined test decides nothing',
  },
  {
    file: 'app/settings/load.ts',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    line: 'if (result.value === null || result.value === undefined) {',
    reason: 'loadChecked: a section validator returns its value or null (SectionResult<T>.value is T | null), never undefined, so the undefined test decides nothing',
  },
  {
    file: 'app/settings/load.ts',
    mutator: 'BooleanLiteral',
    replacement: 'false',
    line: 'let needsWrite = true;',
    reason:
      'loadChecked: the initial value only stays when isDeepStrictEqual throws, which it cannot on what the loader reads: ' +
      'JSON.parse output has no getters or proxies, and the comparison descends only while both sides are objects, so no ' +
      'deeper than the validated settings (a deep value in the file meets a default or a missing key and differs at once)',
  },
  {
    file: 'app/control/reduce.ts',
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    line: 'const mark = scheduled ?',
    reason:
      "ticked's stretch mark: the mark is only compared with the previous mark (nothing else reads scheduleMark), and any " +
      "text for 'no end' other than digits keeps a stretch without an end apart from every stretch with one",
  },
  {
    file: 'app/control/reduce.ts',
    mutator: 'StringLiteral',
    replacement: '""',
    line: 'const mark = scheduled ?',
    reason:
      "ticked's mark for 'no schedule': the mark is only compared with the previous mark, and '' is, like 'none', neither " +
      "null (not computed) nor the mark of a stretch (which always holds '|')",
  },
  {
    file: 'app/control/reduce.ts',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    line: "const held = want.kind === 'set' && h?.kind === 'set'",
    reason:
      "judged: a want that is not 'set' (clear, leave) has no key, so `h.key === want.key` is false for it and held " +
      'is null with or without the test (which is there for the type)',
  },
];

/** The parts of Stryker's JSON report (mutation-testing-report-schema) this script reads. */
interface StrykerReport {
  files: Record<string, { mutants: Array<{ mutatorName: string; replacement?: string; status: string; location: { start: { line: number } } }> }>;
}

/** One module's result. */
export interface ModuleScore {
  file: string;
  killed: number;
  survived: number;
  equivalent: number;
  score: number;
}

/**
 * Per-module scores from a Stryker report: (killed + timed out) ÷ (all valid mutants but the equivalent ones).
 * `source(file)` gives a module's text, to match equivalent mutants by their original line.
 */
export function scoreReport(
  report: StrykerReport,
  equivalent: readonly EquivalentMutant[] = EQUIVALENT,
  source: (file: string) => string = (file) => readFileSync(join(ROOT, file), 'utf8'),
): ModuleScore[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const lines = equivalent.some((e) => e.file === file) ? source(file).split('\n') : [];
    let killed = 0;
    let survived = 0;
    let eq = 0;
    for (const m of mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') killed++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const original = lines[m.location.start.line - 1] ?? '';
        const known = equivalent.some(
          (e) => e.file === file && e.mutator === m.mutatorName && e.replacement === (m.replacement ?? '') && original.includes(e.line),
        );
        if (known) eq++;
        else survived++;
      }
    }
    const total = killed + survived;
    return { file, killed, survived, equivalent: eq, score: total === 0 ? 100 : Math.round((killed / total) * 1000) / 10 };
  });
}

/** `app/control/plan.ts` → `control.plan`: the key used in bench/results.json. */
export function moduleKey(file: string): string {
  return file.replace(/^app\//, '').replace(/\.ts$/, '').replaceAll('/', '.');
}

/** One Stryker run: modules that share a test set (an empty set means every related test). */
export interface MutationRun {
  mutate: string[];
  testFiles: readonly string[];
}

/** Groups modules into Stryker runs by their test set, in the order the modules are given. */
export function runsFor(modules: readonly string[], testFiles: Readonly<Record<string, readonly string[]>> = TEST_FILES): MutationRun[] {
  const runs = new Map<string, MutationRun>();
  for (const file of modules) {
    const tests = [...(testFiles[file] ?? [])].sort();
    const key = tests.join(',');
    const run = runs.get(key) ?? { mutate: [], testFiles: tests };
    run.mutate.push(file);
    runs.set(key, run);
  }
  return [...runs.values()];
}

async function main(): Promise<number> {
  const chosen = process.argv.slice(2).filter((a) => a.endsWith('.ts'));
  const modules = chosen.length > 0 ? chosen : MODULES;
  const scores: ModuleScore[] = [];
  for (const { mutate, testFiles } of runsFor(modules)) {
    const args = ['stryker', 'run', '--mutate', mutate.join(',')];
    if (testFiles.length > 0) args.push('--testFiles', testFiles.join(','));
    const run = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`stryker exited with ${run.status}`);
      return 2;
    }
    const reportFile = join(ROOT, 'reports', 'mutation', 'mutation.json');
    scores.push(...scoreReport(JSON.parse(readFileSync(reportFile, 'utf8')) as StrykerReport));
  }
  const resultsFile = join(ROOT, 'bench', 'results.json');
  const results = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { meta?: unknown; results: Record<string, number | string> })
    : { results: {} };
  console.log('\nmodule                          score  killed  survived  equivalent');
  let failing = 0;
  for (const s of scores) {
    console.log(`${s.file.padEnd(32)}${`${s.score}%`.padStart(6)}  ${String(s.killed).padStart(6)}  ${String(s.survived).padStart(8)}  ${String(s.equivalent).padStart(10)}`);
    results.results[`mutation.${moduleKey(s.file)}.score`] = s.score;
    if (s.score < GOAL) failing++;
  }
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (failing > 0) console.error(`\n${failing} module(s) below the ${GOAL} % goal`);
  return failing > 0 ? 1 : 0;
}

runAsScript(import.meta.url, 'test:mutation', main);
