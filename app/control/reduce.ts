/**
 * `reduce(model, event, now) → model`: the controller's rules of state, pure. Commands replace the intent,
 * outside events change what the machine allows, and the results of requests say what Graph holds and how
 * long to wait. The fault rules (which failure keeps the intent and retries, which asks for sign-in, which is
 * reported and not repeated) are in `writeFailed`; the "never fight the user" rule is in `judged`.
 */
import type { GraphPresence } from '../graph/types.ts';
import { PRESENCES, normalizeActivity, normalizeAvailability, presenceKeyOf } from '../presence/index.ts';
import type { ControlEvent } from './events.ts';
import { explain } from './explain.ts';
import { LOOK_FRESH_MS, NARROW_AFTER_READS, READ_SLOWDOWN_MAX, isSharedBoundary } from './budget.ts';
import { classifyFailure, retryWait } from './failures.ts';
import type { FailureVerdict, PendingReason } from './failures.ts';
import { conditionsNow, dismissalsLeft, leaseAt, activeRule, type MachineRuleKind } from './machine.ts';
import { layersOf, signature } from './model.ts';
import type { Model } from './model.ts';
import { presenceWritePending, tookReadTurn } from './next-effect.ts';
import { POST_WRITE_READ_MS, SESSION_KEEPALIVE_MS, SETTLE_AFTER_WRITE_MS, desiredPresence, heldAfter, holds } from './plan.ts';
import type { Op } from './plan.ts';
import type { OutsideEvent } from './types.ts';

/**
 * True for the codes that mean the sign-in was refused. A declaration, not an arrow constant: with --testFiles,
 * Stryker's vitest runner switches a mutant on after the import, so a mutant of import-time code is never tried.
 */
function isAuthCode(code: string | undefined): boolean {
  return code === 'unauthorized' || code === 'sign-in-required';
}

/** The model after `event` at `now` (epoch ms). Never mutates `m`. */
export function reduce(m: Model, event: ControlEvent, now: number): Model {
  switch (event.type) {
    case 'started':
      // Read before writing: what Graph already holds need not be sent again.
      return { ...m, started: true, manual: event.manual, status: event.status, pause: event.pause, signedIn: event.signedIn, readFirst: true, readRequested: true };
    case 'disposed':
      return { ...m, disposed: true };
    case 'session-dropped':
      return { ...m, sessionRenewAt: null };
    case 'configured':
      return withMachine({ ...m, options: { ...m.options, ...event.options } }, now);
    case 'chosen':
      // A command is the user taking charge again after a change made outside the app, and it ends the
      // machine rules that hold now early (until their condition ends).
      return withMachine({ ...m, manual: event.choice, changedOutside: false, rejected: [], machineDismissed: conditionsNow(m), userWaiting: true }, now);
    case 'status-chosen':
      return { ...m, status: event.status, rejected: [], userWaiting: true };
    case 'paused':
      return { ...m, pause: event.pause };
    case 'resumed':
      // The user's own command: what the schedule says now goes at once, not after the boundary's spread.
      return { ...m, pause: null, changedOutside: false, boundaryAt: null };
    case 'refresh-asked':
      return { ...m, readRequested: true, retry: retryNowUnlessThrottled(m) };
    case 'looked-at':
      return m.lastReadAt !== null && now - m.lastReadAt < LOOK_FRESH_MS ? m : { ...m, readRequested: true };
    case 'throttle-seen':
      return widened(m);
    case 'refused':
      return { ...m, lastError: event.error };
    case 'outside':
      return withMachine(outside(m, event.event), now);
    case 'signed-in-changed':
      if (event.signedIn && m.authExpired) {
        return { ...m, signedIn: true, authExpired: false, lastError: isAuthCode(m.lastError?.code) ? null : m.lastError, readRequested: true };
      }
      return { ...m, signedIn: event.signedIn };
    case 'ticked': {
      const t = ticked(m, event.scheduled, now);
      // A pass starts: the read-back after a person's write is asked for once it is due (the plan reads it after the writes).
      return event.passStarted && t.postWriteReadAt !== null && t.postWriteReadAt <= now ? { ...t, readRequested: true } : t;
    }
    case 'read-due':
      return { ...m, readRequested: true };
    case 'writes-stopped':
      return withPending(m, event.pending, now);
    case 'wrote':
      // Read back only for someone who acted or is looking; a scheduled write nobody watches costs no read.
      return { ...m, postWriteReadAt: m.userWaiting ? now + POST_WRITE_READ_MS : null };
    case 'write-started':
      return withPending(m, 'in-flight', now);
    case 'write-succeeded':
      return { ...recorded(m, event.op, event.sentAt), retry: { at: null, throttle: false, count: 0 }, lastError: null, lastWriteAt: tookReadTurn(m, event.op, now) ? now : m.lastWriteAt };
    case 'write-failed':
      return writeFailed(m, event, now);
    case 'read-started':
      return { ...m, readFirst: false, readRequested: false, postWriteReadAt: null, lastReadAt: now, userWaiting: false };
    case 'read-succeeded':
      return readSucceeded(m, event.presence, now);
    case 'read-failed': {
      const failed: Model = {
        ...m,
        readFailures: m.readFailures + 1,
        lastError: event.error,
        errorFromRead: true,
        authExpired: m.authExpired || isAuthCode(event.error.code),
      };
      const wait = retryWait(event.hint, now);
      return wait === null ? failed : widened({ ...failed, retry: { ...m.retry, throttle: true, at: Math.max(m.retry.at ?? 0, now + wait) } });
    }
  }
}

/**
 * A 429 for any request of this app: the whole registration is over budget, so read less. One step per
 * throttling episode (further 429s before a good read do not widen again), up to READ_SLOWDOWN_MAX.
 */
export function widened(m: Model): Model {
  const step = m.readSlowdown === 0 || m.readsSinceThrottle > 0 ? 1 : 0;
  return { ...m, readSlowdown: Math.min(READ_SLOWDOWN_MAX, m.readSlowdown + step), readsSinceThrottle: 0 };
}

/**
 * A good read: after NARROW_AFTER_READS of them in a row without a 429, the interval narrows one step. At the
 * narrowest step nothing is counted (every change of the step resets the count, so it is 0 there already).
 */
function narrowed(m: Model): Model {
  if (m.readSlowdown === 0) return m;
  const reads = m.readsSinceThrottle + 1;
  return reads >= NARROW_AFTER_READS ? { ...m, readSlowdown: m.readSlowdown - 1, readsSinceThrottle: 0 } : { ...m, readsSinceThrottle: reads };
}

/** Retry-After is a promise to Graph: an event from the machine does not make it shorter. */
function retryNowUnlessThrottled(m: Model): Model['retry'] {
  return m.retry.throttle ? m.retry : { ...m.retry, at: null };
}

function outside(m: Model, e: OutsideEvent): Model {
  switch (e.type) {
    case 'online':
      return { ...m, network: 'online', readRequested: true, retry: retryNowUnlessThrottled(m) };
    case 'offline':
      return { ...m, network: 'offline' };
    case 'suspend':
      return { ...m, suspended: true };
    case 'resume':
      // A lock that spanned a sleep is over for its rule (ended early, like a command would): its lease ran out
      // while asleep and the user is about to unlock, so what holds now applies instead of a second lock write.
      return { ...m, suspended: false, readRequested: true, retry: retryNowUnlessThrottled(m), machineDismissed: m.locked ? dismissing(m.machineDismissed, 'lock') : m.machineDismissed };
    case 'lock':
      return { ...m, locked: true };
    case 'unlock':
      return { ...m, locked: false, readRequested: true, retry: retryNowUnlessThrottled(m) };
    case 'idle':
      return { ...m, idle: true };
    case 'active':
      return { ...m, idle: false, readRequested: true, retry: retryNowUnlessThrottled(m) };
    case 'clock-changed':
    case 'timezone-changed':
      // Instants were computed from the old wall clock: forget the stretch so the next tick recomputes it.
      return { ...m, scheduleMark: null };
  }
}

/** `dismissed` with `kind` added (the same list when it is already there). */
function dismissing(dismissed: readonly MachineRuleKind[], kind: MachineRuleKind): readonly MachineRuleKind[] {
  return dismissed.includes(kind) ? dismissed : [...dismissed, kind];
}

function withPending(m: Model, reason: PendingReason | null, now: number): Model {
  if (reason === null) return m.pending === null ? m : { ...m, pending: null };
  return m.pending?.reason === reason ? m : { ...m, pending: { reason, sinceMs: now } };
}

/** Drop what has ended, and notice the schedule moving to its next stretch (the app takes charge again). */
function ticked(m: Model, scheduled: Model['scheduled'], now: number): Model {
  const manual = m.manual && !holds(m.manual.endsAt, now) ? null : m.manual;
  const status = m.status && !holds(m.status.endsAt, now) ? null : m.status;
  const pause = m.pause?.until != null && m.pause.until <= now ? null : m.pause;
  const mark = scheduled ? `${scheduled.ruleId}|${scheduled.presence}|${scheduled.until ?? ''}` : 'none';
  const moved = mark !== m.scheduleMark;
  // The common tick changes nothing (the hot path of every command): keep the same model.
  if (!moved && manual === m.manual && status === m.status && pause === m.pause && scheduled === m.scheduled) return withMachine(m, now);
  const changedOutside = moved && m.scheduleMark !== null ? false : m.changedOutside;
  // A stretch that began at a boundary others may share (not at start, nor after an edit or a clock change)
  // spreads its writes (budget.ts). A stretch without an end never reaches one.
  const boundary = m.scheduled?.until ?? Number.POSITIVE_INFINITY;
  const boundaryAt = !moved ? m.boundaryAt : m.scheduleMark !== null && boundary <= now && isSharedBoundary(boundary) ? boundary : null;
  return withMachine({ ...m, manual, status, pause, scheduled, scheduleMark: mark, changedOutside, boundaryAt }, now);
}

/**
 * The machine rules at `now`: a dismissal ends with its condition, and the active rule's lease starts, or is
 * renewed when little of it is left. The same model when nothing changed.
 */
function withMachine(m: Model, now: number): Model {
  const dismissed = dismissalsLeft(m.machineDismissed, m);
  const lease = leaseAt(activeRule(m.options.machineRules, m, dismissed), m.machineLease, now);
  if (dismissed === m.machineDismissed && lease === m.machineLease) return m;
  return { ...m, machineDismissed: dismissed, machineLease: lease };
}

/** What Graph holds after a successful request. */
function recorded(m: Model, op: Op, sentAt: number): Model {
  switch (op.kind) {
    case 'set-preference':
      return { ...m, heldPref: heldAfter(op, sentAt), preferenceWrittenAt: sentAt };
    case 'clear-preference':
      return { ...m, heldPref: heldAfter(op, sentAt) };
    case 'set-status':
      return { ...m, heldStatus: op.machine ? { text: op.text, expiresAt: op.endsAt, machine: true } : { text: op.text, expiresAt: op.endsAt } };
    case 'set-session':
      return { ...m, sessionRenewAt: sentAt + SESSION_KEEPALIVE_MS };
    case 'clear-session':
      return { ...m, sessionRenewAt: null };
  }
}

type WriteFailed = Extract<ControlEvent, { type: 'write-failed' }>;

/** The verdict on a failed write in model `m` (the backoff doubles with the retries already failed). */
export function failureVerdict(m: Model, e: WriteFailed, now: number): FailureVerdict {
  return classifyFailure(e.error, e.hint, now, m.retry.count);
}

/**
 * A failed write: the sign-in was refused (keep the intent, wait for the user), a transient failure (keep it,
 * retry after Graph's Retry-After or a backoff), or Graph refused the request itself (do not repeat it).
 */
function writeFailed(m: Model, e: WriteFailed, now: number): Model {
  const failed: Model = { ...m, lastError: e.error, errorFromRead: false };
  const verdict = failureVerdict(m, e, now);
  switch (verdict.kind) {
    case 'sign-in':
      return withPending({ ...failed, authExpired: true }, 'signed-out', now);
    case 'retry':
      return withPending({ ...(e.error.code === 'throttled' ? widened(failed) : failed), retry: { throttle: verdict.throttle, count: m.retry.count + 1, at: now + verdict.waitMs } }, verdict.pending, now);
    case 'refused':
      return { ...failed, rejected: [...m.rejected, signature(e.op)] };
  }
}

function readSucceeded(m: Model, p: GraphPresence, now: number): Model {
  const availability = normalizeAvailability(p.availability);
  const activity = normalizeActivity(p.activity);
  const actual = {
    availability,
    activity,
    key: presenceKeyOf({ availability, activity }),
    statusMessage: p.statusMessage?.content ? p.statusMessage.content : null,
    readAt: new Date(now).toISOString(),
  };
  // Unknown until now (start-up): take what Graph holds, so an identical message is not sent again.
  const sm = p.statusMessage;
  const heldStatus = m.heldStatus ?? (sm ? { text: sm.content, expiresAt: sm.expiresAt === null ? null : Date.parse(sm.expiresAt) } : { text: '', expiresAt: null });
  // A good read ends a read error; a write error stays until a write succeeds (unless it was transient).
  const endsError = m.lastError && (m.errorFromRead || (m.lastError.retryable && !m.pending));
  const read: Model = { ...narrowed(m), actual, outOfOffice: p.outOfOffice, heldStatus, readFailures: 0, lastError: endsError ? null : m.lastError, errorFromRead: false };
  return judged(read, now);
}

/**
 * Compare the read with what the app holds; an unexplained difference is a change made outside the app, once
 * a read at least {@link SETTLE_AFTER_WRITE_MS} after our last preference write confirms it. A difference
 * seen sooner may be Graph not showing our write yet: it is shown as settling and read again at the end of
 * the window.
 */
export function judged(m: Model, now: number): Model {
  if (!m.actual) return m;
  const want = desiredPresence(layersOf(m, now));
  const h = m.heldPref;
  // What Graph should show because of us: the preference we hold, while it lasts and is still the one we want (after
  // a change made in Teams nothing is wanted).
  const held = want.kind === 'set' && h?.kind === 'set' && h.expiresAt > now && h.key === want.key ? want.key : null;
  const pending = presenceWritePending(m, now);
  const verdict = explain(m.actual, held, pending, m.outOfOffice);
  const written = m.preferenceWrittenAt;
  if (verdict.changedInTeams && written !== null && now < written + SETTLE_AFTER_WRITE_MS) {
    const settledAt = written + SETTLE_AFTER_WRITE_MS;
    const label = m.actual.key ? PRESENCES[m.actual.key].label : m.actual.availability;
    return {
      ...m,
      difference: { reason: 'settling', explanation: `Microsoft Graph still shows ${label}; a change can take a minute or two to show. Checking again shortly.` },
      postWriteReadAt: Math.min(m.postWriteReadAt ?? settledAt, settledAt),
    };
  }
  if (verdict.changedInTeams) {
    // Teams replaced our preference: what we sent no longer holds, so a later write is never skipped as "same".
    return { ...m, difference: verdict.difference, changedOutside: true, heldPref: null };
  }
  if (m.changedOutside && m.actual.key !== null) {
    return { ...m, difference: { reason: 'changed-in-teams', explanation: `Changed in Teams to ${PRESENCES[m.actual.key].label}; Presence Tray leaves it alone.` } };
  }
  return { ...m, difference: verdict.difference };
}
