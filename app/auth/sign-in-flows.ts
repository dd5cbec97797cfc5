/**
 * The two ways to sign in, as MSAL requests: through the system browser (PKCE, MSAL's loopback listener, our
 * own success and error pages) and with a device code shown to the person. Each runs inside a
 * {@link SignInAttempt} that can stop it. Also the rule every sign-in ends with: one work or school account.
 */
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest, PublicClientApplication } from '@azure/msal-node';
import type { Clock } from '../clock.ts';
import type { AccountView, AuthView } from '../control/types.ts';
import { AppFailure } from '../errors.ts';
import { authError, mapAuthError } from './auth-errors.ts';
import type { ResolvedConnection } from './connection.ts';
import type { OAuthErrorBody } from './network.ts';
import { ERROR_PAGE, SUCCESS_PAGE } from './pages.ts';
import type { AuthLogger, BrowserOpener, FetchPort } from './ports.ts';
import type { SignInAttempt } from './sign-in-attempt.ts';

/** The tenant id of personal Microsoft accounts: a sign-in that lands there cannot use presence. */
const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** What a person sees of an account. */
export function accountView(account: AccountInfo): AccountView {
  return { name: account.name ?? account.username, username: account.username };
}

/** Sign in through the system browser; `loginHint` preselects the account already known. */
export function interactiveSignIn(
  pca: PublicClientApplication,
  connection: ResolvedConnection,
  attempt: SignInAttempt,
  deps: { openBrowser: BrowserOpener; logger: AuthLogger; loginHint?: string; preferredPort?: number },
): Promise<AuthenticationResult> {
  const openBrowser = async (url: string): Promise<void> => {
    attempt.noteAuthorizeUrl(url);
    attempt.throwIfStopped();
    deps.logger.info('auth: opening the browser for sign-in');
    try {
      await deps.openBrowser(url);
    } catch (error) {
      throw error instanceof AppFailure ? error : new AppFailure(authError('browser-unavailable'));
    }
  };
  return pca.acquireTokenInteractive({
    scopes: connection.scopes,
    openBrowser,
    successTemplate: SUCCESS_PAGE,
    errorTemplate: ERROR_PAGE,
    prompt: 'select_account',
    ...(deps.loginHint ? { loginHint: deps.loginHint } : {}),
    ...(deps.preferredPort ? { preferredPort: deps.preferredPort } : {}),
  });
}

/** Sign in with a code entered on any device; `onCode` receives the code to show. */
export async function deviceCodeSignIn(
  pca: PublicClientApplication,
  connection: ResolvedConnection,
  attempt: SignInAttempt,
  deps: { fetch: FetchPort; clock: Clock; logger: AuthLogger; lastOAuthError(): OAuthErrorBody | null; onCode(code: NonNullable<AuthView['deviceCode']>): void },
): Promise<AuthenticationResult> {
  const request: DeviceCodeRequest = {
    scopes: connection.scopes,
    deviceCodeCallback: (response) => {
      if (attempt.stopped) return;
      // MSAL calls back even when the devicecode endpoint refused (e.g. unknown app): no code to show.
      if (!response.userCode || !response.verificationUri) {
        attempt.stop(mapAuthError(null, 'device-code', deps.lastOAuthError()).toJSON(), deps.fetch);
        return;
      }
      deps.logger.info('auth: device code issued', { expiresInSeconds: response.expiresIn });
      deps.onCode({
        userCode: response.userCode,
        verificationUri: response.verificationUri,
        expiresAt: new Date(deps.clock.now() + response.expiresIn * 1000).toISOString(),
      });
    },
  };
  // MSAL checks this flag before each poll.
  attempt.onStop(() => {
    request.cancel = true;
  });
  const result = await pca.acquireTokenByDeviceCode(request);
  if (!result) throw new AppFailure(authError('sign-in-failed'));
  return result;
}

/**
 * The account a finished sign-in produced, made the only one: a personal account is signed out again and
 * refused, and any other account in the cache is signed out (exactly one account at a time).
 */
export async function soleAccount(pca: PublicClientApplication, result: AuthenticationResult): Promise<AccountInfo> {
  const account = result.account;
  if (!account) throw new AppFailure(authError('sign-in-failed'));
  if (account.tenantId === CONSUMER_TENANT_ID) {
    await pca.signOut({ account });
    throw new AppFailure(authError('personal-account-not-supported'));
  }
  for (const other of await pca.getAllAccounts()) {
    if (other.homeAccountId !== account.homeAccountId) await pca.signOut({ account: other });
  }
  return account;
}

/**
 * A sign-in that ends after it was stopped (cancelled, timed out, replaced) must not leave an account behind:
 * once `work` settles, sign out the account it produced unless it is the one now signed in.
 */
export function signOutIfLate(pca: PublicClientApplication, work: Promise<AuthenticationResult>, attempt: SignInAttempt, current: () => AccountInfo | null): void {
  work.then(
    (late) => {
      if (attempt.stopped && late.account && late.account.homeAccountId !== current()?.homeAccountId) {
        void pca.signOut({ account: late.account }).catch(() => undefined);
      }
    },
    () => undefined,
  );
}
