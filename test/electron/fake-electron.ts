/**
 * The `electron` module as main.ts imports it, built from the typed fakes in stand-in.ts, so the real
 * app/main.ts can start in plain Node (test/electron/main-wiring.test.ts). `world` exposes what the app did.
 * The app starts NOT ready: every API Electron refuses before `ready` throws here until main has awaited
 * `app.whenReady()`, and `protocol.registerSchemesAsPrivileged` throws after it (each rule cites its doc).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import { Emitter, fakeApp, fakeClipboard, fakeGlobalShortcut, fakeIpcMain, fakePower, fakeProtocol, fakeReadiness, fakeSafeStorage, fakeSessionModule, fakeShell, fakeTray, fakeWebContents } from './stand-in.ts';

const profile = mkdtempSync(join(tmpdir(), 'presence-tray-main-'));
const repo = join(import.meta.dirname, '..', '..');

/** Everything the fake Electron recorded. */
export const world = {
  profile,
  windows: [] as Array<{ options: BrowserWindowConstructorOptions; loaded: string[]; webContents: ReturnType<typeof fakeWebContents>; emitter: Emitter }>,
  trays: [] as Array<ReturnType<typeof fakeTray>>,
  notifications: [] as NotificationConstructorOptions[],
  schemes: [] as unknown[],
  exitCode: null as number | null,
  /** Hidden windows made only to hear Windows' session-end. */
  baseWindows: [] as Array<{ options: unknown; emitter: Emitter; destroyed: boolean }>,
  /** Make the next settings page load fail (the app must log it). */
  failLoad: false,
  applicationMenu: undefined as unknown,
  /** Listeners the app put on its menus ('menu-will-show': the user opened the tray menu). */
  menuListeners: [] as Array<{ event: string; listener: () => void }>,
  /** Schemes the app registered itself for (`setAsDefaultProtocolClient`). */
  protocolClients: [] as string[],
};

// The app's control endpoint (issue 12) serves in this throwaway profile, never at the user's real one.
process.env.PRESENCE_TRAY_SOCKET ??= join(profile, 'run', 'control.sock');

const readiness = fakeReadiness(false);
const platform = process.platform;
const baseApp = fakeApp({ readiness });
const paths: Record<string, string> = { userData: join(profile, 'user-data'), logs: join(profile, 'logs'), temp: join(profile, 'temp') };
mkdirSync(paths.temp as string);
const app = Object.assign(baseApp, {
  isPackaged: true, // no log lines on stderr during tests
  getAppPath: () => repo,
  getPath: (name: string) => paths[name] ?? join(profile, name),
  setPath: (name: string, value: string) => void (paths[name] = value),
  getVersion: () => '0.1.0',
  exit: (code: number) => void (world.exitCode = code),
  setAppUserModelId: () => {},
  setAsDefaultProtocolClient: (scheme: string) => (world.protocolClients.push(scheme), true),
});

let nextId = 100;
class BrowserWindow {
  webContents = fakeWebContents(nextId++);
  private readonly emitter = new Emitter();
  private readonly record;
  constructor(options: BrowserWindowConstructorOptions) {
    // https://www.electronjs.org/docs/latest/api/browser-window: "you cannot use this module until the ready event".
    readiness.assert('BrowserWindow', 'https://www.electronjs.org/docs/latest/api/browser-window');
    this.record = { options, loaded: [] as string[], webContents: this.webContents, emitter: this.emitter };
    world.windows.push(this.record);
  }
  async loadURL(url: string) {
    this.record.loaded.push(url);
    if (world.failLoad) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    this.emitter.emit('ready-to-show');
  }
  shows = 0;
  focuses = 0;
  show() {
    this.shows += 1;
  }
  focus() {
    this.focuses += 1;
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  restore() {}
  once(event: string, listener: () => void) {
    this.emitter.once(event, listener);
    return this;
  }
  on(event: string, listener: () => void) {
    this.emitter.on(event, listener);
    return this;
  }
}

/** A BaseWindow (https://www.electronjs.org/docs/latest/api/base-window): needs ready; `session-end` is Windows-only. */
class BaseWindow {
  private readonly record = { options: undefined as unknown, emitter: new Emitter(), destroyed: false };
  constructor(options: unknown) {
    readiness.assert('BaseWindow', 'https://www.electronjs.org/docs/latest/api/base-window');
    this.record.options = options;
    world.baseWindows.push(this.record);
  }
  on(event: string, listener: () => void) {
    this.record.emitter.on(event, listener);
    return this;
  }
  destroy() {
    this.record.destroyed = true;
  }
}

class Tray {
  constructor(image: string) {
    const tray = fakeTray(image, { platform, readiness });
    world.trays.push(tray);
    return tray as unknown as Tray;
  }
}

// https://www.electronjs.org/docs/latest/api/notification: main-process notifications need the app ready.
const NOTIFICATION_DOC = 'https://www.electronjs.org/docs/latest/api/notification';
class Notification {
  static isSupported = () => (readiness.assert('Notification', NOTIFICATION_DOC), true);
  private readonly options: NotificationConstructorOptions;
  constructor(options: NotificationConstructorOptions) {
    readiness.assert('Notification', NOTIFICATION_DOC);
    this.options = options;
  }
  show() {
    world.notifications.push(this.options);
  }
}

const protocol = Object.assign(fakeProtocol(), {
  // https://www.electronjs.org/docs/latest/api/protocol: "This method can only be used before the ready event".
  registerSchemesAsPrivileged(schemes: unknown[]) {
    if (readiness.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    world.schemes.push(...schemes);
  },
});
const { powerMonitor, net } = fakePower({ platform, readiness });

/** `screen` (https://www.electronjs.org/docs/latest/api/screen): "cannot be used until the ready event". */
const screen = {
  getPrimaryDisplay() {
    readiness.assert('screen', 'https://www.electronjs.org/docs/latest/api/screen');
    return { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  },
};

/** The module: the names main.ts imports. */
export const electron = {
  app,
  BaseWindow,
  BrowserWindow,
  clipboard: fakeClipboard(),
  globalShortcut: fakeGlobalShortcut([], readiness),
  ipcMain: fakeIpcMain(),
  Menu: {
    // The template itself (tests read its items), with Menu's `on` for 'menu-will-show' kept out of sight of equality.
    buildFromTemplate: (template: MenuItemConstructorOptions[]) =>
      Object.defineProperty(template, 'on', { value: (event: string, listener: () => void) => (world.menuListeners.push({ event, listener }), template), enumerable: false }),
    setApplicationMenu: (menu: unknown) => void (world.applicationMenu = menu),
  },
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage: fakeSafeStorage('gnome_libsecret', { platform, readiness }),
  screen,
  session: fakeSessionModule(readiness),
  shell: fakeShell(),
  Tray,
};
