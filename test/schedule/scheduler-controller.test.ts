/**
 * The Scheduler inside createCore with the real PresenceController and the Graph emulator over HTTP, all on
 * one ManualClock: what actually reaches Graph at boundaries, after sleep, with manual choices, a pause, a
 * wall-clock jump, a zone change and a settings change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.ts';
import type { Core } from '../../app/core.ts';
import type { Schedule } from '../../app/schedule/index.ts';
import { WORK_WEEK_SCHEDULE as DEFAULT_SCHEDULE } from '../support/work-week-schedule.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { countingPlanner } from '../support/counting-planner.ts';
import type { CountingPlanner } from '../support/counting-planner.ts';
import { EmulatorTokenSource } from '../support/emulator-token-source.ts';
import { ManualClock } from '../support/manual-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const WORK_WEEK: Schedule = { ...DEFAULT_SCHEDULE, enabled: true };

interface World {
  clock: ManualClock;
  emulator: RunningEmulator;
  control: EmulatorControl;
  userId: string;
  core: Core;
  planner: CountingPlanner;
  /** The machine's zone as the test sets it, and how often the app read it. */
  zone: { value: string; reads: number };
  /** Graph writes since the start, as `Busy PT30M` / `clear` / `status "At lunch"`. */
  writes(): Promise<string[]>;
  /** The preference Graph holds now: `Available until 2026-11-23T11:00:00.000Z`, or `none`. */
  preference(): Promise<string>;
  /** Move time and let every resulting request finish. */
  advance(ms: number): Promise<void>;
}

let world: World | null = null;

async function setup(start: string, schedule: Schedule = WORK_WEEK): Promise<World> {
  const clock = new ManualClock(start);
  const emulator = await startEmulator({ clock });
  const control = new EmulatorControl(emulator.url);
  const { id: userId } = await control.createUser({ displayName: 'Ada', userPrincipalName: 'ada@contoso.example' });
  // A signed-in Teams client, so a preference is visible (docs/graph.md#visible-presence).
  await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
  const tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: CLIENT_ID });
  const planner = countingPlanner(clock);
  const zone = { value: 'Europe/Berlin', reads: 0 };
  const core = createCore({
    tokens,
    clock,
    // Graph's timeout runs on the manual clock; a long one keeps it from firing while time is moved by hand.
    options: { clientId: CLIENT_ID, graphBaseUrl: emulator.url, readIntervalSeconds: 6 * 3600, graphTimeoutMs: 48 * 3600_000 },
    scheduleSettings: schedule,
    schedulePlanner: planner,
    systemZone: () => {
      zone.reads++;
      return zone.value;
    },
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await core.controller.idle();
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const w: World = {
    clock,
    emulator,
    control,
    userId,
    core,
    planner,
    zone,
    async writes() {
      const requests = await control.requests({ kind: 'graph' });
      return requests
        .filter((r) => r.method === 'POST' && r.status !== undefined && r.status < 300) // not the 401 of an expired token
        .map((r) => {
          const body = r.body as { availability?: string; expirationDuration?: string; statusMessage?: { message: { content: string } } };
          if (r.path.endsWith('/setUserPreferredPresence')) return `${body.availability} ${body.expirationDuration ?? 'forever'}`;
          if (r.path.endsWith('/clearUserPreferredPresence')) return 'clear';
          if (r.path.endsWith('/setStatusMessage')) return `status "${body.statusMessage?.message.content ?? ''}"`;
          return r.path;
        });
    },
    async preference() {
      const state = (await control.state(userId)) as { preference: { availability: string; expiresAt: string } | null };
      return state.preference ? `${state.preference.availability} until ${state.preference.expiresAt}` : 'none';
    },
    async advance(ms) {
      // In steps, waiting for Graph between them, so requests finish near the virtual time they were sent.
      let left = ms;
      do {
        const step = Math.min(left, 10 * MIN);
        await clock.advance(step);
        await settle();
        left -= step;
      } while (left > 0);
    },
  };
  world = w;
  await core.start();
  await settle();
  return w;
}

afterEach(async () => {
  if (!world) return;
  await world.core.dispose();
  await world.emulator.close();
  world = null;
});

describe('Scheduler + PresenceController + emulator', () => {
  it('applies each boundary through the controller with an expiry at the rule end', async () => {
    const w = await setup('2026-11-23T07:30:00Z'); // Mon 08:30 Berlin
    expect(await w.preference()).toBe('Offline until 2026-11-23T08:00:00.000Z');
    await w.advance(4 * HOUR); // through 09:00 and 12:00 (lunch, with its status message)
    expect(await w.writes()).toEqual(['Offline PT30M', 'Available PT3H', 'Away PT1H', 'status "At lunch"']);
    expect(await w.preference()).toBe('Away until 2026-11-23T12:00:00.000Z');
    const message = (await w.control.presence(w.userId)).statusMessage;
    expect(message?.message.content).toBe('At lunch');
    expect(w.core.controller.state()).toMatchObject({ inCharge: 'schedule', scheduled: { ruleId: 'lunch', presence: 'Away' } });
    expect(w.planner.pending()).toBe(1);
  });

  it('a laptop asleep from Friday 17:00 to Monday 10:00: resume applies Monday work hours at once', async () => {
    const w = await setup('2026-11-20T16:00:00Z'); // Fri 17:00 Berlin
    expect(await w.preference()).toBe('Available until 2026-11-20T17:00:00.000Z');
    w.core.notify({ type: 'suspend' });
    w.clock.jumpWall(65 * HOUR); // asleep: wall time moves, monotonic time and timers do not
    w.core.notify({ type: 'resume' });
    await w.advance(0);
    expect(w.clock.now()).toBe(Date.parse('2026-11-23T09:00:00Z'));
    // Friday's 18:00 boundary was slept through; Monday 10:00 is work hours until lunch at 12:00.
    expect(await w.writes()).toEqual(['Available PT1H', 'Available PT2H']);
    expect(await w.preference()).toBe('Available until 2026-11-23T11:00:00.000Z');
    expect(w.core.scheduler?.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(w.planner.pending()).toBe(1);
  });

  it('manual Busy at 17:30 holds until the 18:00 boundary, where the schedule takes charge again', async () => {
    const w = await setup('2026-11-23T16:00:00Z'); // Mon 17:00 Berlin
    await w.advance(30 * MIN);
    const outcome = await w.core.controller.set('Busy', { source: 'tray' }); // no until: next-rule
    expect(outcome.outcome).toBe('applied');
    expect(w.core.controller.state().inCharge).toBe('manual');
    await w.advance(31 * MIN);
    expect(await w.writes()).toEqual(['Available PT1H', 'Busy PT30M', 'Offline PT15H']);
    expect(await w.preference()).toBe('Offline until 2026-11-24T08:00:00.000Z');
    expect(w.core.controller.state().inCharge).toBe('schedule');
  });

  it('manual Busy for an hour from 17:30 outlasts the 18:00 boundary; the schedule applies at 18:30', async () => {
    const w = await setup('2026-11-23T16:00:00Z');
    await w.advance(30 * MIN);
    await w.core.controller.set('Busy', { source: 'tray', until: { kind: 'duration', iso: 'PT1H' } });
    await w.advance(31 * MIN); // 18:01: the boundary passed, the manual choice holds
    expect(await w.preference()).toBe('Busy until 2026-11-23T17:30:00.000Z');
    await w.advance(30 * MIN); // 18:31
    expect(await w.writes()).toEqual(['Available PT1H', 'Busy PT1H', 'Offline PT14H30M']);
    expect(await w.preference()).toBe('Offline until 2026-11-24T08:00:00.000Z');
  });

  it('pause until a time: no scheduled change before it ends, then the schedule applies', async () => {
    const w = await setup('2026-11-23T07:30:00Z'); // Mon 08:30, after hours
    await w.core.controller.pauseSchedule({ until: { kind: 'at', instant: '2026-11-23T09:00:00Z' } }); // until 10:00
    await w.advance(60 * MIN); // 09:30: the 09:00 boundary passes while paused
    expect(await w.writes()).toEqual(['Offline PT30M']);
    expect(w.core.controller.state().pause).toEqual({ until: '2026-11-23T09:00:00.000Z' });
    await w.advance(31 * MIN); // 10:01
    expect(await w.writes()).toEqual(['Offline PT30M', 'Available PT2H']);
    expect(w.core.controller.state().pause).toBeNull();
  });

  it('a wall-clock jump of +3 h is detected by the Scheduler and the state applied', async () => {
    const w = await setup('2026-11-23T08:30:00Z'); // Mon 09:30 Berlin, work hours
    // Screen locked: no presence reads, so the only thing that can notice the jump is the Scheduler's own check.
    w.core.notify({ type: 'lock' });
    w.clock.jumpWall(3 * HOUR); // 12:30: lunch; every timer still waits on monotonic time
    await w.advance(30_000);
    expect(await w.writes()).toEqual(['Available PT2H30M', 'Away PT29M30S', 'status "At lunch"']);
    expect(await w.preference()).toBe('Away until 2026-11-23T12:00:00.000Z');
    expect(w.core.scheduler?.plannedAt()?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('a time-zone change from Europe/Berlin to America/New_York mid-day re-plans in the new zone', async () => {
    const w = await setup('2026-11-23T13:30:00Z'); // 14:30 Berlin, 08:30 New York
    expect(await w.preference()).toBe('Available until 2026-11-23T17:00:00.000Z');
    w.zone.value = 'America/New_York';
    await w.advance(30_000);
    expect(await w.preference()).toBe('Offline until 2026-11-23T14:00:00.000Z');
    expect(w.core.scheduler?.plannedAt()?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    await w.advance(30 * MIN); // 09:00 New York
    expect(await w.preference()).toBe('Available until 2026-11-23T17:00:00.000Z'); // 12:00 New York, lunch
    expect(w.planner.pending()).toBe(1);
  });

  it('commands use the zone of the last check: no zone read (an Intl formatter each) per published state', async () => {
    const w = await setup('2026-11-23T09:00:00Z');
    const before = w.zone.reads;
    for (let i = 0; i < 10; i++) await w.core.controller.set(i % 2 === 0 ? 'Busy' : 'Away', { source: 'tray', until: { kind: 'duration', iso: 'PT1H' } });
    await w.core.controller.idle();
    expect(w.zone.reads - before).toBe(0);
    await w.advance(30_000); // the periodic check reads it once
    expect(w.zone.reads - before).toBe(1);
  });

  it('a settings change mid-day re-plans the job (exactly one pending) and applies at once', async () => {
    const w = await setup('2026-11-23T09:00:00Z'); // Mon 10:00 Berlin
    expect(w.core.scheduler?.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    const focus: Schedule = {
      ...WORK_WEEK,
      rules: [{ id: 'focus', name: 'Focus', days: ['mon'], start: '10:00', end: '11:30', presence: 'DoNotDisturb' }, ...WORK_WEEK.rules],
    };
    w.core.scheduler?.update(focus);
    await w.advance(0);
    expect(w.planner.pending()).toBe(1);
    expect(w.core.scheduler?.plannedAt()?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(await w.preference()).toBe('DoNotDisturb until 2026-11-23T10:30:00.000Z');
    await w.advance(91 * MIN); // 11:31
    expect(await w.preference()).toBe('Available until 2026-11-23T11:00:00.000Z');
    expect(w.planner.pending()).toBe(1);
  });
});
