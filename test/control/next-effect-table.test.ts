// next-effect.ts as tables: each row builds a model as plain data and states one rule of the next effect (what
// goes now, what waits and until when, when the timers fire, which error a kept command carries) with its
// expected result. Pure: no reduce, no I/O, no clock; instants are plain epoch ms.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../app/errors.ts';
import { REASSERT_READ_FRESH_MS, scheduleOffsetMs } from '../../app/control/budget.ts';
import { OFFLINE_ERROR, SIGNED_OUT_ERROR } from '../../app/control/failures.ts';
import type { PendingReason } from '../../app/control/failures.ts';
import { DEFAULT_MACHINE_RULES, MACHINE_RENEW_BEFORE_MS } from '../../app/control/machine.ts';
import { initialModel, signature } from '../../app/control/model.ts';
import type { ControllerOptions, Model } from '../../app/control/model.ts';
import {
  blockedError,
  blockedReason,
  canRead,
  nextOp,
  pendingAfter,
  plan,
  presenceWritePending,
  readDelay,
  scheduledHoldUntil,
  tookReadTurn,
  wakeups,
} from '../../app/control/next-effect.ts';
import type { Plan } from '../../app/control/next-effect.ts';
import { REASSERT_BEFORE_MS } from '../../app/control/plan.ts';
import type { HeldPreference, Op } from '../../app/control/plan.ts';
import type { ManualChoice } from '../../app/control/saved-intent.ts';
import type { ScheduledPresence } from '../../app/control/types.ts';
import { manualChoice } from '../support/model-fixtures.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;

type Overrides = Partial<Omit<Model, 'options'>> & { options?: Partial<ControllerOptions> };
/** Started and signed in, online, nothing asked: `over` says what differs. */
const model = ({ options, ...over }: Overrides = {}): Model => ({
  ...initialModel({ appSession: false, readIntervalSeconds: 60, clientId: 'c', ...options }),
  started: true,
  signedIn: true,
  ...over,
});
const manual = (presence: ManualChoice['presence'], endsAt: number | null): ManualChoice => manualChoice(presence, endsAt, T0 - MIN);
const setPref = (key: 'Busy' | 'Available' | 'Away', endsAt: number | null, now: number): Op => ({
  kind: 'set-preference',
  key,
  expirationMs: endsAt === null ? undefined : endsAt - now,
  endsAt,
});
const heldSet = (key: 'Busy' | 'Available' | 'Away', expiresAt: number, forever: boolean): HeldPreference => ({ kind: 'set', key, expiresAt, forever });
const err = (code: string): AppError => ({ code, message: `${code} happened` });

describe('pendingAfter: what a round of writes leaves pending when it stops', () => {
  const op: Op = { kind: 'clear-preference' };
  const stopped = (next: Op | null, blocked: PendingReason | null): Plan => ({ effect: { kind: 'wait', blocked }, next, slots: { presence: next, status: null }, blocked });
  it.each<[string, Model, Plan, PendingReason | null | 'unchanged']>([
    ['nothing left to send: nothing is pending, even when blocked', model(), stopped(null, 'offline'), null],
    ['work left while quitting: unchanged (the quit keeps its own reason)', model({ disposed: true }), stopped(op, 'offline'), 'unchanged'],
    ['work left and blocked: the reason it waits', model(), stopped(op, 'signed-out'), 'signed-out'],
    ['work left, not blocked (a failed write recorded its own reason): unchanged', model(), stopped(op, null), 'unchanged'],
  ])('%s', (_rule, m, p, expected) => {
    expect(pendingAfter(m, p)).toBe(expected);
  });
});

describe('nextOp: the next request that may go now', () => {
  const busy = setPref('Busy', T0 + H, T0);
  const status: Op = { kind: 'set-status', text: 'Focus', endsAt: null };
  const focus = { text: 'Focus', source: 'tray', endsAt: null } as const;
  it.each<[string, Model, Op | null]>([
    ['nothing asked: none', model(), null],
    ['a manual choice: its preference', model({ manual: manual('Busy', T0 + H) }), busy],
    ['a refused request is not repeated', model({ manual: manual('Busy', T0 + H), rejected: [signature(busy)] }), null],
    ['another refused request does not stop this one', model({ manual: manual('Busy', T0 + H), rejected: [signature(setPref('Away', T0 + H, T0))] }), busy],
    ['the presence first, then the status message', model({ manual: manual('Busy', T0 + H), status: focus }), busy],
    ['a refused presence lets the status message go', model({ manual: manual('Busy', T0 + H), status: focus, rejected: [signature(busy)] }), status],
  ])('%s', (_rule, m, expected) => {
    expect(nextOp(m, T0)).toEqual(expected);
  });

  it('the app session starts once the presence holds, when opted in', () => {
    const m = model({ options: { appSession: true }, manual: manual('Busy', null), heldPref: heldSet('Busy', T0 + 2 * H, true) });
    expect(nextOp(m, T0)).toEqual({ kind: 'set-session' });
    expect(nextOp({ ...m, options: { ...m.options, appSession: false } }, T0)).toBeNull();
  });

  it('a quitting controller ends its app session, even while a presence is wanted', () => {
    const m = model({ options: { appSession: true }, manual: manual('Busy', null), heldPref: heldSet('Busy', T0 + 2 * H, true), sessionRenewAt: T0 + MIN });
    expect(nextOp(m, T0)).toBeNull();
    expect(nextOp({ ...m, disposed: true }, T0)).toEqual({ kind: 'clear-session' });
  });
});

describe('presenceWritePending: a preference write of something new is needed', () => {
  const forever = manual('Busy', null);
  it.each<[string, Model, boolean]>([
    ['nothing asked', model(), false],
    ['a timed choice not yet sent', model({ manual: manual('Busy', T0 + H) }), true],
    ['a choice Graph already holds', model({ manual: manual('Busy', T0 + H), heldPref: heldSet('Busy', T0 + H, false) }), false],
    ['a clear is no new preference', model({ manual: manual(null, null), heldPref: heldSet('Busy', T0 + H, false) }), false],
    ['re-sending "until I change it" before its lifetime ends explains nothing', model({ manual: forever, heldPref: heldSet('Busy', T0 + 10 * MIN, true) }), false],
    ['...unless the user is waiting for it', model({ manual: forever, heldPref: heldSet('Busy', T0 + 10 * MIN, true), userWaiting: true }), true],
    ['a timed choice over a held "until I change it" of the same presence is new', model({ manual: manual('Busy', T0 + H), heldPref: heldSet('Busy', T0 + 10 * MIN, true) }), true],
    ['"until I change it" over a timed hold of the same presence is new', model({ manual: forever, heldPref: heldSet('Busy', T0 + 2 * H, false) }), true],
    ['"until I change it" over another held presence is new', model({ manual: forever, heldPref: heldSet('Away', T0 + 10 * MIN, true) }), true],
    ['a refused write is not pending', model({ manual: manual('Busy', T0 + H), rejected: [signature(setPref('Busy', T0 + H, T0))] }), false],
  ])('%s → %s', (_rule, m, expected) => {
    expect(presenceWritePending(m, T0)).toBe(expected);
  });
});

// A boundary on the hour that many installs share, spread over 10 min; this install's turn comes OFFSET after it.
const B = Date.parse('2026-11-23T09:00:00Z');
const ID = 'alpha';
const SPREAD_S = 600;
const OFFSET = scheduleOffsetMs(ID, SPREAD_S);
const P = B + OFFSET;
/** The status message's turn: one spread after the presence's (the spread is longer than the read interval). */
const S = P + SPREAD_S * 1000;
const spread = { installId: ID, scheduleSpreadSeconds: SPREAD_S, readIntervalSeconds: 300 };
const work = (extra: Partial<ScheduledPresence> = {}): ScheduledPresence => ({
  presence: 'Available',
  outside: 'clear',
  ruleId: 'work',
  ruleName: 'Work',
  statusMessage: 'In the office',
  until: B + 8 * H,
  ...extra,
});
const atBoundary = (over: Overrides = {}): Model => model({ boundaryAt: B, scheduled: work(), lastReadAt: B - MIN, ...over, options: { ...spread, ...over.options } });
const available = setPref('Available', B + 8 * H, B);
const heldAvailable = heldSet('Available', B + 8 * H, false);
const officeStatus: Op = { kind: 'set-status', text: 'In the office', endsAt: B + 8 * H };

describe('scheduledHoldUntil: when a scheduled write waits until after a shared boundary', () => {
  it('this install has a turn inside the spread, not on the dot', () => {
    expect(OFFSET).toBeGreaterThan(MIN);
    expect(OFFSET).toBeLessThan(SPREAD_S * 1000 - MIN);
  });

  it.each<[string, Overrides, 'presence' | 'status', number | null]>([
    ["the presence at this install's turn", {}, 'presence', P],
    ['the status message one spread later, when the spread is longer than the read interval', {}, 'status', P + SPREAD_S * 1000],
    ['the status message one read interval later, when that is longer', { options: { readIntervalSeconds: 900 } }, 'status', P + 900_000],
    ['no boundary: no hold', { boundaryAt: null }, 'presence', null],
    ['no boundary: no hold of the status message either', { boundaryAt: null }, 'status', null],
    ['no spread: no hold', { options: { scheduleSpreadSeconds: 0 } }, 'presence', null],
    ['no spread set: no hold', { options: { scheduleSpreadSeconds: undefined } }, 'status', null],
    ['no install id: no hold', { options: { installId: undefined } }, 'presence', null],
    ['no install id: no hold of the status message', { options: { installId: undefined } }, 'status', null],
  ])('%s', (_rule, over, slot, expected) => {
    expect(scheduledHoldUntil(atBoundary(over), slot)).toBe(expected);
  });
});

describe("tookReadTurn: a held scheduled write that lands on its turn takes that turn's read", () => {
  const m = atBoundary();
  it.each<[string, Op, number, boolean]>([
    ['the preference at its turn', available, P, true],
    ['the clear at the presence turn', { kind: 'clear-preference' }, P, true],
    ['the preference just before its turn', available, P - 1, false],
    ['the preference within a minute of its turn', available, P + MIN - 1, true],
    ['the preference a minute after its turn', available, P + MIN, false],
    ['the status message at its turn', officeStatus, S, true],
    ["the status message at the presence's turn", officeStatus, P, false],
    ['the status message within a minute of its turn', officeStatus, S + MIN - 1, true],
    ['the status message a minute after its turn', officeStatus, S + MIN, false],
    ['the app session never takes a turn (presence)', { kind: 'set-session' }, P, false],
    ['the app session never takes a turn (status)', { kind: 'set-session' }, S, false],
    ['ending the app session never takes a turn', { kind: 'clear-session' }, P, false],
  ])('%s → %s', (_rule, op, now, expected) => {
    expect(tookReadTurn(m, op, now)).toBe(expected);
  });

  it('without a boundary there is no turn to take, whatever the clock says (30 s after the epoch)', () => {
    expect(tookReadTurn(atBoundary({ boundaryAt: null }), available, 30_000)).toBe(false);
  });
});

describe('the spread: only the schedule waits for its turn, the presence first, the status message after', () => {
  it.each<[string, Overrides, number, Op | null]>([
    ['nothing held, at the boundary: the presence waits', {}, B, null],
    ['nothing held, just before the turn: it still waits', {}, P - 1, null],
    ['nothing held, at the turn: the presence goes', {}, P, setPref('Available', B + 8 * H, P)],
    ['presence held, at the boundary: the status message waits', { heldPref: heldAvailable }, B, null],
    ["presence held, at the presence's turn: the status message still waits", { heldPref: heldAvailable }, P, null],
    ['presence held, just before its turn: it still waits', { heldPref: heldAvailable }, S - 1, null],
    ['presence held, at its turn: the status message goes', { heldPref: heldAvailable }, S, officeStatus],
    ['presence held, after its turn: the status message goes', { heldPref: heldAvailable }, S + 1, officeStatus],
    ["a person's choice never waits", { manual: manual('Busy', B + H) }, B, setPref('Busy', B + H, B)],
    ["a person's status message never waits", { heldPref: heldAvailable, status: { text: 'Focus', source: 'tray', endsAt: null } }, B, { kind: 'set-status', text: 'Focus', endsAt: null }],
    ["a person's status message that has ended: the schedule's waits", { heldPref: heldAvailable, status: { text: 'Focus', source: 'tray', endsAt: B - MIN } }, B, null],
  ])('%s', (_rule, over, now, expected) => {
    expect(nextOp(atBoundary(over), now)).toEqual(expected);
  });

  it.each<[string, Overrides, number, number]>([
    ['both wait: wake at the earlier turn, the presence', {}, B, P],
    ['the presence held: wake at the status turn', { heldPref: heldAvailable }, B, S],
    ["the presence held, at its turn: wake at the status message's", { heldPref: heldAvailable }, P, S],
    ['nothing left to send: no turn, wake when the stretch ends', { heldPref: heldAvailable, heldStatus: { text: 'In the office', expiresAt: B + 8 * H } }, B, B + 8 * H],
    ['the presence held and the rule has no status message: wake when the stretch ends', { heldPref: heldAvailable, scheduled: work({ statusMessage: null }) }, B, B + 8 * H],
    ["a person's choice goes now: wake only for the status message's turn", { manual: manual('Busy', B + H) }, B, S],
  ])('%s', (_rule, over, now, wakeAt) => {
    expect(wakeups(atBoundary(over), now).wakeAt).toBe(wakeAt);
  });
});

describe('plan: the one effect of the turn, with what each slot still needs', () => {
  const busy = setPref('Busy', T0 + H, T0);
  it('a write that may go: the write, the next request, the slots, nothing blocking', () => {
    expect(plan(model({ manual: manual('Busy', T0 + H) }), T0)).toEqual({ effect: { kind: 'write', op: busy }, next: busy, slots: { presence: busy, status: null }, blocked: null });
  });

  it('a write that cannot go: wait, saying why, and still the request it would be', () => {
    const focus: Op = { kind: 'set-status', text: 'Focus', endsAt: null };
    const m = model({ network: 'offline', manual: manual('Busy', T0 + H), status: { text: 'Focus', source: 'tray', endsAt: null } });
    expect(plan(m, T0)).toEqual({ effect: { kind: 'wait', blocked: 'offline' }, next: busy, slots: { presence: busy, status: focus }, blocked: 'offline' });
  });

  it('the first read at start comes before any write, and the round goes on after it', () => {
    expect(plan(model({ manual: manual('Busy', T0 + H), readFirst: true }), T0).effect).toEqual({ kind: 'read', first: true });
  });

  // "Until I change it", re-sent as it is 10 min before Graph's default lifetime ends.
  const reassert = (over: Overrides = {}, now = T0): Model => model({ manual: manual('Busy', null), heldPref: heldSet('Busy', now + 10 * MIN, true), ...over });
  it.each<[string, Model, number, string]>([
    ['no read yet: read first', reassert(), T0, 'read first'],
    ['the last read is exactly as old as the freshness limit: read first', reassert({ lastReadAt: T0 - REASSERT_READ_FRESH_MS }), T0, 'read first'],
    ['the last read is fresh: re-send', reassert({ lastReadAt: T0 - REASSERT_READ_FRESH_MS + 1 }), T0, 'write'],
    ['the user is waiting for it: re-send', reassert({ userWaiting: true }), T0, 'write'],
    ['no read yet, 30 s after the epoch: read first all the same', reassert({}, 30_000), 30_000, 'read first'],
    ['reads are off (locked): re-send', reassert({ locked: true }), T0, 'write'],
  ])('re-asserting "until I change it": %s', (_rule, m, now, expected) => {
    const e = plan(m, now).effect;
    expect(e.kind === 'read' ? `read${e.first ? ' first' : ''}` : e.kind).toBe(expected);
  });

  it('a write failed this round: plan, but send nothing more', () => {
    expect(plan(model({ manual: manual('Busy', T0 + H) }), T0, { holdWrites: true }).effect).toEqual({ kind: 'wait', blocked: null });
  });
});

describe('blockedReason and canRead: what stops writes, and what stops reads', () => {
  const sleepRule = { ...DEFAULT_MACHINE_RULES, sleep: { enabled: true, presence: 'Away' as const } };
  it.each<[string, Overrides, PendingReason | null, boolean]>([
    ['online and signed in', {}, null, true],
    ['offline', { network: 'offline' }, 'offline', false],
    ['suspended', { suspended: true }, 'offline', false],
    ["suspended with a sleep rule: its write goes (reads still don't)", { suspended: true, options: { machineRules: sleepRule } }, null, false],
    ['locked: writes go, reads wait', { locked: true }, null, false],
    ['signed out', { signedIn: false }, 'signed-out', false],
    ['the sign-in expired', { authExpired: true }, 'signed-out', false],
    ['offline and signed out: offline first', { network: 'offline', signedIn: false }, 'offline', false],
    ['a retry later: writes wait, reads go', { retry: { at: T0 + 1, throttle: false, count: 1 } }, 'retrying', true],
    ["Graph's Retry-After runs: both wait", { retry: { at: T0 + 1, throttle: true, count: 1 } }, 'throttled', false],
    ["Graph's Retry-After ends now: both go", { retry: { at: T0, throttle: true, count: 1 } }, null, true],
    ["Graph's Retry-After has ended: both go", { retry: { at: T0 - 1, throttle: true, count: 1 } }, null, true],
    ['a retry that is due now: both go', { retry: { at: T0, throttle: false, count: 1 } }, null, true],
    ['throttled with no instant left: both go', { retry: { at: null, throttle: true, count: 2 } }, null, true],
  ])('%s', (_rule, over, reason, reads) => {
    const m = model(over);
    expect(blockedReason(m, T0)).toBe(reason);
    expect(canRead(m, T0)).toBe(reads);
  });
});

describe('wakeups: when the wake-up timer fires', () => {
  it.each<[string, Model, number | null]>([
    ['nothing asked: never', model(), null],
    ['"until I change it" is re-asserted before its lifetime ends', model({ manual: manual('Busy', null), heldPref: heldSet('Busy', T0 + 2 * H, true) }), T0 + 2 * H - REASSERT_BEFORE_MS],
    ['a timed hold ends when it expires', model({ manual: manual('Busy', T0 + 2 * H), heldPref: heldSet('Busy', T0 + 2 * H, false) }), T0 + 2 * H],
    ['a cleared preference never wakes', model({ manual: manual(null, null), heldPref: { kind: 'cleared' } }), null],
    ['a schedule that never changes again: only the re-assertion of what it holds wakes', model({ scheduled: work({ until: null }), heldPref: heldSet('Available', T0 + 2 * H, true) }), T0 + 2 * H - REASSERT_BEFORE_MS],
    ['a schedule that never changes again, nothing held: never', model({ scheduled: work({ until: null }) }), null],
    ["a machine rule's lease is renewed before it ends", model({ machineLease: T0 + H }), T0 + H - MACHINE_RENEW_BEFORE_MS],
    ['a retry wakes when it is due', model({ retry: { at: T0 + MIN, throttle: false, count: 1 } }), T0 + MIN],
  ])('%s', (_rule, m, wakeAt) => {
    const w = wakeups(m, T0);
    expect(w.wakeAt).toBe(wakeAt);
    expect(w.readInMs).toBe(readDelay(m, T0));
  });
});

describe('readDelay: milliseconds until the next read (interval 60 s, no install id)', () => {
  it.each<[string, Overrides, number | null]>([
    ['not started: none', { started: false }, null],
    ['quitting: none', { disposed: true }, null],
    ['locked: none', { locked: true }, null],
    ['no contact yet: one interval', {}, 60_000],
    ['one interval after the last read', { lastReadAt: T0 - 10_000 }, 50_000],
    ['one interval after the last write that took a read turn', { lastWriteAt: T0 - 10_000 }, 50_000],
    ['one interval after the later of the two', { lastReadAt: T0 - 30_000, lastWriteAt: T0 - 10_000 }, 50_000],
    ['the read after a write comes first when it is sooner', { lastReadAt: T0 - 10_000, postWriteReadAt: T0 + 2_000 }, 2_000],
    ['the read after a write that is overdue: now', { lastReadAt: T0 - 10_000, postWriteReadAt: T0 - 500 }, 0],
    ['the background read comes first when it is sooner', { lastReadAt: T0 - 10_000, postWriteReadAt: T0 + 100_000 }, 50_000],
    ['a failed read doubles the interval', { lastReadAt: T0 - 10_000, readFailures: 1 }, 110_000],
    ['a background read long overdue: now', { lastReadAt: T0 - 10 * MIN }, 0],
  ])('%s', (_rule, over, expected) => {
    expect(readDelay(model(over), T0)).toBe(expected);
  });

  it('while a scheduled write waits for its turn only the read after a write is due', () => {
    expect(readDelay(atBoundary(), B)).toBeNull();
    expect(readDelay(atBoundary({ postWriteReadAt: B + 2_000 }), B)).toBe(2_000);
  });
});

describe('blockedError: the error a kept command carries', () => {
  const unauthorized = err('unauthorized');
  const signInRequired = err('sign-in-required');
  const throttled = err('throttled');
  it.each<[string, PendingReason, Overrides, AppError]>([
    ["signed out after Graph refused the token: Graph's own error", 'signed-out', { lastError: unauthorized }, unauthorized],
    ["signed out after the sign-in was required: that error", 'signed-out', { lastError: signInRequired }, signInRequired],
    ['signed out after another error: sign in again', 'signed-out', { lastError: throttled }, SIGNED_OUT_ERROR],
    ['signed out with no error yet: sign in again', 'signed-out', {}, SIGNED_OUT_ERROR],
    ['offline: you are offline, whatever failed before', 'offline', { network: 'offline', lastError: throttled }, OFFLINE_ERROR],
    ['offline while suspended: the last error', 'offline', { suspended: true, lastError: throttled }, throttled],
    ['offline while suspended, no error yet: you are offline', 'offline', { suspended: true }, OFFLINE_ERROR],
    ['retrying: the error that is retried', 'retrying', { lastError: throttled }, throttled],
    ['retrying while the network is down: still the error that is retried', 'retrying', { network: 'offline', lastError: throttled }, throttled],
    ['retrying with no error kept: you are offline', 'retrying', {}, OFFLINE_ERROR],
  ])('%s', (_rule, reason, over, expected) => {
    expect(blockedError(model(over), reason)).toBe(expected);
  });
});
