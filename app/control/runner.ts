/**
 * The runner: the only part of the controller with I/O and time. It holds the current model, feeds events
 * through `reduce`, asks `plan` what to do next, runs that one effect (single flight: one request at a time),
 * arms the Clock's timers for the next wake-up and read, answers each command's promise (tickets), saves the
 * intent when it changes, and has the state published (publisher.ts).
 *
 * A pass runs in rounds. In each round: write until nothing is left, something blocks, or a write fails;
 * settle the tickets from that last plan; read if a read is due; go round again only if something happened
 * meanwhile. Commands that arrive while a request is in flight only change the model the next plan reads,
 * so a burst collapses to its newest command.
 */
import type { CancelTimer, Clock } from '../clock.ts';
import type { AfterRequest } from './after-request.ts';
import type { PresenceGraph } from '../graph/types.ts';
import { read, send, writeFailed, type ReadResult, type WriteContext, type WriteResult } from './effects.ts';
import type { ControlEvent } from './events.ts';
import type { Model } from './model.ts';
import { blockedError, pendingAfter, plan, wakeups } from './next-effect.ts';
import type { Plan } from './next-effect.ts';
import { commandSlot, type Op } from './plan.ts';
import { failureVerdict, reduce } from './reduce.ts';
import { TicketBook } from './tickets.ts';
import type { Ticket } from './tickets.ts';
import type { ControlLog, IntentStore, PresenceState, ScheduledPresence } from './types.ts';
import { persistence, type Persistence } from './persistence.ts';
import { Publisher } from './publisher.ts';

/** What the runner is built from. */
export interface RunnerDeps {
  graph: PresenceGraph;
  clock: Clock;
  log: ControlLog;
  store: IntentStore | null;
  /** Runs the intent's saves after the request has left (after-request.ts). */
  after: AfterRequest;
  /** What the schedule says at `now` (the runner asks at every turn). */
  scheduledAt(now: number): ScheduledPresence | null;
  /** The zone a status message's end is sent in. */
  zone(now: number): string;
  /** The state for listeners (the controller's view). */
  state(): PresenceState;
}

/** Runs the controller's effects for one model. */
export class Runner {
  private current: Model;
  /** The commands waiting for their outcome. */
  readonly tickets = new TicketBook();
  private readonly deps: RunnerDeps;
  private readonly saved: Persistence;
  private pass: Promise<void> | null = null;
  /** A pass is running (single flight); `again` asks it to go round once more. */
  private running = false;
  private again = false;
  private wakeTimer: CancelTimer | null = null;
  private readTimer: CancelTimer | null = null;
  private readonly publisher: Publisher;
  /** What every write needs besides its op (built once: the client id never changes at run time). */
  private readonly writeContext: WriteContext;

  constructor(model: Model, deps: RunnerDeps) {
    this.current = model;
    this.deps = deps;
    this.saved = persistence(deps.store, deps.log, deps.after);
    this.publisher = new Publisher(deps.clock, deps.log, deps.state);
    this.writeContext = { clientId: model.options.clientId, zone: () => deps.zone(deps.clock.now()) };
  }

  /** The current model: only {@link dispatch} replaces it, and never in place. */
  get model(): Model {
    return this.current;
  }

  /** Apply `event` at `now` (default: the clock's now); returns the new model. */
  dispatch(event: ControlEvent, now: number = this.deps.clock.now()): Model {
    this.current = reduce(this.current, event, now);
    return this.current;
  }

  /** Save the intent, once the request has left, if it differs from what was saved last (a file write in the app). */
  persist(): void {
    this.saved.save(this.model);
  }

  /** What still holds of the saved intent at `now`. */
  loadSaved(now: number): Pick<Model, 'manual' | 'status' | 'pause'> {
    return this.saved.load(now);
  }

  /** Run a pass (or ask the running one to go round again) and return when it stops. */
  kick(): Promise<void> {
    if (!this.model.started || (this.model.disposed && !this.running)) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.pass ?? Promise.resolve();
    }
    // Set before the pass starts: a pass that never awaits finishes inside this call.
    this.running = true;
    this.pass = this.run();
    return this.pass;
  }

  /** Resolves when no pass is running. */
  async idle(): Promise<void> {
    while (this.running && this.pass) await this.pass;
  }

  private async run(): Promise<void> {
    const clock = this.deps.clock;
    try {
      let failed = false;
      let wrote = false;
      let holdWrites = false;
      let passStarted = true;
      this.again = false;
      for (;;) {
        const now = clock.now();
        this.tick(now, passStarted);
        passStarted = false;
        const p = plan(this.model, now, { holdWrites });
        const effect = p.effect;
        // A read the writes wait for (at start, before re-asserting): the round goes on after it.
        if (effect.kind === 'read' && effect.first) {
          if ((await this.read()).type === 'read-failed') failed = true;
          this.again = false;
          continue;
        }
        if (effect.kind === 'write') {
          if (await this.perform(effect.op)) wrote = true;
          else holdWrites = failed = true;
          continue;
        }
        // The round's writes have stopped: the pending state and the tickets follow this plan.
        if (!holdWrites) {
          const pending = pendingAfter(this.model, p);
          if (pending !== 'unchanged') this.dispatch({ type: 'writes-stopped', pending });
        }
        this.settleTickets(p);
        if (wrote) this.dispatch({ type: 'wrote' });
        wrote = false;
        if (effect.kind === 'read' && (await this.read()).type === 'read-failed') failed = true;
        if (!this.again || this.model.disposed) break;
        this.again = false;
        holdWrites = false;
      }
      this.settleDrains(failed);
      if (!this.model.disposed) this.armTimers();
      this.publish();
    } finally {
      // Cleared with the loop's last check (synchronously when nothing was awaited), so a kick() after it starts
      // a new pass instead of setting a flag nobody reads.
      this.running = false;
      this.pass = null;
    }
  }

  /** Time passed: ask the schedule, drop what ended, save and log what changed. */
  private tick(now: number, passStarted: boolean): void {
    const before = this.model;
    const after = this.dispatch({ type: 'ticked', scheduled: this.deps.scheduledAt(now), passStarted }, now);
    if (after === before) return;
    if (before.manual && !after.manual) this.deps.log.info('manual choice ended', { presence: before.manual.presence, source: before.manual.source });
    if (before.pause && !after.pause) this.deps.log.info('schedule pause ended');
    if (before.changedOutside && !after.changedOutside) this.deps.log.info('the schedule changed: taking charge again after a change in Teams');
    if (before.manual !== after.manual || before.status !== after.status || before.pause !== after.pause) this.persist();
  }

  /** Send one request. Returns false when it failed (the failure is recorded and a retry planned). */
  private async perform(op: Op): Promise<boolean> {
    const slot = commandSlot(op);
    const gen = slot ? this.tickets.gen(slot) : 0;
    this.tickets.inFlight = slot ? { slot, gen } : null;
    const sentAt = this.deps.clock.now();
    this.dispatch({ type: 'write-started', op }, sentAt);
    const sending = send(this.deps.graph, op, this.writeContext);
    // Logged after the request started (and written on the next turn: after-request.ts).
    const fields = op.kind === 'set-preference' ? { op: op.kind, presence: op.key, expirationMs: op.expirationMs ?? null } : { op: op.kind };
    // Keep-alives every few minutes would drown the log at info.
    if (op.kind === 'set-session') this.deps.log.debug('sent to Graph', fields);
    else this.deps.log.info('sent to Graph', fields);
    let event: WriteResult;
    try {
      await sending;
      event = { type: 'write-succeeded', op, sentAt };
    } catch (thrown) {
      event = writeFailed(op, thrown);
    }
    this.tickets.inFlight = null;
    const verdict = event.type === 'write-failed' ? failureVerdict(this.model, event, this.deps.clock.now()) : null;
    this.dispatch(event);
    if (event.type === 'write-succeeded') {
      if (slot) this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'applied' });
      this.publish();
      return true;
    }
    const error = event.error;
    // This request's own commands get this request's fate; a newer command on the slot waits for its own.
    const own = (t: Ticket): boolean => t.slot === slot && t.gen === gen;
    if (verdict?.kind === 'refused') {
      // Graph refused this exact request: repeating it cannot help. Report it; a new command tries again.
      this.deps.log.error('Graph refused the request', { op: op.kind, code: error.code, requestId: error.requestId });
      if (slot) this.tickets.settle(own, { outcome: 'failed', error });
    } else {
      if (verdict?.kind === 'sign-in') this.deps.log.warn('sign-in no longer accepted; keeping the intent until the user signs in again', { op: op.kind, code: error.code });
      else this.deps.log.warn('write failed; keeping the intent and retrying', { op: op.kind, code: error.code, retryInMs: verdict?.waitMs });
      // Kept for later, but what is kept now is the newer command's choice: this one was replaced.
      if (slot && this.tickets.gen(slot) !== gen) this.tickets.settle(own, { outcome: 'superseded' });
    }
    this.publish();
    return false;
  }

  private async read(): Promise<ReadResult> {
    this.dispatch({ type: 'read-started' });
    const event = await read(this.deps.graph);
    const before = this.model;
    const m = this.dispatch(event);
    if (event.type === 'read-failed') this.deps.log.warn('reading presence failed; backing off', { code: event.error.code, failures: m.readFailures });
    else if (!before.changedOutside && m.changedOutside) {
      this.deps.log.info('presence was changed in Teams; not re-asserting until the next scheduled change or command', { actual: m.actual?.key ?? null });
    }
    return event;
  }

  /** Resolve the tickets whose fate is known: nothing left to send (applied) or blocked (queued). */
  private settleTickets(p: Plan): void {
    for (const slot of ['presence', 'status'] as const) {
      const gen = this.tickets.gen(slot);
      if (!p.slots[slot]) this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'applied' });
      else if (p.blocked) this.tickets.settle((t) => t.slot === slot && t.gen === gen, { outcome: 'queued', error: blockedError(this.model, p.blocked) });
    }
  }

  private settleDrains(failed: boolean): void {
    const m = this.model;
    const blocked = m.pending && m.pending.reason !== 'in-flight' ? m.pending.reason : null;
    this.tickets.settle(
      (t) => t.slot === 'drain',
      blocked
        ? { outcome: 'queued', error: blockedError(m, blocked) }
        : failed && m.lastError && !m.lastError.retryable
          ? { outcome: 'failed', error: m.lastError }
          : { outcome: 'applied' },
    );
  }

  /** Stop the wake-up and the read timer. */
  cancelTimers(): void {
    this.wakeTimer?.();
    this.wakeTimer = null;
    this.readTimer?.();
    this.readTimer = null;
  }

  /** One wake-up at the next instant something may need sending, and the periodic read. */
  armTimers(): void {
    this.wakeTimer?.();
    this.wakeTimer = null;
    const now = this.deps.clock.now();
    const { wakeAt } = wakeups(this.model, now);
    if (wakeAt !== null) {
      this.wakeTimer = this.deps.clock.setTimer(() => {
        this.wakeTimer = null;
        void this.kick();
      }, wakeAt - now);
    }
    this.armReadTimer();
  }

  /** (Re)arm the periodic read from the model (after a read, a write, or a new interval). */
  armReadTimer(): void {
    this.readTimer?.();
    this.readTimer = null;
    const now = this.deps.clock.now();
    const delay = wakeups(this.model, now).readInMs;
    if (delay === null) return;
    this.readTimer = this.deps.clock.setTimer(() => {
      this.readTimer = null;
      this.dispatch({ type: 'read-due' });
      void this.kick();
    }, delay);
  }

  /** Call `listener` with the state on every change; returns an unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void {
    return this.publisher.onState(listener);
  }

  /** Stop publishing (quit). */
  closeListeners(): void {
    this.publisher.close();
  }

  /** The state may have changed: tell the listeners on a later turn. */
  publish(): void {
    this.publisher.publish();
  }
}
