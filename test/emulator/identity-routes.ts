/**
 * The Microsoft identity platform as a public client sees it (docs/graph.md#sign-in and #identity-routes):
 * `/<tenant>/oauth2/v2.0/authorize` (auth code + PKCE S256; `query`, `fragment` and `form_post` response
 * modes), `/<tenant>/oauth2/v2.0/token` (authorization_code, refresh_token, device_code), `/<tenant>/oauth2/
 * v2.0/devicecode`, `/<tenant>/v2.0/.well-known/openid-configuration` and instance discovery. Routing is on
 * the path only; query strings such as `client-request-id` are ignored.
 *
 * Who signs in and how it ends is chosen by `POST /_emulator/signin/next` (a queue; each authorize or
 * devicecode request takes the first plan). Without a plan the user is the one named by `login_hint`, else
 * the first user created, and the sign-in succeeds. Errors use Entra's body:
 * `{ error, error_description: "AADSTSxxxxx: ...", error_codes: [xxxxx], timestamp, trace_id, correlation_id }`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EmulatorRequest } from './http.ts';
import { RequestError, decodePathSegment, parseForm, sendHtml, sendJson } from './http.ts';
import { instanceDiscovery, openIdConfiguration } from './msal-metadata.ts';
import type { EmulatorState, SignInOutcome, SignInPlan, User } from './state.ts';
import { clientInfo, mintAccessToken, mintIdToken, splitScopes } from './tokens.ts';

/** An authorization code is good for this long (virtual clock), like Entra's. */
const AUTH_CODE_LIFETIME_MS = 10 * 60 * 1000;

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token|devicecode|logout)$/i;
const OIDC_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/i;
const DISCOVERY_PATH = /^\/([^/]+)\/discovery\/instance$/i;
const KEYS_PATH = /^\/([^/]+)\/discovery\/v2\.0\/keys$/i;

/** True when `path` is one the identity side serves. */
export function isIdentityPath(path: string): boolean {
  return TOKEN_PATH.test(path) || OIDC_PATH.test(path) || DISCOVERY_PATH.test(path) || KEYS_PATH.test(path) || path === '/devicelogin';
}

/** An Entra-style OAuth error: `error`, the AADSTS code and its sentence. */
interface OAuthFailure {
  error: string;
  code: number;
  description: string;
  status: number;
  /** Entra's `suberror`; `bad_token` makes MSAL throw InteractionRequiredAuthError. */
  suberror?: string;
}

class OAuthError extends Error {
  readonly failure: OAuthFailure;
  constructor(failure: OAuthFailure) {
    super(failure.description);
    this.failure = failure;
  }
}

function fail(status: number, error: string, code: number, text: string, suberror?: string): OAuthError {
  return new OAuthError({ status, error, code, description: `AADSTS${code}: ${text}`, ...(suberror ? { suberror } : {}) });
}

/** Send an Entra-style error body. */
export function sendOAuthError(
  res: ServerResponse,
  state: EmulatorState,
  req: EmulatorRequest,
  status: number,
  error: string,
  description: string,
  codes: number[],
  suberror?: string,
): void {
  const now = new Date(state.clock.now()).toISOString().replace('T', ' ').replace('Z', 'Z');
  const traceId = randomUUID();
  sendJson(
    res,
    status,
    {
      error,
      error_description: `${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${req.clientRequestId}\r\nTimestamp: ${now}`,
      error_codes: codes,
      timestamp: now,
      trace_id: traceId,
      correlation_id: req.clientRequestId,
      error_uri: codes[0] ? `https://login.microsoftonline.com/error?code=${codes[0]}` : undefined,
      ...(suberror ? { suberror } : {}),
    },
    { 'client-request-id': req.clientRequestId, 'x-ms-request-id': traceId },
  );
}

/** The error a non-success outcome ends in. */
function outcomeFailure(outcome: SignInOutcome, ctx: { clientId: string; tenant: string; user?: User; redirectUri?: string }): OAuthError {
  const app = ctx.clientId;
  switch (outcome) {
    case 'user-cancelled':
      return fail(400, 'access_denied', 65004, 'User declined to consent to access the app.');
    case 'consent-required':
      return fail(
        400,
        'consent_required',
        65001,
        `The user or administrator has not consented to use the application with ID '${app}'. Send an interactive authorization request for this user and resource.`,
      );
    case 'admin-consent-required':
      return fail(
        400,
        'consent_required',
        90094,
        `The grant requires admin permission. An administrator of the tenant must consent to the application with ID '${app}' before it can be used.`,
      );
    case 'app-not-found':
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${app}' was not found in the directory '${ctx.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    case 'personal-account':
      return fail(
        400,
        'invalid_request',
        50020,
        `User account '${ctx.user?.userPrincipalName ?? 'someone@outlook.com'}' from identity provider 'live.com' does not exist in tenant '${ctx.tenant}' and cannot access the application '${app}' in that tenant. Personal Microsoft accounts are not supported by this application; sign in with a work or school account.`,
      );
    case 'public-client-disabled':
      return fail(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'. (The application is not configured as a public client: enable 'Allow public client flows'.)",
      );
    case 'redirect-uri-mismatch':
      return fail(
        400,
        'invalid_request',
        50011,
        `The redirect URI '${ctx.redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${app}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
      );
    case 'success':
      return fail(500, 'server_error', 50000, 'No failure for a successful outcome.');
  }
}

/** Handle one identity request. `base` is the emulator's own URL. */
export function handleIdentity(state: EmulatorState, base: string, req: EmulatorRequest, res: ServerResponse): void {
  try {
    route(state, base, req, res);
  } catch (err) {
    if (err instanceof OAuthError) {
      const f = err.failure;
      sendOAuthError(res, state, req, f.status, f.error, f.description, [f.code], f.suberror);
      return;
    }
    throw err;
  }
}

function route(state: EmulatorState, base: string, req: EmulatorRequest, res: ServerResponse): void {
  let m = OIDC_PATH.exec(req.path);
  if (m) return sendJson(res, 200, openIdConfiguration(base, decodePathSegment(m[1] as string)));
  m = DISCOVERY_PATH.exec(req.path);
  if (m) {
    const endpoint = req.url.searchParams.get('authorization_endpoint');
    const tenant = endpoint ? (/^https?:\/\/[^/]+\/([^/]+)/.exec(endpoint)?.[1] ?? 'common') : 'common';
    const host = endpoint ? (/^https?:\/\/([^/]+)/.exec(endpoint)?.[1] ?? 'login.microsoftonline.com') : 'login.microsoftonline.com';
    return sendJson(res, 200, instanceDiscovery(base, tenant, host));
  }
  if (KEYS_PATH.test(req.path)) return sendJson(res, 200, { keys: [] });
  if (req.path === '/devicelogin') return deviceLoginPage(state, req, res);
  m = TOKEN_PATH.exec(req.path);
  if (!m) throw new RequestError(404, 'not_found', `No identity endpoint at ${req.path}.`);
  const tenant = decodePathSegment(m[1] as string);
  const endpoint = (m[2] as string).toLowerCase();
  if (endpoint === 'authorize') return authorize(state, tenant, req, res);
  if (endpoint === 'logout') return sendHtml(res, 200, '<!doctype html><title>Signed out</title><p>You have signed out.</p>');
  if (req.method !== 'POST') throw fail(405, 'invalid_request', 900561, `The endpoint only accepts POST requests. Received a ${req.method} request.`);
  const form = parseForm(req.body);
  if (endpoint === 'devicecode') return deviceCode(state, base, tenant, form, res);
  return token(state, tenant, form, res);
}

function takePlan(state: EmulatorState, tenant: string): SignInPlan {
  const plan = state.signInQueue.shift() ?? { outcome: 'success' };
  if (tenant.toLowerCase() === 'consumers' && plan.outcome === 'success') return { ...plan, outcome: 'personal-account' };
  return plan;
}

function pickUser(state: EmulatorState, plan: SignInPlan, loginHint: string | undefined): User | undefined {
  if (plan.userId) return state.users.get(plan.userId);
  if (loginHint) {
    const hinted = state.findUser(loginHint);
    if (hinted) return hinted;
  }
  return state.users.values().next().value;
}

function authorize(state: EmulatorState, tenant: string, req: EmulatorRequest, res: ServerResponse): void {
  const p = req.method === 'POST' ? { ...Object.fromEntries(req.url.searchParams), ...parseForm(req.body) } : Object.fromEntries(req.url.searchParams);
  const clientId = p.client_id;
  const redirectUri = p.redirect_uri;
  if (!clientId) return errorPage(res, 400, "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (!redirectUri || !/^https?:\/\/[^/]/i.test(redirectUri)) {
    return errorPage(res, 400, "AADSTS900144: The request must contain a valid 'redirect_uri' (an absolute http or https URL).");
  }
  const responseMode = (p.response_mode ?? 'query').toLowerCase();
  if (!['query', 'fragment', 'form_post'].includes(responseMode)) {
    return errorPage(res, 400, `AADSTS900144: response_mode '${p.response_mode}' is not supported; use query, fragment or form_post.`);
  }
  const reply = (fields: Record<string, string>): void => redirect(res, redirectUri, responseMode, p.state === undefined ? fields : { ...fields, state: p.state });
  const replyError = (err: OAuthError): void =>
    reply({ error: err.failure.error, error_description: err.failure.description, error_codes: String(err.failure.code) });

  if (p.response_type !== 'code') {
    return replyError(fail(400, 'unsupported_response_type', 700054, `response_type '${p.response_type ?? ''}' is not supported; use 'code'.`));
  }
  if (!p.code_challenge) {
    return replyError(fail(400, 'invalid_request', 9002325, 'Proof Key for Code Exchange is required: send code_challenge with code_challenge_method=S256.'));
  }
  if ((p.code_challenge_method ?? 'plain') !== 'S256') {
    return replyError(fail(400, 'invalid_request', 50120, `code_challenge_method '${p.code_challenge_method ?? 'plain'}' is not supported; use S256.`));
  }

  const plan = takePlan(state, tenant);
  const user = pickUser(state, plan, p.login_hint);
  if (plan.outcome !== 'success' && plan.outcome !== 'public-client-disabled') {
    return replyError(outcomeFailure(plan.outcome, { clientId, tenant, redirectUri, ...(user ? { user } : {}) }));
  }
  if (!user) return errorPage(res, 400, 'No user to sign in: create one with POST /_emulator/users first.');

  const code = randomBytes(32).toString('base64url');
  state.authCodes.set(code, {
    code,
    userId: user.id,
    clientId,
    redirectUri,
    scopes: splitScopes(p.scope),
    codeChallenge: p.code_challenge,
    expiresAt: state.clock.now() + AUTH_CODE_LIFETIME_MS,
    redeemed: false,
    ...(p.nonce ? { nonce: p.nonce } : {}),
    ...(plan.expiresInSeconds !== undefined ? { accessTokenLifetimeSeconds: plan.expiresInSeconds } : {}),
    ...(plan.outcome === 'public-client-disabled' ? { publicClientDisabled: true } : {}),
  });
  reply({ code, client_info: clientInfo(user), session_state: randomUUID() });
}

function redirect(res: ServerResponse, redirectUri: string, mode: string, fields: Record<string, string>): void {
  if (mode === 'form_post') {
    const inputs = Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('\n    ');
    return sendHtml(
      res,
      200,
      `<!doctype html>
<html><head><title>Working...</title></head>
<body onload="document.forms[0].submit()">
  <form method="POST" name="hiddenform" action="${escapeHtml(redirectUri)}">
    ${inputs}
    <noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
  </form>
</body></html>`,
    );
  }
  const params = new URLSearchParams(fields).toString();
  const url = mode === 'fragment' ? `${redirectUri.split('#')[0]}#${params}` : `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${params}`;
  res.writeHead(302, { location: url, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}

function deviceCode(state: EmulatorState, base: string, tenant: string, form: Record<string, string>, res: ServerResponse): void {
  const clientId = form.client_id;
  if (!clientId) throw fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  const plan = takePlan(state, tenant);
  if (plan.outcome === 'app-not-found') throw outcomeFailure(plan.outcome, { clientId, tenant });
  const userCode = randomUserCode();
  const deviceCodeValue = randomBytes(32).toString('base64url');
  const lifetime = state.settings.deviceCodeLifetimeSeconds;
  state.deviceCodes.set(deviceCodeValue, {
    deviceCode: deviceCodeValue,
    userCode,
    clientId,
    scopes: splitScopes(form.scope),
    expiresAt: state.clock.now() + lifetime * 1000,
    approved: false,
    outcome: plan.outcome,
    redeemed: false,
    ...(plan.userId ? { userId: plan.userId } : {}),
    ...(plan.expiresInSeconds !== undefined ? { accessTokenLifetimeSeconds: plan.expiresInSeconds } : {}),
  });
  const verificationUri = `${base}/devicelogin`;
  sendJson(res, 200, {
    user_code: userCode,
    device_code: deviceCodeValue,
    verification_uri: verificationUri,
    expires_in: lifetime,
    interval: state.settings.devicePollIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
}

function token(state: EmulatorState, tenant: string, form: Record<string, string>, res: ServerResponse): void {
  const grant = form.grant_type ?? '';
  const clientId = form.client_id;
  if (!clientId) throw fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  const now = state.clock.now();
  switch (grant) {
    case 'authorization_code': {
      if (!form.code) throw fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
      const code = state.authCodes.get(form.code);
      if (!code) throw fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the authorization code is unknown.');
      if (code.redeemed) throw fail(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
      if (code.expiresAt <= now) throw fail(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
      if (code.clientId !== clientId) throw fail(400, 'invalid_grant', 70000, 'The provided authorization code was issued to a different client.');
      if (form.redirect_uri !== code.redirectUri) throw fail(400, 'invalid_grant', 50148, 'The redirect_uri does not match the one used in the authorization request.');
      if (!form.code_verifier) throw fail(400, 'invalid_request', 50148, "The code_verifier must be supplied: the authorization request used PKCE.");
      const challenge = createHash('sha256').update(form.code_verifier).digest('base64url');
      if (challenge !== code.codeChallenge) throw fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      code.redeemed = true;
      if (code.publicClientDisabled) throw outcomeFailure('public-client-disabled', { clientId, tenant });
      const user = state.users.get(code.userId);
      if (!user) throw fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      const scopes = form.scope ? splitScopes(form.scope) : code.scopes;
      return issueTokens(state, res, user, clientId, scopes, code.accessTokenLifetimeSeconds, code.nonce);
    }
    case 'refresh_token': {
      const record = form.refresh_token ? state.refreshTokens.get(form.refresh_token) : undefined;
      if (!form.refresh_token) throw fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
      if (!record) throw fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is unknown.');
      if (record.revoked) {
        throw fail(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', 'bad_token');
      }
      if (record.expiresAt <= now) throw fail(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued on a date and was inactive for too long.', 'bad_token');
      if (record.clientId !== clientId) throw fail(400, 'invalid_grant', 70000, 'The refresh token was issued to a different client.');
      const user = state.users.get(record.userId);
      if (!user) throw fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      const scopes = form.scope ? splitScopes(form.scope) : record.scopes;
      return issueTokens(state, res, user, clientId, scopes, record.accessTokenLifetimeSeconds);
    }
    case 'device_code':
    case 'urn:ietf:params:oauth:grant-type:device_code': {
      const value = form.device_code ?? form.code;
      if (!value) throw fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'device_code'.");
      const code = state.deviceCodes.get(value);
      if (!code) throw fail(400, 'invalid_grant', 70000, 'The device code is unknown.');
      if (code.redeemed) throw fail(400, 'invalid_grant', 54005, 'The device code was already redeemed.');
      if (code.expiresAt <= now) throw fail(400, 'expired_token', 70019, 'Verification code expired.');
      if (code.outcome === 'user-cancelled') {
        code.redeemed = true;
        throw fail(400, 'authorization_declined', 65004, 'User declined to consent to access the app.');
      }
      if (code.outcome !== 'success') {
        code.redeemed = true;
        throw outcomeFailure(code.outcome, { clientId, tenant });
      }
      if (!code.approved || !code.userId) {
        throw fail(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      }
      const user = state.users.get(code.userId);
      if (!user) throw fail(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      code.redeemed = true;
      return issueTokens(state, res, user, clientId, code.scopes, code.accessTokenLifetimeSeconds);
    }
    default:
      throw fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
  }
}

function issueTokens(
  state: EmulatorState,
  res: ServerResponse,
  user: User,
  clientId: string,
  scopes: string[],
  lifetimeSeconds: number | undefined,
  nonce?: string,
): void {
  const lifetime = lifetimeSeconds ?? state.settings.accessTokenLifetimeSeconds;
  const { token } = mintAccessToken(state, user, clientId, scopes, lifetime);
  const lower = scopes.map((s) => s.toLowerCase());
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scopes.join(' '),
    expires_in: Math.floor(lifetime),
    ext_expires_in: Math.floor(lifetime),
    access_token: token,
    client_info: clientInfo(user),
  };
  if (lower.includes('offline_access')) {
    const refresh = randomBytes(48).toString('base64url');
    state.refreshTokens.set(refresh, {
      token: refresh,
      userId: user.id,
      clientId,
      scopes,
      expiresAt: state.clock.now() + state.settings.refreshTokenLifetimeSeconds * 1000,
      revoked: false,
      ...(lifetimeSeconds !== undefined ? { accessTokenLifetimeSeconds: lifetimeSeconds } : {}),
    });
    body.refresh_token = refresh;
  }
  if (lower.includes('openid')) body.id_token = mintIdToken(state, user, clientId, nonce);
  sendJson(res, 200, body);
}

/**
 * The verification page a person opens in demo mode: enter the code, pick who you are, approve. Tests use
 * `POST /_emulator/devicecodes/approve` instead.
 */
function deviceLoginPage(state: EmulatorState, req: EmulatorRequest, res: ServerResponse): void {
  let notice = '';
  if (req.method === 'POST') {
    const form = parseForm(req.body);
    const code = [...state.deviceCodes.values()].find((d) => d.userCode.toLowerCase() === (form.user_code ?? '').trim().toLowerCase());
    const user = form.userId ? state.users.get(form.userId) : undefined;
    if (!code || code.redeemed) notice = 'That code is not known or was already used. Check the code and try again.';
    else if (code.expiresAt <= state.clock.now()) notice = 'That code has expired. Start the sign-in again.';
    else if (!user) notice = 'Choose who is signing in.';
    else {
      code.userId = user.id;
      code.approved = true;
      return sendHtml(res, 200, `<!doctype html><html><head><title>Signed in</title></head><body><h1>You are signed in as ${escapeHtml(user.displayName)}</h1><p>You can close this window.</p></body></html>`);
    }
  }
  const users = [...state.users.values()]
    .map((u, i) => `<label><input type="radio" name="userId" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.displayName)} (${escapeHtml(u.userPrincipalName)})</label><br>`)
    .join('\n');
  sendHtml(
    res,
    notice ? 400 : 200,
    `<!doctype html><html><head><title>Emulator device sign-in</title></head><body>
<h1>Enter code</h1>
${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
<form method="POST" action="/devicelogin">
<label>Code <input name="user_code" autocomplete="off" required></label><br>
${users || '<p>No users yet: create one with POST /_emulator/users.</p>'}
<button type="submit">Sign in</button>
</form></body></html>`,
  );
}

function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(res, status, `<!doctype html><html><head><title>Sign-in error</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">${escapeHtml(message)}</p></body></html>`);
}

function randomUserCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(9);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
