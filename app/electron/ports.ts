/**
 * Electron implementations of the plain-Node ports: the token cache encryptor over `safeStorage`
 * (app/auth's Encryptor), the browser opener over `shell.openExternal`, and the hotkey registrar over
 * `globalShortcut`. Each is a few lines, so the logic they serve stays testable without Electron.
 */
import type { GlobalShortcut, SafeStorage, Shell } from 'electron';
import type { BrowserOpener, Encryptor } from '../auth/ports.ts';
import { isSignInUrl } from '../auth/sign-in-urls.ts';
import type { ShortcutRegistrar } from '../hotkeys/hotkey-service.ts';

/** The token cache encryptor. On Linux it reports the backend so `basic_text` (no keyring) is detected. */
export function safeStorageEncryptor(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
): Encryptor {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (text) => safeStorage.encryptString(text),
    decryptString: (data) => safeStorage.decryptString(data),
    ...(platform === 'linux' ? { backend: () => safeStorage.getSelectedStorageBackend() } : {}),
  };
}

/**
 * The app's only call to `shell.openExternal`: every URL must pass `allowed` first, because the OS opens
 * any scheme it is given (file:, smb:, custom protocol handlers).
 */
export function guardedOpenExternal(shell: Pick<Shell, 'openExternal'>, allowed: (url: URL) => boolean): (url: string) => Promise<void> {
  return async (url) => {
    const parsed = new URL(url);
    if (!allowed(parsed)) throw new Error(`Refusing to open ${parsed.protocol} URL ${parsed.host}.`);
    await shell.openExternal(parsed.toString());
  };
}

/** https, or the loopback addresses the emulator uses (the demo's device-login page). */
export function isSignInTarget(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

/** The sign-in browser opener: only an https authorize URL on a presence cloud's sign-in host reaches the OS. */
export function shellBrowserOpener(shell: Pick<Shell, 'openExternal'>): BrowserOpener {
  return guardedOpenExternal(shell, (url) => isSignInUrl(url.toString()));
}

/** Global shortcuts as the hotkey service's registrar. */
export function globalShortcutRegistrar(globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>): ShortcutRegistrar {
  return {
    register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
  };
}
