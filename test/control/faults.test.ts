// The fault matrix through the controller (real HTTP, emulator faults, one ManualClock for everyone):
// each case checks what the user sees and exactly which requests Graph received, and when.
import { afterEach, describe, expect, it } from 'vitest';
import { startRunningHarness, trackOutcome } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';
import { POST_WRITE_READ_MS as READ_BACK_MS } from '../../app/control/plan.ts';

const S = 1000;
const MIN = 60 * S;
const ONE_HOUR = { kind: 'duration', iso: 'PT1H' } as const;
let h: ControlHarness;
afterEach(async () => h?.close());

async function started(): Promise<ControlHarness> {
  h = await startRunningHarness();
  await h.control.clearRequests();
  return h;
}

const setPresenceWrites = async (): Promise<Array<{ at: string; status?: number; auth: string }>> =>
  (await h.graphRequests())
    .filter((r) => r.path.endsWith('/setUserPreferredPresence'))
    .map((r) => ({ at: r.at, ...(r.status !== undefined ? { status: r.status } : {}), auth: r.headers.authorization ?? '' }));

describe('throttling', () => {
  it('429 with Retry-After: the client waits it out; no request before it elapses', async () => {
    await started();
    await h.control.fault({ status: 429, retryAfterSeconds: 30, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(29 * S);
    expect(await setPresenceWrites()).toHaveLength(1);
    expect(t.outcome).toBeNull();
    expect(h.core.controller.state().pending?.reason).toBe('in-flight');
    await h.advance(1 * S);
    const writes = await setPresenceWrites();
    expect(writes.map((w) => w.status)).toEqual([429, 200]);
    expect(Date.parse(writes[1]!.at) - Date.parse(writes[0]!.at)).toBe(30 * S);
    expect(t.outcome).toEqual({ outcome: 'applied' });
    await h.advance(READ_BACK_MS);
    expect(h.core.controller.state()).toMatchObject({ pending: null, lastError: null, actual: { key: 'Busy' } });
  });

  it('429 asking for longer than the client will wait: queued as throttled, retried by the controller exactly then', async () => {
    await started();
    await h.control.fault({ status: 429, retryAfterSeconds: 120, pathContains: 'setUserPreferredPresence' });
    const out = await h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' });
    expect(out.outcome).toBe('queued');
    expect(out.error?.code).toBe('throttled');
    expect(h.core.controller.state()).toMatchObject({ pending: { reason: 'throttled' }, lastError: { code: 'throttled' }, intent: { presence: 'Busy' } });
    // An unlock or network event does not shorten Retry-After.
    h.core.controller.notify({ type: 'unlock' });
    await h.advance(119 * S);
    // Nothing at all (no write, no read) goes to Graph before Retry-After elapses.
    expect((await h.graphRequests()).map((r) => r.status)).toEqual([429]);
    await h.advance(1 * S);
    const writes = await setPresenceWrites();
    expect(writes.map((w) => w.status)).toEqual([429, 200]);
    expect(Date.parse(writes[1]!.at) - Date.parse(writes[0]!.at)).toBe(120 * S);
    await h.advance(READ_BACK_MS);
    expect(h.core.controller.state()).toMatchObject({ pending: null, lastError: null, actual: { key: 'Busy' } });
  });
});

describe('server errors and broken connections', () => {
  it('503 with Retry-After waits that long', async () => {
    await started();
    await h.control.fault({ status: 503, retryAfterSeconds: 5, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Away', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(4 * S);
    expect(await setPresenceWrites()).toHaveLength(1);
    await h.advance(1 * S);
    const writes = await setPresenceWrites();
    expect(writes.map((w) => w.status)).toEqual([503, 200]);
    expect(Date.parse(writes[1]!.at) - Date.parse(writes[0]!.at)).toBe(5 * S);
    expect(t.outcome).toEqual({ outcome: 'applied' });
  });

  it('503 without Retry-After backs off (under a second) and succeeds', async () => {
    await started();
    await h.control.fault({ status: 503, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Away', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(1 * S);
    const writes = await setPresenceWrites();
    expect(writes.map((w) => w.status)).toEqual([503, 200]);
    expect(Date.parse(writes[1]!.at) - Date.parse(writes[0]!.at)).toBeLessThan(S);
    expect(t.outcome).toEqual({ outcome: 'applied' });
  });

  it('500 then success', async () => {
    await started();
    await h.control.fault({ status: 500, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('BeRightBack', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(1 * S);
    expect((await setPresenceWrites()).map((w) => w.status)).toEqual([500, 200]);
    expect(t.outcome).toEqual({ outcome: 'applied' });
    await h.advance(READ_BACK_MS);
    expect(h.core.controller.state()).toMatchObject({ lastError: null, actual: { key: 'BeRightBack' } });
  });

  it('a dropped connection is retried', async () => {
    await started();
    await h.control.fault({ status: 0, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(1 * S);
    expect((await setPresenceWrites()).map((w) => w.status)).toEqual([0, 200]);
    expect(t.outcome).toEqual({ outcome: 'applied' });
  });

  it('a slow response past the timeout is abandoned and retried', async () => {
    await started();
    await h.control.fault({ delayMs: 600, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' }));
    while (h.meter.graphInFlight === 0) await new Promise((r) => setTimeout(r, 1));
    // Ten seconds pass on the shared clock while Graph sits on the request: the client gives up on it.
    await h.clock.advance(10 * S);
    await h.advance(1 * S);
    // The app gave up on the held request (the emulator never got to answer it) and sent it again.
    expect(h.meter.graphCalls.filter((c) => c.action === 'setUserPreferredPresence').map((c) => c.result)).toEqual(['aborted', 200]);
    const writes = await setPresenceWrites();
    expect(writes.at(-1)?.status).toBe(200);
    // The retry went out only after the 10 s timeout on the shared clock.
    expect(Date.parse(writes.at(-1)!.at) - Date.parse('2026-11-23T08:00:00Z')).toBeGreaterThanOrEqual(10 * S);
    expect(t.outcome).toEqual({ outcome: 'applied' });
    await h.advance(READ_BACK_MS);
    expect(h.core.controller.state()).toMatchObject({ lastError: null, actual: { key: 'Busy' } });
  });

  it('Graph down for longer than the client retries: queued, then the controller retries and applies it', async () => {
    await started();
    await h.control.fault({ status: 503, count: 5, pathContains: 'setUserPreferredPresence' });
    const t = trackOutcome(h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' }));
    await h.quiet();
    await h.advance(10 * S);
    expect(t.outcome).toMatchObject({ outcome: 'queued', error: { code: 'unavailable' } });
    expect(h.core.controller.state()).toMatchObject({ pending: { reason: 'retrying' }, intent: { presence: 'Busy' } });
    expect(await setPresenceWrites()).toHaveLength(5);
    await h.advance(30 * S);
    expect((await setPresenceWrites()).map((w) => w.status)).toEqual([503, 503, 503, 503, 503, 200]);
    expect(h.core.controller.state()).toMatchObject({ pending: null, lastError: null, actual: { key: 'Busy' } });
  });
});

describe('sign-in', () => {
  it('401 then a refreshed token: retried once with the new token', async () => {
    await started();
    await h.control.fault({ status: 401, pathContains: 'setUserPreferredPresence' });
    const minted = h.tokens.minted;
    expect(await h.core.controller.set('Busy', { until: ONE_HOUR, source: 'tray' })).toEqual({ outcome: 'applied' });
    const writes = await setPresenceWrites();
    expect(writes.map((w) => w.status)).toEqual([401, 200]);
    expect(writes[0]!.auth).not.toBe(writes[1]!.auth);
    expect(h.tokens.minted).toBe(minted + 1);
  });

  it('refresh refused: the intent is kept, the user is asked to sign in again, and it is applied after', async () => {
    await started();
    h.tokens.refuseRefresh();
    await h.control.fault({ status: 401, pathContains: 'setUserPreferredPresence' });
    const out = await h.core.controller.set('DoNotDisturb', { until: ONE_HOUR, source: 'tray' });
    expect(out).toMatchObject({ outcome: 'queued', error: { code: 'sign-in-required' } });
    expect(h.core.controller.state()).toMatchObject({
      auth: { status: 'expired' },
      pending: { reason: 'signed-out' },
      lastError: { code: 'sign-in-required' },
      intent: { presence: 'DoNotDisturb' },
    });
    await h.advance(5 * MIN);
    expect(await h.graphRequests()).toHaveLength(1); // nothing more: no writes, no reads while signed out
    h.tokens.signInAgain();
    await h.quiet();
    expect((await setPresenceWrites()).map((w) => w.status)).toEqual([401, 200]);
    const body = (await h.graphRequests()).find((r) => r.status === 200 && r.path.endsWith('setUserPreferredPresence'))?.body;
    expect(body).toEqual({ availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT55M' });
    expect(h.core.controller.state()).toMatchObject({ auth: { status: 'signed-in' }, pending: null, lastError: null, actual: { key: 'DoNotDisturb' } });
  });
});

describe('network', () => {
  it('offline then online: queued without a request, applied when the network is back', async () => {
    await started();
    const c = h.core.controller;
    c.notify({ type: 'offline' });
    const out = await c.set('Busy', { until: ONE_HOUR, source: 'tray' });
    expect(out).toMatchObject({ outcome: 'queued', error: { code: 'network-down' } });
    expect(c.state()).toMatchObject({ network: 'offline', pending: { reason: 'offline' }, intent: { presence: 'Busy' } });
    await h.advance(10 * MIN);
    expect(await h.graphRequests()).toEqual([]); // no writes and no reads while offline
    c.notify({ type: 'online' });
    await h.quiet();
    const requests = await h.graphRequests();
    expect(requests.map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual(['POST setUserPreferredPresence', 'GET presence']);
    expect(requests[0]!.body).toEqual({ availability: 'Busy', activity: 'Busy', expirationDuration: 'PT50M' });
    expect(c.state()).toMatchObject({ network: 'online', pending: null, actual: { key: 'Busy' } });
  });
});
