/**
 * `npm run demo` (DESIGN.md §4a): builds the app, bundles the Graph + identity emulator into a temporary
 * module (never into dist/, so it is never packaged), and starts Electron with the environment flag that
 * makes main load that module in-process, sign in a demo user and show the DEMO badge. Demo mode is this
 * entry and its flag, never a setting; the demo runs on a throwaway profile, removed once Electron has exited.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DEMO_ENV } from '../app/shell/demo.ts';
import { removeStaleDemoProfiles } from '../app/shell/demo-profile.ts';
import { buildAll } from './build.ts';
import { findElectron } from './electron-binary.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  if (process.argv.includes('--headless')) return (await import('./demo-headless.ts')).main(); // issue 12: no Electron
  const electron = findElectron();
  if (!('path' in electron)) {
    console.error(`npm run demo needs the Electron binary, which is not installed here (${electron.reason}).`);
    console.error('Install it with `npx install-electron` (or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD), then run npm run demo again.');
    return 1;
  }
  await buildAll({ root });
  const emulator = join(mkdtempSync(join(tmpdir(), 'presence-tray-demo-')), 'emulator.mjs');
  await build({ entryPoints: [join(root, 'test/emulator/server.ts')], outfile: emulator, bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning' });
  console.log(`demo: emulator bundled at ${emulator}; starting Presence Tray in demo mode`);
  const child = spawn(electron.path, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, [DEMO_ENV]: emulator } });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 0)));
  // Only now that Electron has exited are its files closed: remove the bundled emulator's folder and the
  // demo profiles of exited runs (the app also removes those at its next demo start).
  rmSync(dirname(emulator), { recursive: true, force: true });
  removeStaleDemoProfiles(tmpdir());
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error('demo failed:', error);
    process.exit(1);
  });
}
