/**
 * What the sign-in service needs from the outside world. The Electron layer (app/electron/) implements the
 * encryptor over `safeStorage` and the browser opener over `shell.openExternal`; tests and the demo pass
 * plain-Node versions. Nothing here imports Electron.
 */

/**
 * Encrypts the token cache at rest. Shaped like Electron's `safeStorage`; the Electron implementation is
 * `safeStorageEncryptor` in app/electron/ports.ts (asynchronous calls, and the Linux no-keyring opt-in).
 */
export interface Encryptor {
  /** False when nothing can be encrypted at all (then tokens are kept in memory only). */
  isEncryptionAvailable(): boolean;
  /** Encrypt a UTF-8 string (Electron 45's `safeStorage` does it asynchronously). */
  encryptString(plainText: string): Buffer | Promise<Buffer>;
  /** Decrypt what {@link Encryptor.encryptString} produced; throws (or rejects) when the data was not made with this key. */
  decryptString(encrypted: Buffer): string | Promise<string>;
  /**
   * The key store in use, where the platform has a choice (Electron's `getSelectedStorageBackend()` on
   * Linux). `basic_text` means no real keyring: the key is a constant, so the file is obfuscated, not protected.
   */
  backend?(): string;
}

/**
 * Opens a URL in the user's browser (Electron: `shell.openExternal`). It resolves once the browser was asked
 * to open the page; it rejects when no browser could be started.
 */
export type BrowserOpener = (url: string) => Promise<void>;

/** The part of `fetch` the sign-in service uses (Node's global `fetch` fits). */
export type FetchPort = (input: string, init?: RequestInit) => Promise<Response>;

/** Extra facts for a log line. Never a token: the service passes only names, codes and counts. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Where the service writes what it does. The app's logger (app/log/) fits; tests pass a capturing one.
 * The service never hands it a token, and MSAL's own log lines reach it with personal data logging off.
 */
export interface AuthLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything. */
export const silentLogger: AuthLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
