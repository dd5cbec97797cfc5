// Issue 10, defects 1 and 9: the tray click on macOS, and bringing a menu-bar app's window to the front.
import { describe, expect, it } from 'vitest';
import { appToFront } from '../../app/electron/lifecycle.ts';
import { createSettingsWindow, type WindowLike } from '../../app/electron/settings-window.ts';
import { createTrayService, trayIconFile } from '../../app/electron/tray-service.ts';
import { makeState } from '../tray/state-fixture.ts';
import { Emitter, fakeApp, fakeTray, fakeWebContents } from './stand-in.ts';

function windows() {
  const made: Array<{ shown: number; focused: number }> = [];
  const create = (): WindowLike => {
    const emitter = new Emitter();
    const record = { shown: 0, focused: 0 };
    made.push(record);
    const win = {
      webContents: fakeWebContents(made.length),
      loadURL: async () => void emitter.emit('ready-to-show'),
      show: () => void (record.shown += 1),
      focus: () => void (record.focused += 1),
      isDestroyed: () => false,
      isMinimized: () => false,
      restore: () => {},
      once: (event: string, listener: () => void) => (emitter.once(event, listener), win),
      on: (event: string, listener: () => void) => (emitter.on(event, listener), win),
    };
    return win as unknown as WindowLike;
  };
  return { made, create };
}

function trayOn(platform: NodeJS.Platform) {
  const trays: Array<ReturnType<typeof fakeTray>> = [];
  let opened = 0;
  createTrayService({
    createTray: (image) => {
      const tray = fakeTray(String(image), { platform });
      trays.push(tray);
      return tray;
    },
    buildMenu: (template) => template as never,
    iconFile: (name, demo) => trayIconFile('/icons', platform, name, demo),
    input: () => ({ state: makeState(), presets: [], configured: true, now: new Date('2026-11-23T10:00:00Z'), timeZone: 'UTC' }),
    onAction: () => {},
    onClick: () => (opened += 1),
    platform,
  });
  return { tray: trays[0]!, opened: () => opened };
}

describe('the tray icon click', () => {
  it('macOS: opening the menu does not also open the settings window', () => {
    const t = trayOn('darwin');
    t.tray.pressPrimary();
    expect(t.tray.menuOpens).toBe(1); // the stand-in plays Electron: click on mouse-down, then the menu
    expect(t.opened()).toBe(0);
  });

  it('Windows: a left click opens the window, the right click the menu', () => {
    const t = trayOn('win32');
    t.tray.pressPrimary();
    t.tray.pressSecondary();
    expect(t.opened()).toBe(1);
    expect(t.tray.menuOpens).toBe(1);
  });

  it('Linux: the desktop shows the menu; a desktop that activates on click opens the window', () => {
    const t = trayOn('linux');
    t.tray.pressPrimary();
    expect(t.tray.menuOpens).toBe(1);
    expect(t.opened()).toBe(0);
    t.tray.emit('click'); // KDE-style activation
    expect(t.opened()).toBe(1);
  });
});

describe('bringing the window to the front', () => {
  it('macOS: every open (tray, hotkey, second launch) first makes the app active', () => {
    const app = fakeApp();
    const w = windows();
    const manager = createSettingsWindow({ create: w.create, preload: '/p.cjs', url: 'app://presence-tray/index.html', demo: false, onLoadFailed: () => {}, bringAppToFront: appToFront(app, 'darwin') });
    manager.open('account');
    manager.open();
    expect(app.focused).toEqual([{ steal: true }, { steal: true }]);
    expect(w.made[0]).toMatchObject({ shown: 2, focused: 1 });
  });

  it('Windows and Linux need nothing more than show and focus', () => {
    expect(appToFront(fakeApp(), 'win32')).toBeUndefined();
    expect(appToFront(fakeApp(), 'linux')).toBeUndefined();
  });
});
