/**
 * The PresenceController (see docs/architecture.md, "The controller"): every source's commands, one queue to
 * Graph, precedence between the manual choice, the schedule and a change made in Teams, and the one state
 * object every surface renders.
 *
 * This class is the public face only: it checks a command, resolves its `until` to an instant, turns it into
 * an event for the model (reduce.ts), opens the ticket that answers its promise, and kicks the runner
 * (runner.ts), which decides (next-effect.ts) and sends (effects.ts) one request at a time.
 */
import type { Clock } from '../clock.ts';
import { AppFailure, toAppError, type AppError } from '../errors.ts';
import type { PresenceGraph } from '../graph/types.ts';
import { isPresenceKey, type PresenceKey } from '../presence/index.ts';
import { AfterRequest, logAfterRequest } from './after-request.ts';
import { QUIT_ERROR } from './failures.ts';
import { initialModel, manualInForce } from './model.ts';
import type { ManualChoice } from './saved-intent.ts';
import type { ControllerOptions } from './model.ts';
import { nextOp } from './next-effect.ts';
import type { ControllerDeps, SetOptions } from './controller-types.ts';
import { Runner } from './runner.ts';
import { cachedSystemZone, type SystemZone } from './system-zone.ts';
import type { Slot } from './tickets.ts';
import type { ControlLog, Outcome, OutsideEvent, PresenceState, ScheduleSource, ScheduledPresence, Source, TokenSource, Until } from './types.ts';
import { defaultUntil, resolveUntil, zoneOf } from './until.ts';
import type { UntilContext } from './until.ts';
import { view } from './view.ts';

export type { ControllerOptions } from './model.ts';

export type { ControllerDeps, SetOptions } from './controller-types.ts';

const noopLog: ControlLog = { debug() {}, info() {}, warn() {}, error() {} };

/** The controller. Build it (or let createCore build it) and call `start()`. */
export class PresenceController {
  private readonly graph: PresenceGraph;
  private readonly clock: Clock;
  private readonly tokens: TokenSource;
  private readonly schedule: ScheduleSource | null;
  private readonly log: ControlLog;
  private readonly runner: Runner;
  private readonly unsubscribers: Array<() => void> = [];
  private readonly zone: SystemZone;
  /** The log lines and intent saves a command causes are written after its request has left (after-request.ts). */
  private readonly after: AfterRequest;

  constructor(deps: ControllerDeps) {
    this.graph = deps.graph;
    this.clock = deps.clock;
    this.tokens = deps.tokens;
    this.schedule = deps.schedule ?? null;
    this.after = new AfterRequest(deps.clock);
    this.log = deps.log ? logAfterRequest(deps.log, this.after) : noopLog;
    this.zone = deps.systemZone ?? cachedSystemZone(deps.clock);
    this.runner = new Runner(initialModel(deps.options), {
      graph: deps.graph,
      clock: deps.clock,
      log: this.log,
      store: deps.store ?? null,
      after: this.after,
      // Without a schedule nothing is scheduled: the runner asks at every turn, so do not ask through a try.
      scheduledAt: this.schedule ? (now) => this.scheduledAt(now) : () => null,
      zone: (now) => zoneOf(this.untilContext(now)),
      state: () => this.state(),
    });
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  /**
   * Load the persisted intent (dropping what has ended meanwhile), subscribe to sign-in and schedule changes,
   * read presence, then apply what should hold. Resolves when that first pass is done.
   */
  async start(): Promise<void> {
    if (this.runner.model.started) return this.idle();
    const saved = this.runner.loadSaved(this.clock.now());
    this.runner.dispatch({ type: 'started', ...saved, signedIn: this.tokens.view().status === 'signed-in' });
    this.unsubscribers.push(this.tokens.onChange(() => this.onAuthChange()));
    if (this.schedule?.onChange) this.unsubscribers.push(this.schedule.onChange(() => void this.runner.kick()));
    await this.runner.kick();
  }

  /**
   * Quit: stop timers, let a request already in flight finish, end the app session if one is held, and log
   * (not send) any write still pending — the intent is persisted, so the next start applies it.
   */
  async dispose(): Promise<void> {
    if (this.runner.model.disposed) return;
    this.runner.dispatch({ type: 'disposed' });
    this.runner.cancelTimers();
    for (const off of this.unsubscribers.splice(0)) off();
    await this.idle();
    const left = nextOp(this.runner.model, this.clock.now());
    if (left && left.kind !== 'clear-session') {
      this.log.info('quitting with a write not yet sent; the intent is saved and applied at the next start', { op: left.kind });
    }
    if (this.runner.model.sessionRenewAt !== null) {
      try {
        await this.graph.clearSessionPresence(this.runner.model.options.clientId);
        this.log.info('app session ended on quit');
      } catch (error) {
        this.log.warn('could not end the app session on quit; it expires by itself', { code: toAppError(error).code });
      }
      this.runner.dispatch({ type: 'session-dropped' });
    }
    this.runner.tickets.closeAll(QUIT_ERROR);
    this.runner.closeListeners();
    // What waits for its turn is written now: the app may exit before that turn comes.
    this.after.flush();
  }

  /** Resolves when no request is in flight and nothing is left that can be sent now (tests and quit use it). */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  /** The options in force (a copy). */
  options(): ControllerOptions {
    return { ...this.runner.model.options };
  }

  /** Change options at run time (settings saved): turning the app session off ends it. */
  configure(options: Partial<Omit<ControllerOptions, 'clientId'>>): void {
    this.runner.dispatch({ type: 'configured', options });
    this.runner.armReadTimer();
    void this.runner.kick();
  }

  // ───────────────────────────── commands ─────────────────────────────

  /** Set the presence until `until` (default: the schedule's next change when a schedule is enabled, else "until I change it"). */
  set(presence: PresenceKey, opts: SetOptions): Promise<Outcome> {
    if (!isPresenceKey(presence)) {
      return this.refuse({ code: 'invalid-presence', message: `"${String(presence)}" is not a presence Presence Tray can set.`, field: 'presence' });
    }
    return this.choose(presence, opts);
  }

  /** Remove the preference so Teams decides, until `next-rule` (with a schedule) or until the next command. A running preset's message ends too. */
  clear(opts: { source: Source }): Promise<Outcome> {
    const preset = manualInForce(this.runner.model, this.clock.now())?.preset;
    const outcome = this.choose(null, { source: opts.source });
    return preset ? Promise.all([outcome, this.clearStatusMessage(opts)]).then(([a]) => a) : outcome;
  }

  /** The instant `until` (absent: the default end) resolves to now (null: never ends), and now; throws when it cannot. */
  endOf(until: Until | undefined): { endsAt: number | null; now: number } {
    const resolved = this.resolve(until, true);
    if ('error' in resolved) throw new AppFailure(resolved.error);
    return { endsAt: resolved.endsAt, now: resolved.now };
  }

  /** Set the status message until `until` (same default as `set`). An empty text clears it. */
  setStatusMessage(text: string, opts: SetOptions): Promise<Outcome> {
    if (typeof text !== 'string') return this.refuse({ code: 'invalid-status-message', message: 'A status message must be text.', field: 'text' });
    const resolved = this.resolve(opts.until, true);
    if ('error' in resolved) return this.refuse(resolved.error);
    const { until, endsAt } = resolved;
    this.runner.dispatch({
      type: 'status-chosen',
      status: { text: text.trim(), source: opts.source, endsAt },
    });
    // The request starts first; the save and the log line (file writes in the app) wait until it has left.
    const outcome = this.enqueue('status');
    this.runner.persist();
    this.log.info('status message command', { source: opts.source, empty: text.trim() === '', until: until.kind });
    return outcome;
  }

  /** Clear the status message. */
  clearStatusMessage(opts: { source: Source }): Promise<Outcome> {
    return this.setStatusMessage('', { source: opts.source, until: { kind: 'forever' } });
  }

  /** Stop scheduled changes until `until` (default: until resumed). What holds now stays. */
  pauseSchedule(opts: { until?: Until } = {}): Promise<Outcome> {
    const resolved = this.resolve(opts.until ?? { kind: 'forever' }, false);
    if ('error' in resolved) return this.refuse(resolved.error);
    this.runner.dispatch({ type: 'paused', pause: { until: resolved.endsAt } });
    this.runner.persist();
    this.log.info('schedule paused', { until: resolved.endsAt === null ? null : new Date(resolved.endsAt).toISOString() });
    return this.enqueue('drain');
  }

  /** Resume the schedule: it takes charge now (unless a manual choice still holds). */
  resumeSchedule(): Promise<Outcome> {
    if (this.runner.model.disposed) return this.refuse(QUIT_ERROR);
    this.runner.dispatch({ type: 'resumed' });
    this.runner.persist();
    this.log.info('schedule resumed');
    return this.enqueue('drain');
  }

  /** Re-read presence now (and retry anything pending that may be retried). */
  refresh(): Promise<Outcome> {
    if (this.runner.model.disposed) return this.refuse(QUIT_ERROR);
    this.runner.dispatch({ type: 'refresh-asked' });
    return this.enqueue('drain');
  }

  /** The user is looking (tray menu or settings window opened): read now unless the last read is fresh. */
  lookingAt(what: 'menu' | 'window'): void {
    if (this.runner.model.disposed) return;
    this.runner.dispatch({ type: 'looked-at', what });
    void this.runner.kick();
  }

  /** Graph answered 429 to a request of this app: read less until reads go through again (budget.ts). */
  noteThrottled(): void {
    if (!this.runner.model.disposed) this.runner.dispatch({ type: 'throttle-seen' });
  }

  /** Outside events: network, sleep, lock, clock and zone changes. */
  notify(event: OutsideEvent): void {
    if (this.runner.model.disposed) return;
    this.log.debug('outside event', { type: event.type });
    if (event.type === 'timezone-changed' || event.type === 'clock-changed' || event.type === 'resume') this.zone.forget();
    this.runner.dispatch({ type: 'outside', event });
    this.runner.cancelTimers();
    void this.runner.kick();
  }

  // ───────────────────────────── state ─────────────────────────────

  /** The one state object (a fresh copy). */
  state(): PresenceState {
    const now = this.clock.now();
    return view(this.runner.model, now, this.tokens.view(), zoneOf(this.untilContext(now)));
  }

  /** Call `listener` with the state on every change; returns an unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void {
    return this.runner.onState(listener);
  }

  // ───────────────────────────── inside ─────────────────────────────

  private choose(presence: PresenceKey | null, opts: SetOptions): Promise<Outcome> {
    const resolved = this.resolve(opts.until, true);
    if ('error' in resolved) return this.refuse(resolved.error);
    const { until, endsAt, now } = resolved;
    const choice: ManualChoice = opts.preset ? { presence, source: opts.source, since: now, until, endsAt, preset: opts.preset } : { presence, source: opts.source, since: now, until, endsAt };
    this.runner.dispatch({ type: 'chosen', choice });
    // The request starts first; the save and the log line (file writes in the app) wait until it has left.
    const outcome = this.enqueue('presence');
    this.runner.persist();
    this.log.info('presence command', { presence, source: opts.source, until: until.kind, endsAt });
    return outcome;
  }

  /** The `until` of a command (absent: the default one) and the instant it ends; an error when it cannot be. */
  private resolve(given: Until | undefined, withDefault: boolean): { until: Until; endsAt: number | null; now: number } | { error: AppError } {
    if (this.runner.model.disposed) return { error: QUIT_ERROR };
    const now = this.clock.now();
    try {
      const ctx = this.untilContext(now);
      const until = given ?? (withDefault ? defaultUntil(ctx) : { kind: 'forever' });
      return { until, endsAt: resolveUntil(until, ctx), now };
    } catch (error) {
      return { error: toAppError(error) };
    }
  }

  private refuse(error: AppError): Promise<Outcome> {
    this.runner.dispatch({ type: 'refused', error });
    this.runner.publish();
    return Promise.resolve({ outcome: 'failed', error });
  }

  private enqueue(slot: Slot): Promise<Outcome> {
    const outcome = this.runner.tickets.open(slot);
    void this.runner.kick();
    return outcome;
  }

  private onAuthChange(): void {
    const signedIn = this.tokens.view().status === 'signed-in';
    if (signedIn && this.runner.model.authExpired) this.log.info('signed in again; applying what is pending');
    this.runner.dispatch({ type: 'signed-in-changed', signedIn });
    this.runner.publish();
    void this.runner.kick();
  }

  private scheduledAt(now: number): ScheduledPresence | null {
    try {
      return this.schedule?.current(now) ?? null;
    } catch (error) {
      this.log.error('the schedule could not say what holds now', { code: toAppError(error).code });
      return null;
    }
  }

  private untilContext(now: number): UntilContext {
    const timeZone = this.runner.model.options.timeZone;
    const systemZone = this.zone.zone;
    return timeZone ? { now, schedule: this.schedule, timeZone, systemZone } : { now, schedule: this.schedule, systemZone };
  }
}
