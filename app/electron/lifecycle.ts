/**
 * Process-level behaviour: one instance (a second launch opens settings), no dock icon on macOS, launch at
 * login, notifications, and a quit that runs the clean-quit steps once before the app really exits.
 */
import type { App, Notification, NotificationConstructorOptions } from 'electron';
import type { Clock } from '../clock.ts';
import { setAutostart, type AutostartOptions } from '../shell/autostart.ts';
import { runQuitSteps, type QuitLog, type QuitStep } from '../shell/quit.ts';

/** Take the single-instance lock; false means another instance runs (it was told to open settings): quit. */
export function takeSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondLaunch());
  return true;
}

/**
 * What brings the app to the front before its window opens, or undefined where nothing is needed. On macOS
 * an LSUIElement app is never active by itself, so its window would open behind the active app; `steal`
 * is right here because the user asked for the window (tray, hotkey, second launch)
 * (https://www.electronjs.org/docs/latest/api/app#appfocusoptions).
 */
export function appToFront(app: Pick<App, 'focus'>, platform: NodeJS.Platform): (() => void) | undefined {
  return platform === 'darwin' ? () => app.focus({ steal: true }) : undefined;
}

/** A tray app lives in the menu bar: no dock icon (LSUIElement in the packaged Info.plist does it before launch). */
export function hideDock(app: Pick<App, 'dock'>, platform: NodeJS.Platform): void {
  if (platform === 'darwin') app.dock?.hide();
}

/**
 * The app's one reverse-DNS id, used everywhere: electron-builder's appId (macOS bundle id), the Windows
 * AppUserModelId (toasts and taskbar grouping need it), and on Linux the desktop file name, Wayland app_id /
 * X11 WM_CLASS and the id the desktop portals see (package.json `desktopName`, `app.setDesktopName`).
 * Underscore, not hyphen: desktop ids should be valid D-Bus names
 * (https://www.electronjs.org/docs/latest/api/app#appsetdesktopnamename-linux).
 */
export const APP_ID = 'com.github.presence_tray';
/** The desktop file name on Linux. */
export const DESKTOP_NAME = `${APP_ID}.desktop`;

/**
 * Linux desktop identity, before `ready`: the desktop name (GNOME on Wayland silently refuses global
 * shortcuts to an app without a reverse-DNS id that matches its .desktop file), and on Wayland Chromium's
 * GlobalShortcutsPortal so hotkeys go through the desktop's portal
 * (https://www.electronjs.org/docs/latest/api/global-shortcut). Returns true on Wayland.
 */
export function setLinuxIdentity(app: Pick<App, 'setDesktopName' | 'commandLine'>, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return false;
  app.setDesktopName(DESKTOP_NAME);
  const wayland = isWayland(env);
  if (wayland) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
  return wayland;
}

/** A Wayland session (Electron 45 runs natively on Wayland when the session is one). */
export function isWayland(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}

/** How the Hotkeys section reports a chord the desktop refused on Wayland (the portal, not another program). */
export function waylandRefusal(accelerator: string): { code: string; message: string } {
  return {
    code: 'hotkey-refused-by-desktop',
    message: `The desktop did not give ${accelerator} to Presence Tray. On Wayland global shortcuts go through the desktop: allow them when it asks, or set the shortcut in the desktop's keyboard settings.`,
  };
}

/** Give the process its Windows identity (toast notifications and taskbar grouping need it). */
export function setWindowsIdentity(app: Pick<App, 'setAppUserModelId'>, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}

/** Launch at login: Electron's login items on Windows and macOS; on Linux (which has none) an XDG autostart entry. */
export function setLaunchAtLogin(
  app: Pick<App, 'setLoginItemSettings'>,
  platform: NodeJS.Platform,
  on: boolean,
  linux: Pick<AutostartOptions, 'env' | 'home' | 'command'>,
): void {
  if (platform === 'linux') setAutostart(on, { ...linux, desktopId: APP_ID, name: 'Presence Tray' });
  else app.setLoginItemSettings({ openAtLogin: on });
}

/** Show a notification where the platform supports them. */
export function showNotification(
  NotificationClass: { new (options: NotificationConstructorOptions): Pick<Notification, 'show'>; isSupported(): boolean },
  text: { title: string; body: string },
): void {
  if (NotificationClass.isSupported()) new NotificationClass({ title: text.title, body: text.body, silent: true }).show();
}

/** The running clean quit. */
export interface CleanQuit {
  /**
   * The system is shutting down or the user logs off: run the short steps, never hold the system up
   * (`before-quit` is no longer prevented from here on), then quit.
   */
  shutdown(): Promise<void>;
}

/**
 * Run `steps` once when the app is asked to quit, then let it quit. Electron's `before-quit` is
 * synchronous, so the first one is cancelled and `app.quit()` is called again when the steps are done.
 * At shutdown `before-quit` may never come (Windows) or must not be held (macOS), so {@link CleanQuit.shutdown}
 * runs `shutdownSteps` instead: short ones, without `preventDefault`.
 */
export function quitCleanly(
  app: Pick<App, 'on' | 'quit'>,
  steps: () => readonly QuitStep[],
  clock: Pick<Clock, 'setTimer'>,
  log: QuitLog,
  shutdownSteps: () => readonly QuitStep[] = () => [],
): CleanQuit {
  let state: 'running' | 'quitting' | 'shutting-down' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done' || state === 'shutting-down') return;
    event.preventDefault();
    if (state === 'quitting') return;
    state = 'quitting';
    void runQuitSteps(steps(), clock, log).then(() => {
      state = 'done';
      app.quit();
    });
  });
  return {
    async shutdown() {
      if (state === 'done' || state === 'shutting-down') return;
      state = 'shutting-down';
      log.info('shutdown: ending the app session and quitting');
      await runQuitSteps(shutdownSteps(), clock, log);
      state = 'done';
      app.quit();
    },
  };
}
