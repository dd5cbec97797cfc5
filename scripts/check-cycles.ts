/**
 * `node scripts/check-cycles.ts` (part of `npm run lint`): fails when the project's own modules import each
 * other in a circle, `import type` included. Modules form layers (docs/architecture.md); a cycle means a
 * concept lives in the wrong place. ESLint's import cycle rules skip type-only imports, and every cycle this
 * project had was made of them, hence this small check: relative imports only (they carry `.ts`), packages
 * are not followed.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders scanned, relative to the repository root. */
export const SCANNED = ['app', 'renderer', 'test', 'bench', 'scripts'];

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, across lines.
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^;'"`]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a module's source imports (comments are ignored). */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of code.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec && spec.startsWith('.')) found.push(spec);
  }
  return found;
}

/**
 * The import cycles among `modules` (path → source), each as the list of paths around it. A module's imports
 * are resolved against its own path; imports of files not in `modules` are ignored.
 */
export function findCycles(modules: ReadonlyMap<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [path, source] of modules) {
    const targets = importsOf(source)
      .map((spec) => resolve(dirname(path), spec))
      .filter((target) => modules.has(target));
    edges.set(path, [...new Set(targets)]);
  }
  // Tarjan's strongly connected components: every component of more than one module (or a module importing
  // itself) is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...modules.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Every `.ts` file under `dirs` of `root`, read. */
export function readModules(root: string, dirs: readonly string[] = SCANNED): Map<string, string> {
  const modules = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) modules.set(path, readFileSync(path, 'utf8'));
    }
  };
  for (const dir of dirs) if (existsSync(join(root, dir))) walk(join(root, dir));
  return modules;
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const cycles = findCycles(readModules(root));
  if (cycles.length === 0) {
    console.log('check-cycles: no import cycles');
    return;
  }
  console.error(`check-cycles: ${cycles.length} import cycle(s); move the shared part to a module both can import:`);
  for (const cycle of cycles) console.error(`  ${cycle.map((p) => relative(root, p)).join(' ↔ ')}`);
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
