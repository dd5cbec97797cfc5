/**
 * Shared set-up of the GraphClient tests: an in-process emulator on a manual clock, one user, a token source
 * backed by the emulator's `_emulator/tokens` that records every call, and a client pointed at the emulator.
 */
import type { Clock } from '../../app/clock.ts';
import { createGraphClient } from '../../app/graph/graph-client.ts';
import type { GraphClient, GraphClientOptions, GraphLogger } from '../../app/graph/graph-client.ts';
import { EmulatorControl } from '../emulator/client.ts';
import type { LoggedRequest } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { ManualClock } from '../support/manual-clock.ts';

/** A token source over the emulator that records its calls; `stale` makes it hand out a fixed token until forced. */
export class EmulatorTokens {
  calls: Array<{ forceRefresh: boolean }> = [];
  issued: string[] = [];
  private current: string | null = null;
  control: EmulatorControl;
  userId: string;
  scopes: string[];
  expiresInSeconds: number | undefined;

  constructor(control: EmulatorControl, userId: string, scopes: string[] = ['Presence.ReadWrite'], expiresInSeconds?: number) {
    this.control = control;
    this.userId = userId;
    this.scopes = scopes;
    this.expiresInSeconds = expiresInSeconds;
  }

  /** Mint a fresh token at the emulator. */
  async mint(): Promise<string> {
    const { access_token } = await this.control.mintToken({
      userId: this.userId,
      scopes: this.scopes,
      ...(this.expiresInSeconds ? { expiresInSeconds: this.expiresInSeconds } : {}),
    });
    this.issued.push(access_token);
    return access_token;
  }

  /** Like MSAL's cache: the same token until a forced refresh. */
  async getAccessToken(options?: { forceRefresh?: boolean }): Promise<string> {
    this.calls.push({ forceRefresh: options?.forceRefresh === true });
    if (options?.forceRefresh || this.current === null) this.current = await this.mint();
    return this.current;
  }

  /** Replace the current token (e.g. one without the scope). */
  set(token: string): void {
    this.current = token;
  }
}

/** Log lines as a memory logger would keep them. */
export function memoryLog(): GraphLogger & { lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
  return {
    lines,
    debug: (message, data) => void lines.push({ level: 'debug', message, ...(data ? { data } : {}) }),
    warn: (message, data) => void lines.push({ level: 'warn', message, ...(data ? { data } : {}) }),
  };
}

/** One test's world. */
export interface World {
  clock: ManualClock;
  emulator: RunningEmulator;
  control: EmulatorControl;
  userId: string;
  tokens: EmulatorTokens;
  /** A client on the emulator; pass options to override (e.g. a different clock). */
  client(options?: Partial<GraphClientOptions>): GraphClient;
  /** Graph requests the emulator saw since the world started (or since {@link World.mark}). */
  requests(): Promise<LoggedRequest[]>;
  /** Forget earlier requests for {@link World.requests}. */
  mark(): Promise<void>;
  close(): Promise<void>;
}

/** Start an emulator on a manual clock with one user and a recording token source. */
export async function startWorld(options: { clock?: Clock } = {}): Promise<World> {
  const clock = new ManualClock('2026-11-23T09:00:00Z');
  const emulator = await startEmulator({ port: 0, clock: options.clock ?? clock });
  const control = new EmulatorControl(emulator.url);
  const { id: userId } = await control.createUser({ displayName: 'Megan Bowen', userPrincipalName: 'megan@contoso.example' });
  const tokens = new EmulatorTokens(control, userId);
  let since = 0;
  return {
    clock,
    emulator,
    control,
    userId,
    tokens,
    client: (overrides = {}) =>
      createGraphClient({ baseUrl: emulator.url, clock, tokens, random: () => 0.5, ...overrides }),
    requests: () => control.requests({ since }),
    mark: async () => {
      since = await control.clearRequests();
    },
    close: () => emulator.close(),
  };
}
