/**
 * `npm run build`: bundles the three runtimes with esbuild into dist/.
 *
 * - `app/main.ts` → `dist/main.js`: ESM for Node 22 (Electron's main); `electron` and every package in
 *   `dependencies` stay external, since electron-builder ships node_modules.
 * - `app/remote/presencectl.ts` → `dist/presencectl.mjs`: the command-line client, plain Node ESM, everything
 *   bundled, so it starts fast (`bin/presencectl.mjs` runs it; the packaged app ships it unpacked).
 * - `app/preload.ts` → `dist/preload.cjs`: CommonJS, everything bundled but `electron`, because a sandboxed
 *   preload can `require` nothing else.
 * - `renderer/main.ts` → `dist/renderer/main.js`: browser ESM, minified; `renderer/index.html` and
 *   `renderer/*.css` are copied beside it.
 *
 * An entry that does not exist yet is skipped with a note. `--production` (or NODE_ENV=production) turns
 * sourcemaps off; otherwise they are written beside each bundle. Prints every output's size.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** Options for {@link buildAll}. */
export interface BuildAllOptions {
  /** Project root (where package.json is). Default: this script's parent folder. */
  root?: string;
  /** Output folder. Default `<root>/dist`. */
  outDir?: string;
  /** No sourcemaps. */
  production?: boolean;
  /** Print notes and sizes (default true). */
  log?: boolean;
}

/** One file written by {@link buildAll}. */
export interface BuiltFile {
  /** Path relative to the root, e.g. `dist/renderer/main.js`. */
  path: string;
  bytes: number;
}

/**
 * Syntax targets: a floor, not Electron's exact runtime. Electron 45 ships a newer Chromium (154) and Node
 * (24; Electron 40 already moved from Chromium 142 / Node 22.20 to Chromium 144 / Node 24.11), so code built
 * for chrome142/node22 runs there unchanged, and the same main bundle also loads in the Node 22 the
 * project's scripts and tests use.
 */
const CHROME = 'chrome142';
const NODE = 'node22';

/** Build every entry that exists; returns what was written. Throws (with esbuild's messages) on a build error. */
export async function buildAll(options: BuildAllOptions = {}): Promise<BuiltFile[]> {
  const root = resolve(options.root ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const outDir = resolve(options.outDir ?? join(root, 'dist'));
  const production = options.production ?? false;
  const say = options.log === false ? () => {} : (line: string) => console.log(line);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = Object.keys(pkg.dependencies ?? {});

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];

  const common: BuildOptions = { bundle: true, sourcemap: production ? false : 'linked', logLevel: options.log === false ? 'silent' : 'warning', legalComments: 'none', absWorkingDir: root };
  const entries: Array<{ entry: string; options: BuildOptions }> = [
    {
      entry: 'app/main.ts',
      options: {
        outfile: join(outDir, 'main.js'),
        format: 'esm',
        platform: 'node',
        target: NODE,
        external: ['electron', ...dependencies, ...dependencies.map((d) => `${d}/*`)],
        // Bundled CommonJS helpers may call require(); give ESM output one.
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      },
    },
    {
      // presencectl (issue 12): plain Node, no dependencies, one file that starts fast.
      entry: 'app/remote/presencectl.ts',
      options: { outfile: join(outDir, 'presencectl.mjs'), format: 'esm', platform: 'node', target: NODE, banner: { js: '#!/usr/bin/env node' } },
    },
    {
      entry: 'app/preload.ts',
      options: { outfile: join(outDir, 'preload.cjs'), format: 'cjs', platform: 'browser', target: CHROME, external: ['electron'] },
    },
    {
      entry: 'renderer/main.ts',
      options: { outfile: join(outDir, 'renderer', 'main.js'), format: 'esm', platform: 'browser', target: CHROME, minify: true },
    },
  ];

  for (const { entry, options: specific } of entries) {
    if (!existsSync(join(root, entry))) {
      say(`build: ${entry} does not exist yet; skipped`);
      continue;
    }
    const result = await build({ ...common, ...specific, entryPoints: [join(root, entry)], metafile: true });
    written.push(...Object.keys(result.metafile?.outputs ?? {}).map((p) => resolve(root, p)));
  }

  const rendererDir = join(root, 'renderer');
  if (existsSync(rendererDir)) {
    const assets = readdirSync(rendererDir).filter((name) => name === 'index.html' || name.endsWith('.css'));
    if (assets.length) mkdirSync(join(outDir, 'renderer'), { recursive: true });
    for (const name of assets) {
      copyFileSync(join(rendererDir, name), join(outDir, 'renderer', name));
      written.push(join(outDir, 'renderer', name));
    }
    if (!assets.includes('index.html')) say('build: renderer/index.html does not exist yet; not copied');
  }

  const files = written.map((path) => ({ path: relative(root, path), bytes: statSync(path).size }));
  if (files.length) {
    const width = Math.max(...files.map((f) => f.path.length));
    for (const f of files) say(`${f.path.padEnd(width)}  ${(f.bytes / 1024).toFixed(1).padStart(8)} KiB`);
  }
  say(`build: ${files.length} files in ${relative(root, outDir) || '.'} (${production ? 'production, no sourcemaps' : 'development, sourcemaps'})`);
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
  try {
    await buildAll({ production });
  } catch (error) {
    // esbuild has already printed its messages.
    console.error(`build failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exitCode = 1;
  }
}
