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

/** The week: wake 08:30, unlock 08:45, lock 18:15, sleep 19:00 on weekdays; asleep all weekend. */
function week(): Step[] {
  const steps: Step[] = [];
  const at = (day: number, hhmm: string): number => MONDAY + day * DAY + Number(hhmm.slice(0, 2)) * 60 * MIN + Number(hhmm.slice(3)) * MIN;
  for (let d = 0; d < 5; d++) {
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

/** `economy`: the default settings (no app session). */
export const economyBenchmark = economy(
  'economy',
  'Graph requests over a simulated work week: default schedule, 60 s reads while active, locked/asleep overnight',
  false,
);

/** `economy.appSession`: the same week with the opt-in app session (keep-alives only while a non-Offline preference holds). */
export const economyAppSessionBenchmark = economy('economy.appSession', 'the same week with the app session on', true);

async function runWeek(appSession: boolean): Promise<Record<string, number | string>> {
  const start = MONDAY + 8 * 60 * MIN + 30 * MIN; // Monday 08:30: the machine starts, screen locked until 08:45
  const end = MONDAY + 7 * DAY + 8 * 60 * MIN + 30 * MIN;
  const clock = new ManualClock(start);
  const schedule = testScheduler(clock, { ...DEFAULT_SCHEDULE, enabled: true, timeZone: 'UTC' });
  const h = await startControlHarness({ clock, schedule, options: { readIntervalSeconds: 60, appSession } });
  const wallStart = performance.now();
  const steps = week();
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
    wallMs: round(wallMs, 0),
  };
}
