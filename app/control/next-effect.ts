/**
 * `plan(model, now)`: the one pure decision of what the controller does next — send a write, read presence,
 * or wait (blocked, or nothing to do) until a wake-up — together with the per-slot requests the tickets are
 * settled from, so the answer is computed once per turn. `wakeups` says when the runner's timers fire.
 */
import type { AppError } from '../errors.ts';
import { OFFLINE_ERROR, SIGNED_OUT_ERROR } from './failures.ts';
import type { PendingReason } from './failures.ts';
import { REASSERT_READ_FRESH_MS, backgroundReadAt, clampSpread, scheduleOffsetMs } from './budget.ts';
import { MACHINE_RENEW_BEFORE_MS } from './machine.ts';
import { activeMachineRule, layersOf, signature } from './model.ts';
import type { Model } from './model.ts';
import { REASSERT_BEFORE_MS, commandSlot, desiredPresence, desiredStatus, holds, nextWake, presenceOp, sessionOp, statusOp } from './plan.ts';
import type { Op } from './plan.ts';

/** Reads back off by doubling the interval per consecutive failure, up to this factor. */
export const READ_BACKOFF_MAX_FACTOR = 16;
/** Failed reads and 429s together double the background read interval at most this often (32×). */
const READ_DOUBLINGS_MAX = 5;

/** What the controller does next. */
export type Effect =
  | { kind: 'write'; op: Op }
  /** `first`: a read the writes wait for (at start, before re-asserting): the round goes on after it. */
  | { kind: 'read'; first?: boolean }
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

/** The next request that may go now and brings Graph to what should hold, or null. Refused requests are not repeated. */
export function nextOp(m: Model, now: number): Op | null {
  return planSlots(m, now).next;
}

/**
 * True while a preference write of something new is needed, whether it goes now or waits for this install's
 * turn. Re-sending what Graph already holds ("until I change it" before its lifetime ends) explains nothing.
 */
export function presenceWritePending(m: Model, now: number): boolean {
  const op = planSlots(m, now).presence;
  return op?.kind === 'set-preference' && !isReassertion(m, op);
}

/**
 * Until when a scheduled write of `slot` waits after the boundary its stretch began at (epoch ms), or null: the
 * presence at this install's stable offset in [0, spread), the rule's status message one read interval (or one
 * spread, if longer) after it, so each write of a boundary many people share takes the place of one background
 * read of its install and the first write of each lands first.
 */
export function scheduledHoldUntil(m: Model, slot: 'presence' | 'status'): number | null {
  const spread = clampSpread(m.options.scheduleSpreadSeconds);
  if (m.boundaryAt === null || spread === 0 || !m.options.installId) return null;
  const second = Math.max(spread, Math.max(1, m.options.readIntervalSeconds)) * 1000;
  return m.boundaryAt + scheduleOffsetMs(m.options.installId, spread) + (slot === 'status' ? second : 0);
}

/**
 * True when `op`, landing at `now`, is the schedule's write that waited for this install's turn after a shared
 * boundary: it takes the place of the background read of that turn (the next read is timed from it).
 */
export function tookReadTurn(m: Model, op: Op, now: number): boolean {
  const slot = commandSlot(op);
  const turn = slot ? scheduledHoldUntil(m, slot) : null;
  return turn !== null && now >= turn && now - turn < TURN_SLACK_MS;
}

/** A held write that lands within this of its turn still counts as taking that turn's read. */
const TURN_SLACK_MS = 60_000;

interface Slots {
  next: Op | null;
  presence: Op | null;
  status: Op | null;
  /** The earliest instant a held scheduled write may go (epoch ms), or null when none is held. */
  heldUntil: number | null;
}

function planSlots(m: Model, now: number): Slots {
  const layers = layersOf(m, now);
  const want = desiredPresence(layers);
  const presence = notRejected(m, presenceOp(want, m.heldPref, now));
  const status = notRejected(m, statusOp(desiredStatus(layers), m.heldStatus, now));
  // Only the schedule's own writes wait for the spread: a person's command (or status message) never does.
  const presenceHold = presence && want.kind !== 'leave' && want.by === 'schedule' ? scheduledHoldUntil(m, 'presence') : null;
  const userStatus = layers.status !== null && holds(layers.status.endsAt, now);
  const statusHold = status && !userStatus ? scheduledHoldUntil(m, 'status') : null;
  const heldP = presenceHold !== null && presenceHold > now;
  const heldS = statusHold !== null && statusHold > now;
  const session = notRejected(m, sessionOp(m.options.appSession && !m.disposed, want, m.sessionRenewAt, now));
  const next = (heldP ? null : presence) ?? (heldS ? null : status) ?? session;
  // A held presence write always goes before the same boundary's status message (scheduledHoldUntil): its turn is the earlier.
  const heldUntil = heldP ? presenceHold : heldS ? statusHold : null;
  return { next, presence, status, heldUntil };
}

/** "Until I change it" about to be re-sent as it is: read first, so a change made in Teams is never overwritten. */
function isReassertion(m: Model, op: Op): boolean {
  const h = m.heldPref;
  return op.kind === 'set-preference' && op.endsAt === null && h?.kind === 'set' && h.forever && h.key === op.key && !m.userWaiting;
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
  return { effect: nextEffect(m, now, slots.next, blocked, ctx.holdWrites === true), next: slots.next, slots: { presence: slots.presence, status: slots.status }, blocked };
}

function nextEffect(m: Model, now: number, next: Op | null, blocked: PendingReason | null, holdWrites: boolean): Effect {
  // Read before the first write: what Graph already holds (a status message with its expiry) is not sent again.
  if (m.readFirst && canRead(m, now)) return { kind: 'read', first: true };
  const stale = m.lastReadAt === null || now - m.lastReadAt >= REASSERT_READ_FRESH_MS;
  if (next && !m.disposed && !blocked && !holdWrites && stale && isReassertion(m, next) && canRead(m, now)) return { kind: 'read', first: true };
  if (next && !m.disposed && !blocked && !holdWrites) return { kind: 'write', op: next };
  if (!m.disposed && m.readRequested && canRead(m, now)) return { kind: 'read' };
  return { kind: 'wait', blocked: next ? blocked : null };
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
    m.scheduled?.until,
    // "Until I change it" is re-asserted before Graph's default lifetime ends; anything else when it ends.
    held?.forever ? held.expiresAt - REASSERT_BEFORE_MS : null,
    held?.expiresAt,
    m.sessionRenewAt,
    m.retry.at,
    // A machine rule's lease is renewed while its condition lasts.
    m.machineLease === null ? null : m.machineLease - MACHINE_RENEW_BEFORE_MS,
    planSlots(m, now).heldUntil,
  ]);
  return { wakeAt: Number.isFinite(next) ? next : null, readInMs: readDelay(m, now) };
}

/**
 * Milliseconds until the next read, or null when none may happen. The background read (budget.ts) widens per
 * failed read and per throttling step; none is due while a scheduled write waits for its turn (that write
 * replaces what a read would show), and the read after a person's own write comes first.
 */
export function readDelay(m: Model, now: number): number | null {
  if (m.disposed || !m.started || !canRead(m, now)) return null;
  const postWrite = m.postWriteReadAt === null ? null : Math.max(0, m.postWriteReadAt - now);
  if (planSlots(m, now).heldUntil !== null) return postWrite;
  const failures = Math.min(Math.log2(READ_BACKOFF_MAX_FACTOR), m.readFailures);
  const at = backgroundReadAt(
    {
      intervalSeconds: m.options.readIntervalSeconds,
      doublings: Math.min(READ_DOUBLINGS_MAX, failures + m.readSlowdown),
      installId: m.options.installId,
      lastContact: m.lastReadAt === null && m.lastWriteAt === null ? now : Math.max(m.lastReadAt ?? 0, m.lastWriteAt ?? 0),
    },
    now,
  );
  const background = Math.max(0, at - now);
  return postWrite !== null ? Math.min(background, postWrite) : background;
}


/** The error a command kept for later (`queued`) carries: why the work waits. */
export function blockedError(m: Model, reason: PendingReason): AppError {
  const last = m.lastError;
  if (reason === 'signed-out') return last?.code === 'sign-in-required' || last?.code === 'unauthorized' ? last : SIGNED_OUT_ERROR;
  if (reason === 'offline' && m.network === 'offline') return OFFLINE_ERROR;
  return last ?? OFFLINE_ERROR;
}
