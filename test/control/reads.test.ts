// Reading presence (issue 3): after writes, every readIntervalSeconds while active, never while locked,
// suspended or offline, and backing off while reads fail. These run at a one-minute interval (the default is
// five since issue 14) and without an install id, so reads are one interval after the last (budget.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const MIN = 60_000;
let h: ControlHarness;
afterEach(async () => h?.close());

const readTimes = async (): Promise<string[]> =>
  (await h.graphRequests()).filter((r) => r.method === 'GET').map((r) => r.at.slice(11, 19));

describe('reads', () => {
  it('every interval while active; none while locked or suspended; one at once on unlock and resume', async () => {
    h = await startRunningHarness({ start: '2026-11-23T08:00:00Z', options: { readIntervalSeconds: 60 } });
    const c = h.core.controller;
    await h.advance(3 * MIN);
    c.notify({ type: 'lock' });
    await h.advance(10 * MIN); // 08:13
    c.notify({ type: 'unlock' });
    await h.advance(2 * MIN); // 08:15
    c.notify({ type: 'suspend' });
    await h.advance(60 * MIN); // 09:15
    c.notify({ type: 'resume' });
    await h.advance(MIN);
    c.notify({ type: 'offline' });
    await h.advance(5 * MIN);
    expect(await readTimes()).toEqual([
      '08:00:00', // start
      '08:01:00',
      '08:02:00',
      '08:03:00',
      '08:13:00', // unlock
      '08:14:00',
      '08:15:00',
      '09:15:00', // resume
      '09:16:00',
    ]);
    expect(c.state().actual?.key).toBe('Available');
  });

  it('backs off while reads fail, and returns to the interval after a good one', async () => {
    h = await startRunningHarness({ start: '2026-11-23T08:00:00Z', options: { readIntervalSeconds: 60 } });
    await h.control.clearRequests();
    // 403 is not retried by the Graph client, so every read is one request.
    await h.control.fault({ status: 403, method: 'GET', count: 4 });
    await h.advance(16 * MIN);
    expect(await readTimes()).toEqual(['08:01:00', '08:03:00', '08:07:00', '08:15:00']);
    expect(h.core.controller.state().lastError?.code).toBe('forbidden');
    await h.advance(16 * MIN + 2 * MIN);
    expect((await readTimes()).slice(4)).toEqual(['08:31:00', '08:32:00', '08:33:00', '08:34:00']);
    expect(h.core.controller.state().lastError).toBeNull();
  });

  it('refresh reads at once; a new read interval applies from the next read', async () => {
    h = await startRunningHarness({ start: '2026-11-23T08:00:00Z', options: { readIntervalSeconds: 60 } });
    await h.control.clearRequests();
    const c = h.core.controller;
    await h.advance(30_000);
    expect(await c.refresh()).toEqual({ outcome: 'applied' });
    c.configure({ readIntervalSeconds: 300 });
    await h.advance(11 * MIN);
    expect(await readTimes()).toEqual(['08:00:30', '08:05:30', '08:10:30']);
  });

  it('a wall-clock change re-evaluates at once: a choice that has ended by the new time is dropped', async () => {
    h = await startRunningHarness({ start: '2026-11-23T08:00:00Z', options: { readIntervalSeconds: 60 } });
    const c = h.core.controller;
    await c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' });
    h.clock.jumpWall(2 * 60 * MIN); // the user set the clock two hours ahead; no timer has fired yet
    c.notify({ type: 'clock-changed' });
    await h.quiet();
    expect(c.state()).toMatchObject({ intent: null, inCharge: 'nobody' });
    expect(h.store.load().intent).toBeNull();
  });
});
