/**
 * Keeps the last access token while it is comfortably valid, so the hot path of a warm command does not ask
 * the token source (MSAL's cache lookup) on every request. Only JWTs whose `exp` can be read are reused;
 * anything else is asked for every time. A forced refresh (after a 401) always goes to the source.
 */
import type { Clock } from '../clock.ts';

/** Where tokens come from: the sign-in service (MSAL) or, in tests, the emulator. */
export interface AccessTokenProvider {
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

/** Reuse tokens until `marginMs` before they expire (5 minutes, like MSAL's own refresh window). */
export const DEFAULT_TOKEN_MARGIN_MS = 5 * 60_000;

/** The expiry (epoch ms) of a JWT access token, or null when it is opaque or unreadable. */
export function jwtExpiry(token: string): number | null {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first < 0 || second < 0) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** A token getter that reuses a still-valid token and shares one pending request between concurrent callers. */
export interface TokenReuse {
  /** A token: the kept one while valid, otherwise a fresh one from the provider. */
  get(forceRefresh?: boolean): Promise<string> | string;
  /** Forget the kept token (e.g. the account changed). */
  forget(): void;
}

/** Wrap `provider` so valid tokens are reused until `marginMs` before their `exp`, judged on `clock`. */
export function tokenReuse(provider: AccessTokenProvider, clock: Clock, marginMs = DEFAULT_TOKEN_MARGIN_MS): TokenReuse {
  let token: string | null = null;
  let reuseUntil = 0;
  let pending: Promise<string> | null = null;
  let generation = 0;

  const fetchToken = (forceRefresh: boolean): Promise<string> => {
    const mine = ++generation;
    const p = provider.getAccessToken(forceRefresh ? { forceRefresh: true } : undefined).then(
      (fresh) => {
        if (mine === generation) {
          const exp = jwtExpiry(fresh);
          token = fresh;
          reuseUntil = exp === null ? 0 : exp - marginMs;
          pending = null;
        }
        return fresh;
      },
      (error: unknown) => {
        if (mine === generation) pending = null;
        throw error;
      },
    );
    pending = p;
    return p;
  };

  return {
    get(forceRefresh = false) {
      if (forceRefresh) {
        token = null;
        return fetchToken(true);
      }
      if (token !== null && clock.now() < reuseUntil) return token;
      return pending ?? fetchToken(false);
    },
    forget() {
      token = null;
      reuseUntil = 0;
      pending = null;
      generation++;
    },
  };
}
