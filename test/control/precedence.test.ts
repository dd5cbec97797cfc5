// Precedence over time (docs/architecture.md#precedence): the schedule, manual choices with their ends, pause, restarts, a change
// made in Teams, "until I change it" over days, and the app session — on one ManualClock shared with the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import { createLogger, memorySink } from '../../app/log/index.ts';
import { POST_WRITE_READ_MS, SETTLE_AFTER_WRITE_MS } from '../../app/control/plan.ts';
import { TEST_CLIENT_ID, startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness, HarnessOptions } from '../support/control-harness.ts';
import { testScheduler } from '../support/test-schedule.ts';
import { ManualClock } from '../support/manual-clock.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const open: ControlHarness[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function started(options: HarnessOptions = {}): Promise<ControlHarness> {
  const h = await startControlHarness(options);
  open.push(h);
  await h.core.start();
  await h.quiet();
  return h;
}

/** Another app (Teams) sets the user's preferred presence with its own token for the same user. */
async function setInTeams(h: ControlHarness, availability: string, activity: string): Promise<void> {
  const { access_token } = await h.control.mintToken({ userId: h.userId, scopes: ['Presence.ReadWrite'], clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' });
  const res = await fetch(`${h.emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ availability, activity }),
  });
  expect(res.status).toBe(200);
}

/** The app's own writes (the Teams write above carries another client id). */
async function appWrites(h: ControlHarness): Promise<Array<{ action: string; body: Record<string, unknown>; at: string }>> {
  const all = await h.graphRequests();
  return all
    .filter((r) => r.method === 'POST' && (r.headers.authorization ?? '').length > 0 && decodeAppId(r.headers.authorization ?? '') === TEST_CLIENT_ID)
    .map((r) => ({ action: r.path.split('/').pop() ?? '', body: (r.body ?? {}) as Record<string, unknown>, at: r.at }));
}
function decodeAppId(auth: string): string {
  const payload = auth.replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { appid?: string }).appid ?? '';
}
const pref = (availability: string, expirationDuration?: string) => ({
  action: 'setUserPreferredPresence',
  body: { availability, activity: availability === 'Offline' ? 'OffWork' : availability, ...(expirationDuration ? { expirationDuration } : {}) },
});

const MONDAY_8 = '2026-11-23T08:00:00Z';

describe('schedule and manual choices', () => {
  it('the schedule applies each stretch with the expiry that ends it; a manual set defaults to the next rule', async () => {
    const clock = new ManualClock(MONDAY_8);
    const h = await started({ clock, schedule: testScheduler(clock) });
    const c = h.core.controller;
    expect(c.state()).toMatchObject({ inCharge: 'schedule', summary: "Appear offline — rule 'After hours', until 09:00" });
    expect(await appWrites(h)).toEqual([expect.objectContaining(pref('Offline', 'PT1H'))]);
    c.notify({ type: 'lock' }); // no reads: only writes below
    await h.control.clearRequests();

    await h.advance(2 * H); // 10:00
    expect(c.state()).toMatchObject({ inCharge: 'schedule', summary: "Available — rule 'Work hours', until 12:00" });
    expect(await c.set('Busy', { source: 'hotkey' })).toEqual({ outcome: 'applied' });
    expect(c.state()).toMatchObject({ inCharge: 'manual', intent: { until: { kind: 'next-rule' }, endsAt: '2026-11-23T12:00:00.000Z' } });
    await h.advance(2 * H + 30 * MIN); // 12:30: lunch began at 12:00 and the manual choice ended with it
    expect(c.state()).toMatchObject({ inCharge: 'schedule', intent: null, statusMessage: { text: 'At lunch', source: 'schedule' } });
    const writes = await appWrites(h);
    expect(writes.map(({ action, body }) => ({ action, body }))).toEqual([
      pref('Available', 'PT3H'),
      pref('Busy', 'PT2H'),
      pref('Away', 'PT1H'),
      {
        action: 'setStatusMessage',
        body: { statusMessage: { message: { content: 'At lunch', contentType: 'text' }, expiryDateTime: { dateTime: '2026-11-23T13:00:00.0000000', timeZone: 'UTC' } } },
      },
    ]);
    expect(writes.map((w) => w.at.slice(11, 16))).toEqual(['09:00', '10:00', '12:00', '12:00']);
  });

  it('end-of-day holds across rule changes until local midnight, then the schedule takes over', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const h = await started({ clock, schedule: testScheduler(clock) });
    const c = h.core.controller;
    c.notify({ type: 'lock' });
    await h.control.clearRequests();
    expect(await c.set('DoNotDisturb', { until: { kind: 'end-of-day' }, source: 'tray' })).toEqual({ outcome: 'applied' });
    expect(c.state().summary).toBe('Do not disturb — set from the tray, until Tue 00:00');
    await h.advance(14 * H + MIN); // Tuesday 00:01
    const writes = (await appWrites(h)).filter((w) => w.action === 'setUserPreferredPresence');
    expect(writes.map(({ action, body }) => ({ action, body }))).toEqual([pref('DoNotDisturb', 'PT14H'), pref('Offline', 'PT9H')]);
    expect(writes.map((w) => w.at)).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-24T00:00:00.000Z']);
    expect(c.state()).toMatchObject({ inCharge: 'schedule', intent: null });
  });

  it('a pause stops scheduled changes until its end', async () => {
    const clock = new ManualClock('2026-11-23T11:00:00Z');
    const h = await started({ clock, schedule: testScheduler(clock) });
    const c = h.core.controller;
    c.notify({ type: 'lock' });
    await h.control.clearRequests();
    expect(await c.pauseSchedule({ until: { kind: 'at', instant: '2026-11-23T13:30:00Z' } })).toEqual({ outcome: 'applied' });
    expect(c.state()).toMatchObject({ pause: { until: '2026-11-23T13:30:00.000Z' }, inCharge: 'nobody' });
    await h.advance(2 * H); // 13:00: lunch came and went while paused
    expect(await appWrites(h)).toEqual([]);
    await h.advance(30 * MIN); // 13:30: the pause ends, work hours apply until 18:00
    expect((await appWrites(h)).map(({ action, body }) => ({ action, body }))).toEqual([pref('Available', 'PT4H30M')]);
    expect(c.state()).toMatchObject({ pause: null, inCharge: 'schedule' });
    expect(h.store.load().pause).toBeNull();
  });

  it('a restart in the middle of a timeboxed choice keeps it; start-up re-evaluation does not wipe it', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const store = memoryIntentStore();
    const first = await started({ clock, store, schedule: testScheduler(clock) });
    await first.core.controller.set('DoNotDisturb', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' });
    await first.core.controller.setStatusMessage('Deep work', { until: { kind: 'duration', iso: 'PT2H' }, source: 'tray' });
    await first.core.controller.pauseSchedule({ until: { kind: 'end-of-day' } });
    await first.quiet();
    expect(store.load().intent).toMatchObject({ presence: 'DoNotDisturb', endsAt: '2026-11-23T11:00:00.000Z' });
    await first.advance(20 * MIN);
    await first.core.dispose(); // quit
    await first.control.clearRequests();

    const second = await started({ store, schedule: testScheduler(clock), reuse: { emulator: first.emulator, clock, userId: first.userId } });
    const c = second.core.controller;
    expect(c.state()).toMatchObject({
      inCharge: 'manual',
      intent: { presence: 'DoNotDisturb', source: 'tray', endsAt: '2026-11-23T11:00:00.000Z' },
      actual: { key: 'DoNotDisturb' },
      summary: 'Do not disturb — set from the tray, until 11:00 (schedule paused until Tue 00:00)',
      statusMessage: { text: 'Deep work', until: '2026-11-23T12:00:00.000Z', source: 'tray' },
      pause: { until: '2026-11-24T00:00:00.000Z' },
    });
    // The preference is re-sent once with what is left of the hour (a read cannot tell its expiry), never the
    // schedule's choice; the status message is read back with its expiry, so it is not sent again.
    expect((await appWrites(second)).map(({ action, body }) => ({ action, body }))).toEqual([pref('DoNotDisturb', 'PT40M')]);
  });
});

describe('clear and resume with a schedule', () => {
  it('clear lets Teams decide until the next rule; resume hands back to the schedule at once', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const h = await started({ clock, schedule: testScheduler(clock) });
    const c = h.core.controller;
    c.notify({ type: 'lock' });
    await h.control.clearRequests();
    expect(await c.clear({ source: 'tray' })).toEqual({ outcome: 'applied' });
    expect(c.state()).toMatchObject({ inCharge: 'manual', intent: { presence: null, endsAt: '2026-11-23T12:00:00.000Z' } });
    await c.pauseSchedule();
    await h.advance(2 * H); // 12:00: the clear ended; the schedule is paused, so nothing is sent
    expect(c.state()).toMatchObject({ inCharge: 'nobody', pause: { until: null } });
    expect(await c.resumeSchedule()).toEqual({ outcome: 'applied' });
    expect(c.state()).toMatchObject({ inCharge: 'schedule', pause: null });
    expect((await appWrites(h)).map(({ action, body }) => ({ action, body }))).toEqual([
      { action: 'clearUserPreferredPresence', body: {} },
      pref('Away', 'PT1H'),
      {
        action: 'setStatusMessage',
        body: { statusMessage: { message: { content: 'At lunch', contentType: 'text' }, expiryDateTime: { dateTime: '2026-11-23T13:00:00.0000000', timeZone: 'UTC' } } },
      },
    ]);
  });
});

describe('quit', () => {
  it('quitting with a write pending sends nothing more, keeps the intent for the next start and says so in the log', async () => {
    const sink = memorySink();
    const h = await started({ start: MONDAY_8, log: createLogger({ sinks: [sink], level: 'debug' }) });
    const c = h.core.controller;
    await h.control.clearRequests();
    c.notify({ type: 'offline' });
    expect((await c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' })).outcome).toBe('queued');
    await h.core.dispose();
    expect(await h.graphRequests()).toEqual([]);
    expect(h.store.load().intent).toMatchObject({ presence: 'Busy', endsAt: '2026-11-23T09:00:00.000Z' });
    expect(sink.find('info', 'quitting with a write not yet sent')).toHaveLength(1);
    expect((await c.set('Away', { source: 'tray' })).outcome).toBe('failed');
  });
});

describe('never fight the user', () => {
  it('a change made in Teams is detected, shown and left alone until the next command', async () => {
    const h = await started({ start: MONDAY_8 });
    const c = h.core.controller;
    await c.set('Busy', { source: 'tray' }); // no schedule: until I change it
    await h.quiet();
    await setInTeams(h, 'Away', 'Away');
    // Right after our own write a different read may be Graph lagging: the read after the settling window confirms it.
    await h.advance(SETTLE_AFTER_WRITE_MS);
    expect(c.state()).toMatchObject({
      changedInTeams: true,
      inCharge: 'teams',
      difference: { reason: 'changed-in-teams' },
      summary: 'Away — changed in Teams',
      actual: { key: 'Away' },
    });
    await h.control.clearRequests();
    c.notify({ type: 'lock' });
    await h.advance(2 * DAY); // well past the re-assert time of the Busy preference
    expect(await appWrites(h)).toEqual([]);
    // The next command puts the app back in charge.
    expect(await c.set('Busy', { source: 'tray' })).toEqual({ outcome: 'applied' });
    expect(c.state()).toMatchObject({ changedInTeams: false, inCharge: 'manual' });
    expect((await appWrites(h)).map(({ action, body }) => ({ action, body }))).toEqual([pref('Busy')]);
  });

  it('with a schedule, the app takes charge again at the next scheduled change', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    // Read every minute (the default is five), so the change in Teams is seen within the minute below.
    const h = await started({ clock, schedule: testScheduler(clock), options: { readIntervalSeconds: 60 } });
    const c = h.core.controller;
    await setInTeams(h, 'DoNotDisturb', 'DoNotDisturb');
    await h.advance(SETTLE_AFTER_WRITE_MS);
    expect(c.state()).toMatchObject({ changedInTeams: true, inCharge: 'teams' });
    await h.control.clearRequests();
    c.notify({ type: 'lock' });
    await h.advance(2 * H); // 12:02
    expect(c.state()).toMatchObject({ changedInTeams: false, inCharge: 'schedule' });
    expect((await appWrites(h)).filter((w) => w.action === 'setUserPreferredPresence').map((w) => [w.at, w.body])).toEqual([
      ['2026-11-23T12:00:00.000Z', { availability: 'Away', activity: 'Away', expirationDuration: 'PT1H' }],
    ]);
  });

  it('explained differences are shown, not fought: no Teams session means Offline', async () => {
    const h = await started({ start: MONDAY_8, teamsSession: false });
    const c = h.core.controller;
    await c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' });
    await h.advance(POST_WRITE_READ_MS);
    expect(c.state()).toMatchObject({ changedInTeams: false, inCharge: 'manual', difference: { reason: 'no-session' }, actual: { availability: 'Offline' } });
  });
});

describe('over days', () => {
  it('"until I change it" is re-asserted before Graph\'s 1-day default drops it, across 8 days', async () => {
    const h = await started({ start: MONDAY_8 });
    const c = h.core.controller;
    c.notify({ type: 'lock' });
    await h.control.clearRequests();
    await c.set('Busy', { source: 'tray' });
    for (let day = 1; day <= 8; day++) {
      await h.advance(DAY);
      expect((await h.control.presence(h.userId)).availability).toBe('Busy');
    }
    const writes = await appWrites(h);
    expect(writes.every((w) => w.action === 'setUserPreferredPresence' && w.body.expirationDuration === undefined)).toBe(true);
    // Sent at 0 h, then every 23.5 h (30 minutes before the 1-day default): 9 writes in 8 days, never a gap of a day.
    expect(writes).toHaveLength(9);
    const gaps = writes.slice(1).map((w, i) => Date.parse(w.at) - Date.parse(writes[i]!.at));
    expect(gaps.every((g) => g === DAY - 30 * MIN)).toBe(true);
    c.notify({ type: 'unlock' });
    await h.quiet();
    expect(c.state()).toMatchObject({ actual: { key: 'Busy' }, changedInTeams: false, summary: 'Busy — set from the tray, until you change it' });
  });
});

describe('app session (opt-in)', () => {
  it('holds Available with keep-alives only while a preference is in force, and ends it after', async () => {
    const h = await started({ start: MONDAY_8, teamsSession: false, options: { appSession: true } });
    const c = h.core.controller;
    expect(await appWrites(h)).toEqual([]); // nothing held, nothing faked
    await c.set('Busy', { until: { kind: 'duration', iso: 'PT30M' }, source: 'tray' });
    await h.advance(POST_WRITE_READ_MS);
    expect(c.state()).toMatchObject({ appSession: true, actual: { key: 'Busy' }, difference: null });
    c.notify({ type: 'lock' });
    await h.advance(40 * MIN - POST_WRITE_READ_MS);
    const writes = await appWrites(h);
    expect(writes.map((w) => [w.at.slice(11, 16), w.action])).toEqual([
      ['08:00', 'setUserPreferredPresence'],
      ['08:00', 'setPresence'],
      ['08:04', 'setPresence'],
      ['08:08', 'setPresence'],
      ['08:12', 'setPresence'],
      ['08:16', 'setPresence'],
      ['08:20', 'setPresence'],
      ['08:24', 'setPresence'],
      ['08:28', 'setPresence'],
      ['08:30', 'clearPresence'],
    ]);
    expect(writes[1]!.body).toEqual({ sessionId: TEST_CLIENT_ID, availability: 'Available', activity: 'Available', expirationDuration: 'PT10M' });
    expect(writes.at(-1)!.body).toEqual({ sessionId: TEST_CLIENT_ID });
    expect(c.state().appSession).toBe(false);
    expect((await h.control.presence(h.userId)).availability).toBe('Offline');
  });

  it('ends the session when the option is turned off, and on quit', async () => {
    const h = await started({ start: MONDAY_8, teamsSession: false, options: { appSession: true } });
    const c = h.core.controller;
    await c.set('DoNotDisturb', { source: 'tray' });
    await h.quiet();
    c.configure({ appSession: false });
    await h.quiet();
    expect(c.state().appSession).toBe(false);
    c.configure({ appSession: true });
    await h.quiet();
    expect(c.state().appSession).toBe(true);
    await h.core.dispose();
    expect((await appWrites(h)).map((w) => w.action)).toEqual(['setUserPreferredPresence', 'setPresence', 'clearPresence', 'setPresence', 'clearPresence']);
  });
});
