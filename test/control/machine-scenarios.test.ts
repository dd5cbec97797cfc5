// The rules that follow the machine against the emulator over real HTTP, on one ManualClock shared with it:
// lock, unlock, idle, activity, a schedule boundary while locked, and a crash while locked (Graph's lease ends).
import { afterEach, describe, expect, it } from 'vitest';
import { MACHINE_LEASE_MS, MACHINE_RENEW_BEFORE_MS } from '../../app/control/machine.ts';
import type { MachineRules } from '../../app/control/machine.ts';
import { IDLE_SAMPLE_MS } from '../../app/control/idle-watch.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness, HarnessOptions } from '../support/control-harness.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { runQuitSteps } from '../../app/desktop/quit.ts';
import { shutdownSteps } from '../../app/desktop/quit-plan.ts';
import { testScheduler } from '../support/test-schedule.ts';

const MIN = 60_000;
const H = 60 * MIN;
const open: ControlHarness[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

const RULES: MachineRules = {
  lock: { enabled: true, presence: 'BeRightBack' },
  idle: { enabled: true, minutes: 10, presence: 'Away' },
  sleep: { enabled: false, presence: null },
};

async function started(options: HarnessOptions & { rules?: MachineRules } = {}): Promise<ControlHarness> {
  const h = await startControlHarness({ ...options, options: { ...options.options, machineRules: options.rules ?? RULES } });
  open.push(h);
  await h.core.start();
  await h.quiet();
  return h;
}

/** The app's preference writes since `from` (an index into all writes), as `HH:MM availability duration`. */
async function prefs(h: ControlHarness, from = 0): Promise<string[]> {
  return (await h.writes())
    .slice(from)
    .filter((w) => w.action === 'setUserPreferredPresence' || w.action === 'clearUserPreferredPresence')
    .map((w) => `${w.at.slice(11, 16)} ${w.action === 'clearUserPreferredPresence' ? 'clear' : String(w.body.availability)} ${String(w.body.expirationDuration ?? '-')}`);
}
const lock = (h: ControlHarness) => h.core.notify({ type: 'lock' });
const unlock = (h: ControlHarness) => h.core.notify({ type: 'unlock' });

describe('screen locked', () => {
  it('lock at 12:00 → BRB within one tick on a lease; unlock → back to the manual Busy that still runs', async () => {
    const h = await started({ start: '2026-11-23T11:00:00Z' });
    await h.core.controller.set('Busy', { source: 'tray', until: { kind: 'duration', iso: 'PT3H' } });
    await h.advance(H);
    lock(h);
    await h.quiet();
    expect(h.core.controller.state()).toMatchObject({ inCharge: 'machine', machine: { rule: 'lock', presence: 'BeRightBack' } });
    expect((await h.control.presence(h.userId)).availability).toBe('BeRightBack');
    const reads = (await h.graphRequests()).filter((r) => r.method === 'GET').length;
    await h.advance(20 * MIN);
    expect((await h.graphRequests()).filter((r) => r.method === 'GET').length).toBe(reads); // no reads while locked
    unlock(h);
    await h.advance(5_000);
    expect(await prefs(h)).toEqual(['11:00 Busy PT3H', '12:00 BeRightBack PT1H', '12:20 Busy PT1H40M']);
    expect((await h.control.presence(h.userId)).availability).toBe('Busy');
    expect(h.core.controller.state().inCharge).toBe('manual');
  });

  it('renews the lease while the lock lasts: one write per renewal, nothing else', async () => {
    const h = await started({ start: '2026-11-23T12:00:00Z' });
    lock(h);
    await h.advance(3 * H - MIN);
    const period = (MACHINE_LEASE_MS - MACHINE_RENEW_BEFORE_MS) / MIN;
    expect(await prefs(h)).toEqual([0, 1, 2, 3].map((i) => `${String(12 + Math.floor((i * period) / 60)).padStart(2, '0')}:${String((i * period) % 60).padStart(2, '0')} BeRightBack PT1H`));
  });

  it('locked across a schedule boundary: on unlock the new rule holds', async () => {
    const clock = new ManualClock('2026-11-23T11:50:00Z');
    const h = await started({ clock, schedule: testScheduler(clock) });
    const before = (await h.writes()).length;
    lock(h);
    await h.advance(20 * MIN); // the 12:00 lunch boundary passes while locked
    unlock(h);
    await h.advance(5_000);
    expect(await prefs(h, before)).toEqual(['11:50 BeRightBack PT1H', '12:10 Away PT50M']);
    expect(h.core.controller.state()).toMatchObject({ inCharge: 'schedule', statusMessage: { text: 'At lunch' } });
  });

  it('locked overnight across a sleep: two writes in all (the lock, the return on resume), nothing at the unlock', async () => {
    const h = await started({ start: '2026-11-23T17:00:00Z' });
    await h.core.controller.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    await h.advance(75 * MIN);
    lock(h); // 18:15
    await h.advance(30 * MIN);
    h.core.notify({ type: 'suspend' }); // 18:45, the lease still runs until 19:15
    await h.advance(13 * H + 45 * MIN); // 08:30 next day
    h.core.notify({ type: 'resume' });
    await h.advance(15 * MIN);
    unlock(h); // 08:45
    await h.advance(5 * MIN);
    expect(await prefs(h)).toEqual(['17:00 Busy -', '18:15 BeRightBack PT1H', '08:30 Busy -']);
  });

  it('a crash while locked: Graph ends the lease by itself and Teams shows its own presence', async () => {
    const h = await started({ start: '2026-11-23T12:00:00Z' });
    lock(h);
    await h.quiet();
    expect((await h.control.presence(h.userId)).availability).toBe('BeRightBack');
    open.splice(open.indexOf(h), 1);
    await h.core.dispose(); // the app is gone: nothing more is sent
    await h.clock.advance(MACHINE_LEASE_MS + MIN);
    expect((await h.control.presence(h.userId)).availability).toBe('Available');
    await h.emulator.close();
  });
});

describe('idle', () => {
  it('idle 10 min while Available until changed → Away; activity → Available again', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    let lastInput = clock.now();
    const h = await started({ clock, idleSeconds: () => (clock.now() - lastInput) / 1000 });
    await h.core.controller.set('Available', { source: 'tray', until: { kind: 'forever' } });
    await h.advance(10 * MIN + IDLE_SAMPLE_MS);
    expect((await h.control.presence(h.userId)).availability).toBe('Away');
    expect(h.core.controller.state().summary).toMatch(/^Away — away from the computer/);
    await h.advance(20 * MIN);
    lastInput = clock.now();
    await h.advance(IDLE_SAMPLE_MS);
    expect(await prefs(h)).toEqual(['10:00 Available -', '10:10 Away PT1H', '10:30 Available -']);
    expect(h.core.controller.state().inCharge).toBe('manual');
  });

  it('samples only while an idle rule is on', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    let samples = 0;
    const h = await started({ clock, idleSeconds: () => (samples++, 0), rules: { ...RULES, idle: { ...RULES.idle, enabled: false } } });
    await h.advance(5 * MIN);
    expect(samples).toBe(0);
    h.core.setMachineRules(RULES);
    await h.advance(5 * MIN);
    expect(samples).toBe(5 * MIN / IDLE_SAMPLE_MS + 1);
    h.core.setMachineRules({ ...RULES, idle: { ...RULES.idle, enabled: false } });
    await h.advance(5 * MIN);
    expect(samples).toBe(5 * MIN / IDLE_SAMPLE_MS + 1);
  });
});

describe('asleep', () => {
  it('writes the sleep presence on suspend (the system gives a moment), and what holds now on resume', async () => {
    const h = await started({ start: '2026-11-23T17:00:00Z', rules: { ...RULES, sleep: { enabled: true, presence: 'Away' } } });
    await h.core.controller.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    h.core.notify({ type: 'suspend' });
    await h.quiet();
    expect((await h.control.presence(h.userId)).availability).toBe('Away');
    await h.advance(30 * MIN);
    h.core.notify({ type: 'resume' });
    await h.advance(5_000);
    expect(await prefs(h)).toEqual(['17:00 Busy -', '17:00 Away PT1H', '17:30 Busy -']);
  });

  it('shut down: the shutdown steps write the sleep presence, then stop the core', async () => {
    const h = await started({ start: '2026-11-23T17:00:00Z', rules: { ...RULES, sleep: { enabled: true, presence: 'Away' } } });
    await h.core.controller.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    const quiet = { info: () => {}, warn: () => {} };
    const report = await runQuitSteps(
      shutdownSteps({
        goingDown: () => h.core.notify({ type: 'suspend' }),
        idle: () => h.core.controller.idle(),
        stopCore: () => h.core.dispose(),
        releaseHotkeys: () => {},
        stopWatching: () => {},
        removeTray: () => {},
      }),
      h.clock,
      quiet,
    );
    expect(report.every((step) => step.result === 'done')).toBe(true);
    expect(await prefs(h)).toEqual(['17:00 Busy -', '17:00 Away PT1H']);
  });

  it('"let Teams decide" removes the preference on suspend', async () => {
    const h = await started({ start: '2026-11-23T17:00:00Z', rules: { ...RULES, sleep: { enabled: true, presence: null } } });
    await h.core.controller.set('Busy', { source: 'tray', until: { kind: 'forever' } });
    h.core.notify({ type: 'suspend' });
    await h.quiet();
    expect(await prefs(h)).toEqual(['17:00 Busy -', '17:00 clear -']);
  });
});
