/**
 * Sign-in failures as {@link AppFailure}s a person can act on. The mapping branches on MSAL's error codes,
 * the OAuth `error` name, and the AADSTS numbers (`error_codes`, or the `AADSTSnnnn:` that leads Entra's
 * `error_description` where the authorize endpoint gives nothing else), never on free text.
 */
import { AuthError } from '@azure/msal-node';
import { AppFailure } from '../errors.ts';
import type { AppError } from '../errors.ts';
import type { OAuthErrorBody } from './network.ts';

/** The stable codes this module produces (plus `sign-in-failed` for anything unrecognised). */
export const AUTH_ERROR_CODES = [
  'personal-account-not-supported',
  'account-not-in-tenant',
  'consent-required',
  'admin-consent-required',
  'app-not-found',
  'tenant-not-found',
  'tenant-required',
  'public-client-disabled',
  'redirect-uri-not-registered',
  'sign-in-cancelled',
  'sign-in-timeout',
  'network-down',
  'sign-in-required',
  'browser-unavailable',
  'sign-in-failed',
] as const;

/** One of {@link AUTH_ERROR_CODES}. */
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** Which flow failed; some codes read differently per flow. */
export type AuthFlow = 'interactive' | 'device-code' | 'silent';

const MESSAGES: Record<AuthErrorCode, string> = {
  'personal-account-not-supported':
    'Personal Microsoft accounts (outlook.com, hotmail.com, live.com) cannot set Teams presence. Sign in with your work or school account.',
  'account-not-in-tenant':
    'This account does not belong to the tenant set in Settings → Account. Sign in with an account of that organization, or set the tenant to "organizations".',
  'consent-required':
    'The app needs your permission to read and set your presence. Sign in again and accept the permission request.',
  'admin-consent-required':
    'Your organization requires an administrator to approve this app before you can use it. Ask your IT administrator to grant consent for the Presence.ReadWrite permission, or use an app registration they have approved.',
  'app-not-found':
    'No app with this client id exists in your organization. Check the client id in Settings → Account, and that the app registration is in the tenant you sign in to (or allows accounts from any organization).',
  'tenant-not-found':
    'The tenant set in Settings → Account does not exist. Use "organizations", your tenant id, or a verified domain of your organization.',
  'tenant-required':
    'This app registration accepts accounts of one organization only. Enter your tenant id or domain in Settings → Account instead of "organizations".',
  'public-client-disabled':
    'Sign-in with a code is turned off for this app. In Microsoft Entra, open the app registration → Authentication and set "Allow public client flows" to Yes, or sign in with the browser instead.',
  'redirect-uri-not-registered':
    'The app registration does not accept this app\'s sign-in address. In Microsoft Entra, open the app registration → Authentication → Add a platform → "Mobile and desktop applications" and add http://localhost as a redirect URI.',
  'sign-in-cancelled': 'Sign-in was cancelled. Sign in again when you are ready.',
  'sign-in-timeout':
    'Sign-in did not finish in time. If the browser showed an error, fix what it says (for example the redirect URI in the app registration); otherwise sign in again.',
  'network-down': 'The sign-in server cannot be reached. Check your internet connection; the app tries again when it is back.',
  'sign-in-required':
    'Your sign-in has expired or was revoked. Sign in again; what you asked for is kept and applied once you are back.',
  'browser-unavailable':
    'The browser could not be opened for sign-in. Use "Sign in with a code" instead, which works from any device.',
  'sign-in-failed': 'Sign-in failed.',
};

const FIELDS: Partial<Record<AuthErrorCode, string>> = {
  'app-not-found': 'connection.clientId',
  'public-client-disabled': 'connection.clientId',
  'redirect-uri-not-registered': 'connection.clientId',
  'tenant-not-found': 'connection.tenant',
  'tenant-required': 'connection.tenant',
  'account-not-in-tenant': 'connection.tenant',
};

/** AADSTS numbers that decide the outcome on their own. */
const BY_AADSTS: Record<number, AuthErrorCode> = {
  500200: 'personal-account-not-supported', // personal account, app accepts work accounts only
  50020: 'account-not-in-tenant', // user from another identity provider does not exist in the tenant
  65001: 'consent-required', // user or admin has not consented
  90094: 'admin-consent-required', // the grant requires admin permission
  90095: 'admin-consent-required', // admin consent required (consent workflow)
  65004: 'sign-in-cancelled', // user declined consent
  700016: 'app-not-found', // application not found in the directory
  90002: 'tenant-not-found', // tenant not found
  900023: 'tenant-not-found', // tenant identifier neither a GUID nor a name
  50194: 'tenant-required', // single-tenant app used through /organizations or /common
  7000218: 'public-client-disabled', // body must contain client_assertion or client_secret
  50011: 'redirect-uri-not-registered', // redirect URI does not match
  500113: 'redirect-uri-not-registered', // no reply address registered
  50173: 'sign-in-required', // grant revoked (password change, sign-out everywhere)
  70008: 'sign-in-required', // refresh token expired
  700082: 'sign-in-required', // refresh token expired through inactivity
  70043: 'sign-in-required', // refresh token expired by sign-in frequency policy
  50133: 'sign-in-required', // session invalid after password expiry or change
};

/** OAuth `error` names and MSAL client codes, used when no AADSTS number decided. */
const BY_NAME: Record<string, AuthErrorCode> = {
  access_denied: 'sign-in-cancelled',
  authorization_declined: 'sign-in-cancelled',
  user_canceled: 'sign-in-cancelled',
  device_code_polling_cancelled: 'sign-in-cancelled',
  expired_token: 'sign-in-timeout',
  device_code_expired: 'sign-in-timeout',
  user_timeout_reached: 'sign-in-timeout',
  consent_required: 'consent-required',
  network_error: 'network-down',
  no_network_connectivity: 'network-down',
  no_tokens_found: 'sign-in-required',
  refresh_token_expired: 'sign-in-required',
  no_account_in_silent_request: 'sign-in-required',
  no_account_found: 'sign-in-required',
};

/** Names that mean "the user must sign in again" when a silent refresh hits them. */
const SILENT_REFUSALS = new Set(['invalid_grant', 'interaction_required', 'login_required', 'bad_token', 'interrupted_user']);

/** The facts an error carries, gathered from MSAL's error and the recorded server answer. */
interface Signals {
  names: string[];
  aadsts: number[];
  /** The description names the personal-account identity provider (`'live.com'`). */
  personalProvider: boolean;
  correlationId?: string;
}

function aadstsIn(text: string | undefined): number[] {
  const match = text ? /AADSTS(\d{4,7})/.exec(text) : null;
  return match ? [Number(match[1])] : [];
}

function signalsOf(error: unknown, oauth: OAuthErrorBody | null): Signals {
  const names: string[] = [];
  const aadsts: number[] = [];
  let correlationId: string | undefined;
  const descriptions: string[] = [];
  if (error instanceof AuthError) {
    descriptions.push(error.errorMessage);
    names.push(error.errorCode, error.subError);
    const errorNo = (error as AuthError & { errorNo?: string }).errorNo;
    if (errorNo && /^\d+$/.test(errorNo)) aadsts.push(Number(errorNo));
    // Device-code polling keeps only the OAuth error name, as the message of `post_request_failed`.
    if (error.errorCode === 'post_request_failed' && /^[a-z_]+$/.test(error.errorMessage)) names.push(error.errorMessage);
    // Errors posted to the loopback (authorize endpoint) carry the AADSTS number only in the description.
    aadsts.push(...aadstsIn(error.errorMessage));
    if (error.correlationId) correlationId = error.correlationId;
  }
  if (oauth) {
    names.push(oauth.error);
    if (oauth.suberror) names.push(oauth.suberror);
    descriptions.push(oauth.error_description ?? '');
    if (Array.isArray(oauth.error_codes)) aadsts.push(...oauth.error_codes.filter((n) => Number.isInteger(n)));
    else aadsts.push(...aadstsIn(oauth.error_description));
  }
  const personalProvider = descriptions.some((d) => /identity provider '(live\.com|msa)'/i.test(d));
  return { names: names.filter(Boolean), aadsts, personalProvider, ...(correlationId ? { correlationId } : {}) };
}

function decide(signals: Signals, flow: AuthFlow): AuthErrorCode | null {
  // AADSTS50020 ("account from identity provider X does not exist in tenant") is what Entra answers a
  // personal account with; the provider is the only thing that tells it from a guest of another tenant.
  if (signals.aadsts.includes(50020) && signals.personalProvider) return 'personal-account-not-supported';
  for (const n of signals.aadsts) {
    const code = BY_AADSTS[n];
    if (code) return code;
  }
  for (const name of signals.names) {
    const code = BY_NAME[name];
    if (code) return code;
  }
  if (flow === 'silent' && signals.names.some((n) => SILENT_REFUSALS.has(n))) return 'sign-in-required';
  // Without a code, an `invalid_client` during device-code sign-in is the "public client flows" switch.
  if (flow === 'device-code' && signals.names.includes('invalid_client')) return 'public-client-disabled';
  return null;
}

/** An {@link AppError} for `code`, with the standard message and field. */
export function authError(code: AuthErrorCode, extra?: Partial<AppError>): AppError {
  const error: AppError = { code, message: MESSAGES[code] };
  const field = FIELDS[code];
  if (field) error.field = field;
  if (code === 'network-down' || code === 'sign-in-timeout') error.retryable = true;
  return { ...error, ...extra };
}

/**
 * Map anything a sign-in or token call threw to an {@link AppFailure} with a stable code.
 * @param oauth - the identity server's last error answer for this attempt, when the network client saw one
 */
export function mapAuthError(error: unknown, flow: AuthFlow, oauth: OAuthErrorBody | null = null): AppFailure {
  if (error instanceof AppFailure) return error;
  const signals = signalsOf(error, oauth);
  const requestId = signals.correlationId ? { requestId: signals.correlationId } : {};
  const code = decide(signals, flow);
  if (code) return new AppFailure(authError(code, requestId), { cause: error });
  const detail = signals.aadsts[0] ? ` (AADSTS${signals.aadsts[0]})` : signals.names[0] ? ` (${signals.names[0]})` : '';
  return new AppFailure(
    authError('sign-in-failed', {
      message: `Sign-in failed${detail}. Try again; if it keeps failing, check the client id and tenant in Settings → Account.`,
      ...requestId,
    }),
    { cause: error },
  );
}
