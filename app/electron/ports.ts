/**
 * Electron implementations of the plain-Node ports: the token cache encryptor over `safeStorage`
 * (app/auth's Encryptor), the browser opener over `shell.openExternal`, and the hotkey registrar over
 * `globalShortcut`. Each is a few lines, so the logic they serve stays testable without Electron.
 */
import type { GlobalShortcut, SafeStorage, Shell } from 'electron';
import type { BrowserOpener, Encryptor } from '../auth/ports.ts';
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
 * The sign-in browser opener: only https URLs (the cloud's sign-in page) or the loopback addresses MSAL
 * and the emulator use. Anything else is refused before it reaches the OS, which would open any scheme.
 */
export function shellBrowserOpener(shell: Pick<Shell, 'openExternal'>): BrowserOpener {
  return async (url) => {
    const parsed = new URL(url);
    const loopback = parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !loopback) throw new Error(`Refusing to open ${parsed.protocol} URL for sign-in.`);
    await shell.openExternal(parsed.toString());
  };
}

/** Global shortcuts as the hotkey service's registrar. */
export function globalShortcutRegistrar(globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>): ShortcutRegistrar {
  return {
    register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
  };
}
