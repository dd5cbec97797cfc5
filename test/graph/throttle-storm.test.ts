/**
 * Issue 15 defect 6, the app's side: when 429s repeat, the app lengthens its own waits instead of coming back
 * every `Retry-After: 1` second (601 requests in 10 minutes before). Through createCore against the emulator,
 * on the manual clock: fewer requests during a 10-minute storm, and the intent lands soon after it ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { THROTTLE_MAX_MS, throttleWait } from '../../app/control/failures.ts';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const MIN = 60_000;
let h: ControlHarness;
afterEach(async () => h?.close());

describe('a Retry-After: 1 storm', () => {
  it('makes far fewer than one request a second for 10 minutes, and applies the intent within the cap once it ends', async () => {
    h = await startRunningHarness();
    await h.control.clearRequests();
    await h.control.fault({ status: 429, retryAfterSeconds: 1, count: 1_000_000 });
    void h.core.controller.set('Busy', { source: 'tray' });
    await h.advance(10 * MIN);
    const during = await h.graphRequests();
    console.log(`Retry-After: 1 storm, 10 minutes: ${during.length} Graph requests`);
    expect(during.every((r) => r.status === 429)).toBe(true);
    expect(during.length).toBeLessThanOrEqual(60);
    expect(h.core.controller.state()).toMatchObject({ intent: { presence: 'Busy' }, pending: { reason: 'throttled' } });

    await h.control.clearFaults();
    const end = h.clock.now();
    await h.advance(THROTTLE_MAX_MS + MIN);
    const landed = (await h.writes()).find((w) => w.action === 'setUserPreferredPresence' && w.status === 200);
    expect(landed).toBeDefined();
    console.log(`intent landed ${(Date.parse(landed!.at) - end) / 1000} s after the storm ended`);
    expect(Date.parse(landed!.at) - end).toBeLessThanOrEqual(THROTTLE_MAX_MS + 10_000);
    expect((await h.control.presence(h.userId)).availability).toBe('Busy');
    expect(h.core.controller.state()).toMatchObject({ pending: null, changedInTeams: false });
  });
});

describe('throttleWait', () => {
  it('is never shorter than Graph asked, doubles with failures in a row, and caps (unless Graph asks longer)', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((r) => throttleWait(1000, r))).toEqual([30_000, 60_000, 120_000, 240_000, THROTTLE_MAX_MS, THROTTLE_MAX_MS, THROTTLE_MAX_MS]);
    expect(throttleWait(120_000, 0)).toBe(120_000);
    expect(throttleWait(THROTTLE_MAX_MS * 2, 9)).toBe(THROTTLE_MAX_MS * 2);
  });
});
