import { describe, expect, it } from 'vitest';
import { moduleKey, runsFor, scoreReport } from '../../scripts/mutation.ts';

const mutant = (status: string, mutatorName = 'ConditionalExpression', replacement = 'true') => ({ status, mutatorName, replacement, location: { start: { line: 1 } } });

describe('test:mutation scoring', () => {
  it('scores killed and timed-out mutants against all that ran, per module', () => {
    const report = {
      files: {
        'app/a.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage'), mutant('CompileError')] },
        'app/b.ts': { mutants: [] },
      },
    };
    expect(scoreReport(report, [])).toEqual([
      { file: 'app/a.ts', killed: 2, survived: 2, equivalent: 0, score: 50 },
      { file: 'app/b.ts', killed: 0, survived: 0, equivalent: 0, score: 100 },
    ]);
  });

  it('leaves a listed equivalent mutant out of the score, and only that one', () => {
    const report = { files: { 'app/a.ts': { mutants: [mutant('Killed'), mutant('Survived', 'StringLiteral', '""'), mutant('Survived')] } } };
    const eq = [{ file: 'app/a.ts', mutator: 'StringLiteral', replacement: '""', line: "label = 'x'", reason: 'test' }];
    expect(scoreReport(report, eq, () => "const label = 'x';\n")).toEqual([{ file: 'app/a.ts', killed: 1, survived: 1, equivalent: 1, score: 50 }]);
    // The same mutation on a line that does not match stays in the score.
    expect(scoreReport(report, eq, () => "const other = 'y';\n")).toEqual([{ file: 'app/a.ts', killed: 1, survived: 2, equivalent: 0, score: 33.3 }]);
  });

  it('names a module by its path under app/', () => {
    expect(moduleKey('app/control/plan.ts')).toBe('control.plan');
  });

  it('runs modules that share a test set together, and the rest against every related test', () => {
    const sets = { 'app/a.ts': ['t/2.ts', 't/1.ts'], 'app/b.ts': ['t/1.ts', 't/2.ts'], 'app/c.ts': ['t/3.ts'] };
    expect(runsFor(['app/a.ts', 'app/x.ts', 'app/b.ts', 'app/c.ts', 'app/y.ts'], sets)).toEqual([
      { mutate: ['app/a.ts', 'app/b.ts'], testFiles: ['t/1.ts', 't/2.ts'] },
      { mutate: ['app/x.ts', 'app/y.ts'], testFiles: [] },
      { mutate: ['app/c.ts'], testFiles: ['t/3.ts'] },
    ]);
  });
});
