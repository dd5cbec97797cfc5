/**
 * The `electron` module as main.ts imports it, built from the typed fakes in stand-in.ts, so the real
 * app/main.ts can start in plain Node (test/electron/main-wiring.test.ts). `world` exposes what the app did.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import { Emitter, fakeApp, fakeGlobalShortcut, fakeIpcMain, fakePower, fakeProtocol, fakeSafeStorage, fakeSession, fakeShell, fakeTray, fakeWebContents } from './stand-in.ts';

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
  applicationMenu: undefined as unknown,
  /** Schemes the app registered itself for (`setAsDefaultProtocolClient`). */
  protocolClients: [] as string[],
};

// The app's control endpoint (issue 12) serves in this throwaway profile, never at the user's real one.
process.env.PRESENCE_TRAY_SOCKET ??= join(profile, 'run', 'control.sock');

const baseApp = fakeApp();
const paths: Record<string, string> = { userData: join(profile, 'user-data'), logs: join(profile, 'logs'), temp: join(profile, 'temp') };
mkdirSync(paths.temp as string);
const app = Object.assign(baseApp, {
  isPackaged: true, // no log lines on stderr during tests
  getAppPath: () => repo,
  getPath: (name: string) => paths[name] ?? join(profile, name),
  setPath: (name: string, value: string) => void (paths[name] = value),
  getVersion: () => '0.1.0',
  whenReady: () => Promise.resolve(),
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
    this.record = { options, loaded: [] as string[], webContents: this.webContents, emitter: this.emitter };
    world.windows.push(this.record);
  }
  async loadURL(url: string) {
    this.record.loaded.push(url);
    this.emitter.emit('ready-to-show');
  }
  show() {}
  focus() {}
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

class Tray {
  constructor(image: string) {
    const tray = fakeTray(image);
    world.trays.push(tray);
    return tray as unknown as Tray;
  }
}

class Notification {
  static isSupported = () => true;
  private readonly options: NotificationConstructorOptions;
  constructor(options: NotificationConstructorOptions) {
    this.options = options;
  }
  show() {
    world.notifications.push(this.options);
  }
}

const protocol = Object.assign(fakeProtocol(), { registerSchemesAsPrivileged: (schemes: unknown[]) => void world.schemes.push(...schemes) });
const { powerMonitor, net } = fakePower();

/** The module: the names main.ts imports. */
export const electron = {
  app,
  BrowserWindow,
  globalShortcut: fakeGlobalShortcut(),
  ipcMain: fakeIpcMain(),
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (menu: unknown) => void (world.applicationMenu = menu),
  },
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage: fakeSafeStorage(),
  session: { defaultSession: fakeSession() },
  shell: fakeShell(),
  Tray,
};
