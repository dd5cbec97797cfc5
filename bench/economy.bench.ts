/**
 * Request economy (docs/architecture.md#benchmarks, issue 3): every Graph request the app sends over a simulated work week, by
 * kind, with the default schedule (enabled, UTC) driven by the real Scheduler, 60 s reads while the user is
 * active, the screen locked in the evening and the machine asleep overnight and over the weekend, and a few
 * manual commands (one pressed twice). One ManualClock drives the app and the in-process emulator.
 *
 * Goals: no write that changes nothing (`redundantWrites` = 0) and no read while locked or asleep
 * (`readsWhileInactive` = 0).
 */
import { DEFAULT_SCHEDULE } from '../app/schedule/index.ts';
import { DEFAULT_MACHINE_RULES } from '../app/control/machine.ts';
import type { MachineRules } from '../app/control/machine.ts';
import { POST_WRITE_READ_MS } from '../app/control/plan.ts';
import { parseDuration } from '../app/presence/index.ts';
import { startControlHarness } from '../test/support/control-harness.ts';
import { ManualClock } from '../test/support/manual-clock.ts';
import { testScheduler } from '../test/support/test-schedule.ts';
import type { Benchmark } from './harness.ts';
import { round } from './harness.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const MONDAY = Date.parse('2026-11-23T00:00:00Z');

type Step = { at: number; what: string; run: (h: Awaited<ReturnType<typeof startControlHarness>>) => Promise<unknown> | void };

/** The week: wake 08:30, unlock 08:45, lock 18:15, sleep 19:00 on weekdays; asleep all weekend. `lunch`: locked 12:05–12:55 too. */
function week(lunch = false): Step[] {
  const steps: Step[] = [];
  const at = (day: number, hhmm: string): number => MONDAY + day * DAY + Number(hhmm.slice(0, 2)) * 60 * MIN + Number(hhmm.slice(3)) * MIN;
  for (let d = 0; d < 5; d++) {
    if (lunch) {
      steps.push({ at: at(d, '12:05'), what: 'lock', run: (h) => h.core.controller.notify({ type: 'lock' }) });
      steps.push({ at: at(d, '12:55'), what: 'unlock', run: (h) => h.core.controller.notify({ type: 'unlock' }) });
    }
    if (d > 0) steps.push({ at: at(d, '08:30'), what: 'resume', run: (h) => h.core.controller.notify({ type: 'resume' }) });
    steps.push({ at: at(d, '08:45'), what: 'unlock', run: (h) => h.core.controller.notify({ type: 'unlock' }) });
    steps.push({ at: at(d, '18:15'), what: 'lock', run: (h) => h.core.controller.notify({ type: 'lock' }) });
    steps.push({ at: at(d, '19:00'), what: 'suspend', run: (h) => h.core.controller.notify({ type: 'suspend' }) });
  }
  steps.push({ at: at(7, '08:30'), what: 'resume', run: (h) => h.core.controller.notify({ type: 'resume' }) });
  // A few manual commands: DND for an hour (pressed twice), Busy until the next rule, a status message.
  const dnd = { until: { kind: 'duration', iso: 'PT1H' }, source: 'hotkey' } as const;
  steps.push({ at: at(1, '14:00'), what: 'dnd', run: (h) => h.core.controller.set('DoNotDisturb', dnd) });
  steps.push({ at: at(1, '14:00'), what: 'dnd again', run: (h) => h.core.controller.set('DoNotDisturb', dnd) });
  steps.push({ at: at(2, '10:00'), what: 'busy', run: (h) => h.core.controller.set('Busy', { source: 'tray' }) });
  steps.push({ at: at(3, '15:00'), what: 'status', run: (h) => h.core.controller.setStatusMessage('Focus time', { until: { kind: 'duration', iso: 'PT2H' }, source: 'window' }) });
  return steps.sort((a, b) => a.at - b.at);
}

/** Inactive windows (locked or asleep) as [from, to) in epoch ms, from the steps. */
function inactiveWindows(steps: Step[], end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from: number | null = null;
  for (const s of steps) {
    if (s.what === 'lock' && from === null) from = s.at;
    if (s.what === 'unlock' && from !== null) {
      out.push([from, s.at]);
      from = null;
    }
  }
  if (from !== null) out.push([from, end]);
  return out;
}

/** The week as a benchmark; `appSession` turns the opt-in app session on (its keep-alives are counted too). */
function economy(name: string, description: string, appSession: boolean): Benchmark {
  return { name, description, run: () => runWeek(appSession) };
}

const LOCK_RULE: MachineRules = { ...DEFAULT_MACHINE_RULES, lock: { enabled: true, presence: 'BeRightBack' } };

/**
 * `economy.machineRules`: the week with the screen also locked at lunch, once with the lock rule off and once
 * on. Goal: at most 2 extra writes per lock (the rule's write, and the return to what holds), nothing more
 * while the lock lasts but lease renewals, and no read while locked.
 */
export const economyMachineRulesBenchmark: Benchmark = {
  name: 'economy.machineRules',
  description: 'the week with lunch and overnight locks: extra Graph writes the lock rule (BRB) costs',
  async run() {
    const off = await runWeek(false, undefined, true);
    const on = await runWeek(false, LOCK_RULE, true);
    // The locks of the steps, and the one the week starts in (Monday 08:30-08:45, before the first unlock).
    const locks = week(true).filter((s) => s.what === 'lock').length + 1;
    const extra = Number(on.writes) - Number(off.writes);
    const renewals = Number(on.leaseRenewals);
    return {
      locks,
      writesRuleOff: Number(off.writes),
      writesRuleOn: Number(on.writes),
      extraWrites: extra,
      leaseRenewals: renewals,
      rewritesAfterSleep: Number(on.rewritesAfterSleep),
      extraPerLockBeyondRenewals: round((extra - renewals) / locks, 2),
      readsWhileInactive: Number(on.readsWhileInactive),
      redundantWrites: Number(on.redundantWrites),
    };
  },
};

/** `economy`: the default settings (no app session). */
export const economyBenchmark = economy(
  'economy',
  'Graph requests over a simulated work week: default schedule, 60 s reads while active, locked/asleep overnight',
  false,
);

/** `economy.appSession`: the same week with the opt-in app session (keep-alives only while a non-Offline preference holds). */
export const economyAppSessionBenchmark = economy('economy.appSession', 'the same week with the app session on', true);

async function runWeek(appSession: boolean, machineRules?: MachineRules, lunch = false): Promise<Record<string, number | string>> {
  const start = MONDAY + 8 * 60 * MIN + 30 * MIN; // Monday 08:30: the machine starts, screen locked until 08:45
  const end = MONDAY + 7 * DAY + 8 * 60 * MIN + 30 * MIN;
  const clock = new ManualClock(start);
  const schedule = testScheduler(clock, { ...DEFAULT_SCHEDULE, enabled: true, timeZone: 'UTC' });
  const h = await startControlHarness({ clock, schedule, options: { readIntervalSeconds: 60, appSession, ...(machineRules ? { machineRules } : {}) } });
  const wallStart = performance.now();
  const steps = week(lunch);
  h.core.controller.notify({ type: 'lock' });
  await h.core.start();
  await h.quiet();
  for (const step of steps) {
    await h.advance(step.at - clock.now());
    await step.run(h);
    await h.quiet();
  }
  await h.advance(end - clock.now() + POST_WRITE_READ_MS);
  const wallMs = performance.now() - wallStart;

  const log = await h.graphRequests();
  const count = (action: string): number => log.filter((r) => r.method === 'POST' && r.path.endsWith(`/${action}`)).length;
  const reads = log.filter((r) => r.method === 'GET');
  const windows = [[start, MONDAY + 8 * 60 * MIN + 45 * MIN] as [number, number], ...inactiveWindows(steps, end)];
  const readsWhileInactive = reads.filter((r) => windows.some(([a, b]) => Date.parse(r.at) > a && Date.parse(r.at) < b)).length;

  // A write that changes nothing: the same pair (or message) with the same end as the one still in force.
  let redundantWrites = 0;
  let held: { key: string; end: number } | null = null;
  let heldStatus: { text: string; end: string } | null = null;
  for (const r of log.filter((x) => x.method === 'POST' && x.status === 200)) {
    const body = (r.body ?? {}) as Record<string, unknown>;
    const at = Date.parse(r.at);
    if (r.path.endsWith('/setUserPreferredPresence')) {
      const key = `${String(body.availability)}/${String(body.activity)}`;
      const end = typeof body.expirationDuration === 'string' ? at + parseDuration(body.expirationDuration) : Number.NaN;
      if (held && held.key === key && held.end > at && Math.abs(held.end - end) < MIN) redundantWrites++;
      held = { key, end };
    } else if (r.path.endsWith('/setStatusMessage')) {
      const sm = body.statusMessage as { message?: { content?: string }; expiryDateTime?: { dateTime?: string } } | undefined;
      const next = { text: sm?.message?.content ?? '', end: sm?.expiryDateTime?.dateTime ?? '' };
      if (heldStatus && heldStatus.text === next.text && heldStatus.end === next.end) redundantWrites++;
      heldStatus = next;
    } else if (r.path.endsWith('/clearUserPreferredPresence')) {
      if (held === null || held.end <= at) redundantWrites++;
      held = null;
    }
  }
  // The rule's writes inside each lock: the first is the lock itself, a later one within 45 min of a resume
  // re-applies it after sleep (the lease ran out while asleep), the rest are lease renewals.
  const resumes = steps.filter((s) => s.what === 'resume').map((s) => s.at);
  let leaseRenewals = 0;
  let rewritesAfterSleep = 0;
  for (const [a, b] of windows) {
    const inside = log.filter((r) => r.path.endsWith('/setUserPreferredPresence') && (r.body as { availability?: string })?.availability === 'BeRightBack' && Date.parse(r.at) >= a && Date.parse(r.at) < b);
    for (const r of inside.slice(1)) {
      if (resumes.some((t) => Date.parse(r.at) >= t && Date.parse(r.at) - t < MIN)) rewritesAfterSleep++;
      else leaseRenewals++;
    }
  }
  schedule.stop();
  await h.close();
  const writes = log.filter((r) => r.method === 'POST').length;
  return {
    reads: reads.length,
    setUserPreferredPresence: count('setUserPreferredPresence'),
    clearUserPreferredPresence: count('clearUserPreferredPresence'),
    setStatusMessage: count('setStatusMessage'),
    setPresence: count('setPresence'),
    clearPresence: count('clearPresence'),
    writes,
    total: log.length,
    redundantWrites,
    readsWhileInactive,
    leaseRenewals,
    rewritesAfterSleep,
    wallMs: round(wallMs, 0),
  };
}
