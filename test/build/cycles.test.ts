// The import-cycle check that `npm run lint` runs (scripts/check-cycles.ts): it must see cycles made of
// `import type` too (ESLint's cycle rules skip those), ignore comments and packages, and find none in the repo.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf, readModules } from '../../scripts/check-cycles.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modules = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files).map(([p, s]) => [resolve('/repo', p), s]));

describe('check-cycles', () => {
  it('finds a deliberate cycle of type-only imports across folders, and names every module in it', () => {
    const cycles = findCycles(
      modules({
        'app/a/types.ts': "import type { B } from '../b/types.ts';\nexport interface A { b: B }",
        'app/b/types.ts': "import type {\n  C,\n} from '../c.ts';\nexport interface B { c: C }",
        'app/c.ts': "export type { A } from './a/types.ts';\nimport type { A } from './a/types.ts';\nexport interface C { a: A }",
        'app/leaf.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
      }),
    );
    expect(cycles).toEqual([['/repo/app/a/types.ts', '/repo/app/b/types.ts', '/repo/app/c.ts']]);
  });

  it('a chain is not a cycle; imports in comments and of packages do not count; a self-import does', () => {
    expect(
      findCycles(
        modules({
          'a.ts': "// import { b } from './b.ts';\nimport { c } from './c.ts';\nexport const a = c;",
          'b.ts': "/** see `import { a } from './a.ts'` */\nimport { a } from './a.ts';\nexport const b = a;",
          'c.ts': "import x from 'some-package';\nexport const c = x;",
        }),
      ),
    ).toEqual([]);
    expect(findCycles(modules({ 'self.ts': "export * from './self.ts';" }))).toEqual([['/repo/self.ts']]);
    expect(importsOf("const m = await import('./lazy.ts');\nimport './side-effect.ts';").sort()).toEqual(['./lazy.ts', './side-effect.ts']);
  });

  it('the repository has no import cycle', () => {
    expect(findCycles(readModules(root)).map((c) => c.map((p) => p.slice(root.length + 1)))).toEqual([]);
  });
});
