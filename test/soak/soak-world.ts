/**
 * A month in the life of one install, in simulated time (issue 15 "A 30-day soak"): createCore with the default
 * schedule enabled (the real Scheduler on the manual clock), the in-process emulator, a rotating log file, and
 * every day the same routine: wake, unlock, lunch lock, a few commands, a change made in Teams now and then,
 * lock, sleep, asleep at weekends; plus occasional 429s, 503s, dropped connections and request timeouts.
 * At 03:00 each night (asleep, the same state every night) it measures what must not grow: heap after a full
 * GC, the app's timers (every app timer goes through the Clock port), process listeners, the sizes of every
 * Map, Set and array reachable from the core, and the log files against their rotation limit.
 *
 * Only the public API of the core and controller is used; the collection walk is generic, so it keeps
 * working whatever the controller's internals become. `npm run bench -- soak` runs 30 days; the test 3.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCore } from '../../app/core.ts';
import type { Core } from '../../app/core.ts';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import { createLogger, fileSink } from '../../app/log/index.ts';
import { clockPlanner } from '../../app/schedule/index.ts';
import { WORK_WEEK_SCHEDULE as DEFAULT_SCHEDULE } from '../support/work-week-schedule.ts';
import { EmulatorControl } from '../emulator/client.ts';
import type { FaultSpec } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import { FetchMeter, TEST_CLIENT_ID } from '../support/control-harness.ts';
import { EmulatorTokenSource } from '../support/emulator-token-source.ts';
import { ManualClock } from '../support/manual-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Microsoft Teams' client id: a change "made in Teams" is a preference set by another app. */
const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
/** The log's rotation limits in the soak (small, so a month rotates many times). */
export const SOAK_LOG_MAX_BYTES = 64 * 1024;
export const SOAK_LOG_MAX_FILES = 3;

/** What one night's measurement found. */
export interface NightReport {
  /** Days completed (1 after the first day). */
  day: number;
  heapUsedBytes: number;
  /** Timers waiting on the app's clock. */
  appTimers: number;
  /** Listeners on `process`, all events. */
  processListeners: number;
  /** Sum of the sizes of every Map, Set and array reachable from the core (the clock and logger excepted). */
  collectionEntries: number;
  /** The largest single collection reachable from the core. */
  largestCollection: number;
  /** Graph requests the emulator saw during the day, and how many were answered 429/503/0. */
  requests: number;
  faulted: number;
  logFiles: number;
  largestLogFileBytes: number;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  days: number;
  /** Called after each night's measurement (the bench prints progress). */
  onNight?: (report: NightReport) => void;
}

/** A full GC, for heap figures that mean something. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Sizes of every Map/Set/array reachable from `root` through own properties, skipping `skip` and functions. */
export function collectionSizes(root: unknown, skip: ReadonlySet<unknown>): { entries: number; largest: number } {
  const seen = new Set<object>();
  let entries = 0;
  let largest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object' || skip.has(value) || seen.has(value) || depth > 12) continue;
    seen.add(value);
    const push = (v: unknown): void => void stack.push({ value: v, depth: depth + 1 });
    if (value instanceof Map) {
      entries += value.size;
      largest = Math.max(largest, value.size);
      for (const [k, v] of value) {
        push(k);
        push(v);
      }
    } else if (value instanceof Set) {
      entries += value.size;
      largest = Math.max(largest, value.size);
      for (const v of value) push(v);
    } else if (Array.isArray(value)) {
      entries += value.length;
      largest = Math.max(largest, value.length);
      for (const v of value) push(v);
    } else if (!ArrayBuffer.isView(value)) {
      for (const key of Reflect.ownKeys(value)) push((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return { entries, largest };
}

/** Run the soak for `days` simulated days and return one report per night. */
export async function runSoak(options: SoakOptions): Promise<{ nights: NightReport[]; totalRequests: number; wallMs: number }> {
  const gc = gcFunction();
  const wallStart = performance.now();
  const monday = Date.parse('2026-11-23T00:00:00Z');
  const clock = new ManualClock(monday + 8 * HOUR + 30 * MIN);
  const emulator = await startEmulator({ clock });
  const control = new EmulatorControl(emulator.url);
  const logDir = mkdtempSync(join(tmpdir(), 'presence-soak-'));
  const sink = fileSink({ dir: logDir, fileName: 'main.log', maxBytes: SOAK_LOG_MAX_BYTES, maxFiles: SOAK_LOG_MAX_FILES });
  const log = createLogger({ level: 'debug', sinks: [sink], clock });
  let core: Core | null = null;
  try {
    const { id: userId } = await control.createUser({ displayName: 'Adele Vance', userPrincipalName: 'adele@contoso.example' });
    await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    const meter = new FetchMeter();
    const tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: TEST_CLIENT_ID, fetch: meter.fetch, clock });
    core = createCore({
      tokens,
      clock,
      fetch: meter.fetch,
      scheduleSettings: { ...DEFAULT_SCHEDULE, enabled: true, timeZone: 'UTC' },
      schedulePlanner: clockPlanner(clock),
      systemZone: () => 'UTC',
      intentStore: memoryIntentStore(),
      log,
      options: { clientId: TEST_CLIENT_ID, graphBaseUrl: emulator.url, timeZone: 'UTC' },
    });
    const c = core.controller;
    const teams = (await control.mintToken({ userId, scopes: ['Presence.ReadWrite'], clientId: TEAMS_CLIENT_ID })).access_token;
    const setInTeams = async (availability: string): Promise<void> => {
      await fetch(`${emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${teams}`, 'content-type': 'application/json' },
        body: JSON.stringify({ availability, activity: availability, expirationDuration: 'PT1H' }),
      }).then((r) => r.arrayBuffer());
    };
    const fault = (spec: FaultSpec) => control.fault(spec);

    /** Wait until no request is in flight, or 2 s of real time when one is held (a timeout fault). */
    const quietOrHeld = async (): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([meter.quiet(), new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
    };

    /** Move the clock to `target`, timer by timer, letting requests finish; a request held past 2 s (a timeout fault) does not stop time. */
    const advanceTo = async (target: number): Promise<void> => {
      for (let guard = 0; guard < 1_000_000; guard++) {
        await quietOrHeld();
        const left = target - clock.now();
        if (left <= 0) return;
        const next = clock.nextTimerIn();
        await clock.advance(next === null ? left : Math.min(Math.max(next, 0), left));
      }
      throw new Error('soak: timers keep firing without time moving');
    };

    type Step = { at: number; run: () => unknown };
    const dayPlan = (d: number): Step[] => {
      const base = monday + d * DAY;
      const at = (h: number, m = 0): number => base + h * HOUR + m * MIN;
      const weekday = d % 7 < 5;
      const steps: Step[] = [];
      if (!weekday) return steps;
      if (d > 0) steps.push({ at: at(8, 30), run: () => core!.notify({ type: 'resume' }) });
      steps.push({ at: at(8, 45), run: () => core!.notify({ type: 'unlock' }) });
      steps.push({ at: at(10), run: () => c.set('DoNotDisturb', { until: { kind: 'duration', iso: 'PT1H' }, source: 'hotkey' }) });
      if (d % 3 === 0) steps.push({ at: at(10, 29), run: () => fault({ status: 429, retryAfterSeconds: 30, count: 2 }) });
      if (d % 4 === 1) steps.push({ at: at(11, 10), run: () => fault({ status: 0, count: 1 }) });
      if (d % 7 === 2) steps.push({ at: at(11), run: () => c.set('Busy', { source: 'tray' }) });
      steps.push({ at: at(12, 30), run: () => core!.notify({ type: 'lock' }) });
      steps.push({ at: at(13, 15), run: () => core!.notify({ type: 'unlock' }) });
      steps.push({ at: at(14), run: () => c.setStatusMessage('Focusing', { until: { kind: 'duration', iso: 'PT2H' }, source: 'window' }) });
      if (d % 7 === 1) steps.push({ at: at(15), run: () => setInTeams('Away') });
      if (d % 3 === 1) steps.push({ at: at(15, 30), run: () => fault({ status: 503, retryAfterSeconds: 5, count: 1 }) });
      if (d % 5 === 2) steps.push({ at: at(16, 5), run: () => fault({ method: 'GET', delayMs: 3000, count: 1 }) }); // a read times out
      if (d % 7 === 3) steps.push({ at: at(16), run: () => c.pauseSchedule({ until: { kind: 'duration', iso: 'PT1H' } }) });
      steps.push({ at: at(18, 15), run: () => core!.notify({ type: 'lock' }) });
      steps.push({ at: at(19), run: () => core!.notify({ type: 'suspend' }) });
      return steps;
    };

    core.notify({ type: 'lock' });
    await core.start();
    const nights: NightReport[] = [];
    let totalRequests = 0;
    for (let d = 0; d < options.days; d++) {
      for (const step of dayPlan(d)) {
        await advanceTo(step.at);
        // Commands are not awaited: one held by a fault settles as the clock moves on.
        void Promise.resolve(step.run()).catch(() => {});
      }
      await advanceTo(monday + (d + 1) * DAY + 3 * HOUR); // 03:00 the next night
      const requests = await control.requests();
      await control.clearRequests(); // the emulator's log is not the app's memory
      meter.graphCalls.length = 0; // nor is the test meter's list of calls
      totalRequests += requests.length;
      gc();
      gc();
      const collections = collectionSizes(core, new Set<unknown>([clock, log, sink, meter, tokens]));
      const files = readdirSync(logDir).map((f) => statSync(join(logDir, f)).size);
      const report: NightReport = {
        day: d + 1,
        heapUsedBytes: process.memoryUsage().heapUsed,
        appTimers: clock.pendingTimers(),
        processListeners: process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0),
        collectionEntries: collections.entries,
        largestCollection: collections.largest,
        requests: requests.length,
        faulted: requests.filter((r) => r.status === 429 || r.status === 503 || r.status === 0).length,
        logFiles: files.length,
        largestLogFileBytes: Math.max(0, ...files),
      };
      nights.push(report);
      options.onNight?.(report);
    }
    return { nights, totalRequests, wallMs: performance.now() - wallStart };
  } finally {
    await core?.dispose();
    sink.close();
    await emulator.close();
    rmSync(logDir, { recursive: true, force: true });
  }
}
