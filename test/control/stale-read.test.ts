// A read right after our own write may still show the presence from before it (nothing documents that such a
// read is current, and Teams clients take minutes to catch up). The emulator's propagation delay plays that:
// reads return the previous presence for a while after a write. Only a difference that a read after the
// settling window confirms counts as a change made in Teams.
import { afterEach, describe, expect, it } from 'vitest';
import { POST_WRITE_READ_MS, SETTLE_AFTER_WRITE_MS } from '../../app/control/plan.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const S = 1000;
const HOUR = 3600 * S;
let h: ControlHarness;
afterEach(async () => h?.close());

async function started(propagationDelayMs: number): Promise<ControlHarness> {
  h = await startControlHarness();
  await h.control.settings({ propagationDelayMs });
  await h.core.start();
  await h.quiet();
  return h;
}

/** Another app (Teams) sets the user's preferred presence with its own token. */
async function setInTeams(availability: string): Promise<void> {
  const { access_token } = await h.control.mintToken({ userId: h.userId, scopes: ['Presence.ReadWrite'], clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' });
  const res = await fetch(`${h.emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ availability, activity: availability }),
  });
  expect(res.status).toBe(200);
}

const busyWrites = async (): Promise<number> => (await h.writes()).filter((w) => w.action === 'setUserPreferredPresence' && w.body.availability === 'Busy').length;

describe('a stale read after our own write', () => {
  it('does not end "until I change it": the app keeps re-asserting Busy past Graph\'s 1-day default', async () => {
    await started(20 * S);
    const c = h.core.controller;
    expect(await c.set('Busy', { source: 'tray', until: { kind: 'forever' } })).toEqual({ outcome: 'applied' });
    await h.advance(POST_WRITE_READ_MS);
    // The read 2 s after the write still shows the Teams client's Available.
    expect(c.state()).toMatchObject({ actual: { key: 'Available' }, changedInTeams: false, difference: { reason: 'settling' } });
    await h.advance(SETTLE_AFTER_WRITE_MS);
    expect(c.state()).toMatchObject({ actual: { key: 'Busy' }, changedInTeams: false, difference: null, inCharge: 'manual' });
    // Busy lasts a day in Graph without an expiry: the app sends it again before then.
    await h.advance(24 * HOUR);
    expect(await busyWrites()).toBe(2);
    expect(c.state()).toMatchObject({ changedInTeams: false, actual: { key: 'Busy' } });
  });

  it('still notices a real change made in Teams, once a read after the settling window confirms it', async () => {
    await started(0);
    const c = h.core.controller;
    await c.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    await setInTeams('Away');
    await h.advance(POST_WRITE_READ_MS);
    expect(c.state()).toMatchObject({ actual: { key: 'Away' }, changedInTeams: false, difference: { reason: 'settling' } });
    await h.advance(SETTLE_AFTER_WRITE_MS);
    expect(c.state()).toMatchObject({ actual: { key: 'Away' }, changedInTeams: true, difference: { reason: 'changed-in-teams' } });
    // Left alone from then on: no Busy is sent again, even past Graph's 1-day default.
    await h.advance(25 * HOUR);
    expect(await busyWrites()).toBe(1);
  });

  it('a change made in Teams long after our write is judged at the next read, as before', async () => {
    await started(0);
    const c = h.core.controller;
    await c.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    await h.advance(10 * 60 * S);
    await setInTeams('Away');
    await h.advance(60 * S);
    expect(c.state()).toMatchObject({ actual: { key: 'Away' }, changedInTeams: true });
  });
});
