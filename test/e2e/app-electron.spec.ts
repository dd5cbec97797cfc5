/**
 * The whole app under Playwright's `_electron`: launch the built app in demo mode against an emulator in
 * this process and check, at the emulator and in the window: a tray menu choice and a hotkey reach Graph,
 * the settings window opens and shows the state, a second launch brings the window up, and quitting ends
 * the app session. Runs wherever an Electron binary is installed (CI installs it on all three systems);
 * elsewhere every test is skipped with the reason printed: no binary, or on Linux no display.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { CHANNELS } from '../../app/ipc/contract.ts';
import { DEMO_PROFILE_ENV, DEMO_URL_ENV, E2E_ENV } from '../../app/shell/demo.ts';
import { findElectron } from '../../scripts/electron-binary.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';

const found = findElectron();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason =
  'path' in found ? (noDisplay ? 'whole-app Electron suite skipped: no display (DISPLAY and WAYLAND_DISPLAY are unset; run it under xvfb-run)' : null) : `whole-app Electron suite skipped: ${found.reason}`;
if (skipReason) console.log(skipReason);
const root = join(import.meta.dirname, '..', '..');

type Hook = {
  clickTrayItem(id: string): boolean;
  pressHotkey(id: string): boolean;
  state(): { auth: { status: string }; intent: { presence: string; source: string } | null };
};

test.describe('Presence Tray, the whole app', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  test.skip(!existsSync(join(root, 'dist', 'main.js')), 'whole-app Electron suite skipped: dist/main.js is missing (run npm run build first)');

  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let app: ElectronApplication;
  let env: Record<string, string>;

  test.beforeEach(async () => {
    emulator = await startEmulator();
    control = new EmulatorControl(emulator.url);
    const home = mkdtempSync(join(tmpdir(), 'presence-tray-e2e-'));
    env = { ...(process.env as Record<string, string>), [DEMO_URL_ENV]: emulator.url, [E2E_ENV]: '1', HOME: home, [DEMO_PROFILE_ENV]: join(home, 'profile') };
    app = await electron.launch({ executablePath: (found as { path: string }).path, args: [root, '--no-sandbox'], cwd: root, env });
  });

  test.afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  const mainState = () => app.evaluate(() => (globalThis as unknown as { __presenceTrayTest?: Hook }).__presenceTrayTest?.state() ?? null);
  const signedIn = () => expect.poll(async () => (await mainState())?.auth.status, { timeout: 20_000 }).toBe('signed-in');
  const posts = async (suffix: string) => (await control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST' && r.path.endsWith(suffix));

  test('a tray menu choice reaches Graph, and the settings window shows it', async () => {
    await signedIn();
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
    expect(await window.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, Object.keys((window as unknown as { presenceTray: object }).presenceTray).length])).toEqual(['undefined', 'undefined', CHANNELS.length + 1]);
  });

  test('a hotkey reaches Graph', async () => {
    await signedIn();
    await control.clearRequests();
    // No key can be typed into a global shortcut from outside; the hook runs what the chord's callback runs.
    expect(await app.evaluate(() => (globalThis as unknown as { __presenceTrayTest: Hook }).__presenceTrayTest.pressHotkey('dnd-1h'))).toBe(true);
    await expect.poll(async () => (await posts('setUserPreferredPresence')).at(-1)?.body, { timeout: 10_000 }).toMatchObject({ availability: 'DoNotDisturb' });
    expect((await mainState())?.intent).toMatchObject({ presence: 'DoNotDisturb', source: 'hotkey' });
  });

  test('a second launch brings up the settings window of the first', async () => {
    await signedIn();
    const second = spawn((found as { path: string }).path, [root, '--no-sandbox'], { cwd: root, env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0); // it found the first instance and quit
    const window = await app.firstWindow();
    await expect(window.locator('body[data-ready="true"]')).toBeVisible({ timeout: 10_000 });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible()))).toBe(true);
  });

  test('quitting ends the app session', async () => {
    await signedIn();
    await app.evaluate(() => (globalThis as unknown as { __presenceTrayTest: Hook }).__presenceTrayTest.clickTrayItem('open-settings'));
    const window = await app.firstWindow();
    await expect(window.locator('body[data-ready="true"]')).toBeVisible({ timeout: 10_000 });
    // Turn the app session on from the window itself, over the real preload and IPC.
    const saved = await window.evaluate(async () => {
      const api = (window as unknown as { presenceTray: { getSettings(): Promise<{ value: { options: object } }>; saveOptions(r: object): Promise<{ ok: boolean }> } }).presenceTray;
      const { options } = (await api.getSettings()).value;
      return (await api.saveOptions({ options: { ...options, appSession: true } })).ok;
    });
    expect(saved).toBe(true);
    await app.evaluate(() => (globalThis as unknown as { __presenceTrayTest: Hook }).__presenceTrayTest.clickTrayItem('presence-Busy'));
    await expect.poll(async () => (await posts('/setPresence')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await app.close();
    await expect.poll(async () => (await posts('/clearPresence')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
