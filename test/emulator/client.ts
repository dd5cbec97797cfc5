/**
 * A typed client for the emulator's control API, so tests never hand-write `/_emulator/...` calls.
 *
 * ```ts
 * const emulator = await startEmulator({ clock });
 * const control = new EmulatorControl(emulator.url);
 * const user = await control.createUser({ displayName: 'Ada', userPrincipalName: 'ada@contoso.com' });
 * const { access_token } = await control.mintToken({ userId: user.id, scopes: ['Presence.ReadWrite'] });
 * await control.addSession({ userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
 * ```
 *
 * The shapes the server defines are re-exported from it (type-only: the client loads no server code).
 */
import type { PresenceResource } from './presence.ts';
import type { EmulatorSettings, LoggedRequest, SignInOutcome } from './state.ts';

export type { EmulatorSettings, LoggedRequest, SignInOutcome };
/** The emulator's presence resource, as `GET .../presence` returns it. */
export type EmulatorPresence = PresenceResource;

/** A user as the emulator stores it. */
export interface EmulatorUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string;
}

/** Answer of {@link EmulatorControl.mintToken}. */
export interface MintedToken {
  access_token: string;
  clientId: string;
  /** ISO instant on the virtual clock. */
  expiresAt: string;
}

/** A fault for the next `count` matching requests (Graph paths unless `pathContains` says otherwise). */
export interface FaultSpec {
  /** Only this method (any when omitted). */
  method?: string;
  /** Only paths containing this (case-insensitive). Without it only `/v1.0/...` requests match. */
  pathContains?: string;
  /** HTTP status to answer with the Graph envelope; 0 destroys the connection; omitted = `delayMs` only. */
  status?: number;
  /** How many requests it applies to (default 1). */
  count?: number;
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** Wait this long (real time) before answering; with no `status` the normal answer follows. */
  delayMs?: number;
  /** `error.code` of the envelope (default: Graph's usual code for the status, e.g. TooManyRequests). */
  code?: string;
  /** `error.message` of the envelope. */
  message?: string;
  /** Answer as a captive portal does: `200` with a text/html sign-in page and none of Graph's headers. */
  portal?: boolean;
  /** Remove every fault first. */
  reset?: boolean;
}

/** A control-call failure: `status` and the emulator's `{error:{code,message}}`. */
export class EmulatorControlError extends Error {
  override name = 'EmulatorControlError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Typed wrapper of `<base>/_emulator/...`. Every method rejects with {@link EmulatorControlError} on a non-2xx. */
export class EmulatorControl {
  /** The emulator's base URL, `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** `${baseUrl}/v1.0`, the Graph root to give a Graph client. */
  get graphUrl(): string {
    return `${this.baseUrl}/v1.0`;
  }

  /** POST users → the new user (its `id` is the `oid` in tokens). */
  createUser(user: { displayName: string; userPrincipalName: string; id?: string; tenantId?: string }): Promise<EmulatorUser> {
    return this.call('POST', 'users', user);
  }

  /** GET users. */
  users(): Promise<EmulatorUser[]> {
    return this.call('GET', 'users');
  }

  /** POST tokens: an access token without OAuth. Default lifetime: the `accessTokenLifetimeSeconds` setting (1 h). */
  mintToken(request: { userId: string; scopes: string[]; expiresInSeconds?: number; clientId?: string }): Promise<MintedToken> {
    return this.call('POST', 'tokens', request);
  }

  /** POST sessions: a Teams client's session (no expiry unless `expirationDuration`; it does not decay idle). */
  addSession(session: { userId: string; sessionId: string; availability: string; activity: string; expirationDuration?: string }): Promise<{ sessionId: string; expiresAt: string | null }> {
    return this.call('POST', 'sessions', session);
  }

  /** POST sessions/remove: a Teams client signs out. */
  removeSession(userId: string, sessionId: string): Promise<{ removed: boolean }> {
    return this.call('POST', 'sessions/remove', { userId, sessionId });
  }

  /** GET state: the user's computed presence and its inputs (preference, sessions, status message). */
  state(userId: string): Promise<{ presence: EmulatorPresence; preference: unknown; sessions: unknown[]; statusMessage: unknown }> {
    return this.call('GET', `state?userId=${encodeURIComponent(userId)}`);
  }

  /** The user's presence as Graph would show it now (via GET state, no token needed). */
  async presence(userId: string): Promise<EmulatorPresence> {
    return (await this.state(userId)).presence;
  }

  /** POST clock: move the virtual clock forward by an ISO duration (`PT10M`) or a number of milliseconds; → the new now. */
  async advanceClock(by: string | number): Promise<string> {
    const body = typeof by === 'number' ? { advanceMs: by } : { advance: by };
    return (await this.call<{ now: string }>('POST', 'clock', body)).now;
  }

  /** POST clock {set}: make the virtual now this instant. */
  async setClock(instant: string | Date): Promise<string> {
    const set = typeof instant === 'string' ? instant : instant.toISOString();
    return (await this.call<{ now: string }>('POST', 'clock', { set })).now;
  }

  /** GET clock: the virtual now (ISO). */
  async now(): Promise<string> {
    return (await this.call<{ now: string }>('GET', 'clock')).now;
  }

  /** POST faults. */
  fault(spec: FaultSpec): Promise<{ faults: number }> {
    return this.call('POST', 'faults', spec);
  }

  /** Remove every fault. */
  clearFaults(): Promise<{ faults: number }> {
    return this.call('POST', 'faults', { reset: true });
  }

  /** GET requests: Graph requests (or `kind: 'identity' | 'all'`) from index `since` on, in order. */
  requests(options: { since?: number; kind?: 'graph' | 'identity' | 'all' } = {}): Promise<LoggedRequest[]> {
    const q = new URLSearchParams();
    if (options.since !== undefined) q.set('since', String(options.since));
    if (options.kind) q.set('kind', options.kind);
    const qs = q.toString();
    return this.call('GET', `requests${qs ? `?${qs}` : ''}`);
  }

  /** DELETE requests: empty the log; returns the index the next request will get (use as `since`). */
  async clearRequests(): Promise<number> {
    return (await this.call<{ next: number }>('DELETE', 'requests')).next;
  }

  /** POST reset: no users, sessions, faults, grants or log; default settings. The clock offset stays. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset', {});
  }

  /** POST settings: change token lifetimes or device-code pacing; returns all settings. */
  settings(changes: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return this.call('POST', 'settings', changes);
  }

  /** POST signin/next: queue who signs in at the next authorize/devicecode and how it ends. */
  nextSignIn(plan: { userId?: string; outcome?: SignInOutcome; expiresInSeconds?: number }): Promise<{ queued: number }> {
    return this.call('POST', 'signin/next', plan);
  }

  /** GET devicecodes: device codes waiting (user_code, clientId, approved, expiresAt). */
  deviceCodes(): Promise<Array<{ user_code: string; clientId: string; approved: boolean; expiresAt: string }>> {
    return this.call('GET', 'devicecodes');
  }

  /** POST devicecodes/approve: the user enters `userCode` and signs in. */
  async approveDeviceCode(userCode: string, userId?: string): Promise<void> {
    await this.call('POST', 'devicecodes/approve', { user_code: userCode, ...(userId ? { userId } : {}) });
  }

  /** POST refresh-tokens/revoke: every refresh token of the user now fails with invalid_grant (AADSTS50173). */
  revokeRefreshTokens(userId: string): Promise<{ revoked: number }> {
    return this.call('POST', 'refresh-tokens/revoke', { userId });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new EmulatorControlError(res.status, error?.code ?? 'unknown', `${method} /_emulator/${path}: ${res.status} ${error?.message ?? text}`);
    }
    return json as T;
  }
}
