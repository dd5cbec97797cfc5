// The real app/main.ts, started in plain Node over the typed Electron stand-in (and conf for
// electron-store), in demo mode against an emulator in this process: the wiring itself is under test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applicationMenu } from '../../app/electron/app-menu.ts';
import { CHANNEL_PREFIX, STATE_EVENT } from '../../app/ipc/contract.ts';
import { DEMO_URL_ENV, E2E_ENV } from '../../app/shell/demo.ts';
import { removeStaleDemoProfiles } from '../../app/shell/demo-profile.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { COPY_TEXT_MAX } from '../../app/ipc/clipboard.ts';
import { electron, world } from './fake-electron.ts';
import { pageClipboardWrite } from './stand-in.ts';

vi.mock('electron', () => import('./support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('./support/main-mocks.ts').then((m) => m.electronStoreModule()));

type TestHook = { clickTrayItem(id: string): boolean; state(): { auth: { status: string }; intent: { presence: string | null } | null } };
const hook = () => (globalThis as unknown as { __presenceTrayTest?: TestHook }).__presenceTrayTest;

let emulator: RunningEmulator;
let control: EmulatorControl;
beforeAll(async () => {
  emulator = await startEmulator();
  control = new EmulatorControl(emulator.url);
  process.env[DEMO_URL_ENV] = emulator.url;
  process.env[E2E_ENV] = '1';
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(hook()?.state().auth.status).toBe('signed-in'), { timeout: 15_000 });
}, 30_000);
afterAll(async () => {
  delete process.env[DEMO_URL_ENV];
  delete process.env[E2E_ENV];
  await emulator.close();
});

const trayMenu = () => world.trays[0]?.menus.at(-1) as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [i.label ?? '', ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);

describe('main.ts wiring (demo mode, Electron stand-in)', () => {
  it('starts guarded: privileged app scheme, global guard, permissions locked, single instance, tray drawn', async () => {
    expect(world.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(electron.app.count('web-contents-created')).toBe(1);
    // One listener opens settings; the other (app/electron/links.ts, issue 12) takes links from a second launch.
    expect(electron.app.count('second-instance')).toBe(2);
    expect(world.protocolClients).toEqual(['presence-tray']);
    expect(electron.app.count('before-quit')).toBe(1);
    expect(electron.session.defaultSession.request).not.toBeNull();
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(world.trays).toHaveLength(1);
    await vi.waitFor(() => expect(labels(trayMenu())).toContain('Demo User (demo@contoso.example)'));
    expect(labels(trayMenu())[0]).toMatch(/^DEMO/);
    expect(String(world.trays[0]?.images.at(-1))).toMatch(/assets\/tray\/[a-z-]+-demo\.png$/);
    expect(world.windows).toHaveLength(0); // signed in: no first-run window
    expect(world.applicationMenu).toEqual(applicationMenu(process.platform)); // no Reload/DevTools accelerators
  });

  it('a tray choice reaches Graph and the tooltip says so', async () => {
    await control.clearRequests();
    expect(hook()?.clickTrayItem('presence-Busy')).toBe(true);
    await vi.waitFor(async () => {
      const writes = (await control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST');
      expect(writes.at(-1)?.body).toMatchObject({ availability: 'Busy', activity: 'Busy' });
    });
    await vi.waitFor(() => expect(world.trays[0]?.tooltips.at(-1)).toMatch(/^\[DEMO\] Busy — .*\(tray\)/));
  });

  it('the settings window opens hardened, gets the state, and its IPC is served; other senders are refused', async () => {
    expect(hook()?.clickTrayItem('open-settings')).toBe(true);
    expect(world.windows).toHaveLength(1);
    const win = world.windows[0]!;
    expect(win.loaded).toEqual(['app://presence-tray/index.html']);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(Object.keys(win.options.webPreferences ?? {}).at(-1)).toBe('sandbox');
    expect(win.webContents.sent.some((m) => m.channel === `${CHANNEL_PREFIX}${STATE_EVENT}`)).toBe(true);
    const sender = { id: win.webContents.id, url: 'app://presence-tray/index.html' };
    const state = (await electron.ipcMain.invoke(`${CHANNEL_PREFIX}getState`, sender)) as { ok: boolean; value: { intent: { presence: string } } };
    expect(state).toMatchObject({ ok: true, value: { intent: { presence: 'Busy', source: 'tray' } } });
    const stranger = await electron.ipcMain.invoke(`${CHANNEL_PREFIX}getState`, { id: 999, url: 'app://presence-tray/index.html' });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    hook()?.clickTrayItem('open-settings');
    expect(world.windows).toHaveLength(1); // one instance
  });

  it('the window copies through main (clipboard.writeText), while the page itself still may not write the clipboard', async () => {
    const win = world.windows[0]!;
    const sender = { id: win.webContents.id, url: 'app://presence-tray/index.html' };
    expect(await electron.ipcMain.invoke(`${CHANNEL_PREFIX}copyText`, sender, { text: 'ABCD-EFGH' })).toEqual({ ok: true, value: null });
    expect(electron.clipboard.text).toBe('ABCD-EFGH');
    const tooLong = await electron.ipcMain.invoke(`${CHANNEL_PREFIX}copyText`, sender, { text: 'x'.repeat(COPY_TEXT_MAX + 1) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-payload', field: 'request.text' } });
    const twoLines = await electron.ipcMain.invoke(`${CHANNEL_PREFIX}copyText`, sender, { text: 'rm -rf ~\n' });
    expect(twoLines).toMatchObject({ ok: false, error: { field: 'request.text' } });
    const stranger = await electron.ipcMain.invoke(`${CHANNEL_PREFIX}copyText`, { id: 999, url: 'app://presence-tray/index.html' }, { text: 'x' });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(electron.clipboard.writes).toEqual(['ABCD-EFGH']);
    // navigator.clipboard.writeText asks for clipboard-sanitized-write, which the app's handler denies.
    await expect(pageClipboardWrite(electron.session.defaultSession, win.webContents, 'from the page', electron.clipboard)).rejects.toThrow(/denied/);
    expect(electron.clipboard.writes).toEqual(['ABCD-EFGH']);
  });

  it('hotkeys saved from the window are registered with globalShortcut', async () => {
    const sender = { id: world.windows[0]!.webContents.id, url: 'app://presence-tray/index.html' };
    const settings = (await electron.ipcMain.invoke(`${CHANNEL_PREFIX}getSettings`, sender)) as { value: { hotkeys: Array<{ enabled: boolean }> } };
    const hotkeys = settings.value.hotkeys.map((h) => ({ ...h, enabled: true }));
    const reply = (await electron.ipcMain.invoke(`${CHANNEL_PREFIX}saveHotkeys`, sender, { hotkeys })) as { value: { status: Array<{ state: string }> } };
    expect(reply.value.status.every((s) => s.state === 'registered')).toBe(true);
    expect(electron.globalShortcut.registered.size).toBe(hotkeys.length);

    // Pressing a chord runs its command from the hotkey table, as source `hotkey`.
    await control.clearRequests();
    electron.globalShortcut.registered.get('CommandOrControl+Alt+Shift+3')?.();
    await vi.waitFor(async () => {
      const writes = (await control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST');
      expect(writes.at(-1)?.body).toMatchObject({ availability: 'DoNotDisturb', expirationDuration: 'PT1H' });
    });
    expect(hook()?.state().intent).toMatchObject({ presence: 'DoNotDisturb', source: 'hotkey' });

    // While the window captures a chord, nothing is registered.
    await electron.ipcMain.invoke(`${CHANNEL_PREFIX}beginHotkeyCapture`, sender);
    expect(electron.globalShortcut.registered.size).toBe(0);
    await electron.ipcMain.invoke(`${CHANNEL_PREFIX}endHotkeyCapture`, sender);
    expect(electron.globalShortcut.registered.size).toBe(hotkeys.length);
  });

  it('quits cleanly: hotkeys released, core stopped, then the app really quits', async () => {
    const event = { defaultPrevented: false, preventDefault() { event.defaultPrevented = true; } };
    electron.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quits).toBe(1), { timeout: 15_000 });
    expect(electron.globalShortcut.registered.size).toBe(0);
    expect(world.trays[0]?.destroyed).toBe(true);
    expect(world.exitCode).toBeNull();
    // The demo ran on a throwaway profile inside the temp folder. Chromium holds it until the process has
    // exited, so quit leaves it; the next demo start removes the profiles of demos that have exited.
    const profile = electron.app.getPath('userData');
    expect(profile.startsWith(join(electron.app.getPath('temp'), 'presence-tray-demo-'))).toBe(true);
    expect(existsSync(profile)).toBe(true);
    expect(removeStaleDemoProfiles(electron.app.getPath('temp'))).toEqual([]); // this process still runs
    expect(removeStaleDemoProfiles(electron.app.getPath('temp'), () => false)).toEqual([profile]);
    expect(existsSync(profile)).toBe(false);
  });
});
