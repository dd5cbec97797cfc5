/**
 * A {@link TokenSource} backed by the emulator's `POST /_emulator/tokens`, for Graph-only tests, benchmarks
 * and the Playwright bridge (docs/graph.md#emulator): real JWTs the emulator's Graph side checks, no OAuth.
 * `refuseRefresh()` plays a refused silent refresh (the user must sign in again); `signInAgain()` ends it.
 */
import type { AuthView, TokenSource } from '../../app/control/types.ts';
import type { Clock } from '../../app/clock.ts';
import { AppFailure } from '../../app/errors.ts';

/** Options of {@link EmulatorTokenSource}. */
export interface EmulatorTokenSourceOptions {
  /** Emulator base URL (`http://127.0.0.1:<port>`). */
  baseUrl: string;
  /** The emulator user the tokens are for. */
  userId: string;
  /** The app's client id written into the token (`appid`/`azp`). */
  clientId?: string;
  scopes?: string[];
  /** Token lifetime on the emulator's (virtual) clock; default the emulator's one hour. */
  expiresInSeconds?: number;
  account?: { name: string; username: string };
  /** The fetch used to reach the control API (default the global one). */
  fetch?: typeof fetch;
  /** The clock the emulator judges expiry on (default the system clock); tokens are renewed 5 minutes early, like MSAL. */
  clock?: Pick<Clock, 'now'>;
}

const RENEW_BEFORE_MS = 5 * 60_000;

/** Tokens minted by the emulator on demand; a forced refresh always mints a new one. */
export class EmulatorTokenSource implements TokenSource {
  /** How many tokens were minted (each one a control request, not a Graph request). */
  minted = 0;
  private readonly options: EmulatorTokenSourceOptions;
  private token: string | null = null;
  private expiresAt = 0;
  private status: AuthView['status'] = 'signed-in';
  private refusing = false;
  private readonly listeners = new Set<() => void>();

  constructor(options: EmulatorTokenSourceOptions) {
    this.options = options;
  }

  async getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    if (this.status !== 'signed-in' || (options.forceRefresh && this.refusing)) {
      this.setStatus('expired');
      throw new AppFailure({ code: 'sign-in-required', message: 'Your sign-in has expired. Sign in again to keep changing your presence.' });
    }
    const now = this.options.clock?.now() ?? Date.now();
    if (this.token && !options.forceRefresh && this.expiresAt - now > RENEW_BEFORE_MS) return this.token;
    const res = await (this.options.fetch ?? fetch)(`${this.options.baseUrl}/_emulator/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: this.options.userId,
        scopes: this.options.scopes ?? ['Presence.ReadWrite'],
        ...(this.options.clientId ? { clientId: this.options.clientId } : {}),
        ...(this.options.expiresInSeconds ? { expiresInSeconds: this.options.expiresInSeconds } : {}),
      }),
    });
    if (!res.ok) throw new Error(`emulator refused to mint a token: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token: string; expiresAt: string };
    this.minted += 1;
    this.token = body.access_token;
    this.expiresAt = Date.parse(body.expiresAt);
    return this.token;
  }

  view(): AuthView {
    return {
      status: this.status,
      account: this.options.account ?? { name: 'Test User', username: 'test@contoso.example' },
      deviceCode: null,
      persistent: true,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From now on a forced refresh (after a 401) is refused, as when the refresh token was revoked. */
  refuseRefresh(): void {
    this.refusing = true;
  }

  /** The user signed in again: tokens flow again and listeners hear about it. */
  signInAgain(): void {
    this.refusing = false;
    this.token = null;
    this.setStatus('signed-in');
  }

  private setStatus(status: AuthView['status']): void {
    if (status === this.status) return;
    this.status = status;
    for (const l of this.listeners) l();
  }
}
