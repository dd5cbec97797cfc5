/**
 * Warm command → request received by the emulator (docs/architecture.md#benchmarks): p50/p99 over 1,000 setPreferredPresence
 * calls through a target (the GraphClient here; the PresenceController can be added as another target),
 * interleaved with a bare `fetch` of the same request in the same run, which is the floor.
 *
 * "Received" is the instant the emulator's HTTP server emits the request, taken from Node's
 * `http.server.request.start` diagnostics channel in this same process, so both paths are timed identically
 * without touching the emulator. Round trips (until the command's promise settles) are reported as well.
 *
 * To bench another path, build a {@link CommandTarget} and register
 * `commandBenchmark({ name: 'command.controller', description, target })` in bench/run.ts.
 */
import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { systemClock } from '../app/clock.ts';
import type { Clock } from '../app/clock.ts';
import { createGraphClient } from '../app/graph/graph-client.ts';
import { PRESENCES } from '../app/presence/index.ts';
import type { PresencePair } from '../app/presence/index.ts';
import { EmulatorControl } from '../test/emulator/client.ts';
import { startEmulator } from '../test/emulator/server.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

/** What a target gets to build itself: a running emulator on the system clock, a signed-in user and a token. */
export interface CommandBenchEnv {
  baseUrl: string;
  control: EmulatorControl;
  userId: string;
  /** A one-hour access token with Presence.ReadWrite for `userId`. */
  token: string;
  clock: Clock;
}

/** One way of turning command number `i` into a setUserPreferredPresence request. */
export interface CommandTarget {
  /** Send command `i`; alternate presences by `i` so a deduplicating caller still sends every one. */
  send(i: number): Promise<unknown>;
  close?(): Promise<void> | void;
}

/** The pair command `i` asks for, alternating Busy and Available, and the expiry it carries. */
export function commandPair(i: number): PresencePair {
  return i % 2 === 0 ? PRESENCES.Busy.pair : PRESENCES.Available.pair;
}

/** Every command carries a one-hour expiry, as a timeboxed choice would. */
export const COMMAND_EXPIRATION_MS = 60 * 60_000;

const WRITE_PATH = '/v1.0/me/presence/setUserPreferredPresence';

/** The GraphClient target: `client.setPreferredPresence(pair, 1 h)`. */
export async function graphClientTarget(env: CommandBenchEnv): Promise<CommandTarget> {
  const client = createGraphClient({ baseUrl: env.baseUrl, clock: env.clock, tokens: { getAccessToken: async () => env.token } });
  return { send: (i) => client.setPreferredPresence(commandPair(i), COMMAND_EXPIRATION_MS) };
}

/** The floor: a bare fetch of the same request (same URL, headers and body) with nothing around it. */
function bareFetchTarget(env: CommandBenchEnv): CommandTarget {
  const url = `${env.baseUrl}${WRITE_PATH}`;
  return {
    async send(i) {
      const pair = commandPair(i);
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.token}`,
          'client-request-id': randomUUID(),
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ availability: pair.availability, activity: pair.activity, expirationDuration: 'PT1H' }),
      });
      await res.text();
      if (!res.ok) throw new Error(`bare fetch: HTTP ${res.status}`);
    },
  };
}

/** Options of {@link commandBenchmark}. */
export interface CommandBenchmarkOptions {
  name: string;
  description: string;
  target: (env: CommandBenchEnv) => Promise<CommandTarget>;
  /** Measured commands per path (default 1,000). */
  iterations?: number;
  /** Unmeasured commands per path first (default 200). */
  warmup?: number;
}

/** A command-latency benchmark of `target` against the bare-fetch floor, interleaved in one run. */
export function commandBenchmark(options: CommandBenchmarkOptions): Benchmark {
  const iterations = options.iterations ?? 1000;
  const warmup = options.warmup ?? 200;
  return {
    name: options.name,
    description: options.description,
    async run() {
      const emulator = await startEmulator({ port: 0 });
      const control = new EmulatorControl(emulator.url);
      const { id: userId } = await control.createUser({ displayName: 'Bench User', userPrincipalName: 'bench@contoso.example' });
      const { access_token: token } = await control.mintToken({ userId, scopes: ['Presence.ReadWrite'] });
      const env: CommandBenchEnv = { baseUrl: emulator.url, control, userId, token, clock: systemClock };
      const ours = await options.target(env);
      const floor = bareFetchTarget(env);

      // The first write request the emulator receives after a command starts.
      let received = Number.NaN;
      const onRequest = (message: unknown): void => {
        const req = (message as { request: IncomingMessage }).request;
        if (Number.isNaN(received) && req.url === WRITE_PATH) received = performance.now();
      };
      subscribe('http.server.request.start', onRequest);

      const time = async (target: CommandTarget, i: number, recv: number[], trip: number[]): Promise<void> => {
        received = Number.NaN;
        const start = performance.now();
        await target.send(i);
        const end = performance.now();
        if (Number.isNaN(received)) throw new Error(`${options.name}: command ${i} reached the emulator without a ${WRITE_PATH} request`);
        recv.push(received - start);
        trip.push(end - start);
      };
      const oursRecv: number[] = [];
      const oursTrip: number[] = [];
      const fetchRecv: number[] = [];
      const fetchTrip: number[] = [];
      try {
        for (let i = 0; i < warmup; i++) {
          await time(floor, i, [], []);
          await time(ours, i, [], []);
        }
        for (let i = 0; i < iterations; i++) {
          // Alternate who goes first so neither path always follows the other's garbage.
          if (i % 2 === 0) {
            await time(ours, i, oursRecv, oursTrip);
            await time(floor, i, fetchRecv, fetchTrip);
          } else {
            await time(floor, i, fetchRecv, fetchTrip);
            await time(ours, i, oursRecv, oursTrip);
          }
        }
      } finally {
        unsubscribe('http.server.request.start', onRequest);
        await ours.close?.();
        await emulator.close();
      }
      const p50 = percentile(oursRecv, 50);
      const fetchP50 = percentile(fetchRecv, 50);
      return {
        p50Ms: round(p50),
        p99Ms: round(percentile(oursRecv, 99)),
        fetchP50Ms: round(fetchP50),
        fetchP99Ms: round(percentile(fetchRecv, 99)),
        p50RatioToFetch: round(p50 / fetchP50),
        roundTripP50Ms: round(percentile(oursTrip, 50)),
        fetchRoundTripP50Ms: round(percentile(fetchTrip, 50)),
        roundTripP50RatioToFetch: round(percentile(oursTrip, 50) / percentile(fetchTrip, 50)),
        commands: iterations,
      };
    },
  };
}

/** `command`: the GraphClient path. */
export const commandBench: Benchmark = commandBenchmark({
  name: 'command',
  description: 'warm setPreferredPresence → request at the emulator, GraphClient vs bare fetch (p50/p99 over 1,000)',
  target: graphClientTarget,
});
