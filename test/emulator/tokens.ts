/**
 * Access tokens and id_tokens shaped like Entra's, and how the Graph side checks them (signature, expiry on
 * the virtual clock, user, scope).
 */
import { createHash, randomUUID } from 'node:crypto';
import { base64url, signJwt, verifyJwt } from './jwt.ts';
import type { EmulatorState, User } from './state.ts';

/** The client id tokens carry when a caller names none. */
export const DEFAULT_CLIENT_ID = '00000000-0000-4000-8000-0000000a0001';

/** OIDC scopes MSAL adds; they are not resource scopes and never go into `scp`. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** `Presence.ReadWrite` from `https://graph.microsoft.us/Presence.ReadWrite` (and short names unchanged). */
export function shortScope(scope: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/(.+)$/i.exec(scope);
  return match ? (match[1] as string) : scope;
}

/** The resource (audience) of the first qualified scope, else Microsoft Graph global. */
export function audienceOf(scopes: readonly string[]): string {
  for (const scope of scopes) {
    const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)\//i.exec(scope);
    if (match) return match[1] as string;
  }
  return 'https://graph.microsoft.com';
}

/** Resource scopes only (no openid/profile/offline_access/email), de-duplicated. */
export function resourceScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase())))];
}

/** Split a space-separated scope string. */
export function splitScopes(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/** Mint an access token for `user` valid `lifetimeSeconds` from virtual now. */
export function mintAccessToken(
  state: EmulatorState,
  user: User,
  clientId: string,
  scopes: readonly string[],
  lifetimeSeconds: number,
): { token: string; expiresAt: number } {
  const iat = Math.floor(state.clock.now() / 1000);
  const exp = iat + Math.max(1, Math.floor(lifetimeSeconds));
  const resource = resourceScopes(scopes);
  const claims = {
    aud: audienceOf(resource),
    iss: `https://sts.windows.net/${user.tenantId}/`,
    iat,
    nbf: iat,
    exp,
    appid: clientId,
    azp: clientId,
    appidacr: '0',
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    sub: pairwiseSub(user.id, clientId),
    tid: user.tenantId,
    upn: user.userPrincipalName,
    unique_name: user.userPrincipalName,
    scp: resource.map(shortScope).join(' '),
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: '1.0',
  };
  return { token: signJwt(claims, state.secret), expiresAt: exp * 1000 };
}

/** Mint an id_token for `user` and `clientId` (what MSAL decodes to build its account). */
export function mintIdToken(state: EmulatorState, user: User, clientId: string, nonce?: string): string {
  const iat = Math.floor(state.clock.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: clientId,
    iss: `https://login.microsoftonline.com/${user.tenantId}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    sub: pairwiseSub(user.id, clientId),
    tid: user.tenantId,
    ver: '2.0',
  };
  if (nonce) claims.nonce = nonce;
  return signJwt(claims, state.secret);
}

/** base64url of `{"uid": oid, "utid": tid}`, as Entra sends in `client_info`. */
export function clientInfo(user: User): string {
  return base64url(JSON.stringify({ uid: user.id, utid: user.tenantId }));
}

/** Entra's `sub` is pairwise per app; a stable hash does the same here. */
function pairwiseSub(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}:${clientId}`).digest('base64url').slice(0, 43);
}

/** What a Graph request's bearer token turned out to be. */
export type TokenCheck =
  | { ok: true; user: User; clientId: string; scopes: string[] }
  | { ok: false; status: 401; message: string };

/** Check `Authorization: Bearer <jwt>`: present, signed by this emulator, unexpired (virtual clock), known user. */
export function checkBearer(state: EmulatorState, authorization: string | undefined): TokenCheck {
  if (!authorization || authorization.trim() === '') return { ok: false, status: 401, message: 'Access token is empty.' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { ok: false, status: 401, message: 'The Authorization header must be "Bearer <access token>".' };
  const verified = verifyJwt(match[1] as string, state.secret);
  if ('problem' in verified) {
    return {
      ok: false,
      status: 401,
      message: verified.problem === 'malformed' ? 'IDX14100: JWT is not well formed.' : 'Access token validation failure. Invalid signature.',
    };
  }
  const { claims } = verified;
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  if (exp * 1000 <= state.clock.now()) {
    return { ok: false, status: 401, message: 'Lifetime validation failed, the token is expired.' };
  }
  const user = typeof claims.oid === 'string' ? state.users.get(claims.oid) : undefined;
  if (!user) return { ok: false, status: 401, message: 'The token names a user that does not exist in this tenant.' };
  const clientId = typeof claims.appid === 'string' ? claims.appid : DEFAULT_CLIENT_ID;
  const scopes = splitScopes(typeof claims.scp === 'string' ? claims.scp : '').map((s) => shortScope(s).toLowerCase());
  return { ok: true, user, clientId, scopes };
}

/** True when the scopes allow reading presence (Read or ReadWrite, own or .All). */
export function canReadPresence(scopes: readonly string[]): boolean {
  return scopes.some((s) => ['presence.read', 'presence.read.all', 'presence.readwrite', 'presence.readwrite.all'].includes(s));
}

/** True when the scopes allow writing presence. */
export function canWritePresence(scopes: readonly string[]): boolean {
  return scopes.some((s) => ['presence.readwrite', 'presence.readwrite.all'].includes(s));
}
