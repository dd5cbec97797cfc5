/**
 * The Scheduler (docs/architecture.md#schedules and #clock-rules): the app's real {@link ScheduleSource}. It answers "what does the schedule say
 * now" from `stateAt()`, keeps exactly one job pending for the next boundary, and at each boundary — and on
 * start, resume, unlock, a wall-clock jump, a time-zone change, network return and every settings change —
 * tells its listeners (the PresenceController) to re-evaluate. The controller owns precedence: a manual
 * choice holds until its `until`, a pause stops scheduled changes; the Scheduler never writes to Graph itself.
 */
import type { CancelTimer, Clock } from '../clock.ts';
import type { ControlLog, OutsideEvent, ScheduledPresence, ScheduleSource } from '../control/types.ts';
import type { JobPlanner } from './job-planner.ts';
import { nodeSchedulePlanner } from './job-planner.ts';
import { scheduleZone, stateAt, transitions } from './transitions.ts';
import type { Schedule, ScheduleState } from './types.ts';
import { systemTimeZone } from '../time/zoned-time.ts';

/** Why the Scheduler asked its listeners to re-evaluate. */
export type ReevaluateReason =
  | 'start'
  | 'boundary'
  | 'settings'
  | 'clock-jump'
  | 'timezone-change'
  | OutsideEvent['type'];

/** What the Scheduler needs. */
export interface SchedulerOptions {
  /** A schedule that passed `validateSchedule`. */
  schedule: Schedule;
  clock: Clock;
  /** How the next boundary is waited for; `node-schedule` by default. */
  planner?: JobPlanner;
  /** Reads the machine's zone (re-read on every check); injectable so tests can move the machine. */
  systemZone?: () => string;
  /** How often wall-clock jumps and zone changes are checked for (monotonic ms). Default 30 s. */
  checkEveryMs?: number;
  /** Wall and monotonic time may drift apart by this much per check before it counts as a jump. Default 5 s. */
  jumpToleranceMs?: number;
  log?: ControlLog;
}

/** A listener told to re-evaluate; `reason` is for logs and tests. */
export type ScheduleListener = (reason: ReevaluateReason) => void;

const DEFAULT_CHECK_MS = 30_000;
const DEFAULT_JUMP_TOLERANCE_MS = 5_000;
// A job that fires this much after its boundary was late (sleep, a blocked loop): say so in the log.
const LATE_MS = 60_000;

/** Drives a {@link Schedule} over time; see the module comment. Call {@link Scheduler.start} once. */
export class Scheduler implements ScheduleSource {
  private schedule: Schedule;
  private readonly clock: Clock;
  private readonly planner: JobPlanner;
  private readonly readSystemZone: () => string;
  private readonly checkEveryMs: number;
  private readonly jumpToleranceMs: number;
  private readonly log: ControlLog | undefined;
  private readonly listeners = new Set<ScheduleListener>();
  private running = false;
  private cancelJob: CancelTimer | null = null;
  private cancelCheck: CancelTimer | null = null;
  private planned: Date | null = null;
  private zone: string;
  private lastWall = 0;
  private lastMono = 0;
  /** The last evaluated stretch, so `current()` (called on every controller publish) is cheap. */
  private cached: { zone: string; from: number; state: ScheduleState } | null = null;

  constructor(options: SchedulerOptions) {
    this.schedule = options.schedule;
    this.clock = options.clock;
    this.planner = options.planner ?? nodeSchedulePlanner;
    this.readSystemZone = options.systemZone ?? systemTimeZone;
    this.checkEveryMs = options.checkEveryMs ?? DEFAULT_CHECK_MS;
    this.jumpToleranceMs = options.jumpToleranceMs ?? DEFAULT_JUMP_TOLERANCE_MS;
    this.log = options.log;
    this.zone = this.readZone();
  }

  /** Begin: plan the next boundary, start watching the clock and zone, and ask listeners to apply what holds now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.markClocks();
    this.armCheck();
    this.reevaluate('start');
  }

  /** Stop: cancel the pending job and the clock check. `current()` keeps answering. */
  stop(): void {
    this.running = false;
    this.cancelJob?.();
    this.cancelJob = null;
    this.planned = null;
    this.cancelCheck?.();
    this.cancelCheck = null;
  }

  /** The settings changed (edited, enabled, disabled): re-plan the one job and re-evaluate. Must be valid. */
  update(schedule: Schedule): void {
    this.schedule = schedule;
    this.cached = null;
    this.zone = this.readZone();
    this.reevaluate('settings');
  }

  /**
   * An outside event. Resume, unlock, clock and zone changes and network return re-evaluate what holds now
   * (a timer may have slept through a boundary); suspend, lock and offline change nothing here.
   */
  notify(event: OutsideEvent): void {
    if (event.type === 'suspend' || event.type === 'lock' || event.type === 'offline' || event.type === 'idle') return;
    if (event.type === 'timezone-changed' || event.type === 'clock-changed') {
      this.cached = null;
      this.zone = this.readZone();
      this.markClocks();
    }
    this.reevaluate(event.type);
  }

  /** {@inheritDoc ScheduleSource.current} */
  current(now: number): ScheduledPresence | null {
    if (!this.schedule.enabled) return null;
    const state = this.stateAt(now);
    return {
      presence: state.presence,
      outside: this.schedule.outside,
      ruleId: state.rule?.id ?? null,
      ruleName: state.rule?.name ?? null,
      statusMessage: state.statusMessage,
      until: state.until?.getTime() ?? null,
    };
  }

  /** {@inheritDoc ScheduleSource.nextChangeAfter} */
  nextChangeAfter(now: number): number | null {
    if (!this.schedule.enabled) return null;
    return this.stateAt(now).until?.getTime() ?? null;
  }

  /**
   * {@inheritDoc ScheduleSource.timeZone} The zone as last read: the periodic check reads it every
   * `checkEveryMs` (and re-plans on a change), so a caller never sees a zone the planned job does not use.
   */
  timeZone(): string {
    return this.zone;
  }

  /** The schedule's zone read now (a `system` schedule asks the machine, which builds an Intl formatter). */
  private readZone(): string {
    return scheduleZone(this.schedule, { systemZone: this.readSystemZone });
  }

  /** {@inheritDoc ScheduleSource.onChange} Listeners hear every re-evaluation, with its reason. */
  onChange(listener: ScheduleListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The instant the one pending job fires, or null (stopped, disabled, or the schedule never changes). */
  plannedAt(): Date | null {
    return this.planned;
  }

  /** The rule in force at `at` (enabled or not), from the cache when `at` lies in the last evaluated stretch. */
  private stateAt(t: number): ScheduleState {
    const zone = this.timeZone();
    const c = this.cached;
    if (c && c.zone === zone && c.from <= t && (c.state.until === null || t < c.state.until.getTime())) return c.state;
    const state = stateAt(this.schedule, new Date(t), { systemZone: () => zone });
    this.cached = { zone, from: state.since?.getTime() ?? t, state };
    return state;
  }

  /** Re-plan the one job for the next boundary after now and tell listeners to apply what holds now. */
  private reevaluate(reason: ReevaluateReason): void {
    if (!this.running) return;
    this.plan();
    this.log?.debug('schedule re-evaluated', { reason, next: this.planned?.toISOString() ?? null });
    for (const listener of [...this.listeners]) {
      try {
        listener(reason);
      } catch (error) {
        this.log?.error('schedule listener failed', { reason, error: String(error) });
      }
    }
  }

  private plan(): void {
    this.cancelJob?.();
    this.cancelJob = null;
    this.planned = null;
    const next = this.nextChangeAfter(this.clock.now());
    if (next === null) return;
    const at = new Date(next);
    this.planned = at;
    this.cancelJob = this.planner.schedule(at, () => this.fired(at));
  }

  private fired(boundary: Date): void {
    this.cancelJob = null;
    const now = this.clock.now();
    if (now - boundary.getTime() > LATE_MS) {
      // Slept through it (or the loop was blocked): apply what holds now, and leave a trace of what was missed.
      const missed = transitions(this.schedule, boundary, new Date(now + 1), { systemZone: () => this.timeZone() });
      this.log?.warn('schedule boundary fired late; applying what holds now', {
        boundary: boundary.toISOString(),
        lateMs: now - boundary.getTime(),
        missed: missed.length,
      });
    }
    this.reevaluate('boundary');
  }

  private markClocks(): void {
    this.lastWall = this.clock.now();
    this.lastMono = this.clock.monotonic();
  }

  private armCheck(): void {
    this.cancelCheck = this.clock.setTimer(() => {
      if (!this.running) return;
      this.check();
      this.armCheck();
    }, this.checkEveryMs);
  }

  /** The periodic check: a wall clock that moved differently from monotonic time, or a new system zone. */
  private check(): void {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const drift = wall - this.lastWall - (mono - this.lastMono);
    this.lastWall = wall;
    this.lastMono = mono;
    const zone = this.readZone();
    if (zone !== this.zone) {
      this.log?.info('time zone changed', { from: this.zone, to: zone });
      this.zone = zone;
      this.cached = null;
      this.reevaluate('timezone-change');
    } else if (Math.abs(drift) > this.jumpToleranceMs) {
      this.log?.info('wall clock jumped', { driftMs: drift });
      this.cached = null;
      this.reevaluate('clock-jump');
    }
  }
}
