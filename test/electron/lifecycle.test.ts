// Power and network events, single instance, login item, the clean quit, the Electron ports and the
// renderer's scheme, each through the typed stand-in.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'electron';
import { APP_ID, hideDock, quitCleanly, setLaunchAtLogin, setWindowsIdentity, takeSingleInstance } from '../../app/electron/lifecycle.ts';
import { globalShortcutRegistrar, guardedOpenExternal, isSignInTarget, safeStorageEncryptor, shellBrowserOpener } from '../../app/electron/ports.ts';
import { idleSecondsFrom, watchPower } from '../../app/electron/power.ts';
import { IdleWatch } from '../../app/control/idle-watch.ts';
import { serveRenderer } from '../../app/electron/protocol.ts';
import { CONTENT_SECURITY_POLICY, rendererFile } from '../../app/electron/renderer-files.ts';
import type { OutsideEvent } from '../../app/control/types.ts';
import { createHotkeyService } from '../../app/hotkeys/hotkey-service.ts';
import { DEFAULT_HOTKEYS } from '../../app/hotkeys/defaults.ts';
import { runQuitSteps } from '../../app/desktop/quit.ts';
import { ManualClock, settle } from '../support/manual-clock.ts';
import { fakeApp, fakeEvent, fakeGlobalShortcut, fakePower, fakeProtocol, fakeSafeStorage, fakeShell } from './stand-in.ts';

const silent = { info() {}, warn() {} };

describe('power and network', () => {
  it('forwards suspend/resume/lock/unlock and only changes of net.isOnline()', async () => {
    const clock = new ManualClock();
    const { powerMonitor, net } = fakePower();
    const events: OutsideEvent[] = [];
    const stop = watchPower({ powerMonitor, net, clock, platform: 'darwin', notify: (e) => events.push(e), pollMs: 1000 });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    await clock.advance(3000);
    net.online = false;
    await clock.advance(1000);
    await clock.advance(5000);
    net.online = true;
    await clock.advance(1000);
    expect(events.map((e) => e.type)).toEqual(['suspend', 'resume', 'lock', 'unlock', 'offline', 'online']);
    stop();
    expect(powerMonitor.count('suspend')).toBe(0);
    net.online = false;
    await clock.advance(5000);
    expect(events).toHaveLength(6);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('Linux: no lock-screen event exists, so the lock is polled; reads stop while locked and resume after', async () => {
    const clock = new ManualClock();
    const { powerMonitor, net } = fakePower({ platform: 'linux' });
    const events: OutsideEvent[] = [];
    const stop = watchPower({ powerMonitor, net, clock, platform: 'linux', notify: (e) => events.push(e), pollMs: 60_000, lockPollMs: 15_000 });
    powerMonitor.lockScreen();
    await clock.advance(15_000);
    expect(events).toEqual([{ type: 'lock' }]);
    await clock.advance(45_000); // still locked: reported once
    powerMonitor.unlockScreen();
    await clock.advance(15_000);
    expect(events).toEqual([{ type: 'lock' }, { type: 'unlock' }]);
    stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('idle time comes from powerMonitor.getSystemIdleTime(), sampled by the idle watch only while it is configured', async () => {
    const clock = new ManualClock();
    const { powerMonitor } = fakePower();
    const events: OutsideEvent[] = [];
    const watch = new IdleWatch({ clock, idleSeconds: idleSecondsFrom(powerMonitor), notify: (e) => events.push(e), sampleMs: 15_000 });
    powerMonitor.idleSeconds = 600;
    await clock.advance(60_000);
    expect(events).toEqual([]);
    watch.configure(10);
    expect(events).toEqual([{ type: 'idle' }]);
    powerMonitor.idleSeconds = 3;
    await clock.advance(15_000);
    expect(events).toEqual([{ type: 'idle' }, { type: 'active' }]);
    powerMonitor.idleSeconds = 900;
    await clock.advance(15_000);
    watch.configure(null);
    expect(events.map((e) => e.type)).toEqual(['idle', 'active', 'idle', 'active']);
    expect(watch.running).toBe(false);
  });

  it('reports offline at once when starting without a network', () => {
    const { powerMonitor, net } = fakePower();
    net.online = false;
    const events: OutsideEvent[] = [];
    const stop = watchPower({ powerMonitor, net, clock: new ManualClock(), platform: 'darwin', notify: (e) => events.push(e) });
    expect(events).toEqual([{ type: 'offline' }]);
    stop();
  });
});

describe('process lifecycle', () => {
  it('single instance: the second launch opens settings; without the lock the app must quit', () => {
    const app = fakeApp();
    let opened = 0;
    expect(takeSingleInstance(app, () => (opened += 1))).toBe(true);
    app.emit('second-instance', fakeEvent(), ['presence-tray'], '/');
    expect(opened).toBe(1);
    expect(takeSingleInstance(fakeApp({ lock: false }), () => {})).toBe(false);
  });

  it('launch at login through login items on Windows/macOS; no dock icon on macOS', () => {
    const app = fakeApp();
    const linux = { env: {}, home: mkdtempSync(join(tmpdir(), 'presence-tray-login-')), command: ['/opt/p'] };
    setLaunchAtLogin(app, 'win32', true, linux);
    setLaunchAtLogin(app, 'darwin', false, linux);
    setLaunchAtLogin(app, 'linux', true, linux); // an XDG autostart entry instead (test/desktop/autostart.test.ts)
    expect(app.loginItems).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    hideDock(app, 'linux');
    expect(app.dockHidden).toBe(false);
    hideDock(app, 'darwin');
    expect(app.dockHidden).toBe(true);
    const ids: string[] = [];
    const withId = { setAppUserModelId: (id: string) => void ids.push(id) } satisfies Pick<App, 'setAppUserModelId'>;
    setWindowsIdentity(withId, 'linux');
    setWindowsIdentity(withId, 'win32');
    expect(ids).toEqual([APP_ID]);
    expect(readFileSync('electron-builder.yml', 'utf8')).toContain(`appId: ${APP_ID}`);
  });

  it('quit runs every step once, abandons a hung one with a log line, then really quits', async () => {
    const clock = new ManualClock();
    const app = fakeApp();
    const ran: string[] = [];
    const warnings: string[] = [];
    const shortcut = fakeGlobalShortcut();
    const hotkeys = createHotkeyService({ registrar: globalShortcutRegistrar(shortcut), onCommand: () => {}, clock });
    hotkeys.apply(DEFAULT_HOTKEYS.map((h) => ({ ...h, enabled: true })));
    expect(shortcut.registered.size).toBe(DEFAULT_HOTKEYS.length);
    quitCleanly(
      app,
      () => [
        { name: 'hotkeys', run: () => (hotkeys.dispose(), ran.push('hotkeys')) },
        { name: 'flush', run: () => new Promise(() => {}), timeoutMs: 3000 }, // Graph never answers
        { name: 'core', run: async () => void ran.push('core') },
      ],
      clock,
      { info() {}, warn: (m) => warnings.push(m) },
    );
    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    const again = fakeEvent();
    app.emit('before-quit', again); // a second quit while quitting does not start the steps twice
    expect(again.defaultPrevented).toBe(true);
    await settle();
    expect(app.quits).toBe(0);
    await clock.advance(3000);
    await settle();
    expect(ran).toEqual(['hotkeys', 'core']);
    expect(shortcut.registered.size).toBe(0);
    expect(warnings).toEqual(['quit: flush abandoned after 3000 ms']);
    expect(app.quits).toBe(1);
    const last = fakeEvent();
    app.emit('before-quit', last);
    expect(last.defaultPrevented).toBe(false);
  });

  it('a failing quit step is reported and the rest still run', async () => {
    const report = await runQuitSteps(
      [
        { name: 'a', run: () => { throw new Error('boom'); } },
        { name: 'b', run: () => undefined },
      ],
      new ManualClock(),
      silent,
    );
    expect(report).toEqual([{ name: 'a', result: 'failed' }, { name: 'b', result: 'done' }]);
  });
});

describe('Electron ports', () => {
  it('safeStorage encryptor round-trips and reports the Linux backend only on Linux', async () => {
    const linux = safeStorageEncryptor(fakeSafeStorage('basic_text'), 'linux', () => true);
    expect(await linux.decryptString(await linux.encryptString('secret'))).toBe('secret');
    expect(linux.backend?.()).toBe('basic_text');
    expect(safeStorageEncryptor(fakeSafeStorage(), 'win32', () => false).backend).toBeUndefined();
  });

  it("the sign-in browser opener opens only a cloud's authorize URL; the link opener https and loopback", async () => {
    const shell = fakeShell();
    const open = shellBrowserOpener(shell);
    await open('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1');
    for (const url of ['https://evil.example/oauth2/v2.0/authorize', 'http://localhost:51234/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      await expect(open(url), url).rejects.toThrow(/Refusing/);
    }
    expect(shell.opened).toHaveLength(1);
    const links = guardedOpenExternal(shell, isSignInTarget);
    await links('https://learn.microsoft.com/');
    await links('http://127.0.0.1:4000/devicelogin');
    await expect(links('http://evil.example/')).rejects.toThrow(/Refusing/);
    await expect(links('file:///etc/passwd')).rejects.toThrow(/Refusing/);
    expect(shell.opened).toHaveLength(3);
  });

  it('a chord another program holds is reported, the others register', () => {
    const shortcut = fakeGlobalShortcut(['CommandOrControl+Alt+Shift+2']);
    const hotkeys = createHotkeyService({ registrar: globalShortcutRegistrar(shortcut), onCommand: () => {}, clock: new ManualClock() });
    const report = hotkeys.apply(DEFAULT_HOTKEYS.map((h) => ({ ...h, enabled: true })));
    expect(report.filter((r) => r.state === 'held-elsewhere').map((r) => r.id)).toEqual(['busy']);
    expect(report.filter((r) => r.state === 'registered')).toHaveLength(DEFAULT_HOTKEYS.length - 1);
  });

  it('capture ends by itself after its time limit', async () => {
    const clock = new ManualClock();
    const shortcut = fakeGlobalShortcut();
    const hotkeys = createHotkeyService({ registrar: globalShortcutRegistrar(shortcut), onCommand: () => {}, clock, captureTimeoutMs: 60_000 });
    hotkeys.apply([{ ...DEFAULT_HOTKEYS[0]!, enabled: true }]);
    hotkeys.beginCapture();
    expect(shortcut.registered.size).toBe(0);
    await clock.advance(60_000);
    expect(shortcut.registered.size).toBe(1);
  });
});

describe('the app:// scheme', () => {
  const root = '/opt/app/dist/renderer';
  it('maps URLs into the renderer folder only', () => {
    expect(rendererFile('app://presence-tray/index.html', root)?.path).toBe(`${root}/index.html`);
    expect(rendererFile('app://presence-tray/', root)?.path).toBe(`${root}/index.html`);
    expect(rendererFile('app://presence-tray/main.js?x#y', root)?.type).toMatch(/javascript/);
    // Dot segments either normalise to a file inside the folder or are refused; never a path outside it.
    for (const url of ['app://presence-tray/../main.js', 'app://presence-tray/%2e%2e/%2e%2e/etc/x.js', 'app://presence-tray/..%2f..%2fmain.js', 'app://presence-tray/a/..%5c..%5cx.js']) {
      const file = rendererFile(url, root);
      expect(file === null || file.path.startsWith(`${root}/`), url).toBe(true);
    }
    for (const url of ['app://other/index.html', 'file:///opt/app/dist/renderer/index.html', 'app://presence-tray/%00.html', 'app://presence-tray/secret.bin', 'app://presence-tray/%E0%A4%A']) {
      expect(rendererFile(url, root), url).toBeNull();
    }
  });

  it('serves files with the strict CSP and 404s the rest', async () => {
    const protocol = fakeProtocol();
    serveRenderer(protocol, root, async (path) => new TextEncoder().encode(`contents of ${path}`));
    const handler = protocol.handlers.get('app')!;
    const ok = await handler(new Request('app://presence-tray/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toBe(`contents of ${root}/index.html`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|https?:/);
    expect((await handler(new Request('app://presence-tray/../../etc/passwd'))).status).toBe(404);
    expect((await handler(new Request('app://presence-tray/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
