/**
 * `plan(model, now)`: the one pure decision of what the controller does next — send a write, read presence,
 * or wait (blocked, or nothing to do) until a wake-up — together with the per-slot requests the tickets are
 * settled from, so the answer is computed once per turn. `wakeups` says when the runner's timers fire.
 */
import type { AppError } from '../errors.ts';
import { OFFLINE_ERROR, SIGNED_OUT_ERROR } from './failures.ts';
import type { PendingReason } from './failures.ts';
import { MACHINE_RENEW_BEFORE_MS } from './machine.ts';
import { activeMachineRule, layersOf, signature } from './model.ts';
import type { Model } from './model.ts';
import { REASSERT_BEFORE_MS, desiredPresence, desiredStatus, nextWake, presenceOp, sessionOp, statusOp } from './plan.ts';
import type { Op } from './plan.ts';

/** Reads back off by doubling the interval per consecutive failure, up to this factor. */
export const READ_BACKOFF_MAX_FACTOR = 16;

/** What the controller does next. */
export type Effect =
  | { kind: 'write'; op: Op }
  | { kind: 'read' }
  /** Nothing can be sent now: `blocked` says why work waits (null: nothing is left to send). */
  | { kind: 'wait'; blocked: PendingReason | null };

/** The next effect, and what each command slot still needs (null: Graph holds it, or Graph refused it). */
export interface Plan {
  effect: Effect;
  /** The request the next write would be, even when it cannot go now. */
  next: Op | null;
  slots: { presence: Op | null; status: Op | null };
  /** Why a write could not go now (whether or not one is needed). */
  blocked: PendingReason | null;
}

/** Where the runner stands in its pass. */
export interface PlanContext {
  /** A write failed in this round: plan, but send nothing more until the next round. */
  holdWrites?: boolean;
}

const notRejected = (m: Model, op: Op | null): Op | null => (op && m.rejected.length > 0 && m.rejected.includes(signature(op)) ? null : op);

/**
 * The pending state once a round of writes stops: nothing left (null), blocked (why), or unchanged (a write
 * failed and recorded its own reason, or the controller is quitting).
 */
export function pendingAfter(m: Model, p: Plan): PendingReason | null | 'unchanged' {
  if (!p.next) return null;
  if (m.disposed) return 'unchanged';
  return p.blocked ?? 'unchanged';
}

/** The next request that brings Graph to what should hold, or null. Requests Graph refused are not repeated. */
export function nextOp(m: Model, now: number): Op | null {
  return planSlots(m, now).next;
}

function planSlots(m: Model, now: number): { next: Op | null; presence: Op | null; status: Op | null } {
  const layers = layersOf(m, now);
  const want = desiredPresence(layers);
  const presence = notRejected(m, presenceOp(want, m.heldPref, now));
  const status = notRejected(m, statusOp(desiredStatus(layers), m.heldStatus, now));
  const next = presence ?? status ?? notRejected(m, sessionOp(m.options.appSession && !m.disposed, want, m.sessionRenewAt, now));
  return { next, presence, status };
}

/** Why nothing may be sent now, or null. */
export function blockedReason(m: Model, now: number): PendingReason | null {
  // A sleep rule's write goes out on `suspend`, while the system still gives the app a moment.
  if (m.network === 'offline' || (m.suspended && activeMachineRule(m) !== 'sleep')) return 'offline';
  if (m.authExpired || !m.signedIn) return 'signed-out';
  if (m.retry.at !== null && m.retry.at > now) return m.retry.throttle ? 'throttled' : 'retrying';
  return null;
}

/** True when presence may be read now. */
export function canRead(m: Model, now: number): boolean {
  // While Graph's Retry-After runs, a read would count against the same limit: wait like the writes do.
  const throttled = m.retry.throttle && m.retry.at !== null && m.retry.at > now;
  return m.network === 'online' && !m.suspended && !m.locked && !throttled && !m.authExpired && m.signedIn;
}

/** The next effect at `now`. */
export function plan(m: Model, now: number, ctx: PlanContext = {}): Plan {
  const slots = planSlots(m, now);
  const blocked = blockedReason(m, now);
  const base = { next: slots.next, slots: { presence: slots.presence, status: slots.status }, blocked };
  // Read before the first write: what Graph already holds (a status message with its expiry) is not sent again.
  if (m.readFirst && canRead(m, now)) return { ...base, effect: { kind: 'read' } };
  if (slots.next && !m.disposed && !blocked && !ctx.holdWrites) return { ...base, effect: { kind: 'write', op: slots.next } };
  if (!m.disposed && m.readRequested && canRead(m, now)) return { ...base, effect: { kind: 'read' } };
  return { ...base, effect: { kind: 'wait', blocked: slots.next ? blocked : null } };
}

/** When the runner's timers fire: the next instant something may need sending, and the next periodic read. */
export interface Wakeups {
  /** Epoch ms, or null when nothing is due. */
  wakeAt: number | null;
  /** Milliseconds until the next read, or null when reads are off (locked, offline, throttled, signed out). */
  readInMs: number | null;
}

/** The wake-up and the read timer for `m` at `now`. */
export function wakeups(m: Model, now: number): Wakeups {
  const held = m.heldPref?.kind === 'set' ? m.heldPref : null;
  const next = nextWake(now, [
    m.manual?.endsAt,
    m.status?.endsAt,
    m.pause?.until,
    m.scheduled?.until?.getTime(),
    // "Until I change it" is re-asserted before Graph's default lifetime ends; anything else when it ends.
    held?.forever ? held.expiresAt - REASSERT_BEFORE_MS : null,
    held?.expiresAt,
    m.sessionRenewAt,
    m.retry.at,
    // A machine rule's lease is renewed while its condition lasts.
    m.machineLease === null ? null : m.machineLease - MACHINE_RENEW_BEFORE_MS,
  ]);
  return { wakeAt: Number.isFinite(next) ? next : null, readInMs: readDelay(m, now) };
}

/** Milliseconds until the next read, or null when none may happen. */
export function readDelay(m: Model, now: number): number | null {
  if (m.disposed || !m.started || !canRead(m, now)) return null;
  const factor = Math.min(READ_BACKOFF_MAX_FACTOR, 2 ** m.readFailures);
  const interval = Math.max(1, m.options.readIntervalSeconds) * 1000 * factor;
  return m.postWriteReadAt !== null ? Math.max(0, Math.min(interval, m.postWriteReadAt - now)) : interval;
}


/** The error a command kept for later (`queued`) carries: why the work waits. */
export function blockedError(m: Model, reason: PendingReason): AppError {
  const last = m.lastError;
  if (reason === 'signed-out') return last?.code === 'sign-in-required' || last?.code === 'unauthorized' ? last : SIGNED_OUT_ERROR;
  if (reason === 'offline' && m.network === 'offline') return OFFLINE_ERROR;
  return last ?? OFFLINE_ERROR;
}
