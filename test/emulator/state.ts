/**
 * The emulator's whole state: users, their presence inputs (sessions, preference, status message), issued
 * grants (auth codes, device codes, refresh tokens), injected faults, the request log and the virtual clock.
 * Presence itself is never stored: presence.ts computes it from these inputs on every read.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../app/clock.ts';
import { systemClock } from '../../app/clock.ts';
import type { PresenceResource } from './presence.ts';

/** The tenant every emulator user belongs to unless created with another. */
export const EMULATOR_TENANT_ID = '4f1c2c1e-7a53-4c0e-9d5b-6d2d1f1e0a01';

/** The tenant id Microsoft uses for personal (consumer) accounts. */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** A user of the emulated tenant. */
export interface User {
  id: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string;
}

/** One presence session: a Teams client's (made by the control API) or an application's (setPresence). */
export interface Session {
  sessionId: string;
  kind: 'teams' | 'app';
  availability: string;
  activity: string;
  /** Virtual time of the last set (a keep-alive moves it). */
  setAt: number;
  /** Virtual time the session ends, or null for a Teams client that stays signed in. */
  expiresAt: number | null;
}

/** A preferred presence (setUserPreferredPresence). */
export interface Preference {
  availability: string;
  activity: string;
  setAt: number;
  expiresAt: number;
}

/** A status message as set, with its expiry resolved to an instant. */
export interface StatusMessage {
  content: string;
  contentType: string;
  expiryDateTime: { dateTime: string; timeZone: string } | null;
  expiresAt: number | null;
  publishedAt: number;
}

/** Presence inputs of one user plus the bookkeeping for `sequenceNumber`. */
export interface PresenceInputs {
  sessions: Map<string, Session>;
  preference: Preference | null;
  statusMessage: StatusMessage | null;
  /** Grows by one on every visible change. */
  sequence: number;
  /** Fingerprint of the presence last seen, to detect visible changes. */
  lastFingerprint: string | null;
  /** While `propagationDelayMs` is set: what reads return until `until` (virtual ms), the presence before the last write. */
  stale?: { resource: PresenceResource; until: number } | null;
}

/** An injected fault: the next `remaining` matching requests get this answer. */
export interface Fault {
  method?: string;
  pathContains?: string;
  /** HTTP status; 0 destroys the connection; undefined (with delayMs) only delays the normal answer. */
  status?: number;
  remaining: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  code?: string;
  message?: string;
  /** Answer as a captive portal does: `200` text/html sign-in page, none of Graph's headers. */
  portal?: boolean;
}

/** One request as logged for `GET _emulator/requests`. */
export interface LoggedRequest {
  /** Position in the log since the emulator started (stable across trimming; use with `since`). */
  index: number;
  kind: 'graph' | 'identity';
  /** Virtual time the request arrived, ISO. */
  at: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string parameters. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON (Graph) or form fields (identity) when the body parses, else the raw text; null when empty. */
  body: unknown;
  /** Status answered (0 = connection dropped), set once answered. */
  status?: number;
}

/** What happens at the next authorize or device-code request (`POST _emulator/signin/next`). */
export type SignInOutcome =
  | 'success'
  | 'user-cancelled'
  | 'consent-required'
  | 'admin-consent-required'
  | 'app-not-found'
  | 'personal-account'
  | 'public-client-disabled'
  | 'redirect-uri-mismatch';

/** Every outcome `signin/next` accepts. */
export const SIGN_IN_OUTCOMES: readonly SignInOutcome[] = [
  'success',
  'user-cancelled',
  'consent-required',
  'admin-consent-required',
  'app-not-found',
  'personal-account',
  'public-client-disabled',
  'redirect-uri-mismatch',
];

/** A queued sign-in plan. */
export interface SignInPlan {
  userId?: string;
  outcome: SignInOutcome;
  /** Access-token lifetime for tokens issued from this sign-in (and its refreshes). */
  expiresInSeconds?: number;
}

/** An authorization code waiting to be redeemed. */
export interface AuthCode {
  code: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  nonce?: string;
  expiresAt: number;
  redeemed: boolean;
  /** The `public-client-disabled` outcome: the code is issued but redeeming it fails with AADSTS7000218. */
  publicClientDisabled?: boolean;
  accessTokenLifetimeSeconds?: number;
}

/** A device code and where it stands. */
export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  /** Set by `devicecodes/approve` (or by a planned user). */
  userId?: string;
  approved: boolean;
  /** Non-success outcome to report on the next poll. */
  outcome: SignInOutcome;
  redeemed: boolean;
  accessTokenLifetimeSeconds?: number;
}

/** A refresh token (opaque string) and what it may mint. */
export interface RefreshToken {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
  accessTokenLifetimeSeconds?: number;
}

/** Lifetimes and pacing the control API can change (`POST _emulator/settings`). */
export interface EmulatorSettings {
  /** Default access-token lifetime (virtual clock for the Graph side; `expires_in` for MSAL). */
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  deviceCodeLifetimeSeconds: number;
  /** `interval` the devicecode endpoint tells clients to poll at. */
  devicePollIntervalSeconds: number;
  /**
   * Graph's presence limit per application per tenant: requests accepted in any `graphRequestWindowSeconds`
   * of virtual time (Graph: 1,500 per 30 s). 0, the default, turns the limit off so tests and benchmarks are
   * not throttled unless they ask to be. A benchmark may scale both down (150 per 30 s for a tenth of a fleet).
   */
  graphRequestLimit: number;
  /** The window of `graphRequestLimit`, seconds (Graph: 30). */
  graphRequestWindowSeconds: number;
  /**
   * After a presence write, reads of that user return the presence as it was before the write for this long
   * (virtual ms), as Graph may while a change propagates. 0, the default: reads see every write at once.
   */
  propagationDelayMs: number;
}

/** Defaults of {@link EmulatorSettings}. */
export const DEFAULT_SETTINGS: Readonly<EmulatorSettings> = {
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 90 * 24 * 3600,
  deviceCodeLifetimeSeconds: 900,
  devicePollIntervalSeconds: 5,
  graphRequestLimit: 0,
  graphRequestWindowSeconds: 30,
  propagationDelayMs: 0,
};

/** How many requests the log keeps before dropping the oldest (indexes keep counting). */
const MAX_LOG = 20_000;

/** The virtual clock: a base clock (real, or injected) plus an offset that the control API changes. */
export class VirtualClock {
  private readonly base: Clock;
  private offset = 0;

  constructor(base: Clock = systemClock) {
    this.base = base;
  }

  /** Virtual now, in epoch milliseconds. */
  now(): number {
    return this.base.now() + this.offset;
  }

  /** Move virtual time forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offset += ms;
  }

  /** Make virtual now equal `instantMs`. */
  set(instantMs: number): void {
    this.offset = instantMs - this.base.now();
  }

  /** Back to the base clock. */
  resetOffset(): void {
    this.offset = 0;
  }
}

/** All mutable state. `reset()` empties it (the clock offset and the secret stay). */
export class EmulatorState {
  readonly clock: VirtualClock;
  /** Signs every JWT this emulator issues; new per emulator instance. */
  readonly secret = randomBytes(32).toString('hex');
  users = new Map<string, User>();
  presence = new Map<string, PresenceInputs>();
  faults: Fault[] = [];
  log: LoggedRequest[] = [];
  logCount = 0;
  signInQueue: SignInPlan[] = [];
  authCodes = new Map<string, AuthCode>();
  deviceCodes = new Map<string, DeviceCode>();
  refreshTokens = new Map<string, RefreshToken>();
  settings: EmulatorSettings = { ...DEFAULT_SETTINGS };
  /** Virtual times of the Graph requests accepted in the current window, per `tenant:app` (oldest first). */
  throttleWindows = new Map<string, number[]>();

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  /** Empty every collection and restore default settings. */
  reset(): void {
    this.users.clear();
    this.presence.clear();
    this.faults = [];
    this.log = [];
    this.signInQueue = [];
    this.authCodes.clear();
    this.deviceCodes.clear();
    this.refreshTokens.clear();
    this.settings = { ...DEFAULT_SETTINGS };
    this.throttleWindows.clear();
  }

  /**
   * Admit or refuse a Graph request of `key` (tenant:app) at `now` under `graphRequestLimit` per
   * `graphRequestWindowSeconds`; returns the Retry-After seconds when refused, else null.
   * Only accepted requests use up the budget, so the wait announced is exact: the oldest accepted request
   * leaves the window at `oldest + window`, and a request at `now + Retry-After` (≥ that instant) is accepted
   * unless another client took the slot first.
   */
  throttle(key: string, now: number): number | null {
    const limit = this.settings.graphRequestLimit;
    if (!limit) return null;
    const windowMs = this.settings.graphRequestWindowSeconds * 1000;
    const accepted = this.throttleWindows.get(key) ?? [];
    let gone = 0;
    while (gone < accepted.length && (accepted[gone] as number) <= now - windowMs) gone++;
    if (gone > 0) accepted.splice(0, gone);
    if (accepted.length >= limit) {
      const frees = (accepted[accepted.length - limit] as number) + windowMs;
      return Math.max(1, Math.ceil((frees - now) / 1000));
    }
    accepted.push(now);
    this.throttleWindows.set(key, accepted);
    return null;
  }

  /** Add a user and return it. */
  addUser(displayName: string, userPrincipalName: string, tenantId = EMULATOR_TENANT_ID, id: string = randomUUID()): User {
    const user: User = { id, displayName, userPrincipalName, tenantId };
    this.users.set(user.id, user);
    this.presence.set(user.id, { sessions: new Map(), preference: null, statusMessage: null, sequence: 0, lastFingerprint: null });
    return user;
  }

  /** A user by id or (case-insensitively) by userPrincipalName. */
  findUser(idOrUpn: string): User | undefined {
    const byId = this.users.get(idOrUpn);
    if (byId) return byId;
    const lower = idOrUpn.toLowerCase();
    for (const user of this.users.values()) {
      if (user.id.toLowerCase() === lower || user.userPrincipalName.toLowerCase() === lower) return user;
    }
    return undefined;
  }

  /** Presence inputs of a known user. */
  inputsOf(userId: string): PresenceInputs {
    let inputs = this.presence.get(userId);
    if (!inputs) {
      inputs = { sessions: new Map(), preference: null, statusMessage: null, sequence: 0, lastFingerprint: null };
      this.presence.set(userId, inputs);
    }
    return inputs;
  }

  /** Append to the request log and return the entry (so its status can be filled in later). */
  record(entry: Omit<LoggedRequest, 'index'>): LoggedRequest {
    const logged: LoggedRequest = { index: this.logCount++, ...entry };
    this.log.push(logged);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    return logged;
  }

  /** The first fault matching this request, with its count taken; undefined when none. */
  takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => {
      if (f.remaining <= 0) return false;
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (f.pathContains !== undefined) return path.toLowerCase().includes(f.pathContains.toLowerCase());
      return path.startsWith('/v1.0/');
    });
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }
}
