/**
 * Electron implementations of the plain-Node ports: the token cache encryptor over `safeStorage`
 * (app/auth's Encryptor), the browser opener over `shell.openExternal`, and the hotkey registrar over
 * `globalShortcut`. Each is a few lines, so the logic they serve stays testable without Electron.
 */
import type { GlobalShortcut, SafeStorage, Shell } from 'electron';
import type { BrowserOpener, Encryptor } from '../auth/ports.ts';
import { isSignInUrl } from '../auth/sign-in-urls.ts';
import type { ShortcutRegistrar } from '../hotkeys/hotkey-service.ts';

/** The part of `safeStorage` the encryptor uses. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend' | 'setUsePlainTextEncryption'
>;

/**
 * The token cache encryptor over `safeStorage` (https://www.electronjs.org/docs/latest/api/safe-storage).
 *
 * - Electron 45 deprecates the synchronous `encryptString`/`decryptString` (removed in 46), so a real key
 *   store is used through `encryptStringAsync`/`decryptStringAsync`.
 * - On Linux without a keyring (`basic_text`) Electron reports no encryption until
 *   `setUsePlainTextEncryption(true)`. Availability is reported as true there so the storage policy reaches
 *   its no-keyring branch (which keeps tokens in memory unless the user opted in), and plain-text
 *   encryption is switched on only when `plainTextAllowed()` says the user opted in; the documented
 *   plain-text switch belongs to the synchronous calls, so those are used on that one path.
 * - The availability check stays synchronous because the sign-in service decides storage synchronously.
 */
export function safeStorageEncryptor(safeStorage: SafeStorageLike, platform: NodeJS.Platform, plainTextAllowed: () => boolean): Encryptor {
  const noKeyring = (): boolean => platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  /** True when the no-keyring path is in use (and plain-text encryption was switched on for it). */
  const usePlainText = (): boolean => {
    if (!noKeyring()) return false;
    if (!plainTextAllowed()) throw new Error('No keyring is available and storing the sign-in without one is turned off.');
    safeStorage.setUsePlainTextEncryption(true);
    return true;
  };
  return {
    isEncryptionAvailable: () => noKeyring() || safeStorage.isEncryptionAvailable(),
    encryptString: async (text) => (usePlainText() ? safeStorage.encryptString(text) : safeStorage.encryptStringAsync(text)),
    decryptString: async (data) => (usePlainText() ? safeStorage.decryptString(data) : (await safeStorage.decryptStringAsync(data)).result),
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
