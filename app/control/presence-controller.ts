/**
 * The PresenceController (DESIGN.md §3): every source's commands, one queue to Graph, precedence between the
 * manual choice, the schedule and a change made in Teams, and the one state object every surface renders.
 *
 * How it works: commands only change the *intent* (and persist it) and then kick the pump. The pump compares
 * what should hold (plan.ts) with what Graph holds because of us, sends the one request that closes the gap,
 * and loops until nothing is left; commands that arrive meanwhile simply change the intent the next turn
 * reads, so a burst collapses to its newest command and at most one request is ever in flight.
 */
import type { Clock, CancelTimer } from '../clock.ts';
import { toAppError } from '../errors.ts';
import type { AppError } from '../errors.ts';
import type { PresenceGraph } from '../graph/types.ts';
import { PRESENCES, isPresenceKey, normalizeActivity, normalizeAvailability, presenceKeyOf } from '../presence/index.ts';
import type { PresenceKey } from '../presence/index.ts';
import { explain } from './explain.ts';
import {
  POST_WRITE_READ_MS,
  REASSERT_BEFORE_MS,
  SESSION_EXPIRY_MS,
  SESSION_KEEPALIVE_MS,
  desiredPresence,
  desiredStatus,
  heldAfter,
  holds,
  inCharge,
  isoMs,
  nextWake,
  presenceOp,
  sessionOp,
  statusOp,
} from './plan.ts';
import type { HeldPreference, HeldStatus, Layers, Op } from './plan.ts';
import { OFFLINE_ERROR, QUIT_ERROR, SIGNED_OUT_ERROR, classifyFailure, retryWait } from './failures.ts';
import type { PendingReason } from './failures.ts';
import { restoreSaved, toIntent, toSaved } from './saved-intent.ts';
import type { KeptStatus, ManualChoice } from './saved-intent.ts';
import { summarize } from './summary.ts';
import { TicketBook } from './tickets.ts';
import type { Slot } from './tickets.ts';
import type {
  ActualPresence,
  ControlLog,
  Difference,
  IntentStore,
  Outcome,
  OutsideEvent,
  PresenceState,
  ScheduleSource,
  ScheduledPresence,
  Source,
  TokenSource,
  Until,
} from './types.ts';
import { defaultUntil, resolveUntil, zoneOf } from './until.ts';

/** Options a user can change while the app runs (settings.options), plus the app's identity. */
export interface ControllerOptions {
  /** Hold the app's own presence session (opt-in, DESIGN.md §3). */
  appSession: boolean;
  /** Presence read interval while the user is active, seconds (default 60). */
  readIntervalSeconds: number;
  /** The app registration's client id: the app session's `sessionId`. */
  clientId: string;
  /** IANA zone for `end-of-day` and the summary; defaults to the schedule's zone, then the system zone. */
  timeZone?: string;
  /** Demo mode (shown as a badge). */
  demo?: boolean;
}

/** What the controller is built from (createCore wires these). */
export interface ControllerDeps {
  graph: PresenceGraph;
  clock: Clock;
  tokens: TokenSource;
  /** The schedule; absent or returning null means no schedule is enabled. */
  schedule?: ScheduleSource | null;
  /** Where the manual intent, status message and pause survive a restart. */
  store?: IntentStore | null;
  log?: ControlLog | null;
  options: ControllerOptions;
}

/** Options of {@link PresenceController.set} and {@link PresenceController.setStatusMessage}. */
export interface SetOptions {
  until?: Until;
  source: Source;
}

/** Reads back off by doubling the interval per consecutive failure, up to this factor. */
const READ_BACKOFF_MAX_FACTOR = 16;

const noopLog: ControlLog = { debug() {}, info() {}, warn() {}, error() {} };

/** One request in flight and the slot generation it carries. */
interface InFlight {
  op: Op;
  slot: Slot | null;
  gen: number;
}

/** The controller. Build it with {@link createPresenceController} (or through createCore) and call `start()`. */
export class PresenceController {
  private readonly graph: PresenceGraph;
  private readonly clock: Clock;
  private readonly tokens: TokenSource;
  private readonly schedule: ScheduleSource | null;
  private readonly store: IntentStore | null;
  private readonly log: ControlLog;
  private options: ControllerOptions;

  // What people asked for (persisted) and what the schedule says.
  /** The manual choice (numbers internally; made an {@link Intent} only for the state and the store). */
  private manual: ManualChoice | null = null;
  private status: KeptStatus | null = null;
  private pause: { until: string | null } | null = null;
  /** A choice sent with `source: 'schedule'` (a Scheduler that pushes instead of being asked). */
  private scheduleChoice: ManualChoice | null = null;
  private scheduled: ScheduledPresence | null = null;
  private scheduleMark: string | null = null;
  private teams = false;

  // What Graph holds because of us, and what it last said.
  private heldPref: HeldPreference | null = null;
  private heldStatus: HeldStatus | null = null;
  private sessionRenewAt: number | null = null;
  private actual: ActualPresence | null = null;
  private outOfOffice = false;
  private difference: Difference | null = null;

  // The machine and the queue.
  private network: 'online' | 'offline' = 'online';
  private suspended = false;
  private locked = false;
  private authExpired = false;
  private lastError: AppError | null = null;
  private errorFromRead = false;
  /** Unconfirmed work and since when (epoch ms; made an ISO string only when the state is read). */
  private pending: { reason: PendingReason; sinceMs: number } | null = null;
  private inFlight: InFlight | null = null;
  private retryAt: number | null = null;
  private retryIsThrottle = false;
  private retries = 0;
  private readFailures = 0;
  private readRequested = false;
  private readFirst = false;
  /** When the read after the last write is due (epoch ms), or null. */
  private postWriteReadAt: number | null = null;
  private failedThisPump = false;
  private readonly rejected = new Set<string>();
  private readonly tickets = new TicketBook();
  private pumping: Promise<void> | null = null;
  private running = false;
  private pumpAgain = false;
  private started = false;
  private disposed = false;

  private wakeTimer: CancelTimer | null = null;
  private readTimer: CancelTimer | null = null;
  private readonly listeners = new Set<(state: PresenceState) => void>();
  private readonly unsubscribers: Array<() => void> = [];
  private lastPublished = '';
  private publishQueued = false;
  /** `tokens.view().status === 'signed-in'`, kept from onChange so the hot path does not rebuild the view. */
  private signedIn = false;

  constructor(deps: ControllerDeps) {
    this.graph = deps.graph;
    this.clock = deps.clock;
    this.tokens = deps.tokens;
    this.schedule = deps.schedule ?? null;
    this.store = deps.store ?? null;
    this.log = deps.log ?? noopLog;
    this.options = { ...deps.options };
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  /**
   * Load the persisted intent (dropping what has ended meanwhile), subscribe to sign-in and schedule changes,
   * read presence, then apply what should hold. Resolves when that first pass is done.
   */
  async start(): Promise<void> {
    if (this.started) return this.idle();
    this.started = true;
    this.loadSaved();
    this.signedIn = this.tokens.view().status === 'signed-in';
    this.unsubscribers.push(this.tokens.onChange(() => this.onAuthChange()));
    if (this.schedule?.onChange) this.unsubscribers.push(this.schedule.onChange(() => void this.kick()));
    // Read before writing: what Graph already holds (a status message with its expiry) need not be sent again.
    this.readFirst = true;
    this.readRequested = true;
    await this.kick();
  }

  /**
   * Quit: stop timers, let a request already in flight finish, end the app session if one is held, and log
   * (not send) any write still pending — the intent is persisted, so the next start applies it.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelTimers();
    for (const off of this.unsubscribers.splice(0)) off();
    await this.idle();
    const left = this.nextOp();
    if (left && left.kind !== 'clear-session') {
      this.log.info('quitting with a write not yet sent; the intent is saved and applied at the next start', { op: left.kind });
    }
    if (this.sessionRenewAt !== null) {
      try {
        await this.graph.clearSessionPresence(this.options.clientId);
        this.log.info('app session ended on quit');
      } catch (error) {
        this.log.warn('could not end the app session on quit; it expires by itself', { code: toAppError(error).code });
      }
      this.sessionRenewAt = null;
    }
    this.tickets.closeAll(QUIT_ERROR);
    this.listeners.clear();
  }

  /** Resolves when no request is in flight and nothing is left that can be sent now (tests and quit use it). */
  async idle(): Promise<void> {
    while (this.running && this.pumping) await this.pumping;
  }

  /** Change options at run time (settings saved): turning the app session off ends it. */
  configure(options: Partial<Omit<ControllerOptions, 'clientId'>>): void {
    this.options = { ...this.options, ...options };
    this.armReadTimer();
    void this.kick();
  }

  // ───────────────────────────── commands ─────────────────────────────

  /**
   * Set the presence until `until` (default: the schedule's next change when a schedule is enabled, else
   * "until I change it"). With `source: 'schedule'` it is the schedule's choice: it goes through the same
   * queue but never overrides a manual choice in force.
   */
  set(presence: PresenceKey, opts: SetOptions): Promise<Outcome> {
    if (!isPresenceKey(presence)) {
      return this.refuse({ code: 'invalid-presence', message: `"${String(presence)}" is not a presence Presence Tray can set.`, field: 'presence' });
    }
    return this.choose(presence, opts);
  }

  /** Remove the preference so Teams decides, until `next-rule` (with a schedule) or until the next command. */
  clear(opts: { source: Source }): Promise<Outcome> {
    return this.choose(null, { source: opts.source });
  }

  /** Set the status message until `until` (same default as `set`). An empty text clears it. */
  setStatusMessage(text: string, opts: SetOptions): Promise<Outcome> {
    if (typeof text !== 'string') return this.refuse({ code: 'invalid-status-message', message: 'A status message must be text.', field: 'text' });
    if (this.disposed) return this.refuse(QUIT_ERROR);
    const now = this.clock.now();
    let endsAt: number | null;
    let until: Until;
    try {
      until = opts.until ?? defaultUntil(this.untilContext(now));
      endsAt = resolveUntil(until, this.untilContext(now));
    } catch (error) {
      return this.refuse(toAppError(error));
    }
    this.status = { text: text.trim(), source: opts.source, endsAt, until: endsAt === null ? null : new Date(endsAt).toISOString() };
    this.rejected.clear();
    // The request starts first; saving (a file write in the app) and logging follow it, off the command's path.
    const outcome = this.enqueue('status');
    this.save();
    this.log.info('status message command', { source: opts.source, empty: text.trim() === '', until: until.kind });
    return outcome;
  }

  /** Clear the status message. */
  clearStatusMessage(opts: { source: Source }): Promise<Outcome> {
    return this.setStatusMessage('', { source: opts.source, until: { kind: 'forever' } });
  }

  /** Stop scheduled changes until `until` (default: until resumed). What holds now stays. */
  pauseSchedule(opts: { until?: Until } = {}): Promise<Outcome> {
    if (this.disposed) return this.refuse(QUIT_ERROR);
    const now = this.clock.now();
    let endsAt: number | null = null;
    try {
      if (opts.until) endsAt = resolveUntil(opts.until, this.untilContext(now));
    } catch (error) {
      return this.refuse(toAppError(error));
    }
    this.pause = { until: endsAt === null ? null : new Date(endsAt).toISOString() };
    this.save();
    this.log.info('schedule paused', { until: this.pause.until });
    return this.enqueue('drain');
  }

  /** Resume the schedule: it takes charge now (unless a manual choice still holds). */
  resumeSchedule(): Promise<Outcome> {
    if (this.disposed) return this.refuse(QUIT_ERROR);
    this.pause = null;
    this.teams = false;
    this.save();
    this.log.info('schedule resumed');
    return this.enqueue('drain');
  }

  /** Re-read presence now (and retry anything pending that may be retried). */
  refresh(): Promise<Outcome> {
    if (this.disposed) return this.refuse(QUIT_ERROR);
    this.readRequested = true;
    if (!this.retryIsThrottle) this.retryAt = null;
    return this.enqueue('drain');
  }

  /**
   * Re-evaluate what should hold and apply it: the Scheduler calls this at each boundary and after it
   * detects a wall-clock jump or a zone change. The controller also keeps its own timer at the schedule's
   * next change, so a missed call never leaves a stale state.
   */
  applySchedule(): Promise<Outcome> {
    if (this.disposed) return this.refuse(QUIT_ERROR);
    return this.enqueue('drain');
  }

  /** Outside events (DESIGN.md §3): network, sleep, lock, clock and zone changes. */
  notify(event: OutsideEvent): void {
    if (this.disposed) return;
    this.log.debug('outside event', { type: event.type });
    switch (event.type) {
      case 'online':
        this.network = 'online';
        this.readRequested = true;
        this.retryNowUnlessThrottled();
        break;
      case 'offline':
        this.network = 'offline';
        break;
      case 'suspend':
        this.suspended = true;
        break;
      case 'resume':
        this.suspended = false;
        this.readRequested = true;
        this.retryNowUnlessThrottled();
        break;
      case 'lock':
        this.locked = true;
        break;
      case 'unlock':
        this.locked = false;
        this.readRequested = true;
        this.retryNowUnlessThrottled();
        break;
      case 'clock-changed':
      case 'timezone-changed':
        // Timers run on monotonic time; instants were computed from the old wall clock, so recompute all.
        this.scheduleMark = null;
        break;
    }
    this.cancelTimers();
    void this.kick();
  }

  // ───────────────────────────── state ─────────────────────────────

  /** The one state object (a fresh copy). */
  state(): PresenceState {
    const now = this.clock.now();
    const layers = this.layers(now);
    const who = inCharge(layers);
    const view = this.tokens.view();
    const zone = zoneOf(this.untilContext(now));
    const manual = this.manual && holds(this.manual.endsAt, now) ? toIntent(this.manual) : null;
    return {
      actual: this.actual ? { ...this.actual } : null,
      intent: manual,
      scheduled: this.scheduled ? { ...this.scheduled } : null,
      inCharge: who,
      summary: summarize({
        now,
        zone,
        inCharge: who,
        intent: manual,
        scheduled: this.scheduled,
        actualLabel: this.actual?.key ? PRESENCES[this.actual.key].label : (this.actual?.availability ?? null),
        paused: this.pause,
      }),
      statusMessage: this.statusView(now),
      pause: this.pause ? { ...this.pause } : null,
      changedInTeams: this.teams,
      difference: this.difference,
      pending: this.pending ? { reason: this.pending.reason, since: new Date(this.pending.sinceMs).toISOString() } : null,
      lastError: this.lastError,
      network: this.network,
      auth: this.authExpired && view.status === 'signed-in' ? { ...view, status: 'expired' } : view,
      appSession: this.sessionRenewAt !== null,
      demo: this.options.demo ?? false,
    };
  }

  /** Call `listener` with the state on every change; returns an unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ───────────────────────────── intent ─────────────────────────────

  private choose(presence: PresenceKey | null, opts: SetOptions): Promise<Outcome> {
    if (this.disposed) return this.refuse(QUIT_ERROR);
    const now = this.clock.now();
    let until: Until;
    let endsAt: number | null;
    try {
      until = opts.until ?? defaultUntil(this.untilContext(now));
      endsAt = resolveUntil(until, this.untilContext(now));
    } catch (error) {
      return this.refuse(toAppError(error));
    }
    const choice: ManualChoice = { presence, source: opts.source, since: now, until, endsAt };
    if (opts.source === 'schedule') {
      this.scheduleChoice = choice;
    } else {
      this.manual = choice;
      // A command is the user taking charge again after a change in Teams.
      this.teams = false;
    }
    this.rejected.clear();
    // The request starts first; saving (a file write in the app) and logging follow it, off the command's path.
    const outcome = this.enqueue('presence');
    if (opts.source !== 'schedule') this.save();
    this.log.info('presence command', { presence, source: opts.source, until: until.kind, endsAt });
    return outcome;
  }

  private refuse(error: AppError): Promise<Outcome> {
    this.lastError = error;
    this.publish();
    return Promise.resolve({ outcome: 'failed', error });
  }

  private enqueue(slot: Slot): Promise<Outcome> {
    const inFlightGen = this.inFlight && this.inFlight.slot === slot ? this.inFlight.gen : null;
    const outcome = this.tickets.open(slot, inFlightGen);
    void this.kick();
    return outcome;
  }

  private loadSaved(): void {
    if (!this.store) return;
    const now = this.clock.now();
    let saved;
    try {
      saved = this.store.load();
    } catch (error) {
      this.log.warn('could not load the saved intent; starting without it', { code: toAppError(error).code });
      return;
    }
    const restored = restoreSaved(saved, now);
    if (restored.malformed) this.log.warn('part of the saved intent is malformed; ignoring that part');
    this.manual = restored.manual;
    this.status = restored.status;
    this.pause = restored.pause;
    this.log.info('saved intent loaded', { intent: this.manual?.presence ?? null, until: this.manual?.endsAt ?? null, paused: !!this.pause });
  }

  private save(): void {
    if (!this.store) return;
    try {
      this.store.save(toSaved(this.manual, this.status, this.pause));
    } catch (error) {
      this.log.error('could not save the intent', { code: toAppError(error).code });
    }
  }

  /** Drop what has ended, and notice the schedule moving to its next stretch (the app takes charge again). */
  private evaluate(now: number): void {
    if (this.manual && !holds(this.manual.endsAt, now)) {
      this.log.info('manual choice ended', { presence: this.manual.presence, source: this.manual.source });
      this.manual = null;
      this.save();
    }
    if (this.status && !holds(this.status.endsAt, now)) {
      this.status = null;
      this.save();
    }
    if (this.pause?.until && isoMs(this.pause.until) <= now) {
      this.log.info('schedule pause ended');
      this.pause = null;
      this.save();
    }
    if (this.scheduleChoice && !holds(this.scheduleChoice.endsAt, now)) this.scheduleChoice = null;
    this.scheduled = this.scheduledAt(now);
    const mark = this.scheduled ? `${this.scheduled.ruleId}|${this.scheduled.presence}|${this.scheduled.until?.getTime() ?? ''}` : 'none';
    if (mark !== this.scheduleMark) {
      if (this.scheduleMark !== null && this.teams) {
        this.log.info('the schedule changed: taking charge again after a change in Teams');
        this.teams = false;
      }
      this.scheduleMark = mark;
    }
  }

  private scheduledAt(now: number): ScheduledPresence | null {
    const c = this.scheduleChoice;
    if (c && holds(c.endsAt, now)) {
      return { presence: c.presence, outside: 'clear', ruleId: null, ruleName: null, statusMessage: null, until: c.endsAt === null ? null : new Date(c.endsAt) };
    }
    try {
      return this.schedule?.current(new Date(now)) ?? null;
    } catch (error) {
      this.log.error('the schedule could not say what holds now', { code: toAppError(error).code });
      return null;
    }
  }

  private layers(now: number): Layers {
    const paused = !!this.pause && (this.pause.until === null || isoMs(this.pause.until) > now);
    return { now, manual: this.manual, status: this.status, scheduled: this.scheduled, paused, teams: this.teams };
  }

  private untilContext(now: number): { now: number; schedule: ScheduleSource | null; timeZone?: string } {
    return this.options.timeZone ? { now, schedule: this.schedule, timeZone: this.options.timeZone } : { now, schedule: this.schedule };
  }

  private statusView(now: number): PresenceState['statusMessage'] {
    if (this.status && holds(this.status.endsAt, now)) {
      return this.status.text === '' ? null : { text: this.status.text, until: this.status.until, source: this.status.source };
    }
    const s = this.scheduled;
    if (!this.layers(now).paused && s?.statusMessage) return { text: s.statusMessage, until: s.until?.toISOString() ?? null, source: 'schedule' };
    return null;
  }

  // ───────────────────────────── the queue ─────────────────────────────

  /** The next request that brings Graph to what should hold, or null. Requests Graph refused are not repeated. */
  private nextOp(): Op | null {
    const now = this.clock.now();
    const layers = this.layers(now);
    const want = desiredPresence(layers);
    const candidates = [
      presenceOp(want, this.heldPref, now),
      statusOp(desiredStatus(layers), this.heldStatus, now),
      sessionOp(this.options.appSession && !this.disposed, want, this.sessionRenewAt, now),
    ];
    return candidates.find((op): op is Op => op !== null && (this.rejected.size === 0 || !this.rejected.has(signature(op)))) ?? null;
  }

  private blockedReason(): PendingReason | null {
    if (this.network === 'offline' || this.suspended) return 'offline';
    if (this.authExpired || !this.signedIn) return 'signed-out';
    if (this.retryAt !== null && this.retryAt > this.clock.now()) return this.retryIsThrottle ? 'throttled' : 'retrying';
    return null;
  }

  private canRead(): boolean {
    // While Graph's Retry-After runs, a read would count against the same limit: wait like the writes do.
    const throttled = this.retryIsThrottle && this.retryAt !== null && this.retryAt > this.clock.now();
    return this.network === 'online' && !this.suspended && !this.locked && !throttled && !this.authExpired && this.signedIn;
  }

  /** Run the pump (or ask the running one to go round again) and return when it stops. */
  private kick(): Promise<void> {
    if (!this.started || (this.disposed && !this.running)) return Promise.resolve();
    if (this.running) {
      this.pumpAgain = true;
      return this.pumping ?? Promise.resolve();
    }
    this.running = true;
    this.pumping = this.pump();
    return this.pumping;
  }

  private async pump(): Promise<void> {
    try {
      this.failedThisPump = false;
      let wrote = false;
      if (this.postWriteReadAt !== null && this.postWriteReadAt <= this.clock.now()) this.readRequested = true;
      if (this.readFirst && this.canRead()) {
        this.readFirst = false;
        this.readRequested = false;
        await this.read();
      }
      do {
        this.pumpAgain = false;
        for (;;) {
          const now = this.clock.now();
          this.evaluate(now);
          const op = this.nextOp();
          if (!op) {
            this.setPending(null);
            break;
          }
          if (this.disposed) break;
          const blocked = this.blockedReason();
          if (blocked) {
            this.setPending(blocked);
            break;
          }
          if (!(await this.perform(op))) break;
          wrote = true;
        }
        this.settleTickets();
        if (wrote) {
          wrote = false;
          this.postWriteReadAt = this.clock.now() + POST_WRITE_READ_MS;
        }
        if (this.readRequested && this.canRead() && !this.disposed) {
          this.readRequested = false;
          await this.read();
        }
      } while (this.pumpAgain && !this.disposed);
      this.settleDrains();
      if (!this.disposed) this.armTimers();
      this.publish();
    } finally {
      // Cleared synchronously with the loop's last check, so a kick() arriving after it starts a new pump
      // instead of setting a flag nobody reads.
      this.running = false;
      this.pumping = null;
    }
  }

  /** Send one request. Returns false when it failed (the failure is recorded and a retry planned). */
  private async perform(op: Op): Promise<boolean> {
    const slot: Slot | null = op.kind === 'set-preference' || op.kind === 'clear-preference' ? 'presence' : op.kind === 'set-status' ? 'status' : null;
    const gen = slot ? this.tickets.gen(slot) : 0;
    this.inFlight = { op, slot, gen };
    this.setPending('in-flight');
    const sentAt = this.clock.now();
    try {
      await this.send(op, sentAt);
    } catch (error) {
      this.inFlight = null;
      this.fail(op, slot, error);
      return false;
    }
    this.inFlight = null;
    this.record(op, sentAt);
    this.retries = 0;
    this.retryAt = null;
    this.retryIsThrottle = false;
    this.lastError = null;
    if (slot) this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'applied' });
    this.publish();
    return true;
  }

  /** Start the request, then log it (the log line is a file write in the app: keep it behind the request). */
  private send(op: Op, now: number): Promise<void> {
    const sent = this.request(op, now);
    const fields = op.kind === 'set-preference' ? { op: op.kind, presence: op.key, expirationMs: op.expirationMs ?? null } : { op: op.kind };
    // Keep-alives every few minutes would drown the log at info.
    if (op.kind === 'set-session') this.log.debug('sent to Graph', fields);
    else this.log.info('sent to Graph', fields);
    return sent;
  }

  private request(op: Op, now: number): Promise<void> {
    switch (op.kind) {
      case 'set-preference':
        return this.graph.setPreferredPresence(PRESENCES[op.key].pair, op.expirationMs);
      case 'clear-preference':
        return this.graph.clearPreferredPresence();
      case 'set-status': {
        const zone = zoneOf(this.untilContext(now));
        return op.endsAt === null ? this.graph.setStatusMessage(op.text) : this.graph.setStatusMessage(op.text, new Date(op.endsAt), zone);
      }
      case 'set-session':
        return this.graph.setSessionPresence(this.options.clientId, { availability: 'Available', activity: 'Available' }, SESSION_EXPIRY_MS);
      case 'clear-session':
        return this.graph.clearSessionPresence(this.options.clientId);
    }
  }

  /** What Graph holds after a successful request. */
  private record(op: Op, sentAt: number): void {
    switch (op.kind) {
      case 'set-preference':
      case 'clear-preference':
        this.heldPref = heldAfter(op, sentAt);
        break;
      case 'set-status':
        this.heldStatus = { text: op.text, expiresAt: op.endsAt };
        break;
      case 'set-session':
        this.sessionRenewAt = sentAt + SESSION_KEEPALIVE_MS;
        break;
      case 'clear-session':
        this.sessionRenewAt = null;
        break;
    }
  }

  private fail(op: Op, slot: Slot | null, thrown: unknown): void {
    const error = toAppError(thrown);
    this.lastError = error;
    this.errorFromRead = false;
    this.failedThisPump = true;
    const now = this.clock.now();
    const verdict = classifyFailure(error, thrown, now, this.retries);
    if (verdict.kind === 'sign-in') {
      this.authExpired = true;
      this.setPending('signed-out');
      this.log.warn('sign-in no longer accepted; keeping the intent until the user signs in again', { op: op.kind, code: error.code });
    } else if (verdict.kind === 'retry') {
      this.retryIsThrottle = verdict.throttle;
      this.retries += 1;
      this.retryAt = now + verdict.waitMs;
      this.setPending(verdict.pending);
      this.log.warn('write failed; keeping the intent and retrying', { op: op.kind, code: error.code, retryInMs: verdict.waitMs });
    } else {
      // Graph refused this exact request: repeating it cannot help. Report it; a new command tries again.
      this.rejected.add(signature(op));
      this.log.error('Graph refused the request', { op: op.kind, code: error.code, requestId: error.requestId });
      if (slot) this.tickets.settle((t) => t.slot === slot && t.gen === this.tickets.gen(slot), { outcome: 'failed', error });
    }
    this.publish();
  }

  /** Resolve the tickets whose fate is known: nothing left to send (applied) or blocked (queued). */
  private settleTickets(): void {
    const now = this.clock.now();
    const layers = this.layers(now);
    const want = desiredPresence(layers);
    const opFor: Record<'presence' | 'status', Op | null> = {
      presence: presenceOp(want, this.heldPref, now),
      status: statusOp(desiredStatus(layers), this.heldStatus, now),
    };
    const blocked = this.blockedReason();
    for (const slot of ['presence', 'status'] as const) {
      const gen = this.tickets.gen(slot);
      const op = opFor[slot];
      if (this.inFlight?.slot === slot) continue;
      if (!op || this.rejected.has(signature(op))) {
        this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'applied' });
      } else if (blocked) {
        this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'queued', error: this.blockedError(blocked) });
      }
    }
  }

  private settleDrains(): void {
    const blocked = this.pending && this.pending.reason !== 'in-flight' ? this.pending.reason : null;
    const outcome: Outcome = blocked
      ? { outcome: 'queued', error: this.blockedError(blocked) }
      : this.failedThisPump && this.lastError && !this.lastError.retryable
        ? { outcome: 'failed', error: this.lastError }
        : { outcome: 'applied' };
    this.tickets.settle((t) => t.slot === 'drain', outcome);
  }

  private blockedError(reason: PendingReason): AppError {
    if (reason === 'signed-out') return this.lastError?.code === 'sign-in-required' || this.lastError?.code === 'unauthorized' ? this.lastError : SIGNED_OUT_ERROR;
    if (reason === 'offline' && this.network === 'offline') return OFFLINE_ERROR;
    return this.lastError ?? OFFLINE_ERROR;
  }

  private setPending(reason: PendingReason | null): void {
    if (reason === null) {
      this.pending = null;
    } else if (this.pending?.reason !== reason) {
      this.pending = { reason, sinceMs: this.clock.now() };
    }
  }

  private retryNowUnlessThrottled(): void {
    // Retry-After is a promise to Graph: an event from the machine does not make it shorter.
    if (!this.retryIsThrottle) this.retryAt = null;
  }

  private onAuthChange(): void {
    const view = this.tokens.view();
    this.signedIn = view.status === 'signed-in';
    if (view.status === 'signed-in' && this.authExpired) {
      this.log.info('signed in again; applying what is pending');
      this.authExpired = false;
      if (this.lastError?.code === 'unauthorized' || this.lastError?.code === 'sign-in-required') this.lastError = null;
      this.readRequested = true;
    }
    this.publish();
    void this.kick();
  }

  // ───────────────────────────── reads ─────────────────────────────

  private async read(): Promise<void> {
    this.postWriteReadAt = null;
    try {
      const p = await this.graph.getPresence();
      const now = this.clock.now();
      const availability = normalizeAvailability(p.availability);
      const activity = normalizeActivity(p.activity);
      this.actual = {
        availability,
        activity,
        key: presenceKeyOf({ availability, activity }),
        statusMessage: p.statusMessage?.content ? p.statusMessage.content : null,
        readAt: new Date(now).toISOString(),
      };
      this.outOfOffice = p.outOfOffice;
      if (this.heldStatus === null) {
        // Unknown until now (start-up): take what Graph holds, so an identical message is not sent again.
        const sm = p.statusMessage;
        this.heldStatus = sm ? { text: sm.content, expiresAt: sm.expiresAt === null ? null : Date.parse(sm.expiresAt) } : { text: '', expiresAt: null };
      }
      this.readFailures = 0;
      // A good read ends a read error; a write error stays until a write succeeds (unless it was transient).
      if (this.lastError && (this.errorFromRead || (this.lastError.retryable && !this.pending))) this.lastError = null;
      this.errorFromRead = false;
      this.judge(now);
    } catch (error) {
      const e = toAppError(error);
      this.readFailures += 1;
      this.lastError = e;
      this.errorFromRead = true;
      this.failedThisPump = true;
      if (e.code === 'unauthorized' || e.code === 'sign-in-required') this.authExpired = true;
      const wait = retryWait(error, this.clock.now());
      if (wait !== null) {
        this.retryIsThrottle = true;
        this.retryAt = Math.max(this.retryAt ?? 0, this.clock.now() + wait);
      }
      this.log.warn('reading presence failed; backing off', { code: e.code, failures: this.readFailures });
    }
  }

  /** Compare the read with what the app holds; an unexplained difference is a change made in Teams. */
  private judge(now: number): void {
    if (!this.actual) return;
    const want = desiredPresence(this.layers(now));
    const live = this.heldPref?.kind === 'set' && this.heldPref.expiresAt > now;
    const held = !this.teams && want.kind === 'set' && live && this.heldPref?.kind === 'set' && this.heldPref.key === want.key ? want.key : null;
    const pending = this.nextOp()?.kind === 'set-preference';
    const verdict = explain(this.actual, held, pending, this.outOfOffice);
    this.difference = verdict.difference;
    if (verdict.changedInTeams) {
      this.log.info('presence was changed in Teams; not re-asserting until the next scheduled change or command', {
        held,
        actual: this.actual.key,
      });
      this.teams = true;
      // Teams replaced our preference: what we sent no longer holds, so a later write is never skipped as "same".
      this.heldPref = null;
      this.difference = verdict.difference;
    } else if (this.teams && this.actual.key !== null) {
      this.difference = { reason: 'changed-in-teams', explanation: `Changed in Teams to ${PRESENCES[this.actual.key].label}; Presence Tray leaves it alone.` };
    }
  }

  // ───────────────────────────── timers ─────────────────────────────

  private cancelTimers(): void {
    this.wakeTimer?.();
    this.wakeTimer = null;
    this.readTimer?.();
    this.readTimer = null;
  }

  /** One wake-up at the next instant something may need sending, and the periodic read. */
  private armTimers(): void {
    this.wakeTimer?.();
    this.wakeTimer = null;
    const now = this.clock.now();
    const next = nextWake(now, [
      this.manual?.endsAt,
      this.status?.endsAt,
      this.pause?.until ? isoMs(this.pause.until) : null,
      this.scheduleChoice?.endsAt,
      this.scheduled?.until?.getTime(),
      // "Until I change it" is re-asserted before Graph's default lifetime ends; anything else when it ends.
      this.heldPref?.kind === 'set' && this.heldPref.forever ? this.heldPref.expiresAt - REASSERT_BEFORE_MS : null,
      this.heldPref?.kind === 'set' ? this.heldPref.expiresAt : null,
      this.sessionRenewAt,
      this.retryAt,
    ]);
    if (Number.isFinite(next)) {
      this.wakeTimer = this.clock.setTimer(() => {
        this.wakeTimer = null;
        void this.kick();
      }, next - now);
    }
    this.armReadTimer();
  }

  private armReadTimer(): void {
    this.readTimer?.();
    this.readTimer = null;
    if (this.disposed || !this.started || !this.canRead()) return;
    const factor = Math.min(READ_BACKOFF_MAX_FACTOR, 2 ** this.readFailures);
    const interval = Math.max(1, this.options.readIntervalSeconds) * 1000 * factor;
    const delay = this.postWriteReadAt !== null ? Math.max(0, Math.min(interval, this.postWriteReadAt - this.clock.now())) : interval;
    this.readTimer = this.clock.setTimer(() => {
      this.readTimer = null;
      this.readRequested = true;
      void this.kick();
    }, delay);
  }

  /**
   * Tell listeners the state changed. Coalesced to once per event-loop turn and run after I/O (setImmediate):
   * building and comparing the state costs more than sending a request, so a command's request leaves first,
   * and a burst of changes is published once.
   */
  private publish(): void {
    if (this.listeners.size === 0 || this.publishQueued) return;
    this.publishQueued = true;
    setImmediate(() => {
      this.publishQueued = false;
      this.flushState();
    });
  }

  private flushState(): void {
    if (this.listeners.size === 0) return;
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.log.error('a state listener threw', { code: toAppError(error).code });
      }
    }
  }
}

/** Build a controller (not started: call `start()`). */
export function createPresenceController(deps: ControllerDeps): PresenceController {
  return new PresenceController(deps);
}

function signature(op: Op): string {
  return JSON.stringify(op);
}

