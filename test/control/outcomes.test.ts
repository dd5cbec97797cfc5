// Every command's promise settles exactly once with its own outcome, also when a newer command arrives while
// its request is in flight and that request then fails (issue 15, defect 5). Real HTTP against the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningHarness, trackOutcome } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const S = 1000;
let h: ControlHarness;
afterEach(async () => h?.close());

async function started(): Promise<ControlHarness> {
  h = await startRunningHarness();
  await h.control.clearRequests();
  return h;
}

/** Wait (real time) until the app has a Graph request on the wire. */
async function requestOnTheWire(): Promise<void> {
  while (h.meter.graphInFlight === 0) await new Promise((r) => setTimeout(r, 1));
}

describe('outcomes when a newer command arrives while a request is in flight', () => {
  it('the in-flight request fails and will be retried: the older command is superseded, the newer one queued then applied', async () => {
    await started();
    const c = h.core.controller;
    // Held 300 ms, then 429 asking for longer than the Graph client waits: the controller keeps it for later.
    await h.control.fault({ delayMs: 300, status: 429, retryAfterSeconds: 120, pathContains: 'setUserPreferredPresence' });
    const first = trackOutcome(c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' }));
    await requestOnTheWire();
    const second = trackOutcome(c.set('Away', { until: { kind: 'duration', iso: 'PT2H' }, source: 'hotkey' }));
    await h.quiet();
    expect(first.outcome).toEqual({ outcome: 'superseded' });
    expect(second.outcome).toMatchObject({ outcome: 'queued', error: { code: 'throttled' } });
    await h.advance(120 * S);
    const writes = (await h.writes()).filter((w) => w.action === 'setUserPreferredPresence');
    expect(writes.map((w) => [w.body.availability, w.status])).toEqual([
      ['Busy', 429],
      ['Away', 200],
    ]);
  });

  it('the in-flight request is refused: the older command fails with its own error, the newer one is sent and applied', async () => {
    await started();
    const c = h.core.controller;
    await h.control.fault({ delayMs: 300, status: 403, pathContains: 'setUserPreferredPresence' });
    const first = trackOutcome(c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' }));
    await requestOnTheWire();
    const second = trackOutcome(c.set('Away', { until: { kind: 'duration', iso: 'PT2H' }, source: 'hotkey' }));
    await h.quiet();
    expect(first.outcome).toMatchObject({ outcome: 'failed', error: { code: 'forbidden' } });
    expect(second.outcome).toEqual({ outcome: 'applied' });
    const writes = (await h.writes()).filter((w) => w.action === 'setUserPreferredPresence');
    expect(writes.map((w) => [w.body.availability, w.status])).toEqual([
      ['Busy', 403],
      ['Away', 200],
    ]);
  });

  it('a status message refused in flight fails alone; the newer message is applied', async () => {
    await started();
    const c = h.core.controller;
    await h.control.fault({ delayMs: 300, status: 400, pathContains: 'setStatusMessage' });
    const first = trackOutcome(c.setStatusMessage('One', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' }));
    await requestOnTheWire();
    const second = trackOutcome(c.setStatusMessage('Two', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' }));
    await h.quiet();
    expect(first.outcome?.outcome).toBe('failed');
    expect(second.outcome).toEqual({ outcome: 'applied' });
  });
});
