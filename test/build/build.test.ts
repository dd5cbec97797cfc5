import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAll } from '../../scripts/build.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A throwaway project with the given files (package.json included). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'presence-build-'));
  roots.push(root);
  const all = { 'package.json': JSON.stringify({ type: 'module', dependencies: { 'node-schedule': '2.1.1', '@azure/msal-node': '7.2.3' } }), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');

describe('scripts/build.ts', () => {
  it('bundles main (ESM, deps external), preload (CJS, only electron external) and the renderer, and copies its html and css', async () => {
    const root = project({
      'app/shared.ts': "export const GREETING: string = 'hello from shared';\n",
      'app/main.ts':
        "import { app } from 'electron';\nimport schedule from 'node-schedule';\nimport { PublicClientApplication } from '@azure/msal-node';\nimport { GREETING } from './shared.ts';\nconsole.log(app, schedule, PublicClientApplication, GREETING);\n",
      'app/preload.ts': "import { contextBridge } from 'electron';\nimport { GREETING } from './shared.ts';\ncontextBridge.exposeInMainWorld('x', { GREETING });\n",
      'renderer/main.ts': "const message: string = 'renderer says hi';\ndocument.body.textContent = message;\n",
      'renderer/index.html': '<!doctype html><script defer src="./main.js"></script>',
      'renderer/styles.css': 'body { color: red; }',
      'renderer/extra.css': 'p { margin: 0; }',
      'renderer/notes.md': 'not copied',
    });
    const files = await buildAll({ root, log: false });
    const paths = files.map((f) => f.path).sort();
    expect(paths).toEqual(
      [
        'dist/main.js',
        'dist/main.js.map',
        'dist/preload.cjs',
        'dist/preload.cjs.map',
        'dist/renderer/extra.css',
        'dist/renderer/index.html',
        'dist/renderer/main.js',
        'dist/renderer/main.js.map',
        'dist/renderer/styles.css',
      ].sort(),
    );
    expect(files.every((f) => f.bytes > 0)).toBe(true);

    const main = read(root, 'dist/main.js');
    expect(main).toMatch(/from ["']electron["']/);
    expect(main).toMatch(/from ["']node-schedule["']/);
    expect(main).toMatch(/from ["']@azure\/msal-node["']/);
    expect(main).toContain('hello from shared');

    const preload = read(root, 'dist/preload.cjs');
    expect(preload).toMatch(/require\(["']electron["']\)/);
    expect(preload).toContain('hello from shared');
    expect(preload).not.toMatch(/^import /m);

    const renderer = read(root, 'dist/renderer/main.js');
    expect(renderer).toContain('renderer says hi');
    expect(renderer.trim().split('\n').length).toBeLessThanOrEqual(2); // minified
    expect(existsSync(join(root, 'dist/renderer/notes.md'))).toBe(false);
  });

  it('skips entries that do not exist yet, and writes no sourcemaps in production', async () => {
    const root = project({ 'renderer/main.ts': 'document.title = "x";\n', 'renderer/index.html': '<!doctype html>' });
    const files = await buildAll({ root, production: true, log: false });
    expect(files.map((f) => f.path).sort()).toEqual(['dist/renderer/index.html', 'dist/renderer/main.js']);
  });

  it('builds nothing, without failing, in a project with no entries', async () => {
    const root = project({});
    expect(await buildAll({ root, log: false })).toEqual([]);
  });

  it('fails on a type-stripped syntax error rather than writing a broken bundle', async () => {
    const root = project({ 'renderer/main.ts': 'const = ;\n' });
    await expect(buildAll({ root, log: false })).rejects.toThrow();
  });
});
