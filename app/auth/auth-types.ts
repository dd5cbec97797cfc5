/**
 * The sign-in service's shape as the rest of the app sees it (auth-service.ts implements it over MSAL), and
 * what it is built from.
 */
import type { Clock } from '../clock.ts';
import type { AccountView, TokenSource } from '../control/types.ts';
import type { ConnectionSettings } from '../settings/types.ts';
import type { AuthLogger, BrowserOpener, Encryptor, FetchPort } from './ports.ts';

/** What {@link createAuthService} needs. */
export interface AuthServiceOptions {
  /** Cloud, tenant and client id from settings. Invalid values leave the service signed out with the reason. */
  connection: ConnectionSettings;
  /** Where the encrypted token cache lives (e.g. `<userData>/token-cache.bin`). */
  cacheFile: string;
  encryptor: Encryptor;
  /** Opens the authorize URL in the system browser (Electron: `shell.openExternal`). */
  openBrowser: BrowserOpener;
  /** Settings `options.storeTokensWithoutKeyring`: save the cache even where the keyring is `basic_text`. */
  storeTokensWithoutKeyring?: boolean;
  /** Default: Node's global fetch. */
  fetch?: FetchPort;
  /** Drives the interactive time limit and the device code's `expiresAt`. Default: the system clock. */
  clock?: Clock;
  logger?: AuthLogger;
  /**
   * Send every identity request to this base URL instead of the cloud's sign-in host (the emulator,
   * `http://127.0.0.1:<port>`), and refuse any request to another origin. Demo and tests only.
   */
  endpointOverride?: string;
  /** Give up an interactive sign-in after this long (default 5 minutes). */
  interactiveTimeoutMs?: number;
  /** Loopback port MSAL should try first (a random free port otherwise). */
  preferredPort?: number;
}

/**
 * Sign-in as the rest of the app sees it. Failures are thrown as `AppFailure`s with the codes listed in
 * `AUTH_ERROR_CODES` (auth-errors.ts) or the connection codes of connection.ts; `view()` always says where
 * things stand, and never holds a token.
 */
export interface AuthService extends TokenSource {
  /** Read the saved sign-in (if any) and publish the first view. Call once before anything else. */
  start(): Promise<void>;
  /** Sign in through the system browser. Replaces a sign-in already in progress. */
  signIn(): Promise<AccountView>;
  /** Sign in with a code shown in `view().deviceCode`, entered on any device. */
  signInWithDeviceCode(): Promise<AccountView>;
  /** Stop a sign-in in progress; its promise rejects with `sign-in-cancelled`. No-op when none. */
  cancelSignIn(): void;
  /** Forget the account, its tokens and the cache file. */
  signOut(): Promise<void>;
  /** New connection settings. A real change signs out: tokens of another app, tenant or cloud are useless. */
  setConnection(connection: ConnectionSettings): Promise<void>;
  /** The user's "store sign-in without a keyring" option changed; moves tokens to or from disk as it says. */
  setStoreTokensWithoutKeyring(on: boolean): Promise<void>;
  /** Stop any sign-in in progress and let pending cache writes land. */
  dispose(): Promise<void>;
}
