/**
 * Playwright: the settings window (renderer-*.spec.ts) in Chromium, bridged to a real core and emulator in
 * the test process. Uses Debian's /usr/bin/chromium where present (CI and this machine), else Playwright's
 * own browser (`npm run pretest:e2e` installs it only then). The whole-app `_electron` suite adds its own
 * project beside this one.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium, used when installed so no browser download is needed. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-less Chromium (containers and CI have no user namespaces). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Two cores shared by several people: one worker, and every test brings up its own core and emulator.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    actionTimeout: 5_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      // The whole app under Playwright's _electron (test/e2e/app-electron.spec.ts); skips with a printed
      // reason where no Electron binary is installed.
      name: 'electron-app',
      testMatch: /app-electron\.spec\.ts$/,
      timeout: 60_000,
    },
    {
      name: 'renderer',
      testMatch: /renderer-.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1000, height: 760 },
        launchOptions: {
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
});
