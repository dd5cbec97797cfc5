// Honest schedules (issue 13): the shipped schedule lets Teams decide in work hours, so meetings show; its
// Offline writes carry the expiry that ends them at 09:00, so the morning needs no write. And a meeting read
// while our preference should hold means the preference was reset in Teams (Graph puts a preference above
// every session state), not "a meeting Teams shows until it ends".
import { afterEach, describe, expect, it } from 'vitest';
import { SETTLE_AFTER_WRITE_MS } from '../../app/control/plan.ts';
import { DEFAULT_SCHEDULE } from '../../app/schedule/index.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { testScheduler } from '../support/test-schedule.ts';

const MIN = 60_000;
const H = 60 * MIN;
const open: ControlHarness[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function started(clock: ManualClock, withSchedule: boolean): Promise<ControlHarness> {
  const schedule = withSchedule ? testScheduler(clock, { ...DEFAULT_SCHEDULE, enabled: true, timeZone: 'UTC' }) : null;
  const h = await startControlHarness({ clock, schedule });
  open.push(h);
  await h.core.start();
  await h.quiet();
  return h;
}

const prefWrites = async (h: ControlHarness) =>
  (await h.writes()).filter((w) => w.action === 'setUserPreferredPresence' || w.action === 'clearUserPreferredPresence');

describe('the shipped schedule', () => {
  it('writes nothing in work hours, Away for the lunch hour, Offline at 18:00 until 09:00, and nothing in the morning', async () => {
    const clock = new ManualClock('2026-11-24T08:00:00Z'); // Tuesday 08:00, after hours
    const h = await started(clock, true);
    await h.advance(26 * H); // to Wednesday 10:00
    const writes = await prefWrites(h);
    expect(writes.map((w) => [w.at.slice(11, 16), w.action, w.body.availability, w.body.expirationDuration])).toEqual([
      ['08:00', 'setUserPreferredPresence', 'Offline', 'PT1H'],
      ['12:00', 'setUserPreferredPresence', 'Away', 'PT1H'],
      ['18:00', 'setUserPreferredPresence', 'Offline', 'PT15H'],
    ]);
    // Graph ended the Offline preference by itself at 09:00: Teams' own presence shows.
    expect((await h.control.state(h.userId)).presence).toMatchObject({ availability: 'Available' });
  });
});

describe('a meeting and our preference', () => {
  it('while our preference holds Graph shows it over a meeting; a meeting read means it was reset in Teams', async () => {
    const h = await started(new ManualClock('2026-11-23T10:00:00Z'), false);
    await h.core.controller.set('Available', { source: 'tray', until: { kind: 'forever' } });
    await h.control.addSession({ userId: h.userId, sessionId: 'teams-desktop', availability: 'Busy', activity: 'InAMeeting' });
    await h.core.controller.refresh();
    await h.quiet();
    expect(h.core.controller.state().actual).toMatchObject({ availability: 'Available' });
    expect(h.core.controller.state().difference).toBeNull();
    // Past the settling window after our write, a read that differs is judged (not taken for Graph lagging).
    await h.advance(SETTLE_AFTER_WRITE_MS);
    // The user presses "Reset status" in Teams: the meeting shows, and the app leaves it alone.
    const { access_token } = await h.control.mintToken({ userId: h.userId, scopes: ['Presence.ReadWrite'], clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' });
    const res = await fetch(`${h.emulator.url}/v1.0/me/presence/clearUserPreferredPresence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const before = (await prefWrites(h)).length;
    await h.core.controller.refresh();
    await h.quiet();
    const state = h.core.controller.state();
    expect(state.actual).toMatchObject({ availability: 'Busy', activity: 'InAMeeting' });
    expect(state.changedInTeams).toBe(true);
    expect(state.difference?.reason).toBe('meeting');
    expect(state.difference?.explanation).toMatch(/reset in Teams/);
    await h.advance(10 * MIN);
    expect((await prefWrites(h)).length).toBe(before);
  });
});
