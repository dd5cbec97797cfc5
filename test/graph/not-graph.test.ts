/**
 * Issue 15 defect 4: a 200 answer that is not Microsoft Graph's (a captive portal's sign-in page, a proxy's own
 * JSON, a redirect to a login page) must never count as a successful write or read. The client recognizes
 * Graph's answer (status, `request-id`, content type, body shape) and reports anything else as `not-graph`,
 * a retryable network fault; the controller keeps the intent, sends the write once Graph is reachable, and
 * never takes the portal's page for "changed in Teams".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../app/graph/graph-client.ts';
import { GraphError } from '../../app/graph/graph-errors.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';
import { startWorld } from './harness.ts';
import type { World } from './harness.ts';
import { startPortal } from './portal.ts';
import type { Portal } from './portal.ts';

const BUSY = { availability: 'Busy', activity: 'Busy' } as const;

let world: World;
let portal: Portal;
beforeAll(async () => {
  world = await startWorld();
  await world.control.addSession({ userId: world.userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
  portal = await startPortal({ upstream: world.emulator.url });
});
afterAll(async () => {
  await portal.close();
  await world.close();
});
beforeEach(async () => {
  portal.intercepting = true;
  portal.mode = 'page';
  portal.seen.length = 0;
  await world.control.clearFaults();
  await world.mark();
});

/** A client that goes through the portal, with one attempt (no waits on the manual clock). */
const throughPortal = () => createGraphClient({ baseUrl: portal.url, clock: world.clock, tokens: world.tokens, retry: { maxAttempts: 1 } });

async function failure(p: Promise<unknown>): Promise<GraphError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('the Graph client recognizes Graph', () => {
  for (const mode of ['page', 'json', 'redirect'] as const) {
    it(`a portal answering ${mode === 'redirect' ? 'with a redirect to its page' : `200 with its own ${mode === 'page' ? 'HTML page' : 'JSON'}`} is not-graph, for writes and reads`, async () => {
      portal.mode = mode;
      const client = throughPortal();
      for (const op of [() => client.setPreferredPresence(BUSY), () => client.getPresence(), () => client.setStatusMessage('In a meeting')]) {
        const e = await failure(op());
        expect(e).toMatchObject({ code: 'not-graph', retryable: true });
        expect(e.message).toMatch(/not Microsoft Graph|sign-in page|proxy/i);
      }
      // Nothing reached Graph.
      expect(await world.requests()).toEqual([]);
      // The bearer token never followed the redirect to the portal's page.
      expect(portal.seen.filter((r) => r.path.startsWith('/portal/') && r.authorized)).toEqual([]);
    });
  }

  it("a portal's own 404 page is not Graph's 404: ending the app session is not taken as already done", async () => {
    portal.mode = 'not-found-page';
    const e = await failure(throughPortal().clearSessionPresence('11111111-2222-4333-8444-555555555555'));
    expect(e).toMatchObject({ code: 'not-graph', status: 404, retryable: true });
  });

  it('through the same portal once the user is through, the same client works', async () => {
    portal.intercepting = false;
    const client = throughPortal();
    await client.setPreferredPresence(BUSY);
    expect((await client.getPresence()).availability).toBe('Busy');
  });

  it("the emulator's portal fault answers 200 text/html without Graph's headers; the client retries it like a dropped connection", async () => {
    await world.control.fault({ portal: true, count: 2 });
    const client = createGraphClient({ baseUrl: world.emulator.url, clock: world.clock, tokens: world.tokens, random: () => 0 });
    await client.setPreferredPresence(BUSY); // backoff with random 0: the retries need no clock time
    expect((await world.requests()).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await world.control.state(world.userId)).preference).toMatchObject({ availability: 'Busy' });
    const raw = await fetch(`${world.emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${await world.tokens.getAccessToken()}` } });
    expect(raw.headers.get('request-id')).not.toBeNull(); // Graph's own answer carries it; the portal's did not
  });

  it('Graph answers that merely look unusual still count: 204, 202 with an empty JSON object', async () => {
    const client = throughPortal();
    portal.intercepting = false;
    await world.control.fault({ pathContains: 'setUserPreferredPresence', status: 204, count: 1 });
    await world.control.fault({ pathContains: 'setUserPreferredPresence', status: 202, count: 1 });
    await client.setPreferredPresence(BUSY);
    await client.setPreferredPresence(BUSY);
    expect((await world.requests()).map((r) => r.status)).toEqual([204, 202]);
  });
});

describe('the controller behind a captive portal', () => {
  let h: ControlHarness;
  let gate: Portal;
  let emulator: RunningEmulator;
  afterEach(async () => {
    await h?.close();
    await gate?.close();
    await emulator?.close();
  });

  it('keeps the intent, never concludes "changed in Teams", and sends the write once through the portal', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    emulator = await startEmulator({ clock });
    const control = new EmulatorControl(emulator.url);
    const { id: userId } = await control.createUser({ displayName: 'Adele Vance', userPrincipalName: 'adele@contoso.example' });
    await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    gate = await startPortal({ upstream: emulator.url });
    gate.intercepting = false;
    h = await startRunningHarness({ reuse: { emulator, clock, userId }, options: { graphBaseUrl: gate.url, retry: { maxAttempts: 1 } } });
    expect(h.core.controller.state().actual?.key).toBe('Available');
    await h.control.clearRequests();

    gate.intercepting = true;
    const out = await h.core.controller.set('Busy', { source: 'tray' });
    expect(out.outcome).toBe('queued');
    expect(out.error?.code).toBe('not-graph');
    await h.advance(60_000); // reads in the meantime also meet the portal
    expect(h.core.controller.state()).toMatchObject({ intent: { presence: 'Busy' }, pending: { reason: 'offline' }, changedInTeams: false });
    expect(await h.graphRequests()).toEqual([]);

    gate.intercepting = false; // the user accepted the portal's terms
    await h.advance(10 * 60_000);
    const writes = await h.writes();
    expect(writes.filter((w) => w.action === 'setUserPreferredPresence').map((w) => [w.body.availability, w.status])).toEqual([['Busy', 200]]);
    expect(h.core.controller.state()).toMatchObject({ changedInTeams: false, inCharge: 'manual', pending: null, actual: { key: 'Busy' } });
    expect((await h.control.presence(h.userId)).availability).toBe('Busy');
  });
});
