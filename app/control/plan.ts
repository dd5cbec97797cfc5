/**
 * The controller's pure decisions: what should hold now (from the manual intent, the schedule, a pause and a
 * change made in Teams), and which single Graph request, if any, brings Graph there from what it holds.
 * No I/O and no clock: everything arrives as arguments, so every rule here is a unit test away.
 */
import { PRESENCES, defaultPreferenceLifetimeMs } from '../presence/index.ts';
import type { PresenceKey } from '../presence/index.ts';
import type { MachineHold } from './machine.ts';
import type { ScheduledPresence, Source } from './types.ts';

/** A write whose end lies within this of an identical one in force is the same write (not sent again). */
export const SAME_END_TOLERANCE_MS = 60_000;
/** "Until I change it" is re-asserted this long before Graph's default lifetime would drop it. */
export const REASSERT_BEFORE_MS = 30 * 60_000;
/** App session: keep-alive period, and the expiry each keep-alive asks for (PT10M: survives one missed beat). */
export const SESSION_KEEPALIVE_MS = 4 * 60_000;
/** Expiry sent with each app-session keep-alive. */
export const SESSION_EXPIRY_MS = 10 * 60_000;
/**
 * Presence is read back this long after the last write, not at once: a burst of writes gets one read, the read
 * never holds up the next command's write (one request in flight), and Teams has had a moment to catch up.
 */
export const POST_WRITE_READ_MS = 2_000;
/**
 * How long after our own preference write a read that still differs is not taken as a change made in Teams.
 * Nothing documents that a read right after a write is current, and Microsoft says Teams clients take minutes
 * to pick a change up; two minutes covers the lag people report, and costs nothing: the app sends nothing in
 * between, so a real change made in Teams meanwhile is noticed at most two minutes later, by the read that
 * confirms it.
 */
export const SETTLE_AFTER_WRITE_MS = 120_000;
/** A choice ending sooner than this is treated as already over (Graph has no sub-second durations). */
export const MIN_WRITE_MS = 1_000;

/** The status message the user (or a rule) asked for; `text: ''` means "no message". */
export interface StatusIntent {
  text: string;
  source: Source;
  /** Epoch ms it ends, or null (until replaced). */
  endsAt: number | null;
}

/** What the presence should be. `leave`: nobody wants anything; whatever Graph holds stays. */
export type DesiredPresence =
  | { kind: 'set'; key: PresenceKey; endsAt: number | null; by: 'manual' | 'schedule' | 'machine' }
  | { kind: 'clear'; by: 'manual' | 'schedule' | 'machine' }
  | { kind: 'leave' };

/** What the status message should be (`text: ''` clears it). */
export type DesiredStatus = { kind: 'set'; text: string; endsAt: number | null; machine?: true } | { kind: 'leave' };

/** A choice as the planner needs it: what (null = clear), and until when (epoch ms; null = never). */
export interface Choice {
  presence: PresenceKey | null;
  endsAt: number | null;
}

/** Everything that decides what should hold. */
export interface Layers {
  now: number;
  manual: Choice | null;
  status: StatusIntent | null;
  scheduled: ScheduledPresence | null;
  /** Scheduled changes are paused (the pause has not ended). */
  paused: boolean;
  /** The user changed the presence in Teams: stop asserting presence until the next change or command. */
  changedOutside: boolean;
  /** The machine rule in charge (screen locked, idle, asleep) with its lease, or null (machine.ts). */
  machine?: MachineHold | null;
  /** The live preference Graph holds was written by a machine rule: hand it back when nobody else wants one. */
  machineHeld?: boolean;
  /** The live status message Graph holds was written by a machine rule. */
  machineStatusHeld?: boolean;
}

/** True while an intent ending at `endsAt` (epoch ms, null = never) still holds at `now`. */
export function holds(endsAt: number | null, now: number): boolean {
  return endsAt === null || endsAt - now >= MIN_WRITE_MS;
}

/** Who decides the presence now. */
export function inCharge(l: Layers): 'machine' | 'manual' | 'schedule' | 'teams' | 'nobody' {
  if (l.changedOutside) return 'teams';
  if (l.machine) return 'machine';
  if (l.manual && holds(l.manual.endsAt, l.now)) return 'manual';
  if (!l.paused && l.scheduled && (l.scheduled.presence !== null || l.scheduled.outside === 'clear')) return 'schedule';
  return 'nobody';
}

/** What the presence should be now (docs/architecture.md#precedence). */
export function desiredPresence(l: Layers): DesiredPresence {
  switch (inCharge(l)) {
    case 'machine': {
      // A rule's preference always runs on its lease: Graph ends it by itself if the app is gone.
      const h = l.machine as MachineHold;
      return h.presence === null ? { kind: 'clear', by: 'machine' } : { kind: 'set', key: h.presence, endsAt: h.leaseEndsAt, by: 'machine' };
    }
    case 'manual': {
      const m = l.manual as Choice;
      return m.presence === null ? { kind: 'clear', by: 'manual' } : { kind: 'set', key: m.presence, endsAt: m.endsAt, by: 'manual' };
    }
    case 'schedule': {
      const s = l.scheduled as ScheduledPresence;
      const endsAt = s.until;
      return s.presence === null ? { kind: 'clear', by: 'schedule' } : { kind: 'set', key: s.presence, endsAt, by: 'schedule' };
    }
    case 'nobody':
      // A rule's preference that outlived its condition is handed back to Teams, not left until its lease ends.
      return l.machineHeld ? { kind: 'clear', by: 'machine' } : { kind: 'leave' };
    default:
      return { kind: 'leave' };
  }
}

/** What the status message should be now: the user's own, else the rule's (which ends with the rule). */
export function desiredStatus(l: Layers): DesiredStatus {
  if (!l.changedOutside && l.machine?.statusMessage) return { kind: 'set', text: l.machine.statusMessage, endsAt: l.machine.leaseEndsAt, machine: true };
  if (l.status && holds(l.status.endsAt, l.now)) return { kind: 'set', text: l.status.text, endsAt: l.status.endsAt };
  if (!l.paused && l.scheduled?.statusMessage) {
    return { kind: 'set', text: l.scheduled.statusMessage, endsAt: l.scheduled.until };
  }
  return l.machineStatusHeld ? { kind: 'set', text: '', endsAt: null } : { kind: 'leave' };
}

/** The preference Graph holds because of us: `cleared`, a pair until `expiresAt`, or unknown (null). */
export type HeldPreference =
  | { kind: 'cleared' }
  | { kind: 'set'; key: PresenceKey; expiresAt: number; forever: boolean; machine?: true };

/** The status message Graph holds because of us, or unknown (null). */
export interface HeldStatus {
  text: string;
  expiresAt: number | null;
  /** Written by a machine rule. */
  machine?: true;
}

/** One Graph request the controller may send. */
export type Op =
  | { kind: 'set-preference'; key: PresenceKey; expirationMs: number | undefined; endsAt: number | null; machine?: true }
  | { kind: 'clear-preference' }
  | { kind: 'set-status'; text: string; endsAt: number | null; machine?: true }
  | { kind: 'set-session' }
  | { kind: 'clear-session' };

/** The command slot a request answers: a preference write answers presence commands, a message write status ones. */
export function commandSlot(op: Op): 'presence' | 'status' | null {
  return op.kind === 'set-preference' || op.kind === 'clear-preference' ? 'presence' : op.kind === 'set-status' ? 'status' : null;
}

/** Two ends within {@link SAME_END_TOLERANCE_MS} of each other are the same end. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_END_TOLERANCE_MS;
}

/** The preference write needed to reach `want` from `held`, or null when Graph already holds it. */
export function presenceOp(want: DesiredPresence, held: HeldPreference | null, now: number): Op | null {
  // A pair Graph still holds for at least a second; TypeScript narrows `held` to that pair wherever `live` is true.
  const live = held?.kind === 'set' && held.expiresAt - now >= MIN_WRITE_MS;
  if (want.kind === 'leave') return null;
  if (want.kind === 'clear') {
    // Nothing live to clear (cleared, or expired in Graph, which is as good as cleared): clearing again changes nothing.
    if (held && !live) return null;
    return { kind: 'clear-preference' };
  }
  if (want.endsAt !== null && want.endsAt - now < MIN_WRITE_MS) return null;
  if (live && held.key === want.key) {
    if (want.endsAt === null && held.forever && held.expiresAt - now > REASSERT_BEFORE_MS) return null;
    if (want.endsAt !== null && !held.forever && near(held.expiresAt, want.endsAt)) return null;
  }
  const expirationMs = want.endsAt === null ? undefined : want.endsAt - now;
  const op: Op = { kind: 'set-preference', key: want.key, expirationMs, endsAt: want.endsAt };
  return want.by === 'machine' ? { ...op, machine: true } : op;
}

/** What Graph will hold after a successful preference write sent at `now`. */
export function heldAfter(op: Op, now: number): HeldPreference | null {
  if (op.kind === 'clear-preference') return { kind: 'cleared' };
  if (op.kind !== 'set-preference') return null;
  if (op.expirationMs === undefined) {
    const lifetime = defaultPreferenceLifetimeMs(PRESENCES[op.key].pair.availability);
    return { kind: 'set', key: op.key, expiresAt: now + lifetime, forever: true };
  }
  const held: HeldPreference = { kind: 'set', key: op.key, expiresAt: now + op.expirationMs, forever: false };
  return op.machine ? { ...held, machine: true } : held;
}

/** The status-message write needed to reach `want` from `held`, or null. */
export function statusOp(want: DesiredStatus, held: HeldStatus | null, now: number): Op | null {
  if (want.kind === 'leave') return null;
  if (want.endsAt !== null && want.endsAt - now < MIN_WRITE_MS) return null;
  if (held) {
    const heldLive = held.expiresAt === null || held.expiresAt - now >= MIN_WRITE_MS;
    const heldText = heldLive ? held.text : '';
    if (want.text === '' && heldText === '') return null;
    if (heldLive && held.text === want.text) {
      if (want.endsAt === null && held.expiresAt === null) return null;
      if (want.endsAt !== null && held.expiresAt !== null && near(want.endsAt, held.expiresAt)) return null;
    }
  }
  const op: Op = { kind: 'set-status', text: want.text, endsAt: want.endsAt };
  return want.machine ? { ...op, machine: true } : op;
}

/**
 * The app-session request needed (docs/graph.md#app-session): keep a session alive only while the app wants
 * a preference other than Offline to hold, end it otherwise. `sessionUntil` is when the last keep-alive was due to be renewed
 * (epoch ms), or null when no session is held.
 */
export function sessionOp(enabled: boolean, want: DesiredPresence, sessionRenewAt: number | null, now: number): Op | null {
  // "Appear offline" needs no session to show (no session already means Offline): no keep-alives for it.
  const wanted = enabled && want.kind === 'set' && want.key !== 'Offline';
  if (wanted && (sessionRenewAt === null || sessionRenewAt <= now)) return { kind: 'set-session' };
  if (!wanted && sessionRenewAt !== null) return { kind: 'clear-session' };
  return null;
}

/** The earliest of `instants` (epoch ms; null/undefined ignored) strictly after `now`, or Infinity. */
export function nextWake(now: number, instants: ReadonlyArray<number | null | undefined>): number {
  let next = Number.POSITIVE_INFINITY;
  for (const t of instants) if (typeof t === 'number' && t > now) next = Math.min(next, t);
  return next;
}
