/**
 * Process-level behaviour: one instance (a second launch opens settings), no dock icon on macOS, launch at
 * login, notifications, and a quit that runs the clean-quit steps once before the app really exits.
 */
import type { App, Notification, NotificationConstructorOptions } from 'electron';
import type { Clock } from '../clock.ts';
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

/** The app id of electron-builder.yml; Windows shows notifications only for an app with this identity. */
export const APP_ID = 'com.github.presence-tray';

/** Give the process its Windows identity (toast notifications and taskbar grouping need it). */
export function setWindowsIdentity(app: Pick<App, 'setAppUserModelId'>, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}

/** Launch at login (Windows and macOS; Electron has no login items on Linux, where this is a no-op). */
export function setLaunchAtLogin(app: Pick<App, 'setLoginItemSettings'>, platform: NodeJS.Platform, on: boolean): void {
  if (platform === 'linux') return;
  app.setLoginItemSettings({ openAtLogin: on });
}

/** Show a notification where the platform supports them. */
export function showNotification(
  NotificationClass: { new (options: NotificationConstructorOptions): Pick<Notification, 'show'>; isSupported(): boolean },
  text: { title: string; body: string },
): void {
  if (NotificationClass.isSupported()) new NotificationClass({ title: text.title, body: text.body, silent: true }).show();
}

/**
 * Run `steps` once when the app is asked to quit, then let it quit. Electron's `before-quit` is
 * synchronous, so the first one is cancelled and `app.quit()` is called again when the steps are done.
 */
export function quitCleanly(app: Pick<App, 'on' | 'quit'>, steps: () => readonly QuitStep[], clock: Pick<Clock, 'setTimer'>, log: QuitLog): void {
  let state: 'running' | 'quitting' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'quitting') return;
    state = 'quitting';
    void runQuitSteps(steps(), clock, log).then(() => {
      state = 'done';
      app.quit();
    });
  });
}
