// Commands through createCore against the emulator over real HTTP: what the user sees and what Graph received.
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness, HarnessOptions } from '../support/control-harness.ts';
import { POST_WRITE_READ_MS } from '../../app/control/plan.ts';

const MIN = 60_000;
let h: ControlHarness;
afterEach(async () => h?.close());

async function started(opts: HarnessOptions = {}): Promise<ControlHarness> {
  h = await startRunningHarness(opts);
  await h.control.clearRequests();
  return h;
}

describe('commands', () => {
  it('timeboxed presence carries its exact expirationDuration, shows, and ends by itself in Graph', async () => {
    await started();
    const c = h.core.controller;
    const outcome = await c.set('DoNotDisturb', { until: { kind: 'duration', iso: 'PT1H30M' }, source: 'tray' });
    await h.quiet();
    expect(outcome).toEqual({ outcome: 'applied' });
    await h.advance(POST_WRITE_READ_MS); // the read-back follows the write
    const writes = await h.writes();
    expect(writes).toEqual([
      expect.objectContaining({ action: 'setUserPreferredPresence', body: { availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT1H30M' } }),
    ]);
    const s = c.state();
    expect(s.intent).toMatchObject({ presence: 'DoNotDisturb', source: 'tray', endsAt: '2026-11-23T09:30:00.000Z' });
    expect(s.inCharge).toBe('manual');
    expect(s.summary).toBe('Do not disturb — set from the tray, until 09:30');
    expect(s.difference).toBeNull();
    expect(s.actual).toMatchObject({ availability: 'DoNotDisturb', activity: 'DoNotDisturb', key: 'DoNotDisturb' });
    expect(s.difference).toBeNull();
    expect((await h.graphRequests()).map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual(['POST setUserPreferredPresence', 'GET presence']);

    await h.control.clearRequests();
    await h.core.controller.notify({ type: 'lock' });
    await h.advance(90 * MIN - POST_WRITE_READ_MS);
    // The intent ended and Graph dropped the preference by itself: no clear was needed, none was sent.
    expect(await h.writes()).toEqual([]);
    expect(c.state().intent).toBeNull();
    expect((await h.control.presence(h.userId)).availability).toBe('Available');
  });

  it('the identical command twice sends one request', async () => {
    await started();
    const c = h.core.controller;
    const until = { kind: 'duration', iso: 'PT1H' } as const;
    expect(await c.set('Busy', { until, source: 'hotkey' })).toEqual({ outcome: 'applied' });
    await h.quiet();
    expect(await c.set('Busy', { until, source: 'hotkey' })).toEqual({ outcome: 'applied' });
    await h.quiet();
    expect((await h.writes()).map((w) => w.action)).toEqual(['setUserPreferredPresence']);
  });

  it('a burst of 20 commands in 100 ms: at most one request in flight, the last one wins, the rest superseded', async () => {
    await started();
    const c = h.core.controller;
    // Graph holds the first request long enough (400 ms real) that the whole burst lands while it is in flight.
    await h.control.fault({ delayMs: 400, count: 1 });
    const keys = ['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away'] as const;
    const outcomes = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(c.set(keys[i % 5]!, { until: { kind: 'duration', iso: `PT${i + 1}M` }, source: 'hotkey' }));
      await new Promise((r) => setTimeout(r, 5));
    }
    const results = await Promise.all(outcomes);
    await h.quiet();
    expect(h.meter.maxGraphInFlight).toBe(1);
    expect(results.at(-1)).toEqual({ outcome: 'applied' });
    // The first was already on the wire; the 18 between were replaced before being sent; the last is applied.
    expect(results.map((r) => r.outcome)).toEqual(['applied', ...Array(18).fill('superseded'), 'applied']);
    const writes = await h.writes();
    expect(writes.map((w) => w.body)).toEqual([
      { availability: 'Available', activity: 'Available', expirationDuration: 'PT1M' },
      { availability: 'Away', activity: 'Away', expirationDuration: 'PT20M' },
    ]);
    await h.advance(POST_WRITE_READ_MS);
    expect(c.state().actual?.key).toBe('Away');
    expect(c.state().intent?.presence).toBe('Away');
  });

  it('status message with an end, then cleared with an empty message', async () => {
    await started();
    const c = h.core.controller;
    expect(await c.setStatusMessage('Deep work', { until: { kind: 'duration', iso: 'PT2H' }, source: 'window' })).toEqual({ outcome: 'applied' });
    expect(await c.clearStatusMessage({ source: 'window' })).toEqual({ outcome: 'applied' });
    await h.quiet();
    const writes = await h.writes();
    expect(writes.map((w) => w.action)).toEqual(['setStatusMessage', 'setStatusMessage']);
    expect(writes[0]?.body).toEqual({
      statusMessage: { message: { content: 'Deep work', contentType: 'text' }, expiryDateTime: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'UTC' } },
    });
    expect(writes[1]?.body).toEqual({ statusMessage: { message: { content: '', contentType: 'text' } } });
    expect(c.state().statusMessage).toBeNull();
  });

  it('a refused command (bad until) fails with an AppError naming the field, and sends nothing', async () => {
    await started();
    const out = await h.core.controller.set('Busy', { until: { kind: 'duration', iso: 'PT1Y' }, source: 'cli' });
    expect(out.outcome).toBe('failed');
    expect(out.error).toMatchObject({ code: 'invalid-until', field: 'until.iso' });
    expect(await h.writes()).toEqual([]);
  });

  it('onState publishes the state when it changes, never twice the same; unsubscribe stops it', async () => {
    await started();
    const c = h.core.controller;
    const seen: string[] = [];
    const off = c.onState((s) => seen.push(`${s.pending?.reason ?? '-'} ${s.summary}`));
    await c.set('BeRightBack', { until: { kind: 'duration', iso: 'PT15M' }, source: 'tray' });
    await h.quiet();
    off();
    await c.set('Away', { until: { kind: 'duration', iso: 'PT15M' }, source: 'tray' });
    await h.quiet();
    // Coalesced per event-loop turn: an "in-flight" state shows only if the request outlives the turn.
    expect(seen.at(-1)).toBe('- Be right back — set from the tray, until 08:15');
    expect(seen.every((line) => line.includes('Be right back'))).toBe(true);
    expect(new Set(seen).size).toBe(seen.length); // never the same state twice
  });

  it('clear without a schedule removes the preference once; Teams decides', async () => {
    await started();
    const c = h.core.controller;
    await c.set('Busy', { source: 'tray' });
    expect(await c.clear({ source: 'tray' })).toEqual({ outcome: 'applied' });
    expect(await c.clear({ source: 'tray' })).toEqual({ outcome: 'applied' });
    await h.advance(POST_WRITE_READ_MS);
    expect((await h.writes()).map((w) => w.action)).toEqual(['setUserPreferredPresence', 'clearUserPreferredPresence']);
    expect(c.state()).toMatchObject({ intent: { presence: null }, actual: { key: 'Available' }, summary: 'Teams decides — set from the tray, until you change it' });
  });

  it('a malformed saved intent is ignored, not fatal', async () => {
    const { memoryIntentStore } = await import('../../app/control/intent-store.ts');
    const store = memoryIntentStore({
      intent: { presence: 'Sleeping' as never, source: 'tray', since: 'x', until: { kind: 'forever' }, endsAt: null },
      statusMessage: { text: 'Back soon', until: 'not a date', source: 'tray' },
      pause: null,
    });
    await started({ store });
    expect(h.core.controller.state()).toMatchObject({ intent: null, statusMessage: null, inCharge: 'nobody' });
    expect(await h.writes()).toEqual([]);
  });
});
