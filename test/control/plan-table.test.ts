// Table tests for the controller's precedence and settle rules (app/control/plan.ts): one rule per test, each row
// with the outcome the rule demands, at the boundaries where a changed comparison or a dropped branch would show.
import { describe, expect, it } from 'vitest';
import { desiredPresence, desiredStatus, heldAfter, holds, inCharge, nextWake, presenceOp, sessionOp, statusOp } from '../../app/control/plan.ts';
import type { DesiredPresence, DesiredStatus, HeldPreference, HeldStatus, Layers } from '../../app/control/plan.ts';
import type { MachineHold } from '../../app/control/machine.ts';
import type { ScheduledPresence } from '../../app/control/types.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const S = 1_000;
const MIN = 60_000;
const H = 3_600_000;

const layers = (l: Partial<Layers>): Layers => ({ now: T0, manual: null, status: null, scheduled: null, paused: false, changedOutside: false, ...l });
const sched = (presence: ScheduledPresence['presence'], extra: Partial<ScheduledPresence> = {}): ScheduledPresence => ({
  presence,
  outside: 'clear',
  ruleId: 'work',
  ruleName: 'Work hours',
  statusMessage: null,
  until: T0 + 8 * H,
  ...extra,
});
const hold = (presence: MachineHold['presence'], statusMessage: string | null = null): MachineHold => ({
  rule: presence === null ? 'sleep' : 'lock',
  presence,
  statusMessage,
  leaseEndsAt: T0 + 15 * MIN,
});
const wantSet = (endsAt: number | null, by: 'manual' | 'schedule' | 'machine' = 'manual'): DesiredPresence => ({ kind: 'set', key: 'Busy', endsAt, by });
const heldSet = (expiresAt: number, forever: boolean, key: 'Busy' | 'Away' = 'Busy'): HeldPreference => ({ kind: 'set', key, expiresAt, forever });

describe('holds: an intent holds while at least a second of it is left', () => {
  it.each([
    ['never ends', null, true],
    ['exactly one second left', T0 + S, true],
    ['a millisecond under a second left', T0 + S - 1, false],
    ['already over', T0 - 1, false],
  ])('%s → %s', (_name, endsAt, expected) => {
    expect(holds(endsAt, T0)).toBe(expected);
  });
});

describe('inCharge and desiredPresence: who decides, and what they want', () => {
  it('a schedule rule that names a presence is in charge even where its outside policy is "keep"', () => {
    const l = layers({ scheduled: sched('Busy', { outside: 'keep' }) });
    expect(inCharge(l)).toBe('schedule');
    expect(desiredPresence(l)).toEqual({ kind: 'set', key: 'Busy', endsAt: T0 + 8 * H, by: 'schedule' });
  });
  it.each<[string, Partial<Layers>, DesiredPresence]>([
    ['a machine rule with a presence sets it on its lease', { machine: hold('Away') }, { kind: 'set', key: 'Away', endsAt: T0 + 15 * MIN, by: 'machine' }],
    ['a machine rule without a presence (sleep) clears it', { machine: hold(null) }, { kind: 'clear', by: 'machine' }],
    ['a manual "let Teams decide" clears it', { manual: { presence: null, endsAt: null } }, { kind: 'clear', by: 'manual' }],
    ['a rule preference outliving its condition is handed back', { machineHeld: true }, { kind: 'clear', by: 'machine' }],
    ['nobody wants anything and no rule preference is held: leave it', { machineHeld: false }, { kind: 'leave' }],
  ])('%s', (_rule, l, expected) => {
    expect(desiredPresence(layers(l))).toEqual(expected);
  });
});

describe('desiredStatus: the rule message, the user message, the schedule message, or the rule message handed back', () => {
  it.each<[string, Partial<Layers>, DesiredStatus]>([
    ['a machine rule message runs on the lease and is marked as the machine one', { machine: hold('Away', 'Away from desk') }, { kind: 'set', text: 'Away from desk', endsAt: T0 + 15 * MIN, machine: true }],
    ['a rule message still held after its rule ended is cleared', { machineStatusHeld: true }, { kind: 'set', text: '', endsAt: null }],
    ['no message wanted and none held by a rule: leave it', {}, { kind: 'leave' }],
  ])('%s', (_rule, l, expected) => {
    expect(desiredStatus(layers(l))).toEqual(expected);
  });
});

describe('presenceOp: which preference write, if any, brings Graph to what is wanted', () => {
  it.each<[string, DesiredPresence, number]>([
    ['a choice with under a second left is over: nothing sent', wantSet(T0 + S - 1), 0],
    ['a choice with no time left at all: nothing sent', wantSet(T0), 0],
    ['a choice with exactly one second left is still sent', wantSet(T0 + S), 1],
  ])('%s', (_rule, want, writes) => {
    const op = presenceOp(want, null, T0);
    expect(op === null ? 0 : 1).toBe(writes);
    if (op) expect(op).toEqual({ kind: 'set-preference', key: 'Busy', expirationMs: S, endsAt: T0 + S });
  });

  it.each<[string, HeldPreference | null, 'clear-preference' | null]>([
    ['nothing known: clear', null, 'clear-preference'],
    ['already cleared: nothing', { kind: 'cleared' }, null],
    ['a preference with exactly one second left is live: clear it', heldSet(T0 + S, false), 'clear-preference'],
    ['a preference with under a second left is as good as gone: nothing', heldSet(T0 + S - 1, false), null],
  ])('clearing, %s', (_rule, held, expected) => {
    const op = presenceOp({ kind: 'clear', by: 'manual' }, held, T0);
    expect(op?.kind ?? null).toBe(expected);
  });

  it.each<[string, DesiredPresence, HeldPreference, boolean]>([
    ['the same timed write, ends exactly a minute apart: not sent again', wantSet(T0 + H), heldSet(T0 + H + MIN, false), false],
    ['the same timed write, ends a minute and a millisecond apart: sent', wantSet(T0 + H), heldSet(T0 + H + MIN + 1, false), true],
    ['a timed write over a different presence: sent', wantSet(T0 + H), heldSet(T0 + H, false, 'Away'), true],
    ['a timed write over the same one that has under a second left: sent', wantSet(T0 + 30 * S), heldSet(T0 + S - 1, false), true],
    ['"until I change it" over a timed one of the same presence: sent', wantSet(null), heldSet(T0 + 2 * H, false), true],
    ['a timed write over "until I change it" of the same presence: sent', wantSet(T0 + H), heldSet(T0 + 24 * H, true), true],
    ['a timed write over "until I change it" whose default lifetime ends at the same time: sent', wantSet(T0 + 24 * H - 10 * S), heldSet(T0 + 24 * H, true), true],
    ['"until I change it" over the same, 30 minutes and 1 ms before its lifetime ends: not sent', wantSet(null), heldSet(T0 + 30 * MIN + 1, true), false],
    ['"until I change it" over the same, 30 minutes before its lifetime ends: re-asserted', wantSet(null), heldSet(T0 + 30 * MIN, true), true],
  ])('%s', (_rule, want, held, sent) => {
    expect(presenceOp(want, held, T0) !== null).toBe(sent);
  });

  it('a missing end is never taken for an end near the epoch start: "until I change it" over a timed one is sent at now = 0', () => {
    // null must not act as the instant 0: a timed preference ending 30 s after the epoch is not "until I change it".
    expect(presenceOp(wantSet(null), heldSet(30 * S, false), 0)).toEqual({ kind: 'set-preference', key: 'Busy', expirationMs: undefined, endsAt: null });
  });

  it('a machine rule write is marked as the machine one; a person\'s is not', () => {
    expect(presenceOp(wantSet(T0 + H, 'machine'), null, T0)).toEqual({ kind: 'set-preference', key: 'Busy', expirationMs: H, endsAt: T0 + H, machine: true });
    expect(presenceOp(wantSet(T0 + H, 'schedule'), null, T0)).toEqual({ kind: 'set-preference', key: 'Busy', expirationMs: H, endsAt: T0 + H });
  });
});

describe('heldAfter: what Graph holds after a write', () => {
  it.each([
    ['a clear leaves it cleared', { kind: 'clear-preference' } as const, { kind: 'cleared' }],
    ['a status write says nothing about the preference', { kind: 'set-status', text: 'x', endsAt: null } as const, null],
    ['a session write says nothing about the preference', { kind: 'set-session' } as const, null],
    ['a timed machine write is held as the machine one', { kind: 'set-preference', key: 'Away', expirationMs: H, endsAt: T0 + H, machine: true } as const, { kind: 'set', key: 'Away', expiresAt: T0 + H, forever: false, machine: true }],
  ])('%s', (_rule, op, expected) => {
    expect(heldAfter(op, T0)).toEqual(expected);
  });
});

describe('statusOp: which status-message write, if any, brings Graph to what is wanted', () => {
  const want = (text: string, endsAt: number | null, machine = false): DesiredStatus => (machine ? { kind: 'set', text, endsAt, machine: true } : { kind: 'set', text, endsAt });
  const held = (text: string, expiresAt: number | null): HeldStatus => ({ text, expiresAt });

  it.each<[string, DesiredStatus, HeldStatus | null, boolean]>([
    ['a message with under a second left is over: nothing sent', want('Focus', T0 + S - 1), null, false],
    ['a message with no time left at all: nothing sent', want('Focus', T0), null, false],
    ['a message with exactly one second left is sent', want('Focus', T0 + S), null, true],
    ['the same message held until changed, wanted until changed: not sent', want('Focus', null), held('Focus', null), false],
    ['the same message wanted until changed over a timed one: sent', want('Focus', null), held('Focus', T0 + H), true],
    ['the same message wanted timed over one held until changed: sent', want('Focus', T0 + H), held('Focus', null), true],
    ['the same message, ends an hour apart: sent', want('Focus', T0 + H), held('Focus', T0 + 2 * H), true],
    ['the same message, ends exactly a minute apart: not sent', want('Focus', T0 + H), held('Focus', T0 + H + MIN), false],
    ['clearing a message held with exactly one second left: sent', want('', null), held('Focus', T0 + S), true],
    ['clearing a message held with under a second left: nothing', want('', null), held('Focus', T0 + S - 1), false],
    ['clearing where nothing is held: nothing', want('', null), held('', null), false],
  ])('%s', (_rule, w, h, sent) => {
    expect(statusOp(w, h, T0) !== null).toBe(sent);
  });

  it.each<[string, DesiredStatus, HeldStatus]>([
    ['wanted until changed, held timed', want('Focus', null), held('Focus', 30 * S)],
    ['wanted timed, held until changed', want('Focus', 30 * S), held('Focus', null)],
  ])('a missing end is never taken for an end near the epoch start (%s): sent at now = 0', (_case, w, h) => {
    expect(statusOp(w, h, 0)).toEqual({ kind: 'set-status', text: 'Focus', endsAt: w.kind === 'set' ? w.endsAt : null });
  });

  it("a machine rule's message write is marked as the machine one", () => {
    expect(statusOp(want('Away from desk', T0 + H, true), null, T0)).toEqual({ kind: 'set-status', text: 'Away from desk', endsAt: T0 + H, machine: true });
  });
});

describe('sessionOp: a session is started when none is held', () => {
  it('no session held means start one, whatever the clock says (null is not the instant 0, even before 1970)', () => {
    expect(sessionOp(true, wantSet(null), null, -1)).toEqual({ kind: 'set-session' });
  });
});

describe('nextWake: the earliest instant strictly after now', () => {
  it.each<[string, number, Array<number | null | undefined>, number]>([
    ['the earliest of several, in any order', T0, [T0 + 2 * S, T0 + S, T0 + 3 * S], T0 + S],
    ['the earliest when it comes first', T0, [T0 + S, T0 + 2 * S], T0 + S],
    ['instants at or before now are not wake-ups', T0, [T0, T0 - S, T0 + H], T0 + H],
    ['nothing ahead: never', T0, [T0 - S, null, undefined], Number.POSITIVE_INFINITY],
    ['a missing instant is not the instant 0 (now before 1970)', -5 * S, [null, undefined, S], S],
  ])('%s', (_rule, now, instants, expected) => {
    expect(nextWake(now, instants)).toBe(expected);
  });
});
