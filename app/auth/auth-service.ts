/**
 * Sign-in for the whole app (issue 4): an {@link AuthService} over msal-node's `PublicClientApplication`,
 * which stays behind this file. It signs in through the system browser (PKCE, MSAL's loopback listener) or
 * with a device code, hands out access tokens (silent refresh), keeps exactly one account, saves the token
 * cache encrypted (token-cache.ts) where the platform allows, and turns every failure into an AppError with a
 * stable code (auth-errors.ts). It implements the controller's {@link TokenSource}.
 */
import type { AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { AccountView, AuthView } from '../control/types.ts';
import { AppFailure } from '../errors.ts';
import type { AppError } from '../errors.ts';
import type { ConnectionSettings } from '../settings/types.ts';
import { authError, mapAuthError } from './auth-errors.ts';
import type { AuthFlow } from './auth-errors.ts';
import type { AuthService, AuthServiceOptions } from './auth-types.ts';
import { removeFile } from './atomic-file.ts';
import { resolveConnection } from './connection.ts';
import type { ResolvedConnection } from './connection.ts';
import { buildMsalClient } from './msal-client.ts';
import type { OAuthErrorBody } from './network.ts';
import { silentLogger } from './ports.ts';
import type { AuthLogger } from './ports.ts';
import { SignInAttempt } from './sign-in-attempt.ts';
import { AuthState } from './auth-state.ts';
import { accountView, deviceCodeSignIn, interactiveSignIn, signOutIfLate, soleAccount } from './sign-in-flows.ts';
import { storagePolicy } from './storage-policy.ts';
import type { StoragePolicy } from './storage-policy.ts';
import type { EncryptedFileCachePlugin } from './token-cache.ts';

/** How long an interactive sign-in may wait for the browser before it gives up. */
const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

export type { AuthService, AuthServiceOptions } from './auth-types.ts';

/** Create the app's {@link AuthService}. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  return new MsalAuthService(options);
}

class MsalAuthService implements AuthService {
  private readonly options: AuthServiceOptions;
  private readonly clock: Clock;
  private readonly logger: AuthLogger;
  private readonly state: AuthState;

  private connection: ResolvedConnection | null = null;
  private connectionProblem: AppError | null = null;
  private storeWithoutKeyring: boolean;
  private policy: StoragePolicy;
  private pca: PublicClientApplication | null = null;
  private plugin: EncryptedFileCachePlugin | null = null;
  private lastOAuthError: OAuthErrorBody | null = null;

  private attempt: SignInAttempt | null = null;
  private readonly silent = new Map<boolean, Promise<string>>();

  constructor(options: AuthServiceOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.state = new AuthState(this.logger);
    this.storeWithoutKeyring = options.storeTokensWithoutKeyring ?? false;
    this.policy = storagePolicy(options.encryptor, this.storeWithoutKeyring);
    this.useConnection(options.connection);
  }

  view(): AuthView {
    return this.state.view(this.policy);
  }

  onChange(listener: () => void): () => void {
    return this.state.onChange(listener);
  }

  getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const forceRefresh = options.forceRefresh ?? false;
    const pending = this.silent.get(forceRefresh);
    if (pending) return pending;
    const next = this.acquireSilently(forceRefresh).finally(() => this.silent.delete(forceRefresh));
    this.silent.set(forceRefresh, next);
    return next;
  }

  async start(): Promise<void> {
    const pca = this.pca;
    if (pca) {
      const accounts = await pca.getAllAccounts();
      const [first, ...others] = accounts;
      for (const other of others) await pca.signOut({ account: other });
      if (first) this.state.signedIn(first);
    }
    this.logger.info('auth: started', { signedIn: this.state.account !== null, persistent: this.policy.persistent, configured: pca !== null });
    this.state.emit();
  }

  signIn(): Promise<AccountView> {
    const hint = this.state.account?.username;
    return this.runAttempt('interactive', (pca, connection, attempt) =>
      interactiveSignIn(pca, connection, attempt, {
        openBrowser: this.options.openBrowser,
        logger: this.logger,
        ...(hint ? { loginHint: hint } : {}),
        ...(this.options.preferredPort ? { preferredPort: this.options.preferredPort } : {}),
      }),
    );
  }

  signInWithDeviceCode(): Promise<AccountView> {
    return this.runAttempt('device-code', (pca, connection, attempt) =>
      deviceCodeSignIn(pca, connection, attempt, {
        fetch: this.options.fetch ?? fetch,
        clock: this.clock,
        logger: this.logger,
        lastOAuthError: () => this.lastOAuthError,
        onCode: (code) => {
          this.state.deviceCode = code;
          this.state.emit();
        },
      }),
    );
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
    // A connection that cannot be used stays explained after sign-out.
    this.state.signedOut(this.connectionProblem);
    this.rebuild(null);
    this.logger.info('auth: signed out');
    this.state.emit();
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
    this.state.emit();
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
    this.state.emit();
  }

  async dispose(): Promise<void> {
    this.attempt?.stop(authError('sign-in-cancelled'), this.options.fetch ?? fetch);
    await this.plugin?.flush();
    this.state.clearListeners();
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
    this.state.error = this.connectionProblem;
    this.rebuild(null);
  }

  /** A fresh MSAL client (and cache plugin), optionally seeded with a serialized cache. */
  private rebuild(seed: string | null): void {
    const built = this.connection
      ? buildMsalClient({
          connection: this.connection,
          options: this.options,
          logger: this.logger,
          persistent: this.policy.persistent,
          // The first refusal of an attempt is the one that explains it (later ones are follow-ups).
          onOAuthError: (body) => {
            this.lastOAuthError ??= body;
          },
          onCacheProblem: (problem) => {
            this.state.cacheProblem = problem;
            this.state.emit();
          },
          seed,
        })
      : null;
    this.pca = built?.pca ?? null;
    this.plugin = built?.plugin ?? null;
  }

  private ready(): { pca: PublicClientApplication; connection: ResolvedConnection } {
    if (!this.pca || !this.connection) {
      throw new AppFailure(this.connectionProblem ?? authError('sign-in-required'));
    }
    return { pca: this.pca, connection: this.connection };
  }

  private async acquireSilently(forceRefresh: boolean): Promise<string> {
    const { pca, connection } = this.ready();
    const account = this.state.account;
    if (!account) throw new AppFailure({ ...authError('sign-in-required'), message: 'You are not signed in. Sign in from the tray or Settings → Account.' });
    if (this.state.refreshRefused) throw new AppFailure(authError('sign-in-required'));
    this.lastOAuthError = null;
    try {
      const result = await pca.acquireTokenSilent({ account, scopes: connection.scopes, forceRefresh });
      if (!result.accessToken) throw new AppFailure(authError('sign-in-required'));
      return result.accessToken;
    } catch (error) {
      const failure = mapAuthError(error, 'silent', this.lastOAuthError);
      this.logger.warn('auth: token refresh failed', { code: failure.code });
      // Only a refusal that needs the user changes the state; a network failure is the controller's to report.
      if (failure.code === 'sign-in-required' && this.state.account === account) {
        // A sign-in already under way keeps its status; it ends in `signed-in` or back in `expired`.
        this.state.refreshWasRefused(failure.toJSON());
        this.state.emit();
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
    this.state.signingIn();
    this.lastOAuthError = null;
    this.logger.info('auth: sign-in started', { flow });
    this.state.emit();

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
        this.state.signInFailed(failure.toJSON());
        this.logger.warn('auth: sign-in failed', { flow, code: failure.code });
        this.state.emit();
      }
      throw failure;
    } finally {
      cancelTimer();
      signOutIfLate(pca, work, attempt, () => this.state.account);
    }
  }

  private async finishSignIn(pca: PublicClientApplication, result: AuthenticationResult, attempt: SignInAttempt): Promise<AccountView> {
    const account = await soleAccount(pca, result);
    attempt.throwIfStopped();
    this.attempt = null;
    this.state.signedIn(account);
    this.logger.info('auth: signed in');
    this.state.emit();
    return accountView(account);
  }
}
