/**
 * The controller's model: everything it knows, as one immutable value. Only `reduce` (reduce.ts) makes a new
 * one; `plan` (next-effect.ts) and `view` (view.ts) read it. Instants are epoch ms here; ISO strings exist
 * only in the state object, on the wire and in the saved file.
 */
import type { AppError } from '../errors.ts';
import type { PendingReason } from './failures.ts';
import { holds } from './plan.ts';
import type { HeldPreference, HeldStatus, Layers, Op } from './plan.ts';
import { activeRule, machineHold } from './machine.ts';
import type { MachineRuleKind, MachineRules } from './machine.ts';
import type { KeptPause, KeptStatus, ManualChoice } from './saved-intent.ts';
import type { ActualPresence, Difference, ScheduledPresence } from './types.ts';

/** Options a user can change while the app runs (settings.options), plus the app's identity. */
export interface ControllerOptions {
  /** Hold the app's own presence session (opt-in; see docs/architecture.md). */
  appSession: boolean;
  /** Background read interval while the user is active, seconds (default 300; see budget.ts). */
  readIntervalSeconds: number;
  /**
   * A stable id of this install: it sets this copy's read phase and its offset after a shared schedule
   * boundary (budget.ts). Without it, reads are one interval apart and scheduled writes are not spread.
   */
  installId?: string;
  /** Scheduled writes of a boundary are spread over this many seconds by a per-install offset (policy; default 0). */
  scheduleSpreadSeconds?: number;
  /** The app registration's client id: the app session's `sessionId`. */
  clientId: string;
  /** IANA zone for `end-of-day` and the summary; defaults to the schedule's zone, then the system zone. */
  timeZone?: string;
  /** Demo mode (shown as a badge). */
  demo?: boolean;
  /** Rules that follow the machine (settings.machineRules); absent: none. */
  machineRules?: MachineRules;
}

/** Scheduled changes are paused until `until` (epoch ms), or until resumed (null). */
export type Pause = KeptPause;

/** The retry bookkeeping of the queue. */
export interface RetryState {
  /** No write before this instant (epoch ms), or null. */
  at: number | null;
  /** The wait is Graph's own (Retry-After): nothing from the machine shortens it, and reads wait too. */
  throttle: boolean;
  /** Consecutive failed attempts of the pending work (the controller's own backoff doubles with it). */
  count: number;
}

/** Everything the controller knows. Never mutated: `reduce` returns a new one. */
export interface Model {
  readonly options: Readonly<ControllerOptions>;
  readonly started: boolean;
  readonly disposed: boolean;

  // What people asked for (persisted), and what the schedule says.
  readonly manual: ManualChoice | null;
  readonly status: KeptStatus | null;
  readonly pause: Pause | null;
  readonly scheduled: ScheduledPresence | null;
  /** Identifies the schedule's current stretch, so moving to the next one is noticed. */
  readonly scheduleMark: string | null;
  /** The presence was changed outside the app (in Teams): it stops re-asserting until the next change or command. */
  readonly changedOutside: boolean;

  // What Graph holds because of us, and what it last said.
  readonly heldPref: HeldPreference | null;
  readonly heldStatus: HeldStatus | null;
  /** When the app session's keep-alive is due (epoch ms), or null when no session is held. */
  readonly sessionRenewAt: number | null;
  /** When our last preference write landed (epoch ms): reads shortly after it may not show it yet. */
  readonly preferenceWrittenAt: number | null;
  readonly actual: ActualPresence | null;
  readonly outOfOffice: boolean;
  readonly difference: Difference | null;

  // The machine.
  readonly network: 'online' | 'offline';
  readonly suspended: boolean;
  readonly locked: boolean;
  /** No input for the idle rule's minutes (the idle sampler says so). */
  readonly idle: boolean;
  /** The end of the active machine rule's lease (epoch ms), or null when no rule holds (machine.ts). */
  readonly machineLease: number | null;
  /** Conditions a manual command ended early: their rules stay out until the condition ends. */
  readonly machineDismissed: readonly MachineRuleKind[];
  /** The token source says signed in. */
  readonly signedIn: boolean;
  /** Graph refused the sign-in: nothing is sent until the user signs in again. */
  readonly authExpired: boolean;

  // The queue.
  readonly lastError: AppError | null;
  /** `lastError` came from a read (a good read ends it). */
  readonly errorFromRead: boolean;
  /** Unconfirmed work and since when (epoch ms). */
  readonly pending: { reason: PendingReason; sinceMs: number } | null;
  readonly retry: RetryState;
  readonly readFailures: number;
  /** A read was asked for (refresh, unlock, the read timer). */
  readonly readRequested: boolean;
  /** The first read at start has not happened yet (read before writing: Graph may already hold it). */
  readonly readFirst: boolean;
  /** When the read after the last write is due (epoch ms), or null. */
  readonly postWriteReadAt: number | null;
  /** Requests Graph refused as such (JSON of the op): not repeated until a new command. */
  readonly rejected: readonly string[];

  // The fleet budget (budget.ts).
  /** The schedule boundary (epoch ms) the current stretch began at, for the spread of its writes; null: none. */
  readonly boundaryAt: number | null;
  /** When the last read started, and when the last scheduled write that took a read's turn landed (epoch ms), or null. */
  readonly lastReadAt: number | null;
  readonly lastWriteAt: number | null;
  /** Doublings of the background read interval after 429s (0..READ_SLOWDOWN_MAX). */
  readonly readSlowdown: number;
  /** Good reads since the last 429 or narrowing step. */
  readonly readsSinceThrottle: number;
  /** The user acted or is looking (a command, menu or window): read back after the next write. */
  readonly userWaiting: boolean;
}

/** The model of a controller that has not started. */
export function initialModel(options: ControllerOptions): Model {
  return {
    options: { ...options },
    started: false,
    disposed: false,
    manual: null,
    status: null,
    pause: null,
    scheduled: null,
    scheduleMark: null,
    changedOutside: false,
    heldPref: null,
    heldStatus: null,
    sessionRenewAt: null,
    preferenceWrittenAt: null,
    actual: null,
    outOfOffice: false,
    difference: null,
    network: 'online',
    suspended: false,
    locked: false,
    idle: false,
    machineLease: null,
    machineDismissed: [],
    signedIn: false,
    authExpired: false,
    lastError: null,
    errorFromRead: false,
    pending: null,
    retry: { at: null, throttle: false, count: 0 },
    readFailures: 0,
    readRequested: false,
    readFirst: false,
    postWriteReadAt: null,
    rejected: [],
    boundaryAt: null,
    lastReadAt: null,
    lastWriteAt: null,
    readSlowdown: 0,
    readsSinceThrottle: 0,
    userWaiting: false,
  };
}

/** True while the pause has not ended at `now`. */
export function isPaused(m: Model, now: number): boolean {
  return !!m.pause && (m.pause.until === null || m.pause.until > now);
}

/** What decides what should hold (plan.ts's precedence rules read it). */
export function layersOf(m: Model, now: number): Layers {
  const h = m.heldPref;
  const hs = m.heldStatus;
  return {
    now,
    manual: m.manual,
    status: m.status,
    scheduled: m.scheduled,
    paused: isPaused(m, now),
    changedOutside: m.changedOutside,
    machine: machineHold(m.options.machineRules, activeMachineRule(m), m.machineLease),
    machineHeld: h?.kind === 'set' && h.machine === true && h.expiresAt > now,
    machineStatusHeld: hs?.machine === true && hs.text !== '' && (hs.expiresAt === null || hs.expiresAt > now),
  };
}

/** The machine rule that holds now (enabled, its condition true, not ended early by a command), or null. */
export function activeMachineRule(m: Model): MachineRuleKind | null {
  return activeRule(m.options.machineRules, m, m.machineDismissed);
}

/** The manual choice still in force at `now`, or null. */
export function manualInForce(m: Model, now: number): ManualChoice | null {
  return m.manual && holds(m.manual.endsAt, now) ? m.manual : null;
}

/** The identity of a request, for the `rejected` list. */
export function signature(op: Op): string {
  return JSON.stringify(op);
}
