/**
 * Where the Electron binary is, found without `require('electron')` (which, with no binary, starts a
 * download). Used by `npm run demo` and the whole-app Playwright suite, which skip with this reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The binary's path, or why there is none. */
export function findElectron(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!override && !existsSync(pathFile)) {
    return { reason: 'no Electron binary is installed (node_modules/electron/path.txt is missing; installed with ELECTRON_SKIP_BINARY_DOWNLOAD?)' };
  }
  const path = override ? join(override, process.platform === 'win32' ? 'electron.exe' : 'electron') : join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `the Electron binary ${path} does not exist` };
}
