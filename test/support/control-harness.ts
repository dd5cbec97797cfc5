/**
 * Everything a controller test or benchmark needs: a ManualClock shared with an in-process emulator, a user,
 * an emulator-backed token source, a memory intent store, and the app built through `createCore`.
 * `advance(ms)` moves the clock timer by timer and lets each timer's real HTTP finish before time moves on,
 * so the controller, the Graph client's waits and the emulator's expiries agree exactly.
 */
import { createCore } from '../../app/core.ts';
import type { Core, CoreOptions } from '../../app/core.ts';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import type { IntentStore, Outcome, ScheduleSource } from '../../app/control/types.ts';
import type { Logger } from '../../app/log/types.ts';
import { EmulatorControl } from '../emulator/client.ts';
import type { LoggedRequest } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { EmulatorTokenSource } from './emulator-token-source.ts';
import { ManualClock, settle } from './manual-clock.ts';

/** The app registration's client id used by tests (also the app session's id). */
export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

/** Options of {@link startControlHarness}. */
export interface HarnessOptions {
  start?: string;
  /** Use this clock (e.g. one a Scheduler already runs on) instead of a new one at `start`. */
  clock?: ManualClock;
  schedule?: ScheduleSource | null;
  options?: Partial<CoreOptions>;
  store?: IntentStore;
  /** Reuse a running emulator and clock (a restart test builds a second core against the same one). */
  reuse?: { emulator: RunningEmulator; clock: ManualClock; userId: string };
  /** The app logger (default: none). */
  log?: Logger;
  /** Give the user a Teams client session so a preference shows (default true). */
  teamsSession?: boolean;
  /** Seconds since the last input, for the idle rule (default: none, so no idle rule can apply). */
  idleSeconds?: () => number;
}

/** Counts Graph requests in flight (and the most ever at once) by wrapping the real fetch. */
export class FetchMeter {
  inFlight = 0;
  graphInFlight = 0;
  maxGraphInFlight = 0;
  /** Every Graph call the app made: last path segment and the status, or `aborted`/`failed` with no answer. */
  readonly graphCalls: Array<{ action: string; result: number | 'aborted' | 'failed' }> = [];
  private waiters: Array<() => void> = [];
  readonly fetch: typeof fetch = async (input, init) => {
    const graph = String(input instanceof Request ? input.url : input).includes('/v1.0/');
    this.inFlight++;
    if (graph) this.maxGraphInFlight = Math.max(this.maxGraphInFlight, ++this.graphInFlight);
    const call = { action: String(input instanceof Request ? input.url : input).split('/').pop() ?? '', result: 'failed' as number | 'aborted' | 'failed' };
    if (graph) this.graphCalls.push(call);
    try {
      const res = await fetch(input, init);
      call.result = res.status;
      return res;
    } catch (error) {
      if (init?.signal?.aborted) call.result = 'aborted';
      throw error;
    } finally {
      this.inFlight--;
      if (graph) this.graphInFlight--;
      if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
    }
  };

  /** Resolves once no request is in flight and promise callbacks have run (nothing moves until the clock does). */
  async quiet(): Promise<void> {
    for (;;) {
      await settle();
      if (this.inFlight === 0) {
        await settle();
        if (this.inFlight === 0) return;
      }
      await new Promise<void>((resolve) => (this.inFlight === 0 ? resolve() : this.waiters.push(resolve)));
    }
  }
}

/** A running harness. */
export interface ControlHarness {
  clock: ManualClock;
  emulator: RunningEmulator;
  control: EmulatorControl;
  userId: string;
  tokens: EmulatorTokenSource;
  store: IntentStore;
  core: Core;
  meter: FetchMeter;
  /** Move the clock `ms`, stopping at every timer until its requests are answered. */
  advance(ms: number): Promise<void>;
  /** Wait until nothing is in flight. */
  quiet(): Promise<void>;
  /** Graph requests the emulator received since the last `clearRequests`, as `METHOD action` plus body. */
  graphRequests(): Promise<LoggedRequest[]>;
  /** Only the writes (POSTs), as `action` names with bodies. */
  writes(): Promise<Array<{ action: string; body: Record<string, unknown>; at: string; status?: number }>>;
  close(): Promise<void>;
}

/** Start a harness (the core is built but not started). */
export async function startControlHarness(options: HarnessOptions = {}): Promise<ControlHarness> {
  const clock = options.reuse?.clock ?? options.clock ?? new ManualClock(options.start ?? '2026-11-23T08:00:00Z');
  const emulator = options.reuse?.emulator ?? (await startEmulator({ clock }));
  const control = new EmulatorControl(emulator.url);
  let userId = options.reuse?.userId;
  if (!userId) {
    userId = (await control.createUser({ displayName: 'Adele Vance', userPrincipalName: 'adele@contoso.example' })).id;
    if (options.teamsSession !== false) {
      await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    }
  }
  const meter = new FetchMeter();
  const tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: TEST_CLIENT_ID, fetch: meter.fetch, clock });
  const store = options.store ?? memoryIntentStore();
  const core = createCore({
    tokens,
    clock,
    fetch: meter.fetch,
    schedule: options.schedule ?? null,
    intentStore: store,
    ...(options.log ? { log: options.log } : {}),
    ...(options.idleSeconds ? { idleSeconds: options.idleSeconds } : {}),
    options: { clientId: TEST_CLIENT_ID, graphBaseUrl: emulator.url, timeZone: 'UTC', ...options.options },
  });
  const quiet = (): Promise<void> => meter.quiet();
  return {
    clock,
    emulator,
    control,
    userId,
    tokens,
    store,
    core,
    meter,
    quiet,
    async advance(ms) {
      let left = ms;
      await quiet();
      for (let guard = 0; guard < 1_000_000; guard++) {
        const next = clock.nextTimerIn();
        const step = next === null ? left : Math.min(next, left);
        await clock.advance(step);
        await quiet();
        left -= step;
        if (left <= 0 && (clock.nextTimerIn() ?? 1) > 0) return;
      }
      throw new Error('advance: timers keep firing without time moving');
    },
    graphRequests: () => control.requests({ kind: 'graph' }),
    async writes() {
      const all = await control.requests({ kind: 'graph' });
      return all
        .filter((r) => r.method === 'POST')
        .map((r) => ({ action: r.path.split('/').pop() ?? r.path, body: (r.body ?? {}) as Record<string, unknown>, at: r.at, ...(r.status !== undefined ? { status: r.status } : {}) }));
    },
    async close() {
      await core.dispose();
      (options.schedule as { stop?: () => void } | null | undefined)?.stop?.();
      if (!options.reuse) await emulator.close();
    },
  };
}

/** A command's outcome, watched without awaiting it (the Graph client may be waiting on the manual clock). */
export function trackOutcome(p: Promise<Outcome>): { outcome: Outcome | null } {
  const box: { outcome: Outcome | null } = { outcome: null };
  void p.then((o) => (box.outcome = o));
  return box;
}

/** Start a harness and its core, and wait until the start's requests have settled. */
export async function startRunningHarness(options: HarnessOptions = {}): Promise<ControlHarness> {
  const h = await startControlHarness(options);
  await h.core.start();
  await h.quiet();
  return h;
}
