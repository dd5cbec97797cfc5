// The state rules of the pure reduce(model, event, now) as tables: for each event, exactly which fields of the
// model it changes (and to what); the tick's rules (what has ended, when the schedule moved, where a boundary's
// spread starts); what a good read does to the errors, the read interval and the judgement "changed in Teams".
// No I/O, no clock: every row is a model, an event and plain instants.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../app/errors.ts';
import type { GraphPresence } from '../../app/graph/types.ts';
import { LOOK_FRESH_MS, NARROW_AFTER_READS, READ_SLOWDOWN_MAX } from '../../app/control/budget.ts';
import type { ControlEvent } from '../../app/control/events.ts';
import { RETRY_FIRST_MS } from '../../app/control/failures.ts';
import { DEFAULT_MACHINE_RULES, MACHINE_LEASE_MS } from '../../app/control/machine.ts';
import type { MachineRules } from '../../app/control/machine.ts';
import { initialModel, signature } from '../../app/control/model.ts';
import type { ControllerOptions, Model, RetryState } from '../../app/control/model.ts';
import { nextOp } from '../../app/control/next-effect.ts';
import { POST_WRITE_READ_MS, SESSION_KEEPALIVE_MS, SETTLE_AFTER_WRITE_MS } from '../../app/control/plan.ts';
import type { HeldPreference, Op } from '../../app/control/plan.ts';
import { judged, reduce, widened } from '../../app/control/reduce.ts';
import type { KeptStatus, ManualChoice } from '../../app/control/saved-intent.ts';
import type { Difference, ScheduledPresence } from '../../app/control/types.ts';
import { manualChoice } from '../support/model-fixtures.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z'); // on a quarter hour: a boundary many people may share
const MIN = 60_000;
const H = 60 * MIN;

const OPTIONS: ControllerOptions = { appSession: false, readIntervalSeconds: 60, clientId: 'c' };
const LOCK_RULE: MachineRules = { ...DEFAULT_MACHINE_RULES, lock: { enabled: true, presence: 'BeRightBack' } };
const model = (patch: Partial<Model> = {}): Model => ({ ...initialModel(OPTIONS), ...patch });

/** The fields `after` holds differently from `before`, with their new values (throws when `after` is no model). */
function changes(before: Model, after: Model): Record<string, unknown> {
  const was = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) if (!isDeepStrictEqual(was[key], now[key])) out[key] = now[key];
  return out;
}

const err = (code: string, retryable = false): AppError => ({ code, message: `the ${code} error`, retryable });
const manual = (presence: ManualChoice['presence'], endsAt: number | null): ManualChoice => manualChoice(presence, endsAt, T0 - H);
const status = (text: string, endsAt: number | null): KeptStatus => ({ text, source: 'tray', endsAt });
const BACKOFF: RetryState = { at: T0 + MIN, throttle: false, count: 1 };
const THROTTLED: RetryState = { at: T0 + MIN, throttle: true, count: 1 };
const NO_RETRY: RetryState = { at: null, throttle: false, count: 0 };
const SET_BUSY: Op = { kind: 'set-preference', key: 'Busy', expirationMs: H, endsAt: T0 + H };
const wrote = (op: Op, sentAt = T0 - 1_000): ControlEvent => ({ type: 'write-succeeded', op, sentAt });
const writeFailed = (error: AppError, hint: { retryAfterMs?: number } = {}): ControlEvent => ({ type: 'write-failed', op: SET_BUSY, error, hint });
const readFailed = (error: AppError, hint: { retryAfterMs?: number } = {}): ControlEvent => ({ type: 'read-failed', error, hint });
const signedIn = (yes: boolean): ControlEvent => ({ type: 'signed-in-changed', signedIn: yes });
const outside = (type: 'online' | 'offline' | 'suspend' | 'resume' | 'lock' | 'unlock' | 'idle' | 'active' | 'clock-changed' | 'timezone-changed'): ControlEvent => ({
  type: 'outside',
  event: { type },
});

describe('reduce: each event changes exactly these fields', () => {
  const M = manual('Busy', T0 + H);
  const S = status('Focus', T0 + H);
  it.each<[string, Model, ControlEvent, Record<string, unknown>]>([
    // Lifecycle and commands.
    [
      'started takes the saved intent and asks for a read before any write',
      model(),
      { type: 'started', manual: M, status: S, pause: { until: T0 + H }, signedIn: true },
      { started: true, manual: M, status: S, pause: { until: T0 + H }, signedIn: true, readFirst: true, readRequested: true },
    ],
    ['disposed marks the model disposed', model(), { type: 'disposed' }, { disposed: true }],
    ['session-dropped forgets the keep-alive', model({ sessionRenewAt: T0 + MIN }), { type: 'session-dropped' }, { sessionRenewAt: null }],
    ['configured changes the options it names and keeps the others', model(), { type: 'configured', options: { readIntervalSeconds: 120 } }, { options: { ...OPTIONS, readIntervalSeconds: 120 } }],
    [
      'configured turning the lock rule on while locked starts its lease',
      model({ locked: true }),
      { type: 'configured', options: { machineRules: LOCK_RULE } },
      { options: { ...OPTIONS, machineRules: LOCK_RULE }, machineLease: T0 + MACHINE_LEASE_MS },
    ],
    [
      'chosen: the user takes charge again (forgets refusals and a change made in Teams, ends the machine rule holding now)',
      model({ options: { ...OPTIONS, machineRules: LOCK_RULE }, locked: true, machineLease: T0 + H, changedOutside: true, rejected: [signature(SET_BUSY)] }),
      { type: 'chosen', choice: M },
      { manual: M, changedOutside: false, rejected: [], machineDismissed: ['lock'], machineLease: null, userWaiting: true },
    ],
    [
      'status-chosen takes the message and forgets refusals',
      model({ rejected: [signature(SET_BUSY)] }),
      { type: 'status-chosen', status: S },
      { status: S, rejected: [], userWaiting: true },
    ],
    ['paused keeps the pause', model(), { type: 'paused', pause: { until: T0 + H } }, { pause: { until: T0 + H } }],
    [
      'resumed ends the pause and a change made in Teams, and writes without the spread',
      model({ pause: { until: null }, changedOutside: true, boundaryAt: T0 }),
      { type: 'resumed' },
      { pause: null, changedOutside: false, boundaryAt: null },
    ],
    ['refresh-asked reads, and retries a backoff at once', model({ retry: BACKOFF }), { type: 'refresh-asked' }, { readRequested: true, retry: { ...BACKOFF, at: null } }],
    ["refresh-asked reads but never shortens Graph's Retry-After", model({ retry: THROTTLED }), { type: 'refresh-asked' }, { readRequested: true }],
    ['looked-at before any read reads', model(), { type: 'looked-at', what: 'menu' }, { readRequested: true }],
    ['looked-at within LOOK_FRESH_MS of the last read changes nothing', model({ lastReadAt: T0 - LOOK_FRESH_MS + 1 }), { type: 'looked-at', what: 'menu' }, {}],
    ['looked-at once the last read is LOOK_FRESH_MS old reads', model({ lastReadAt: T0 - LOOK_FRESH_MS }), { type: 'looked-at', what: 'window' }, { readRequested: true }],
    ['throttle-seen widens the read interval one step', model(), { type: 'throttle-seen' }, { readSlowdown: 1 }],
    ['refused reports the error', model(), { type: 'refused', error: err('invalid-until') }, { lastError: err('invalid-until') }],
    // The runner's bookkeeping.
    ['read-due asks for a read', model(), { type: 'read-due' }, { readRequested: true }],
    ['a pass starting with no read-back due changes nothing', model({ scheduleMark: 'none' }), { type: 'ticked', scheduled: null, passStarted: true }, {}],
    [
      'a pass starting asks for the read-back once it is due',
      model({ scheduleMark: 'none', postWriteReadAt: T0 }),
      { type: 'ticked', scheduled: null, passStarted: true },
      { readRequested: true },
    ],
    [
      'a pass starting before the read-back is due changes nothing',
      model({ scheduleMark: 'none', postWriteReadAt: T0 + 1 }),
      { type: 'ticked', scheduled: null, passStarted: true },
      {},
    ],
    ['a later tick of the pass leaves a due read-back to the next pass', model({ scheduleMark: 'none', postWriteReadAt: T0 }), { type: 'ticked', scheduled: null }, {}],
    [
      'writes-stopped with nothing left ends the pending work',
      model({ pending: { reason: 'retrying', sinceMs: T0 - MIN } }),
      { type: 'writes-stopped', pending: null },
      { pending: null },
    ],
    ['writes-stopped blocked starts the pending work now', model(), { type: 'writes-stopped', pending: 'offline' }, { pending: { reason: 'offline', sinceMs: T0 } }],
    [
      'writes-stopped for the same reason keeps since when it waits',
      model({ pending: { reason: 'offline', sinceMs: T0 - MIN } }),
      { type: 'writes-stopped', pending: 'offline' },
      {},
    ],
    [
      'writes-stopped for another reason waits since now',
      model({ pending: { reason: 'offline', sinceMs: T0 - MIN } }),
      { type: 'writes-stopped', pending: 'signed-out' },
      { pending: { reason: 'signed-out', sinceMs: T0 } },
    ],
    ['wrote for someone waiting reads back POST_WRITE_READ_MS later', model({ userWaiting: true }), { type: 'wrote' }, { postWriteReadAt: T0 + POST_WRITE_READ_MS }],
    ['wrote with nobody waiting costs no read', model({ postWriteReadAt: T0 + MIN }), { type: 'wrote' }, { postWriteReadAt: null }],
    ['write-started puts the work in flight now', model(), { type: 'write-started', op: SET_BUSY }, { pending: { reason: 'in-flight', sinceMs: T0 } }],
    ['write-started again keeps since when it is in flight', model({ pending: { reason: 'in-flight', sinceMs: T0 - MIN } }), { type: 'write-started', op: SET_BUSY }, {}],
    // Results of writes.
    [
      'a preference write landing: Graph holds it from when it was sent, and the retry and the error end',
      model({ retry: THROTTLED, lastError: err('throttled', true) }),
      wrote(SET_BUSY),
      { heldPref: { kind: 'set', key: 'Busy', expiresAt: T0 - 1_000 + H, forever: false }, preferenceWrittenAt: T0 - 1_000, retry: NO_RETRY, lastError: null },
    ],
    ['a cleared preference is held as cleared (no settling window: nothing was written)', model(), wrote({ kind: 'clear-preference' }), { heldPref: { kind: 'cleared' } }],
    ["the user's status message landing", model(), wrote({ kind: 'set-status', text: 'Focus', endsAt: T0 + H }), { heldStatus: { text: 'Focus', expiresAt: T0 + H } }],
    [
      "a machine rule's status message landing is held as the rule's",
      model(),
      wrote({ kind: 'set-status', text: 'Back soon', endsAt: T0 + H, machine: true }),
      { heldStatus: { text: 'Back soon', expiresAt: T0 + H, machine: true } },
    ],
    ['the app session landing: its keep-alive is due SESSION_KEEPALIVE_MS after it was sent', model(), wrote({ kind: 'set-session' }), { sessionRenewAt: T0 - 1_000 + SESSION_KEEPALIVE_MS }],
    ['the app session ended', model({ sessionRenewAt: T0 + MIN }), wrote({ kind: 'clear-session' }), { sessionRenewAt: null }],
    [
      'a refused write after a failed read: the error is the write’s, and the request is not repeated',
      model({ lastError: err('forbidden'), errorFromRead: true }),
      writeFailed(err('bad-request')),
      { lastError: err('bad-request'), errorFromRead: false, rejected: [signature(SET_BUSY)] },
    ],
    [
      'a 503 retries after the backoff and leaves the read interval alone',
      model(),
      writeFailed(err('unavailable', true)),
      { lastError: err('unavailable', true), retry: { at: T0 + RETRY_FIRST_MS, throttle: false, count: 1 }, pending: { reason: 'retrying', sinceMs: T0 } },
    ],
    [
      "a 429 waits Graph's Retry-After and widens the read interval",
      model(),
      writeFailed(err('throttled', true), { retryAfterMs: 60_000 }),
      { lastError: err('throttled', true), retry: { at: T0 + 60_000, throttle: true, count: 1 }, pending: { reason: 'throttled', sinceMs: T0 }, readSlowdown: 1 },
    ],
    [
      'a write refused for the sign-in waits for the user',
      model(),
      writeFailed(err('unauthorized')),
      { lastError: err('unauthorized'), authExpired: true, pending: { reason: 'signed-out', sinceMs: T0 } },
    ],
    // Results of reads.
    ['a failed read is counted and reported as a read error', model(), readFailed(err('forbidden')), { readFailures: 1, lastError: err('forbidden'), errorFromRead: true }],
    ['a read refused as unauthorized expires the sign-in', model(), readFailed(err('unauthorized')), { readFailures: 1, lastError: err('unauthorized'), errorFromRead: true, authExpired: true }],
    [
      'a read refused as sign-in-required expires the sign-in',
      model(),
      readFailed(err('sign-in-required')),
      { readFailures: 1, lastError: err('sign-in-required'), errorFromRead: true, authExpired: true },
    ],
    ['an expired sign-in stays expired through another failed read', model({ authExpired: true }), readFailed(err('forbidden')), { readFailures: 1, lastError: err('forbidden'), errorFromRead: true }],
    [
      "a failed read with Retry-After holds everything that long and widens the read interval",
      model(),
      readFailed(err('throttled', true), { retryAfterMs: 30_000 }),
      { readFailures: 1, lastError: err('throttled', true), errorFromRead: true, retry: { at: T0 + 30_000, throttle: true, count: 0 }, readSlowdown: 1 },
    ],
    [
      "a failed read's Retry-After never shortens a longer wait already set",
      model({ retry: { at: T0 + 10 * MIN, throttle: true, count: 2 } }),
      readFailed(err('throttled', true), { retryAfterMs: 30_000 }),
      { readFailures: 1, lastError: err('throttled', true), errorFromRead: true, readSlowdown: 1 },
    ],
    // The sign-in.
    ['signing out', model({ signedIn: true, authExpired: true }), signedIn(false), { signedIn: false }],
    ['signing in with no expired sign-in', model(), signedIn(true), { signedIn: true }],
    ['signing in again after an expiry reads at once', model({ authExpired: true }), signedIn(true), { signedIn: true, authExpired: false, readRequested: true }],
    [
      'signing in again ends an unauthorized error',
      model({ authExpired: true, lastError: err('unauthorized') }),
      signedIn(true),
      { signedIn: true, authExpired: false, lastError: null, readRequested: true },
    ],
    [
      'signing in again ends a sign-in-required error',
      model({ authExpired: true, lastError: err('sign-in-required') }),
      signedIn(true),
      { signedIn: true, authExpired: false, lastError: null, readRequested: true },
    ],
    ['signing in again keeps an error of another kind', model({ authExpired: true, lastError: err('forbidden') }), signedIn(true), { signedIn: true, authExpired: false, readRequested: true }],
    // The machine.
    ['online reads and retries a backoff at once', model({ network: 'offline', retry: BACKOFF }), outside('online'), { network: 'online', readRequested: true, retry: { ...BACKOFF, at: null } }],
    ['offline', model({ retry: BACKOFF }), outside('offline'), { network: 'offline' }],
    ['suspend', model({ retry: BACKOFF }), outside('suspend'), { suspended: true }],
    ['resume reads and retries a backoff at once', model({ suspended: true, retry: BACKOFF }), outside('resume'), { suspended: false, readRequested: true, retry: { ...BACKOFF, at: null } }],
    ['lock', model({ retry: BACKOFF }), outside('lock'), { locked: true }],
    ['lock with the lock rule on starts its lease', model({ options: { ...OPTIONS, machineRules: LOCK_RULE } }), outside('lock'), { locked: true, machineLease: T0 + MACHINE_LEASE_MS }],
    ['unlock reads and retries a backoff at once', model({ locked: true, retry: BACKOFF }), outside('unlock'), { locked: false, readRequested: true, retry: { ...BACKOFF, at: null } }],
    ['idle', model({ retry: BACKOFF }), outside('idle'), { idle: true }],
    ['active reads and retries a backoff at once', model({ idle: true, retry: BACKOFF }), outside('active'), { idle: false, readRequested: true, retry: { ...BACKOFF, at: null } }],
    ['clock-changed forgets the stretch so the next tick recomputes it', model({ scheduleMark: 'work' }), outside('clock-changed'), { scheduleMark: null }],
    ['timezone-changed forgets the stretch so the next tick recomputes it', model({ scheduleMark: 'work' }), outside('timezone-changed'), { scheduleMark: null }],
  ])('%s', (_rule, before, event, expected) => {
    expect(changes(before, reduce(before, event, T0))).toEqual(expected);
  });

  it('before any read a look reads, at any instant (a clock near the epoch too)', () => {
    expect(reduce(model(), { type: 'looked-at', what: 'menu' }, 5_000).readRequested).toBe(true);
  });

  it('an event that changes nothing returns the same model (no copy on the hot path)', () => {
    const onStretch = reduce(model(), { type: 'ticked', scheduled: null }, T0);
    for (const [m, event] of [
      [onStretch, { type: 'ticked', scheduled: null }],
      [model({ lastReadAt: T0 }), { type: 'looked-at', what: 'menu' }],
      [onStretch, { type: 'ticked', scheduled: null, passStarted: true }],
      [model(), { type: 'writes-stopped', pending: null }],
      [model({ pending: { reason: 'offline', sinceMs: T0 - MIN } }), { type: 'writes-stopped', pending: 'offline' }],
    ] as Array<[Model, ControlEvent]>) {
      expect(reduce(m, event, T0)).toBe(m);
    }
  });
});

describe('widened: one step per throttling episode, up to READ_SLOWDOWN_MAX', () => {
  it.each<[string, number, number, number]>([
    ['the first 429 widens', 0, 0, 1],
    ['another 429 before a good read does not widen again', 1, 0, 1],
    ['a 429 after good reads widens again', 1, 2, 2],
    ['never past READ_SLOWDOWN_MAX', READ_SLOWDOWN_MAX, 1, READ_SLOWDOWN_MAX],
  ])('%s', (_rule, slowdown, reads, expected) => {
    expect(widened(model({ readSlowdown: slowdown, readsSinceThrottle: reads }))).toEqual(model({ readSlowdown: expected, readsSinceThrottle: 0 }));
  });
});

const graph = (availability: string, activity = availability, extra: Partial<GraphPresence> = {}): GraphPresence => ({
  availability,
  activity,
  statusMessage: null,
  sequenceNumber: null,
  outOfOffice: false,
  ...extra,
});
const read = (presence: GraphPresence): ControlEvent => ({ type: 'read-succeeded', presence });

describe('a good read: the interval narrows, the held status message is learnt, errors end', () => {
  it.each<[string, number, number, number, number]>([
    ['at the narrowest step nothing is counted', 0, 0, 0, 0],
    ['a good read is counted while widened', 2, 0, 2, 1],
    [`the ${NARROW_AFTER_READS}th good read in a row narrows one step`, 2, NARROW_AFTER_READS - 1, 1, 0],
    ['narrowing back to the narrowest step', 1, NARROW_AFTER_READS - 1, 0, 0],
  ])('%s', (_rule, slowdown, reads, expectedSlowdown, expectedReads) => {
    const m = reduce(model({ readSlowdown: slowdown, readsSinceThrottle: reads }), read(graph('Available')), T0);
    expect([m.readSlowdown, m.readsSinceThrottle]).toEqual([expectedSlowdown, expectedReads]);
  });

  it('good reads never narrow below the narrowest step', () => {
    let m = model();
    for (let i = 0; i < NARROW_AFTER_READS + 1; i++) m = reduce(m, read(graph('Available')), T0);
    expect([m.readSlowdown, m.readsSinceThrottle]).toEqual([0, 0]);
  });

  it.each<[string, Model, GraphPresence, Model['heldStatus']]>([
    [
      "unknown until now: Graph's message with its end",
      model(),
      graph('Available', 'Available', { statusMessage: { content: 'At lunch', expiresAt: '2026-11-23T11:00:00Z' } }),
      { text: 'At lunch', expiresAt: Date.parse('2026-11-23T11:00:00Z') },
    ],
    ["unknown until now: Graph's message without an end", model(), graph('Available', 'Available', { statusMessage: { content: 'At lunch', expiresAt: null } }), { text: 'At lunch', expiresAt: null }],
    ['unknown until now, and Graph holds no message: none', model(), graph('Available'), { text: '', expiresAt: null }],
    [
      'known: what the app wrote stays what it holds',
      model({ heldStatus: { text: 'Focus', expiresAt: T0 + H } }),
      graph('Available', 'Available', { statusMessage: { content: 'At lunch', expiresAt: null } }),
      { text: 'Focus', expiresAt: T0 + H },
    ],
  ])('held status message: %s', (_rule, before, presence, expected) => {
    expect(reduce(before, read(presence), T0).heldStatus).toEqual(expected);
  });

  it.each<[string, Partial<Model>, boolean]>([
    ['no error stays no error', {}, false],
    ['a read error ends', { lastError: err('forbidden'), errorFromRead: true, pending: { reason: 'retrying', sinceMs: T0 } }, true],
    ['a transient write error with nothing pending ends', { lastError: err('timeout', true) }, true],
    ['a transient write error stays while its work is pending', { lastError: err('timeout', true), pending: { reason: 'retrying', sinceMs: T0 } }, false],
    ['a write error Graph refused stays until a write succeeds', { lastError: err('forbidden') }, false],
  ])('%s', (_rule, patch, ends) => {
    const before = model(patch);
    const after = reduce(before, read(graph('Available')), T0);
    expect(after.lastError).toBe(ends ? null : before.lastError);
    expect(after.errorFromRead).toBe(false);
    expect(after.readFailures).toBe(0);
  });
});

describe('judging a read: an unexplained difference is a change made in Teams, once settled', () => {
  const HELD_BUSY: HeldPreference = { kind: 'set', key: 'Busy', expiresAt: T0 + H, forever: false };
  /** Busy chosen until T0 + 1 h and held in Graph, written 10 minutes ago (settled). */
  const judging = (patch: Partial<Model> = {}): Model =>
    model({ started: true, signedIn: true, manual: manual('Busy', T0 + H), heldPref: HELD_BUSY, preferenceWrittenAt: T0 - 10 * MIN, ...patch });
  const CHANGED_TO_AWAY: Difference = { reason: 'changed-in-teams', explanation: 'Changed in Teams to Away; Presence Tray leaves it alone.' };
  const SETTLING_AWAY: Difference = { reason: 'settling', explanation: 'Microsoft Graph still shows Away; a change can take a minute or two to show. Checking again shortly.' };
  /** A wanted Available that Graph refused: nothing is pending, Graph still holds our Busy. */
  const refusedAvailable = (): Model => {
    const m = judging({ manual: manual('Available', T0 + H) });
    return { ...m, rejected: [signature(nextOp(m, T0) as Op)] };
  };

  it.each<[string, Model, GraphPresence, Partial<Model>]>([
    ['Graph shows what we hold: no difference', judging(), graph('Busy'), { difference: null, changedOutside: false, heldPref: HELD_BUSY }],
    ['Graph shows another presence, settled: changed in Teams, and ours no longer holds', judging(), graph('Away'), { difference: CHANGED_TO_AWAY, changedOutside: true, heldPref: null }],
    [
      'our preference that ended exactly now explains nothing',
      judging({ heldPref: { ...HELD_BUSY, expiresAt: T0 } }),
      graph('Away'),
      { difference: null, changedOutside: false },
    ],
    ['nothing held yet (the first read): nothing to judge', judging({ heldPref: null, preferenceWrittenAt: null }), graph('Away'), { difference: null, changedOutside: false }],
    [
      'Graph showing the preference we hold is no change in Teams, even when we now want another one',
      refusedAvailable(),
      graph('Busy'),
      { difference: null, changedOutside: false, heldPref: HELD_BUSY },
    ],
    [
      'after a change made in Teams, a known presence is shown as that change',
      judging({ changedOutside: true, heldPref: null }),
      graph('DoNotDisturb'),
      { difference: { reason: 'changed-in-teams', explanation: 'Changed in Teams to Do not disturb; Presence Tray leaves it alone.' }, changedOutside: true },
    ],
    ['after a change made in Teams, an unknown presence shows no difference', judging({ changedOutside: true, heldPref: null }), graph('PresenceUnknown'), { difference: null, changedOutside: true }],
    [
      'soon after our write a difference is settling: read again when the window ends',
      judging({ preferenceWrittenAt: T0 - MIN }),
      graph('Away'),
      { difference: SETTLING_AWAY, changedOutside: false, heldPref: HELD_BUSY, postWriteReadAt: T0 - MIN + SETTLE_AFTER_WRITE_MS },
    ],
    [
      'settling keeps a read-back that is due sooner',
      judging({ preferenceWrittenAt: T0 - MIN, postWriteReadAt: T0 + POST_WRITE_READ_MS }),
      graph('Away'),
      { difference: SETTLING_AWAY, changedOutside: false, postWriteReadAt: T0 + POST_WRITE_READ_MS },
    ],
    [
      'soon after our write, Graph showing it is no difference and costs no extra read',
      judging({ preferenceWrittenAt: T0 - MIN }),
      graph('Busy'),
      { difference: null, changedOutside: false, postWriteReadAt: null },
    ],
    [
      'the settling window ends SETTLE_AFTER_WRITE_MS after the write',
      judging({ preferenceWrittenAt: T0 - SETTLE_AFTER_WRITE_MS }),
      graph('Away'),
      { difference: CHANGED_TO_AWAY, changedOutside: true, heldPref: null },
    ],
  ])('%s', (_rule, before, presence, expected) => {
    expect(reduce(before, read(presence), T0)).toMatchObject(expected);
  });

  it('with no preference written by us there is no settling window, at any instant (a clock near the epoch too)', () => {
    const t = 90_000;
    const m = model({ started: true, signedIn: true, manual: manual('Busy', t + H), heldPref: { ...HELD_BUSY, expiresAt: t + H } });
    expect(reduce(m, read(graph('Away')), t)).toMatchObject({ difference: CHANGED_TO_AWAY, changedOutside: true, heldPref: null });
  });

  it('the refused Available of the rows above leaves no write to send', () => {
    expect(nextOp(refusedAvailable(), T0)).toBeNull();
  });

  it('judging a model without a read returns it as it is', () => {
    const m = model({ changedOutside: true });
    expect(judged(m, T0)).toBe(m);
  });
});

describe('ticked: drop what has ended, notice the schedule moving, spread at a shared boundary', () => {
  const stretch = (presence: ScheduledPresence['presence'], until: number | null, extra: Partial<ScheduledPresence> = {}): ScheduledPresence => ({
    presence,
    outside: 'clear',
    ruleId: 'work',
    ruleName: 'Work',
    statusMessage: null,
    until,
    ...extra,
  });
  const tick = (scheduled: ScheduledPresence | null): ControlEvent => ({ type: 'ticked', scheduled });
  const WORK = stretch('Available', T0 + 8 * H);
  /** On `s` since an hour ago (the tick then saw it), plus `patch`. */
  const on = (s: ScheduledPresence, patch: Partial<Model> = {}): Model => ({ ...reduce(model(), tick(s), T0 - H), ...patch });
  const MARK = expect.any(String);

  it.each<[string, Model, ScheduledPresence | null, number, Record<string, unknown>]>([
    ['the first tick takes the stretch; no boundary to spread at start', model({ changedOutside: true }), WORK, T0, { scheduled: WORK, scheduleMark: MARK }],
    ['a stretch without an end', model(), stretch('Available', null), T0, { scheduled: stretch('Available', null), scheduleMark: MARK }],
    ['no schedule', model(), null, T0, { scheduleMark: MARK }],
    ['a manual choice still holding stays', on(WORK, { manual: manual('Busy', T0 + H) }), WORK, T0, {}],
    ['a manual choice that has ended is dropped', on(WORK, { manual: manual('Busy', T0) }), WORK, T0, { manual: null }],
    ['a status message holding for one more second stays', on(WORK, { status: status('Focus', T0 + 1_000) }), WORK, T0, {}],
    ['a status message ending within a second is dropped', on(WORK, { status: status('Focus', T0 + 999) }), WORK, T0, { status: null }],
    ['a pause until now has ended', on(WORK, { pause: { until: T0 } }), WORK, T0, { pause: null }],
    ['a pause until later stays', on(WORK, { pause: { until: T0 + 1 } }), WORK, T0, {}],
    ['a pause until resumed stays', on(WORK, { pause: { until: null } }), WORK, T0, {}],
    [
      'the same stretch with a new status message is taken, and is no move (a change made in Teams stays, the spread too)',
      on(WORK, { changedOutside: true, boundaryAt: T0 - H }),
      stretch('Available', T0 + 8 * H, { statusMessage: 'In the office' }),
      T0,
      { scheduled: stretch('Available', T0 + 8 * H, { statusMessage: 'In the office' }) },
    ],
    [
      'the same rule and presence with a new end is a move: the app takes charge again',
      on(WORK, { changedOutside: true }),
      stretch('Available', T0 + 9 * H),
      T0,
      { scheduled: stretch('Available', T0 + 9 * H), scheduleMark: MARK, changedOutside: false },
    ],
    [
      'moving on from a stretch without an end: no boundary to spread at',
      on(stretch('Available', null), { changedOutside: true }),
      stretch('Away', T0 + H, { ruleId: 'lunch' }),
      T0,
      { scheduled: stretch('Away', T0 + H, { ruleId: 'lunch' }), scheduleMark: MARK, changedOutside: false },
    ],
    [
      'a stretch that began at a shared boundary spreads its writes from that boundary',
      on(stretch('Available', T0)),
      stretch('Away', T0 + H, { ruleId: 'lunch' }),
      T0,
      { scheduled: stretch('Away', T0 + H, { ruleId: 'lunch' }), scheduleMark: MARK, boundaryAt: T0 },
    ],
    [
      'a tick late after the boundary (the machine woke) still spreads from the boundary',
      on(stretch('Available', T0)),
      stretch('Away', T0 + H, { ruleId: 'lunch' }),
      T0 + 5 * MIN,
      { scheduled: stretch('Away', T0 + H, { ruleId: 'lunch' }), scheduleMark: MARK, boundaryAt: T0 },
    ],
    [
      "a boundary off the quarter hours is one person's own: no spread",
      on(stretch('Available', T0 + 7 * MIN)),
      stretch('Away', T0 + H, { ruleId: 'lunch' }),
      T0 + 7 * MIN,
      { scheduled: stretch('Away', T0 + H, { ruleId: 'lunch' }), scheduleMark: MARK },
    ],
    [
      'a move before the stretch ended (the schedule was edited) is no boundary: no spread',
      on(stretch('Available', T0 + 8 * H)),
      stretch('Away', T0 + H, { ruleId: 'lunch' }),
      T0,
      { scheduled: stretch('Away', T0 + H, { ruleId: 'lunch' }), scheduleMark: MARK },
    ],
  ])('%s', (_rule, before, scheduled, now, expected) => {
    expect(changes(before, reduce(before, tick(scheduled), now))).toEqual(expected);
  });

  it('after a clock change the stretch is recomputed but is no move: a change made in Teams stays, nothing is spread', () => {
    const before = on(stretch('Available', T0), { changedOutside: true });
    const changed = reduce(before, outside('clock-changed'), T0);
    // The same stretch: only its mark comes back.
    expect(changes(changed, reduce(changed, tick(before.scheduled), T0))).toEqual({ scheduleMark: before.scheduleMark });
    // The next stretch, right at its shared boundary: taken, but not spread, and Teams' change stays.
    const next = stretch('Away', T0 + H, { ruleId: 'lunch' });
    expect(changes(changed, reduce(changed, tick(next), T0))).toEqual({ scheduled: next, scheduleMark: MARK });
  });

  it('a tick that changes nothing returns the same model', () => {
    const m = on(WORK, { manual: manual('Busy', T0 + H), status: status('Focus', T0 + H), pause: { until: T0 + H }, boundaryAt: T0 - H });
    expect(reduce(m, tick(WORK), T0)).toBe(m);
  });
});
