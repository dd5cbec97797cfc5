/**
 * Electron's security checklist, applied in one place (docs/architecture.md#security, modelled on VS Code's global guard):
 * every webContents the app will ever create is denied navigation, redirects, new windows and <webview>;
 * every session denies every permission; and every window's webPreferences go through
 * {@link hardenedWebPreferences}, which writes the safe values AFTER the caller's, `sandbox: true` last,
 * so no caller can turn any of them off.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron';

/** The part of `app` the guard needs. */
export type GuardedApp = Pick<App, 'on'>;
/** The part of a webContents the guard needs. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
/** The part of a session the permission lock needs. */
export type LockedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** Told about each blocked attempt (for the log). */
export type BlockedListener = (what: 'navigation' | 'redirect' | 'new-window' | 'webview' | 'permission', detail: string) => void;

/**
 * The settings window's webPreferences: the caller's extras first, then every security switch, and
 * `sandbox: true` written last.
 */
export function hardenedWebPreferences(preload: string, extra: WebPreferences = {}): WebPreferences {
  // Drop the caller's sandbox key entirely, so the one written below is also the last key of the object.
  const { sandbox: _callerSandbox, ...rest } = extra;
  return {
    ...rest,
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click (auxclick) can open links in new windows on some platforms; the page needs no such thing.
    disableBlinkFeatures: 'Auxclick',
    sandbox: true,
  };
}

/** Block navigation, redirects, window.open and webviews on one webContents. */
export function guardContents(contents: GuardedContents, onBlocked: BlockedListener = () => {}): void {
  // The page is loaded with loadURL, which does not emit these; anything that does is the page moving itself.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    onBlocked('navigation', url);
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    onBlocked('navigation', event.url);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    onBlocked('redirect', url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('new-window', url);
    return { action: 'deny' };
  });
}

/** Guard every webContents the app creates, from the first one on. Call before any window exists. */
export function installGlobalGuard(app: GuardedApp, onBlocked: BlockedListener = () => {}): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, onBlocked));
}

/** Deny every permission request and check (camera, notifications from the page, HID, USB, serial…). */
export function denyAllPermissions(session: LockedSession, onBlocked: BlockedListener = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    onBlocked('permission', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
