import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForStatus } from '../../app/graph/graph-errors.ts';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, repeatFloor, retryPolicy } from '../../app/graph/retry.ts';
import type { RetryState } from '../../app/graph/retry.ts';
import { startWorld, type World } from './harness.ts';

const policy = retryPolicy();
const fresh: RetryState = { attempt: 1, waitedMs: 0, refreshed: false };
const err = (status: number, retryAfterMs?: number) => ({
  status,
  code: status === 0 ? ('network-down' as const) : codeForStatus(status),
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});
const half = () => 0.5;

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('gives null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and uses full jitter', () => {
    const p = { baseDelayMs: 500, maxDelayMs: 8000 };
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, p, top))).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
    expect(backoffDelay(3, p, half)).toBe(1000);
  });
});

describe('decideRetry', () => {
  it('honours Retry-After on 429 and 503 exactly (never sooner, no jitter)', () => {
    expect(decideRetry(err(429, 7000), fresh, policy, () => 0)).toEqual({ retry: true, delayMs: 7000, refreshToken: false });
    expect(decideRetry(err(503, 2000), fresh, policy, () => 0)).toEqual({ retry: true, delayMs: 2000, refreshToken: false });
  });
  it('backs off on 429 without Retry-After and on 500/502/503/504, timeouts and dropped connections', () => {
    for (const status of [429, 500, 502, 503, 504, 0]) {
      expect(decideRetry(err(status), { ...fresh, attempt: 2 }, policy, half)).toEqual({ retry: true, delayMs: 500, refreshToken: false });
    }
    expect(decideRetry({ status: 0, code: 'timeout' }, fresh, policy, half)).toEqual({ retry: true, delayMs: 250, refreshToken: false });
  });
  it('never retries 400, 403, 404 or other statuses', () => {
    for (const status of [400, 403, 404, 405, 409, 501]) {
      expect(decideRetry(err(status), fresh, policy, half)).toEqual({ retry: false, reason: 'not-retryable' });
    }
  });
  it('refreshes the token once after a 401, and gives up on the second', () => {
    expect(decideRetry(err(401), fresh, policy, half)).toEqual({ retry: true, delayMs: 0, refreshToken: true });
    expect(decideRetry(err(401), { ...fresh, attempt: 2, refreshed: true }, policy, half)).toEqual({ retry: false, reason: 'refresh-spent' });
  });
  it('stops at maxAttempts and when a wait would exceed maxTotalWaitMs', () => {
    expect(decideRetry(err(500), { ...fresh, attempt: policy.maxAttempts }, policy, half)).toEqual({ retry: false, reason: 'max-attempts' });
    expect(decideRetry(err(429, 61_000), fresh, policy, half)).toEqual({ retry: false, reason: 'max-wait' });
    expect(decideRetry(err(429, 10_000), { ...fresh, waitedMs: 55_000 }, policy, half)).toEqual({ retry: false, reason: 'max-wait' });
  });
});

describe('retryPolicy', () => {
  it('merges over the defaults and rejects nonsense', () => {
    expect(retryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(/at least 1/);
    expect(() => retryPolicy({ timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => retryPolicy({ baseDelayMs: Number.NaN })).toThrow(/baseDelayMs/);
  });
});

describe('repeated Retry-After (issue 15 defect 6)', () => {
  const policy = retryPolicy();
  const throttled = { code: 'throttled', status: 429, retryAfterMs: 1000 } as const;
  it('honours the first Retry-After exactly, then waits at least the doubling backoff ceiling', () => {
    const waits = [1, 2, 3, 4].map((attempt) => decideRetry(throttled, { attempt, waitedMs: 0, refreshed: false }, policy, () => 0));
    expect(waits.map((d) => (d.retry ? d.delayMs : -1))).toEqual([1000, 1000, 2000, 4000]);
    expect(repeatFloor(1, policy)).toBe(0);
    expect(repeatFloor(10, policy)).toBe(policy.maxDelayMs);
    // A long Retry-After is never shortened by the floor.
    const long = decideRetry({ ...throttled, retryAfterMs: 30_000 }, { attempt: 3, waitedMs: 0, refreshed: false }, policy, () => 0);
    expect(long).toEqual({ retry: true, delayMs: 30_000, refreshToken: false });
  });
});

describe('the edges of the retry rules', () => {
  const policy = retryPolicy();
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('a 401 on the last allowed attempt is final: no refresh retry past maxAttempts', () => {
    const last = { attempt: policy.maxAttempts, waitedMs: 0, refreshed: false };
    expect(decideRetry(err(401), last, policy, half)).toEqual({ retry: false, reason: 'max-attempts' });
    expect(decideRetry(err(401), { ...last, attempt: policy.maxAttempts - 1 }, policy, half)).toEqual({ retry: true, delayMs: 0, refreshToken: true });
    const single = retryPolicy({ maxAttempts: 1 });
    expect(decideRetry(err(401), fresh, single, half)).toEqual({ retry: false, reason: 'max-attempts' });
  });

  it('a wait that uses up exactly what is left of maxTotalWaitMs is still taken', () => {
    const waitedMs = policy.maxTotalWaitMs - 10_000;
    expect(decideRetry(err(429, 10_000), { ...fresh, waitedMs }, policy, half)).toEqual({ retry: true, delayMs: 10_000, refreshToken: false });
    expect(decideRetry(err(429, 10_001), { ...fresh, waitedMs }, policy, half)).toEqual({ retry: false, reason: 'max-wait' });
  });

  it('Retry-After is honoured only on 429 and 503: other server errors back off as usual', () => {
    for (const status of [500, 502, 504]) {
      expect(decideRetry(err(status, 30_000), fresh, policy, half)).toEqual({ retry: true, delayMs: 250, refreshToken: false });
    }
  });

  it('reads fractional seconds to the millisecond, and refuses numbers with anything after them', () => {
    expect(parseRetryAfter('1.25', now)).toBe(1250);
    expect(parseRetryAfter('0.001', now)).toBe(1);
    for (const value of ['120abc', '5 s', '1.5x']) expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe('a 401 on the last allowed attempt, through the client and the emulator', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it('ends the operation there: no token refresh and no request beyond maxAttempts', async () => {
    const path = 'setUserPreferredPresence';
    await world.control.fault({ pathContains: path, status: 500, count: 1 });
    await world.control.fault({ pathContains: path, status: 401, count: 1 });
    await world.mark();
    world.tokens.calls = [];
    const client = world.client({ random: () => 0, retry: { maxAttempts: 2 } });
    const error = await client.setPreferredPresence({ availability: 'Busy', activity: 'Busy' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, attempts: 2 });
    expect((await world.requests()).map((r) => r.status)).toEqual([500, 401]);
    expect(world.tokens.calls.filter((c) => c.forceRefresh)).toEqual([]);
  });
});
