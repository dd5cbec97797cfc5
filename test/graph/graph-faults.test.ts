/**
 * The GraphClient's fault matrix against the emulator over real HTTP: what the client does on 429, 503, 500,
 * dropped connections, slow answers, 401 and final 4xx, asserted on the error, the retry events, the manual
 * clock and the exact requests the emulator saw (and when, on its virtual clock).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../app/clock.ts';
import type { RetryEvent } from '../../app/graph/graph-client.ts';
import { GraphError } from '../../app/graph/graph-errors.ts';
import { settle } from '../support/manual-clock.ts';
import type { FaultSpec } from '../emulator/client.ts';
import { startWorld } from './harness.ts';
import type { World } from './harness.ts';

const BUSY = { availability: 'Busy', activity: 'Busy' } as const;
const PATH = '/v1.0/me/presence/setUserPreferredPresence';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.control.clearFaults();
  await world.mark();
  world.tokens.calls = [];
});

const fault = (spec: FaultSpec) => world.control.fault({ pathContains: 'setUserPreferredPresence', count: 1, ...spec });

/** Start a write, tracking its settlement without awaiting it. */
function track(promise: Promise<void>) {
  const out: { done: boolean; error: unknown } = { done: false, error: undefined };
  promise.then(
    () => void (out.done = true),
    (error: unknown) => {
      out.done = true;
      out.error = error;
    },
  );
  return out;
}

/** Give real I/O time to happen (the manual clock does not move); for checks that nothing more arrived. */
async function io(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await settle();
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Wait (real time) until the client has reported `n` retries: its wait timer is then armed on the manual clock. */
const armed = (events: RetryEvent[], n: number) => vi.waitFor(() => expect(events).toHaveLength(n), { timeout: 5000, interval: 5 });

/** Wait (real time) until a tracked operation has settled. */
const finished = (op: { done: boolean }) => vi.waitFor(() => expect(op.done).toBe(true), { timeout: 5000, interval: 5 });

const statuses = async () => (await world.requests()).map((r) => r.status);

describe('throttling', () => {
  it('429 with Retry-After: no request before it elapses, then one retry; the wait is reported', async () => {
    await fault({ status: 429, retryAfterSeconds: 5 });
    const events: RetryEvent[] = [];
    const start = world.clock.now();
    const op = track(world.client({ onRetry: (e) => events.push(e) }).setPreferredPresence(BUSY, 3_600_000));
    await armed(events, 1);
    expect(await statuses()).toEqual([429]);
    expect(events).toEqual([
      expect.objectContaining({ operation: 'setPreferredPresence', attempt: 1, delayMs: 5000, retryAt: start + 5000, error: expect.objectContaining({ code: 'throttled', status: 429, graphCode: 'TooManyRequests' }) }),
    ]);
    await world.clock.advance(4999);
    await io();
    expect(await statuses()).toEqual([429]);
    expect(op.done).toBe(false);
    await world.clock.advance(1);
    await finished(op);
    const seen = await world.requests();
    expect(seen.map((r) => [r.path, r.status])).toEqual([
      [PATH, 429],
      [PATH, 200],
    ]);
    expect(Date.parse(seen[1]?.at ?? '') - Date.parse(seen[0]?.at ?? '')).toBe(5000);
    expect(seen[0]?.headers['client-request-id']).not.toBe(seen[1]?.headers['client-request-id']);
    expect(op).toEqual({ done: true, error: undefined });
  });

  it('a Retry-After longer than the total wait budget fails at once with throttled and says until when', async () => {
    await fault({ status: 429, retryAfterSeconds: 300 });
    const error = (await world.client().setPreferredPresence(BUSY).catch((e: unknown) => e)) as GraphError;
    expect(error).toMatchObject({ code: 'throttled', retryable: true, retryAfterMs: 300_000, retryAt: world.clock.now() + 300_000, attempts: 1 });
    expect(await statuses()).toEqual([429]);
  });

  it('503 with Retry-After waits exactly that long', async () => {
    await fault({ status: 503, retryAfterSeconds: 2 });
    const events: RetryEvent[] = [];
    const op = track(world.client({ onRetry: (e) => events.push(e) }).setPreferredPresence(BUSY));
    await armed(events, 1);
    expect(events[0]).toMatchObject({ delayMs: 2000, error: { code: 'unavailable', status: 503, retryAfterMs: 2000 } });
    await world.clock.advance(1999);
    await io();
    expect(await statuses()).toEqual([503]);
    await world.clock.advance(1);
    await finished(op);
    expect(await statuses()).toEqual([503, 200]);
    expect(op).toEqual({ done: true, error: undefined });
  });
});

describe('transient failures back off with jitter', () => {
  it('503 without Retry-After, then 500, then success: waits follow capped exponential backoff (random pinned at 0.5)', async () => {
    await fault({ status: 503 });
    await fault({ status: 500 });
    const events: RetryEvent[] = [];
    const op = track(world.client({ onRetry: (e) => events.push(e) }).setPreferredPresence(BUSY));
    await armed(events, 1);
    expect(await statuses()).toEqual([503]);
    await world.clock.advance(249);
    await io();
    expect(await statuses()).toEqual([503]);
    await world.clock.advance(1);
    await armed(events, 2);
    expect(await statuses()).toEqual([503, 500]);
    await world.clock.advance(500);
    await finished(op);
    expect(await statuses()).toEqual([503, 500, 200]);
    expect(events.map((e) => [e.attempt, e.delayMs, e.error.code])).toEqual([
      [1, 250, 'unavailable'],
      [2, 500, 'unavailable'],
    ]);
    expect(op).toEqual({ done: true, error: undefined });
  });

  it('a dropped connection is network-down and retried; when it keeps dropping the operation fails after maxAttempts', async () => {
    await fault({ status: 0 });
    const client = world.client({ random: () => 0 });
    await client.setPreferredPresence(BUSY);
    expect(await statuses()).toEqual([0, 200]);

    await world.mark();
    await fault({ status: 0, count: 10 });
    const events: RetryEvent[] = [];
    const error = (await world.client({ random: () => 0, retry: { maxAttempts: 3 }, onRetry: (e) => events.push(e) }).setPreferredPresence(BUSY).catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 'network-down', status: 0, retryable: true, attempts: 3 });
    expect(events.map((e) => e.error.code)).toEqual(['network-down', 'network-down']);
    expect(await statuses()).toEqual([0, 0, 0]);
  });

  it('a response slower than the timeout is abandoned as timeout and retried (real clock, short waits)', async () => {
    await fault({ delayMs: 3000 });
    const client = world.client({ clock: systemClock, timeoutMs: 150, random: () => 0 });
    const started = performance.now();
    await client.setPreferredPresence(BUSY);
    expect(performance.now() - started).toBeLessThan(2500); // did not wait for the slow answer
    const seen = await world.requests();
    expect(seen.length).toBe(2);
    expect(seen[1]?.status).toBe(200);

    await world.mark();
    await fault({ delayMs: 1500, count: 2 });
    const error = await world
      .client({ clock: systemClock, timeoutMs: 100, random: () => 0, retry: { maxAttempts: 2 } })
      .setPreferredPresence(BUSY)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout', status: 0, retryable: true, attempts: 2 });
    expect((await world.requests()).length).toBe(2);
  });
});

describe('sign-in', () => {
  it('401 once: forces one token refresh and retries with the new token', async () => {
    await fault({ status: 401 });
    const client = world.client();
    await client.setPreferredPresence(BUSY);
    const seen = await world.requests();
    expect(seen.map((r) => r.status)).toEqual([401, 200]);
    expect(world.tokens.calls.at(-1)).toEqual({ forceRefresh: true });
    expect(seen[1]?.headers.authorization).toBe(`Bearer ${world.tokens.issued.at(-1)}`);
    expect(seen[0]?.headers.authorization).not.toBe(seen[1]?.headers.authorization);
  });

  it('a token that really expired on the virtual clock is refreshed after the 401', async () => {
    const tokens = world.tokens;
    tokens.expiresInSeconds = 600;
    tokens.set(await tokens.mint()); // what a stale cache would hand out: valid for 10 minutes
    tokens.expiresInSeconds = undefined;
    await world.clock.advance(11 * 60_000);
    await world.client().setPreferredPresence(BUSY);
    expect(await statuses()).toEqual([401, 200]);
    expect(tokens.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('401 twice: unauthorized after exactly one refresh, so the controller can ask the user to sign in again', async () => {
    await fault({ status: 401, count: 2 });
    const error = await world.client().setPreferredPresence(BUSY).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, graphCode: 'InvalidAuthenticationToken', retryable: false, attempts: 2 });
    expect(world.tokens.calls.filter((c) => c.forceRefresh).length).toBe(1);
    expect(await statuses()).toEqual([401, 401]);
  });

  it("a refused refresh rejects with the token source's own error (sign-in-required), unchanged", async () => {
    await fault({ status: 401 });
    const refusal = Object.assign(new Error('Sign in again.'), { code: 'sign-in-required' });
    const client = world.client({
      tokens: {
        getAccessToken: async (o) => {
          if (o?.forceRefresh) throw refusal;
          return world.tokens.getAccessToken();
        },
      },
    });
    await expect(client.setPreferredPresence(BUSY)).rejects.toBe(refusal);
    expect(await statuses()).toEqual([401]);
  });
});

describe('final failures are not retried', () => {
  for (const [status, code] of [
    [400, 'bad-request'],
    [403, 'forbidden'],
    [404, 'not-found'],
  ] as const) {
    it(`${status} → ${code}, one request`, async () => {
      await fault({ status, count: 3 });
      const error = await world.client().setPreferredPresence(BUSY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphError);
      expect(error).toMatchObject({ code, status, retryable: false, attempts: 1 });
      expect(await statuses()).toEqual([status]);
    });
  }
});
