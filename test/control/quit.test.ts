// Quit cancels waits, then flushes (issue 15, defect 10): `core.dispose()` never waits for a Graph retry delay,
// so the quit's time limit is not spent on it and the sign-in service still gets to save its cache.
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

let h: ControlHarness | null = null;
afterEach(async () => {
  await h?.emulator.close();
  h = null;
});

/** Resolves with `'in time'` when `p` settles within `ms` of real time, else `'still waiting'`. */
async function within(p: Promise<unknown>, ms: number): Promise<'in time' | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
  try {
    return await Promise.race([p.then(() => 'in time' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('quit', () => {
  it('dispose cancels a Graph retry wait instead of awaiting it; the intent is kept and nothing more is sent', async () => {
    h = await startRunningHarness();
    await h.control.clearRequests();
    // 503 with Retry-After 30 s: the Graph client waits 30 s (on the manual clock, which nobody moves) to retry.
    await h.control.fault({ status: 503, retryAfterSeconds: 30, pathContains: 'setUserPreferredPresence' });
    const outcome = h.core.controller.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' });
    await h.quiet();
    expect(h.clock.pendingTimers()).toBeGreaterThan(0);
    expect(await within(h.core.dispose(), 2_000)).toBe('in time');
    expect(await within(outcome, 100)).toBe('in time');
    expect((await outcome).outcome).toBe('queued');
    expect(h.store.load().intent).toMatchObject({ presence: 'Busy' });
    // The cancelled wait does not come back as a late retry.
    await h.clock.advance(60_000);
    await h.quiet();
    expect((await h.writes()).map((w) => w.status)).toEqual([503]);
  });
});
