/**
 * The whole app under Playwright's `_electron`: launch the built app in demo mode against an emulator in
 * this process, choose a presence in the tray menu and see the emulator receive the write, open the
 * settings window and see the same state. Runs wherever an Electron binary is installed; elsewhere every
 * test is skipped with the reason printed (no binary is downloaded here).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { DEMO_URL_ENV, E2E_ENV } from '../../app/shell/demo.ts';
import { findElectron } from '../../scripts/electron-binary.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';

const found = findElectron();
const skipReason = 'path' in found ? null : `whole-app Electron suite skipped: ${found.reason}`;
if (skipReason) console.log(skipReason);
const root = join(import.meta.dirname, '..', '..');

test.describe('Presence Tray, the whole app', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  test.skip(!existsSync(join(root, 'dist', 'main.js')), 'whole-app Electron suite skipped: dist/main.js is missing (run npm run build first)');

  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let app: ElectronApplication;

  test.beforeEach(async () => {
    emulator = await startEmulator();
    control = new EmulatorControl(emulator.url);
    app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args: [root, '--no-sandbox'],
      cwd: root,
      env: { ...process.env, [DEMO_URL_ENV]: emulator.url, [E2E_ENV]: '1', HOME: mkdtempSync(join(tmpdir(), 'presence-tray-e2e-')) },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  const mainState = () =>
    app.evaluate(() => (globalThis as unknown as { __presenceTrayTest?: { state(): { auth: { status: string }; intent: { presence: string } | null } } }).__presenceTrayTest?.state() ?? null);

  test('a tray menu choice reaches Graph, and the settings window shows it', async () => {
    await expect.poll(async () => (await mainState())?.auth.status, { timeout: 20_000 }).toBe('signed-in');
    await control.clearRequests();
    const clicked = await app.evaluate(() => (globalThis as unknown as { __presenceTrayTest: { clickTrayItem(id: string): boolean } }).__presenceTrayTest.clickTrayItem('presence-Busy'));
    expect(clicked).toBe(true);
    await expect
      .poll(async () => (await control.requests({ kind: 'graph' })).find((r) => r.method === 'POST' && r.path.endsWith('setUserPreferredPresence'))?.body, { timeout: 10_000 })
      .toMatchObject({ availability: 'Busy', activity: 'Busy' });

    await app.evaluate(() => (globalThis as unknown as { __presenceTrayTest: { clickTrayItem(id: string): boolean } }).__presenceTrayTest.clickTrayItem('open-settings'));
    const window = await app.firstWindow();
    await expect(window.locator('body[data-ready="true"]')).toBeVisible({ timeout: 10_000 });
    expect(new URL(window.url()).protocol).toBe('app:');
    await expect(window.getByText('DEMO', { exact: false }).first()).toBeVisible();
    await expect(window.getByText('Busy', { exact: false }).first()).toBeVisible();
    // The page runs sandboxed with no Node: the preload's object is all it has.
    expect(await window.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, Object.keys((window as unknown as { presenceTray: object }).presenceTray).length])).toEqual(['undefined', 'undefined', 24]);
  });
});
