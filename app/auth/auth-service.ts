/**
 * Sign-in for the whole app (issue 4): an {@link AuthService} over msal-node's `PublicClientApplication`,
 * which stays behind this file. It signs in through the system browser (PKCE, MSAL's loopback listener) or
 * with a device code, hands out access tokens (silent refresh), keeps exactly one account, saves the token
 * cache encrypted (token-cache.ts) where the platform allows, and turns every failure into an AppError with a
 * stable code (auth-errors.ts). It implements the controller's {@link TokenSource}.
 */
import { PublicClientApplication, LogLevel } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest, Configuration } from '@azure/msal-node';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { AccountView, AuthView, TokenSource } from '../control/types.ts';
import { AppFailure } from '../errors.ts';
import type { AppError } from '../errors.ts';
import type { ConnectionSettings } from '../settings/types.ts';
import { authError, mapAuthError } from './auth-errors.ts';
import type { AuthFlow } from './auth-errors.ts';
import { removeFile } from './atomic-file.ts';
import { authorityOptions } from './authority.ts';
import { resolveConnection } from './connection.ts';
import type { ResolvedConnection } from './connection.ts';
import { FetchNetworkClient } from './network.ts';
import type { OAuthErrorBody } from './network.ts';
import { ERROR_PAGE, SUCCESS_PAGE } from './pages.ts';
import { silentLogger } from './ports.ts';
import type { AuthLogger, BrowserOpener, Encryptor, FetchPort } from './ports.ts';
import { storagePolicy } from './storage-policy.ts';
import type { StoragePolicy } from './storage-policy.ts';
import { EncryptedFileCachePlugin } from './token-cache.ts';
import { SignInAttempt } from './sign-in-attempt.ts';

/** The tenant id of personal Microsoft accounts: a sign-in that lands there cannot use presence. */
const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** How long an interactive sign-in may wait for the browser before it gives up. */
const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

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

/** Create the app's {@link AuthService}. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  return new MsalAuthService(options);
}

function accountView(account: AccountInfo): AccountView {
  return { name: account.name ?? account.username, username: account.username };
}

/** Replace anything shaped like a JWT in MSAL's own log lines (it should never log one; belt and braces). */
function scrub(text: string): string {
  return text.replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[token]');
}

class MsalAuthService implements AuthService {
  private readonly options: AuthServiceOptions;
  private readonly clock: Clock;
  private readonly logger: AuthLogger;
  private readonly listeners = new Set<() => void>();

  private connection: ResolvedConnection | null = null;
  private connectionProblem: AppError | null = null;
  private storeWithoutKeyring: boolean;
  private policy: StoragePolicy;
  private pca: PublicClientApplication | null = null;
  private plugin: EncryptedFileCachePlugin | null = null;
  private lastOAuthError: OAuthErrorBody | null = null;

  private account: AccountInfo | null = null;
  private status: AuthView['status'] = 'signed-out';
  /** The server refused to refresh: the account stays shown, but only a new sign-in brings tokens back. */
  private refreshRefused = false;
  private deviceCode: AuthView['deviceCode'] = null;
  private cacheProblem: AppError | null = null;
  private error: AppError | null = null;
  private attempt: SignInAttempt | null = null;
  private readonly silent = new Map<boolean, Promise<string>>();

  constructor(options: AuthServiceOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.storeWithoutKeyring = options.storeTokensWithoutKeyring ?? false;
    this.policy = storagePolicy(options.encryptor, this.storeWithoutKeyring);
    this.useConnection(options.connection);
  }

  // ── TokenSource ────────────────────────────────────────────────────────────────────────────────

  view(): AuthView {
    return {
      status: this.status,
      account: this.account ? accountView(this.account) : null,
      deviceCode: this.deviceCode ? { ...this.deviceCode } : null,
      persistent: this.policy.persistent,
      notice: this.cacheProblem ?? this.policy.notice,
      error: this.error,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const forceRefresh = options.forceRefresh ?? false;
    const pending = this.silent.get(forceRefresh);
    if (pending) return pending;
    const next = this.acquireSilently(forceRefresh).finally(() => this.silent.delete(forceRefresh));
    this.silent.set(forceRefresh, next);
    return next;
  }

  // ── AuthService ────────────────────────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    const pca = this.pca;
    if (pca) {
      const accounts = await pca.getAllAccounts();
      const [first, ...others] = accounts;
      for (const other of others) await pca.signOut({ account: other });
      if (first) {
        this.account = first;
        this.status = 'signed-in';
      }
    }
    this.logger.info('auth: started', { signedIn: this.account !== null, persistent: this.policy.persistent, configured: pca !== null });
    this.emit();
  }

  signIn(): Promise<AccountView> {
    return this.runAttempt('interactive', (pca, connection, attempt) => {
      const openBrowser = async (url: string): Promise<void> => {
        attempt.noteAuthorizeUrl(url);
        attempt.throwIfStopped();
        this.logger.info('auth: opening the browser for sign-in');
        try {
          await this.options.openBrowser(url);
        } catch (error) {
          throw error instanceof AppFailure ? error : new AppFailure(authError('browser-unavailable'));
        }
      };
      const hint = this.account?.username;
      return pca.acquireTokenInteractive({
        scopes: connection.scopes,
        openBrowser,
        successTemplate: SUCCESS_PAGE,
        errorTemplate: ERROR_PAGE,
        prompt: 'select_account',
        ...(hint ? { loginHint: hint } : {}),
        ...(this.options.preferredPort ? { preferredPort: this.options.preferredPort } : {}),
      });
    });
  }

  signInWithDeviceCode(): Promise<AccountView> {
    const fetchPort = this.options.fetch ?? fetch;
    return this.runAttempt('device-code', async (pca, connection, attempt) => {
      const request: DeviceCodeRequest = {
        scopes: connection.scopes,
        deviceCodeCallback: (response) => {
          if (attempt.stopped) return;
          // MSAL calls back even when the devicecode endpoint refused (e.g. unknown app): no code to show.
          if (!response.userCode || !response.verificationUri) {
            attempt.stop(mapAuthError(null, 'device-code', this.lastOAuthError).toJSON(), fetchPort);
            return;
          }
          this.deviceCode = {
            userCode: response.userCode,
            verificationUri: response.verificationUri,
            expiresAt: new Date(this.clock.now() + response.expiresIn * 1000).toISOString(),
          };
          this.logger.info('auth: device code issued', { expiresInSeconds: response.expiresIn });
          this.emit();
        },
      };
      // MSAL checks this flag before each poll.
      attempt.onStop(() => {
        request.cancel = true;
      });
      const result = await pca.acquireTokenByDeviceCode(request);
      if (!result) throw new AppFailure(authError('sign-in-failed'));
      return result;
    });
  }

  cancelSignIn(): void {
    this.attempt?.stop(authError('sign-in-cancelled'), this.options.fetch ?? fetch);
  }

  async signOut(): Promise<void> {
    this.cancelSignIn();
    const pca = this.pca;
    if (pca) {
      for (const account of await pca.getAllAccounts()) await pca.signOut({ account });
    }
    await this.plugin?.clear();
    // Whatever the mode, nothing of this sign-in stays on disk.
    await removeFile(this.options.cacheFile);
    this.account = null;
    this.refreshRefused = false;
    this.status = 'signed-out';
    this.deviceCode = null;
    // A connection that cannot be used stays explained after sign-out.
    this.error = this.connectionProblem;
    this.cacheProblem = null;
    this.rebuild(null);
    this.logger.info('auth: signed out');
    this.emit();
  }

  async setConnection(connection: ConnectionSettings): Promise<void> {
    const before = this.connection;
    let next: ResolvedConnection | null;
    try {
      next = resolveConnection(connection);
    } catch {
      next = null;
    }
    if (before && next && before.authority === next.authority && before.clientId === next.clientId) return;
    await this.signOut();
    this.useConnection(connection);
    this.emit();
  }

  async setStoreTokensWithoutKeyring(on: boolean): Promise<void> {
    if (on === this.storeWithoutKeyring) return;
    this.storeWithoutKeyring = on;
    const next = storagePolicy(this.options.encryptor, on);
    const wasPersistent = this.policy.persistent;
    this.policy = next;
    if (next.persistent !== wasPersistent) {
      const json = this.pca?.getTokenCache().serialize() ?? null;
      if (!next.persistent) {
        await this.plugin?.clear();
        await removeFile(this.options.cacheFile);
      }
      this.rebuild(json);
      if (next.persistent && json && this.plugin) await this.plugin.adopt(json);
      this.logger.info('auth: token storage changed', { persistent: next.persistent });
    }
    this.emit();
  }

  async dispose(): Promise<void> {
    this.attempt?.stop(authError('sign-in-cancelled'), this.options.fetch ?? fetch);
    await this.plugin?.flush();
    this.listeners.clear();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────

  private emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error('auth: a change listener threw', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  /** Validate `connection` and build MSAL for it; an invalid one leaves no MSAL and the reason in the view. */
  private useConnection(connection: ConnectionSettings): void {
    try {
      this.connection = resolveConnection(connection);
      this.connectionProblem = null;
    } catch (error) {
      this.connection = null;
      this.connectionProblem = (error as AppFailure).toJSON();
    }
    this.error = this.connectionProblem;
    this.rebuild(null);
  }

  /** A fresh MSAL client (and cache plugin), optionally seeded with a serialized cache. */
  private rebuild(seed: string | null): void {
    this.plugin = null;
    this.pca = null;
    const connection = this.connection;
    if (!connection) return;
    const { endpointOverride } = this.options;
    const onlyOrigin = endpointOverride === undefined ? undefined : new URL(endpointOverride).origin;
    const networkClient = new FetchNetworkClient({
      fetch: this.options.fetch ?? fetch,
      logger: this.logger,
      ...(onlyOrigin ? { onlyOrigin } : {}),
      // The first refusal of an attempt is the one that explains it (later ones are follow-ups).
      onOAuthError: (body) => {
        this.lastOAuthError ??= body;
      },
    });
    if (this.policy.persistent) {
      this.plugin = new EncryptedFileCachePlugin({
        file: this.options.cacheFile,
        encryptor: this.options.encryptor,
        logger: this.logger,
        onProblem: (problem) => {
          this.cacheProblem = problem;
          this.emit();
        },
      });
    }
    const logger = this.logger;
    const config: Configuration = {
      auth: { clientId: connection.clientId, ...authorityOptions(connection.authority, endpointOverride) },
      cache: this.plugin ? { cachePlugin: this.plugin } : {},
      system: {
        networkClient,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback(level, message) {
            const text = `msal: ${scrub(message)}`;
            if (level === LogLevel.Error) logger.warn(text);
            else logger.debug(text);
          },
        },
      },
    };
    this.pca = new PublicClientApplication(config);
    if (seed) this.pca.getTokenCache().deserialize(seed);
  }

  private ready(): { pca: PublicClientApplication; connection: ResolvedConnection } {
    if (!this.pca || !this.connection) {
      throw new AppFailure(this.connectionProblem ?? authError('sign-in-required'));
    }
    return { pca: this.pca, connection: this.connection };
  }

  private async acquireSilently(forceRefresh: boolean): Promise<string> {
    const { pca, connection } = this.ready();
    const account = this.account;
    if (!account) throw new AppFailure({ ...authError('sign-in-required'), message: 'You are not signed in. Sign in from the tray or Settings → Account.' });
    if (this.refreshRefused) throw new AppFailure(authError('sign-in-required'));
    this.lastOAuthError = null;
    try {
      const result = await pca.acquireTokenSilent({ account, scopes: connection.scopes, forceRefresh });
      if (!result.accessToken) throw new AppFailure(authError('sign-in-required'));
      return result.accessToken;
    } catch (error) {
      const failure = mapAuthError(error, 'silent', this.lastOAuthError);
      this.logger.warn('auth: token refresh failed', { code: failure.code });
      // Only a refusal that needs the user changes the state; a network failure is the controller's to report.
      if (failure.code === 'sign-in-required' && this.account === account) {
        this.refreshRefused = true;
        // A sign-in already under way keeps its status; it ends in `signed-in` or back in `expired`.
        if (this.status !== 'signing-in') {
          this.status = 'expired';
          this.error = failure.toJSON();
        }
        this.emit();
      }
      throw failure;
    }
  }

  /** Run one sign-in attempt: state `signing-in`, a time limit, cancellation, and the shared ending. */
  private async runAttempt(
    flow: Exclude<AuthFlow, 'silent'>,
    run: (pca: PublicClientApplication, connection: ResolvedConnection, attempt: SignInAttempt) => Promise<AuthenticationResult>,
  ): Promise<AccountView> {
    const { pca, connection } = this.ready();
    const fetchPort = this.options.fetch ?? fetch;
    // One sign-in at a time: a new one replaces the old (e.g. the user closed the browser and clicks again).
    this.attempt?.stop(authError('sign-in-cancelled'), fetchPort);
    const attempt = new SignInAttempt();
    this.attempt = attempt;
    const statusBefore = (): AuthView['status'] => (this.account ? (this.refreshRefused ? 'expired' : 'signed-in') : 'signed-out');
    this.status = 'signing-in';
    this.deviceCode = null;
    this.error = null;
    this.lastOAuthError = null;
    this.logger.info('auth: sign-in started', { flow });
    this.emit();

    const timeoutMs = flow === 'interactive' ? (this.options.interactiveTimeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS) : null;
    const cancelTimer = timeoutMs === null ? () => undefined : this.clock.setTimer(() => attempt.stop(authError('sign-in-timeout'), fetchPort), timeoutMs);
    const work = run(pca, connection, attempt);
    try {
      const result = await attempt.race(work);
      return await this.finishSignIn(pca, result, attempt);
    } catch (error) {
      const failure = mapAuthError(error, flow, this.lastOAuthError);
      if (this.attempt === attempt) {
        this.attempt = null;
        this.status = statusBefore();
        this.deviceCode = null;
        this.error = failure.toJSON();
        this.logger.warn('auth: sign-in failed', { flow, code: failure.code });
        this.emit();
      }
      throw failure;
    } finally {
      cancelTimer();
      // A sign-in that ends after it was stopped must not leave an account behind.
      work.then(
        (late) => {
          if (attempt.stopped && late.account && late.account.homeAccountId !== this.account?.homeAccountId) {
            void pca.signOut({ account: late.account }).catch(() => undefined);
          }
        },
        () => undefined,
      );
    }
  }

  private async finishSignIn(pca: PublicClientApplication, result: AuthenticationResult, attempt: SignInAttempt): Promise<AccountView> {
    const account = result.account;
    if (!account) throw new AppFailure(authError('sign-in-failed'));
    if (account.tenantId === CONSUMER_TENANT_ID) {
      await pca.signOut({ account });
      throw new AppFailure(authError('personal-account-not-supported'));
    }
    // Exactly one account: a sign-in with another account replaces the previous one.
    for (const other of await pca.getAllAccounts()) {
      if (other.homeAccountId !== account.homeAccountId) await pca.signOut({ account: other });
    }
    attempt.throwIfStopped();
    this.attempt = null;
    this.account = account;
    this.refreshRefused = false;
    this.status = 'signed-in';
    this.deviceCode = null;
    this.error = null;
    this.cacheProblem = null;
    this.logger.info('auth: signed in');
    this.emit();
    return accountView(account);
  }
}
