/**
 * A whole company on one app registration, in simulated time (issue 14 "Measure first: a fleet simulation"):
 * `users` real cores (createCore, each with its own token, schedule, fetch and intent store) against ONE
 * in-process emulator whose per-app-per-tenant limit is on, all on one shared clock, through a working day.
 *
 * The population: most people on the default schedule in UTC, some in Berlin, New York and Kolkata, some on
 * 08:00–17:00; each wakes, unlocks, locks at lunch (most), locks and sleeps in the evening at their own time;
 * some give a command (Do not disturb for an hour, Busy until the next rule); some (4 in 10) change their presence in
 * Teams (another app's preference, so it does not count against this app's budget).
 *
 * Time: a heap-ordered clock that fires every timer due within the next `sliceMs` of virtual time, then lets all
 * requests finish before moving on (so times are exact to a slice; the emulator judges on the same clock).
 * Only public APIs of the core and controller are used.
 */
import type { CancelTimer, Clock } from '../../app/clock.ts';
import { createCore } from '../../app/core.ts';
import type { Core } from '../../app/core.ts';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import { clockPlanner } from '../../app/schedule/index.ts';
import { WORK_WEEK_SCHEDULE as DEFAULT_SCHEDULE } from '../support/work-week-schedule.ts';
import type { Schedule } from '../../app/schedule/index.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import { TEST_CLIENT_ID } from '../support/control-harness.ts';
import { EmulatorTokenSource } from '../support/emulator-token-source.ts';
import { seededRandom } from '../support/seeded-random.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Microsoft Teams' client id: changes "made in Teams" are preferences set by this other app. */
const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/** A clock whose timers sit in a binary heap, for thousands of timers; cancelled ones are dropped when reached. */
export class HeapClock implements Clock {
  private wall: number;
  private mono = 0;
  private heap: Array<{ due: number; id: number; fn: () => void; live: boolean }> = [];
  private nextId = 1;

  constructor(startMs: number) {
    this.wall = startMs;
  }
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimer(fn: () => void, delayMs: number): CancelTimer {
    const t = { due: this.mono + Math.max(0, delayMs), id: this.nextId++, fn, live: true };
    this.push(t);
    return () => void (t.live = false);
  }
  /** Next turn of the real event loop, as the manual clock does: no simulated time passes. */
  defer(fn: () => void): CancelTimer {
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  }
  /** Monotonic due time of the next live timer, or null. */
  nextDue(): number | null {
    while (this.heap.length > 0 && !this.heap[0]!.live) this.pop();
    return this.heap.length > 0 ? this.heap[0]!.due : null;
  }
  /** Fire, in order, every timer due up to monotonic `until`, moving time to each; then time stands at `until`. */
  fireUntil(until: number): number {
    let fired = 0;
    for (;;) {
      const next = this.nextDue();
      if (next === null || next > until) break;
      const t = this.pop();
      this.wall += t.due - this.mono;
      this.mono = t.due;
      fired++;
      t.fn();
    }
    if (until > this.mono) {
      this.wall += until - this.mono;
      this.mono = until;
    }
    return fired;
  }
  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.due < y.due || (x.due === y.due && x.id < y.id);
  }
  private push(t: (typeof this.heap)[0]): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  private pop(): (typeof this.heap)[0] {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** One Graph request of the app, as the fleet saw it. */
interface AppRequest {
  user: number;
  at: number;
  read: boolean;
  status: number;
  availability: string | null;
}

/** Options of {@link runFleetDay}. */
export interface FleetOptions {
  /** Simulated users (each a real core). */
  users: number;
  /** The emulator's limit per 30 s for this app in this tenant (Graph's 1,500, scaled to the simulated fleet). */
  limitPer30s: number;
  /** Virtual time fired together before requests are let through (default 1 s). */
  sliceMs?: number;
  /** Deterministic population (default 1). */
  seed?: number;
  /** The administrator's schedule spread, seconds (managed policy; default 0). */
  spreadSeconds?: number;
}

/** The day's figures. */
export interface FleetResult {
  users: number;
  limitPer30s: number;
  readsPerUserHour: number;
  writesPerUserHour: number;
  requestsPerUserHour: number;
  throttledShare: number;
  peakPer30s: number;
  peakBudgetShare: number;
  boundaryDelaysS: number[];
  boundariesMissed: number;
  stalenessS: number[];
  teamsChangesUnseen: number;
  wallMs: number;
}


/** Where people work: zone, its UTC offset on the simulated day (minutes), share of the fleet. */
const ZONES = [
  { zone: 'UTC', offsetMin: 0, share: 0.7 },
  { zone: 'Europe/Berlin', offsetMin: 60, share: 0.1 },
  { zone: 'America/New_York', offsetMin: -300, share: 0.1 },
  { zone: 'Asia/Kolkata', offsetMin: 330, share: 0.1 },
] as const;

/** The default schedule shifted `shiftH` hours earlier (08:00–17:00 people). */
function shifted(shiftH: number): Schedule['rules'] {
  const hhmm = (s: string): string => {
    const [h, m] = s.split(':').map(Number) as [number, number];
    if (h === 24 || (h === 0 && m === 0)) return s;
    return `${String((h - shiftH + 24) % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  };
  return DEFAULT_SCHEDULE.rules.map((r) => (r.id === 'weekend' ? r : { ...r, start: hhmm(r.start), end: hhmm(r.end) }));
}

/** Run one simulated day (Tuesday 24 Nov 2026, 00:00–24:00 UTC, after an hour of warm-up) and measure it. */
export async function runFleetDay(options: FleetOptions): Promise<FleetResult> {
  const wallStart = performance.now();
  const sliceMs = options.sliceMs ?? 1000;
  const random = seededRandom(options.seed ?? 1);
  // Install ids as the app makes them (random UUIDs), from their own stream so the population stays the same.
  const idRandom = seededRandom((options.seed ?? 1) + 7919);
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(idRandom() * 16).toString(16)).join('');
  const installId = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(idRandom() * 4)]}${hex(3)}-${hex(12)}`;
  const dayStart = Date.parse('2026-11-24T00:00:00Z');
  const dayEnd = dayStart + 24 * HOUR;
  const simStart = dayStart - HOUR;
  const clock = new HeapClock(simStart);
  const emulator = await startEmulator({ clock });
  const control = new EmulatorControl(emulator.url);
  await control.settings({ graphRequestLimit: options.limitPer30s, graphRequestWindowSeconds: 30, accessTokenLifetimeSeconds: 2 * 24 * 3600 });

  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const requests: AppRequest[] = [];
  const counting = (user: number | null): typeof fetch => async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const graph = user !== null && url.includes('/v1.0/');
    const sentAt = clock.now();
    inFlight++;
    try {
      const res = await fetch(input, init);
      if (graph) {
        let availability: string | null = null;
        if (typeof init?.body === 'string' && url.endsWith('/setUserPreferredPresence')) availability = (JSON.parse(init.body) as { availability?: string }).availability ?? null;
        requests.push({ user, at: sentAt, read: (init?.method ?? 'GET') === 'GET', status: res.status, availability });
      }
      return res;
    } finally {
      if (--inFlight === 0) for (const w of waiters.splice(0)) w();
    }
  };
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
  const quiet = async (): Promise<void> => {
    for (;;) {
      for (let i = 0; i < 3; i++) await tick();
      if (inFlight === 0) {
        await tick();
        if (inFlight === 0) return;
      }
      await new Promise<void>((r) => (inFlight === 0 ? r() : waiters.push(r)));
    }
  };

  const cores: Core[] = [];
  const boundaries: Array<{ user: number; at: number; availability: string }> = [];
  const teamsChanges: Array<{ user: number; at: number; availability: string; seenAt: number | null }> = [];
  /** Run `fn` at the instant `atMs` (a person's own event), on the shared clock. */
  const at = (atMs: number, fn: () => unknown): void => {
    clock.setTimer(() => void Promise.resolve(fn()).catch(() => {}), Math.max(0, atMs - clock.now()));
  };
  try {
    for (let u = 0; u < options.users; u++) {
      const r = random();
      let acc = 0;
      const place = ZONES.find((z) => (acc += z.share) > r) ?? ZONES[0];
      const early = place.zone === 'UTC' && random() < 0.1; // 08:00–17:00 people
      const schedule: Schedule = { ...DEFAULT_SCHEDULE, enabled: true, timeZone: place.zone, ...(early ? { rules: shifted(1) } : {}) };
      const { id: userId } = await control.createUser({ displayName: `User ${u}`, userPrincipalName: `user${u}@contoso.example` });
      await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
      const tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: TEST_CLIENT_ID, fetch: counting(null), clock });
      const core = createCore({
        tokens,
        clock,
        fetch: counting(u),
        scheduleSettings: schedule,
        schedulePlanner: clockPlanner(clock),
        systemZone: () => place.zone,
        intentStore: memoryIntentStore(),
        options: {
          clientId: TEST_CLIENT_ID,
          graphBaseUrl: emulator.url,
          timeZone: place.zone,
          installId: installId(),
          ...(options.spreadSeconds ? { scheduleSpreadSeconds: options.spreadSeconds } : {}),
        },
      });
      cores.push(core);
      // Local wall-clock hours of the simulated day, as UTC instants.
      const local = (h: number): number => dayStart + h * HOUR - place.offsetMin * MIN;
      const shift = early ? 1 : 0;
      for (const [h, availability] of [[9, 'Available'], [12, 'Away'], [13, 'Available'], [18, 'Offline']] as const) {
        const b = local(h - shift);
        if (b >= dayStart && b < dayEnd) boundaries.push({ user: u, at: b, availability });
      }
      const wake = local(8.5 - shift + (random() - 0.5));
      const sleep = local(18.25 - shift + (random() - 0.5) * 1.5);
      // The machine is asleep at the start unless this person is at work then (New York in the evening).
      const workingAtStart = simStart >= local(-24 + 9 - shift) + 30 * MIN && simStart < local(-24 + 18 - shift);
      if (!workingAtStart) {
        core.notify({ type: 'lock' });
        core.notify({ type: 'suspend' });
      } else {
        at(local(-24 + 18.25 - shift), () => core.notify({ type: 'lock' }));
        at(local(-24 + 18.75 - shift), () => core.notify({ type: 'suspend' }));
      }
      at(wake, () => core.notify({ type: 'resume' }));
      at(wake + 10 * MIN, () => core.notify({ type: 'unlock' }));
      if (random() < 0.7) {
        const lunch = local(12 - shift + random() * 0.3);
        at(lunch, () => core.notify({ type: 'lock' }));
        at(lunch + (30 + random() * 30) * MIN, () => core.notify({ type: 'unlock' }));
      }
      at(sleep, () => core.notify({ type: 'lock' }));
      at(sleep + 30 * MIN, () => core.notify({ type: 'suspend' }));
      if (random() < 0.3) at(local(9.5 - shift + random() * 1.5), () => core.controller.set('DoNotDisturb', { until: { kind: 'duration', iso: 'PT1H' }, source: 'hotkey' }));
      if (random() < 0.2) at(local(14 - shift + random() * 2), () => core.controller.set('Busy', { source: 'tray' }));
      if (random() < 0.4) {
        const when = local((random() < 0.5 ? 10 : 14.5) - shift + random() * 1.5);
        const availability = random() < 0.5 ? 'Away' : 'BeRightBack';
        const change = { user: u, at: when, availability, seenAt: null as number | null };
        if (when >= dayStart && when < dayEnd) teamsChanges.push(change);
        const teamsToken = (await control.mintToken({ userId, scopes: ['Presence.ReadWrite'], clientId: TEAMS_CLIENT_ID })).access_token;
        at(when, () =>
          counting(null)(`${emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
            method: 'POST',
            headers: { authorization: `Bearer ${teamsToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ availability, activity: availability, expirationDuration: 'PT1H' }),
          }).then((res) => res.arrayBuffer()),
        );
        core.controller.onState((s) => {
          if (change.seenAt === null && s.actual && Date.parse(s.actual.readAt) >= change.at && s.actual.availability === availability) change.seenAt = clock.now();
        });
      }
    }
    await Promise.all(cores.map((c) => c.start()));
    await quiet();

    // Run the day slice by slice.
    let mono = clock.monotonic();
    const endMono = mono + (dayEnd - clock.now());
    while (mono < endMono) {
      const next = clock.nextDue();
      const until = next === null ? endMono : Math.min(endMono, Math.max(next, mono) + sliceMs);
      clock.fireUntil(until);
      await quiet();
      // Timers that requests armed for "now" (a retry without wait) fire before time moves on.
      while ((clock.nextDue() ?? Infinity) <= clock.monotonic()) {
        clock.fireUntil(clock.monotonic());
        await quiet();
      }
      mono = clock.monotonic();
    }

    // Figures over the measured day only.
    const day = requests.filter((q) => q.at >= dayStart && q.at < dayEnd);
    const userHours = options.users * 24;
    const buckets = new Map<number, number>();
    for (const q of day) buckets.set(Math.floor(q.at / 30_000), (buckets.get(Math.floor(q.at / 30_000)) ?? 0) + 1);
    const peak = Math.max(0, ...buckets.values());
    const landed = new Map<number, AppRequest[]>();
    for (const q of requests) if (!q.read && q.status >= 200 && q.status < 300 && q.availability) (landed.get(q.user) ?? landed.set(q.user, []).get(q.user)!).push(q);
    const boundaryDelaysS: number[] = [];
    let boundariesMissed = 0;
    for (const b of boundaries) {
      const w = (landed.get(b.user) ?? []).find((q) => q.at >= b.at && q.availability === b.availability && q.at < b.at + 3 * HOUR);
      if (w) boundaryDelaysS.push((w.at - b.at) / 1000);
      else boundariesMissed++;
    }
    return {
      users: options.users,
      limitPer30s: options.limitPer30s,
      readsPerUserHour: day.filter((q) => q.read).length / userHours,
      writesPerUserHour: day.filter((q) => !q.read).length / userHours,
      requestsPerUserHour: day.length / userHours,
      throttledShare: day.length === 0 ? 0 : day.filter((q) => q.status === 429).length / day.length,
      peakPer30s: peak,
      peakBudgetShare: peak / options.limitPer30s,
      boundaryDelaysS,
      boundariesMissed,
      stalenessS: teamsChanges.filter((c) => c.seenAt !== null).map((c) => ((c.seenAt as number) - c.at) / 1000),
      teamsChangesUnseen: teamsChanges.filter((c) => c.seenAt === null).length,
      wallMs: performance.now() - wallStart,
    };
  } finally {
    // A dispose may wait on a Graph retry timer that this clock will never fire again (issue 15 defect 10): do not wait for it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(cores.map((c) => c.dispose())), new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    await emulator.close();
  }
}
