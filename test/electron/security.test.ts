// VS Code-style global guard and hardened webPreferences, against the typed stand-in.
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenedWebPreferences, installGlobalGuard } from '../../app/electron/security.ts';
import { settingsWindowOptions } from '../../app/electron/settings-window.ts';
import { applicationMenu } from '../../app/electron/app-menu.ts';
import { fakeApp, fakeEvent, fakeSession, fakeWebContents } from './stand-in.ts';

describe('hardenedWebPreferences', () => {
  it('overrides whatever a caller asks for, and writes sandbox: true last', () => {
    const prefs = hardenedWebPreferences('/app/dist/preload.cjs', { sandbox: false, nodeIntegration: true, contextIsolation: false, webSecurity: false, webviewTag: true, zoomFactor: 1.5 });
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      zoomFactor: 1.5,
    });
    expect(Object.keys(prefs).at(-1)).toBe('sandbox');
  });

  it('is what the settings window is created with', () => {
    const options = settingsWindowOptions({ preload: '/p.cjs', demo: true });
    expect(options.webPreferences).toEqual(hardenedWebPreferences('/p.cjs', { devTools: false }));
    expect(settingsWindowOptions({ preload: '/p.cjs', demo: false, devTools: true }).webPreferences?.devTools).toBe(true);
    expect(options.show).toBe(false);
    expect(options.title).toMatch(/DEMO/);
  });
});

describe('installGlobalGuard', () => {
  it('blocks navigation, redirects, webviews and window.open on every webContents created', () => {
    const app = fakeApp();
    const blocked: string[] = [];
    installGlobalGuard(app, (what, detail) => blocked.push(`${what} ${detail}`));
    const contents = fakeWebContents(3);
    app.emit('web-contents-created', fakeEvent(), contents);

    const navigation = fakeEvent();
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    const frameNavigation = fakeEvent({ url: 'https://evil.example/frame' });
    contents.emit('will-frame-navigate', frameNavigation);
    expect(frameNavigation.defaultPrevented).toBe(true);
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'https://evil.example/r');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example/popup' } as never)).toEqual({ action: 'deny' });
    expect(blocked).toEqual([
      'navigation https://evil.example/',
      'navigation https://evil.example/frame',
      'redirect https://evil.example/r',
      'webview ',
      'new-window https://evil.example/popup',
    ]);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request and check', () => {
    const session = fakeSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal'] as const) {
      session.request?.({} as never, permission, (granted) => answers.push(granted), {} as never);
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(session.check?.({} as never, 'media', 'app://presence-tray', {} as never)).toBe(false);
    expect(session.device?.({} as never)).toBe(false);
  });
});

describe('applicationMenu', () => {
  it('has no menu (no Reload/DevTools accelerators) except the Edit roles macOS needs for copy and paste', () => {
    expect(applicationMenu('win32')).toBeNull();
    expect(applicationMenu('linux')).toBeNull();
    expect(applicationMenu('darwin')).toEqual([{ role: 'editMenu' }]);
  });
});
