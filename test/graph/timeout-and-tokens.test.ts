import { describe, expect, it } from 'vitest';
import { timeoutWatch } from '../../app/graph/timeout-watch.ts';
import { jwtExpiry, tokenReuse } from '../../app/graph/token-reuse.ts';
import { ManualClock } from '../support/manual-clock.ts';

const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('timeoutWatch', () => {
  it('aborts each request exactly at its own deadline with one watchdog timer', async () => {
    const clock = new ManualClock();
    const watch = timeoutWatch(clock, 1000);
    const a = watch.watch();
    await clock.advance(400);
    const b = watch.watch();
    const c = watch.watch();
    c.done();
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(599);
    expect([a.signal.aborted, b.signal.aborted]).toEqual([false, false]);
    await clock.advance(1);
    expect([a.signal.aborted, a.timedOut, b.signal.aborted]).toEqual([true, true, false]);
    await clock.advance(399);
    expect(b.signal.aborted).toBe(false);
    await clock.advance(1);
    expect([b.signal.aborted, b.timedOut, c.signal.aborted]).toEqual([true, true, false]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never aborts a request that finished in time', async () => {
    const clock = new ManualClock();
    const w = timeoutWatch(clock, 1000).watch();
    w.done();
    await clock.advance(5000);
    expect([w.signal.aborted, w.timedOut]).toEqual([false, false]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('gives every request a signal of its own, never an aborted one', async () => {
    const clock = new ManualClock();
    const watch = timeoutWatch(clock, 1000);
    const first = watch.watch();
    await clock.advance(1000);
    expect(first.signal.aborted).toBe(true);
    first.done();
    const signals = [first.signal];
    for (let i = 0; i < 3; i++) {
      const next = watch.watch();
      expect(next.signal.aborted).toBe(false);
      expect(signals).not.toContain(next.signal);
      signals.push(next.signal);
      if (i < 2) next.done(); // the last one is still in flight when the next starts
    }
    const overlapping = watch.watch();
    expect(signals).not.toContain(overlapping.signal);
  });
});

describe('tokenReuse', () => {
  it('reads exp from a JWT and nothing from opaque tokens', () => {
    expect(jwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(jwtExpiry('opaque-token')).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
  });

  it('reuses a JWT until five minutes before exp, asks again after, and always on forceRefresh', async () => {
    const clock = new ManualClock('2026-11-23T09:00:00Z');
    const calls: boolean[] = [];
    let n = 0;
    const reuse = tokenReuse(
      {
        getAccessToken: async (o) => {
          calls.push(o?.forceRefresh === true);
          return jwt({ exp: clock.now() / 1000 + 3600, n: n++ });
        },
      },
      clock,
    );
    const first = await reuse.get();
    expect(reuse.get()).toBe(first);
    await clock.advance(54 * 60_000);
    expect(reuse.get()).toBe(first);
    await clock.advance(60_001);
    const second = await reuse.get();
    expect(second).not.toBe(first);
    const forced = await reuse.get(true);
    expect(forced).not.toBe(second);
    expect(reuse.get()).toBe(forced);
    expect(calls).toEqual([false, false, true]);
  });

  it('asks every time for opaque tokens, sharing one pending request between concurrent callers', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const reuse = tokenReuse({ getAccessToken: async () => `opaque-${++calls}` }, clock);
    const [a, b] = await Promise.all([reuse.get(), reuse.get()]);
    expect([a, b, calls]).toEqual(['opaque-1', 'opaque-1', 1]);
    expect(await reuse.get()).toBe('opaque-2');
  });

  it('passes a refused refresh through and recovers on the next call', async () => {
    const clock = new ManualClock();
    let fail = true;
    const reuse = tokenReuse(
      {
        getAccessToken: async () => {
          if (fail) throw Object.assign(new Error('Sign in again.'), { code: 'sign-in-required' });
          return 'ok';
        },
      },
      clock,
    );
    await expect(reuse.get(true)).rejects.toMatchObject({ code: 'sign-in-required' });
    fail = false;
    expect(await reuse.get()).toBe('ok');
  });
});
