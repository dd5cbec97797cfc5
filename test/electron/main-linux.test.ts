// The real app/main.ts as it starts on a Linux Wayland desktop (Electron stand-in, demo mode against an
// emulator in this process): issue 10's defects 4, 6, 7 and 10 at the level where they broke, in the wiring.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_PREFIX } from '../../app/ipc/contract.ts';
import { APP_ID, DESKTOP_NAME } from '../../app/electron/lifecycle.ts';
import { autostartPath } from '../../app/shell/autostart.ts';
import { DEMO_URL_ENV, E2E_ENV } from '../../app/shell/demo.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import type * as Fake from './fake-electron.ts';

vi.mock('electron', () => import('./support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('./support/main-mocks.ts').then((m) => m.electronStoreModule()));

type TestHook = { clickTrayItem(id: string): boolean; state(): { auth: { status: string }; intent: { presence: string | null } | null } };
const hook = () => (globalThis as unknown as { __presenceTrayTest?: TestHook }).__presenceTrayTest;

const realPlatform = process.platform;
const config = mkdtempSync(join(tmpdir(), 'presence-tray-xdg-'));
const saved = { WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
let emulator: RunningEmulator;
let control: EmulatorControl;
let electron: typeof Fake.electron;
let world: typeof Fake.world;

beforeAll(async () => {
  Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
  process.env.WAYLAND_DISPLAY = 'wayland-0';
  process.env.XDG_CONFIG_HOME = config;
  emulator = await startEmulator();
  control = new EmulatorControl(emulator.url);
  process.env[DEMO_URL_ENV] = emulator.url;
  process.env[E2E_ENV] = '1';
  ({ electron, world } = await import('./fake-electron.ts'));
  electron.globalShortcut.held.add('CommandOrControl+Alt+Shift+2'); // the portal says no to this one
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(hook()?.state().auth.status).toBe('signed-in'), { timeout: 15_000 });
}, 30_000);
afterAll(async () => {
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  delete process.env[DEMO_URL_ENV];
  delete process.env[E2E_ENV];
  await emulator.close();
});

const sender = () => ({ id: world.windows[0]!.webContents.id, url: 'app://presence-tray/index.html' });
const invoke = (channel: string, payload?: unknown) => electron.ipcMain.invoke(`${CHANNEL_PREFIX}${channel}`, sender(), payload) as Promise<{ ok: boolean; value: never }>;

describe('main.ts on a Linux Wayland desktop', () => {
  it('sets the reverse-DNS desktop name and the GlobalShortcutsPortal feature before ready', () => {
    expect(electron.app.desktopName).toBe(DESKTOP_NAME);
    expect(electron.app.switches).toContainEqual(['enable-features', 'GlobalShortcutsPortal']);
  });

  it('logs a settings page that fails to load', async () => {
    world.failLoad = true;
    expect(hook()?.clickTrayItem('open-settings')).toBe(true);
    const logFile = join(electron.app.getPath('logs'), 'main.log');
    await vi.waitFor(() => expect(existsSync(logFile) ? readFileSync(logFile, 'utf8') : '').toMatch(/the settings page failed to load.*ERR_FILE_NOT_FOUND/));
    world.failLoad = false;
  });

  it('reports a chord the desktop refused as the desktop’s refusal, in the Hotkeys section', async () => {
    const settings = (await invoke('getSettings')).value as { hotkeys: Array<{ enabled: boolean }> };
    const reply = (await invoke('saveHotkeys', { hotkeys: settings.hotkeys.map((h) => ({ ...h, enabled: true })) })).value as { status: Array<{ id: string; error?: { code: string; message: string } }> };
    const busy = reply.status.find((s) => s.id === 'busy');
    expect(busy?.error).toMatchObject({ code: 'hotkey-refused-by-desktop', message: expect.stringMatching(/Wayland/) });
  });

  it('launch at login writes and removes the XDG autostart entry', async () => {
    const file = autostartPath({ desktopId: APP_ID, env: process.env, home: electron.app.getPath('home') });
    const options = ((await invoke('getSettings')).value as { options: Record<string, unknown> }).options;
    expect((await invoke('saveOptions', { options: { ...options, launchAtLogin: true } })).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(`StartupWMClass=${APP_ID}`);
    expect((await invoke('saveOptions', { options: { ...options, launchAtLogin: false } })).ok).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('at shutdown: ends the app session and quits, without holding the system up', async () => {
    const options = ((await invoke('getSettings')).value as { options: Record<string, unknown> }).options;
    await invoke('saveOptions', { options: { ...options, appSession: true } });
    expect(hook()?.clickTrayItem('presence-Busy')).toBe(true);
    await vi.waitFor(async () => expect((await control.requests({ kind: 'graph' })).some((r) => r.path.endsWith('/setPresence'))).toBe(true), { timeout: 10_000 });
    await control.clearRequests();
    electron.powerMonitor.shutDown();
    await vi.waitFor(() => expect(electron.app.quits).toBe(1), { timeout: 10_000 });
    expect((await control.requests({ kind: 'graph' })).map((r) => r.path)).toContainEqual(expect.stringMatching(/clearPresence$/));
    const late = { defaultPrevented: false, preventDefault() { late.defaultPrevented = true; } };
    electron.app.emit('before-quit', late); // the quit that follows is not held
    expect(late.defaultPrevented).toBe(false);
  });
});
