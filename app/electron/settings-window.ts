/**
 * The settings window: created on first open, one instance, hardened (security.ts), loading the renderer
 * from the app's own scheme. A second open focuses the window. The section to show first is the URL
 * fragment (`#account`), which the renderer reads on load; its first-run panel shows itself from state.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { hardenedWebPreferences } from './security.ts';

/** The part of a BrowserWindow the manager uses. */
export type WindowLike = Pick<BrowserWindow, 'loadURL' | 'show' | 'focus' | 'isDestroyed' | 'isMinimized' | 'restore' | 'once' | 'on'> & {
  webContents: Pick<WebContents, 'id' | 'send' | 'isDestroyed'>;
};

/** Dependencies of {@link createSettingsWindow}. */
export interface SettingsWindowDeps {
  /** `(options) => new BrowserWindow(options)` in the app. */
  create(options: BrowserWindowConstructorOptions): WindowLike;
  /** Absolute path of the built preload (dist/preload.cjs). */
  preload: string;
  /** The page, e.g. `app://presence-tray/index.html`. */
  url: string;
  demo: boolean;
  icon?: string;
  /** Developer tools: off in packaged builds (a user's window has no console to open). */
  devTools?: boolean;
  /** Told when a window was created (main hooks the state stream to it) and when it closed. */
  onOpened?(window: WindowLike): void;
  onClosed?(): void;
  /** The page did not load (the app logs it: an empty window with no log line cannot be diagnosed). */
  onLoadFailed(error: unknown): void;
  /**
   * Bring the app itself to the front first (macOS: `app.focus({ steal: true })`). A menu-bar app with no
   * Dock icon is never the active app, so without this its window opens behind the app in front.
   */
  bringAppToFront?(): void;
}

/** The one settings window. */
export interface SettingsWindow {
  /** Create or focus the window; `section` (a renderer section id, e.g. `account`) is shown first when it is created. */
  open(section?: string): void;
  /** The open window, or null. */
  current(): WindowLike | null;
}

/** The window options, hardened. Exported so the Electron-layer tests can check every switch. */
export function settingsWindowOptions(deps: Pick<SettingsWindowDeps, 'preload' | 'demo' | 'icon' | 'devTools'>): BrowserWindowConstructorOptions {
  return {
    width: 900,
    height: 700,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: deps.demo ? 'Presence Tray settings — DEMO' : 'Presence Tray settings',
    autoHideMenuBar: true,
    ...(deps.icon ? { icon: deps.icon } : {}),
    webPreferences: hardenedWebPreferences(deps.preload, { devTools: deps.devTools ?? false }),
  };
}

/** Build the manager (no window until the first `open`). */
export function createSettingsWindow(deps: SettingsWindowDeps): SettingsWindow {
  let win: WindowLike | null = null;
  return {
    open(section) {
      deps.bringAppToFront?.();
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        return;
      }
      const created = deps.create(settingsWindowOptions(deps));
      win = created;
      created.once('ready-to-show', () => created.show());
      created.on('closed', () => {
        if (win === created) win = null;
        deps.onClosed?.();
      });
      deps.onOpened?.(created);
      created.loadURL(section ? `${deps.url}#${encodeURIComponent(section)}` : deps.url).catch((error: unknown) => deps.onLoadFailed(error));
    },
    current: () => (win && !win.isDestroyed() ? win : null),
  };
}
