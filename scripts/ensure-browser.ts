/**
 * Before the Playwright suite: use Debian's Chromium when it is installed; only when it is not, install
 * Playwright's own Chromium (a download, so never done needlessly).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

if (existsSync(SYSTEM_CHROMIUM)) {
  console.log(`ensure-browser: using ${SYSTEM_CHROMIUM}`);
} else {
  console.log('ensure-browser: /usr/bin/chromium not found; installing Playwright Chromium');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
