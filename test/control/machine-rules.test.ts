// The rules that follow the machine, as tables over the pure reduce() and plan() (no I/O, no clock): which
// layer decides among manual, schedule, lock, idle, sleep and a change made in Teams; the lease each rule's
// write carries and its renewal; what holds when the condition ends.
import { describe, expect, it } from 'vitest';
import type { ControlEvent } from '../../app/control/events.ts';
import { MACHINE_LEASE_MS, MACHINE_RENEW_BEFORE_MS, DEFAULT_MACHINE_RULES } from '../../app/control/machine.ts';
import type { MachineRules } from '../../app/control/machine.ts';
import { initialModel, layersOf } from '../../app/control/model.ts';
import type { Model } from '../../app/control/model.ts';
import { blockedReason, canRead, plan, wakeups } from '../../app/control/next-effect.ts';
import { SETTLE_AFTER_WRITE_MS, inCharge } from '../../app/control/plan.ts';
import type { Op } from '../../app/control/plan.ts';
import { reduce } from '../../app/control/reduce.ts';
import type { ManualChoice } from '../../app/control/saved-intent.ts';
import type { ScheduledPresence } from '../../app/control/types.ts';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;

const ALL_ON: MachineRules = {
  lock: { enabled: true, presence: 'BeRightBack', statusMessage: 'Back soon' },
  idle: { enabled: true, minutes: 10, presence: 'Away' },
  sleep: { enabled: true, presence: null },
};
const run = (events: ControlEvent[], rules: MachineRules = ALL_ON, at = T0): Model =>
  events.reduce(
    (m, e) => reduce(m, e, at),
    initialModel({ appSession: false, readIntervalSeconds: 60, clientId: 'c', machineRules: rules }),
  );
const ready = (events: ControlEvent[], rules: MachineRules = ALL_ON): Model =>
  run([{ type: 'started', manual: null, status: null, pause: null, signedIn: true }, { type: 'read-started' }, ...events], rules);
const choose = (presence: ManualChoice['presence'], endsAt: number | null): ControlEvent => ({
  type: 'chosen',
  choice: { presence, source: 'tray', since: T0, until: endsAt === null ? { kind: 'forever' } : { kind: 'at', instant: new Date(endsAt).toISOString() }, endsAt },
});
const sched = (presence: ScheduledPresence['presence']): ControlEvent => ({
  type: 'ticked',
  scheduled: { presence, outside: 'clear', ruleId: 'r', ruleName: 'Rule', statusMessage: null, until: T0 + 6 * H },
});
const lock: ControlEvent = { type: 'outside', event: { type: 'lock' } };
const unlock: ControlEvent = { type: 'outside', event: { type: 'unlock' } };
const idle: ControlEvent = { type: 'outside', event: { type: 'idle' } };
const active: ControlEvent = { type: 'outside', event: { type: 'active' } };
const suspend: ControlEvent = { type: 'outside', event: { type: 'suspend' } };
const resume: ControlEvent = { type: 'outside', event: { type: 'resume' } };
const wrote = (op: Op, at = T0): ControlEvent => ({ type: 'write-succeeded', op, sentAt: at });
const teams: ControlEvent = { type: 'read-succeeded', presence: { availability: 'DoNotDisturb', activity: 'DoNotDisturb', statusMessage: null, sequenceNumber: null, outOfOffice: false } };

const effectOf = (m: Model, now = T0): string => {
  const e = plan(m, now).effect;
  if (e.kind !== 'write') return e.kind === 'read' ? 'read' : `wait ${e.blocked ?? '-'}`;
  const op = e.op;
  if (op.kind === 'set-preference') return `set ${op.key}${op.expirationMs === undefined ? '' : ` ${op.expirationMs / MIN}m`}`;
  return op.kind === 'set-status' ? `status "${op.text}"` : op.kind;
};

describe('precedence with the rules that follow the machine', () => {
  it.each<[string, ControlEvent[], MachineRules, string, string]>([
    ['locked, rule off', [choose('Busy', T0 + 2 * H), lock], DEFAULT_MACHINE_RULES, 'manual', 'set Busy 120m'],
    ['locked over a manual choice', [choose('Busy', T0 + 2 * H), lock], ALL_ON, 'machine', 'set BeRightBack 60m'],
    ['locked over the schedule', [sched('Available'), lock], ALL_ON, 'machine', 'set BeRightBack 60m'],
    ['idle over "Available until I change it"', [choose('Available', null), idle], ALL_ON, 'machine', 'set Away 60m'],
    ['locked and idle: lock is stronger', [idle, lock], ALL_ON, 'machine', 'set BeRightBack 60m'],
    ['asleep, let Teams decide', [choose('Busy', null), lock, suspend], ALL_ON, 'machine', 'clear-preference'],
    ['a manual command during the lock ends it early', [lock, choose('DoNotDisturb', T0 + H)], ALL_ON, 'manual', 'set DoNotDisturb 60m'],
    // The write landed before the settling window, so the read that differs is a change made in Teams.
    ['after a change in Teams the lock does not fight it', [sched('Available'), { type: 'write-succeeded', op: { kind: 'set-preference', key: 'Available', expirationMs: 6 * H + SETTLE_AFTER_WRITE_MS, endsAt: T0 + 6 * H }, sentAt: T0 - SETTLE_AFTER_WRITE_MS }, teams, lock], ALL_ON, 'teams', 'wait -'],
    ['unlocked again: the manual choice that still runs', [choose('Busy', T0 + 2 * H), lock, unlock], ALL_ON, 'manual', 'set Busy 120m'],
    ['activity again: Available until I change it', [choose('Available', null), idle, active], ALL_ON, 'manual', 'set Available'],
    ['resumed: the schedule', [sched('Offline'), suspend, resume], ALL_ON, 'schedule', 'set Offline 360m'],
    // A lock that spans a sleep is over for its rule: the lease ran out while asleep and the user is about to
    // unlock, so what holds now applies at once instead of a second lock write (at most 2 extra writes a lock).
    ['woke still locked: the schedule, not a second lock write', [sched('Offline'), lock, suspend, resume], ALL_ON, 'schedule', 'set Offline 360m'],
    ['woke still locked, then a new lock: the rule again', [sched('Offline'), lock, suspend, resume, unlock, lock], ALL_ON, 'machine', 'set BeRightBack 60m'],
  ])('%s', (_name, events, rules, who, effect) => {
    const m = ready(events, rules);
    expect(inCharge(layersOf(m, T0))).toBe(who);
    expect(effectOf(m)).toBe(effect);
  });

  it("the lock rule's status message goes with it, and is cleared when the lock ends and nobody wants one", () => {
    const locked = ready([lock, wrote({ kind: 'set-preference', key: 'BeRightBack', expirationMs: H, endsAt: T0 + H, machine: true })]);
    expect(effectOf(locked)).toBe('status "Back soon"');
    const both = reduce(locked, wrote({ kind: 'set-status', text: 'Back soon', endsAt: T0 + H, machine: true }), T0);
    expect(effectOf(both)).toBe('wait -');
    const unlocked = reduce(both, unlock, T0 + 5 * MIN);
    // Nobody else wants a preference: the rule's is handed back to Teams, and its message cleared.
    expect(effectOf(unlocked, T0 + 5 * MIN)).toBe('clear-preference');
    const cleared = reduce(unlocked, wrote({ kind: 'clear-preference' }, T0 + 5 * MIN), T0 + 5 * MIN);
    expect(effectOf(cleared, T0 + 5 * MIN)).toBe('status ""');
  });

  it("a user's own status message returns when the lock ends", () => {
    const m = ready([
      { type: 'status-chosen', status: { text: 'Focusing', source: 'tray', endsAt: T0 + 2 * H } },
      wrote({ kind: 'set-status', text: 'Focusing', endsAt: T0 + 2 * H }),
      lock,
      wrote({ kind: 'set-preference', key: 'BeRightBack', expirationMs: H, endsAt: T0 + H, machine: true }),
      wrote({ kind: 'set-status', text: 'Back soon', endsAt: T0 + H, machine: true }),
      unlock,
      wrote({ kind: 'clear-preference' }),
    ]);
    expect(effectOf(m)).toBe('status "Focusing"');
  });
});

describe('the lease', () => {
  it('every preference a rule writes runs on a lease, renewed while the condition lasts', () => {
    const m = ready([lock]);
    expect(m.machineLease).toBe(T0 + MACHINE_LEASE_MS);
    const held = reduce(reduce(m, wrote({ kind: 'set-preference', key: 'BeRightBack', expirationMs: MACHINE_LEASE_MS, endsAt: T0 + MACHINE_LEASE_MS, machine: true }), T0), wrote({ kind: 'set-status', text: 'Back soon', endsAt: T0 + MACHINE_LEASE_MS, machine: true }), T0);
    const renewAt = T0 + MACHINE_LEASE_MS - MACHINE_RENEW_BEFORE_MS;
    expect(wakeups(held, T0).wakeAt).toBe(renewAt);
    expect(effectOf(held, renewAt - MIN)).toBe('wait -');
    const ticked = reduce(held, { type: 'ticked', scheduled: null }, renewAt);
    expect(ticked.machineLease).toBe(renewAt + MACHINE_LEASE_MS);
    expect(effectOf(ticked, renewAt)).toBe(`set BeRightBack ${MACHINE_LEASE_MS / MIN}m`);
  });

  it('no reads while locked; while asleep only the sleep rule may write', () => {
    const locked = ready([lock]);
    expect(canRead(locked, T0)).toBe(false);
    expect(blockedReason(ready([suspend]), T0)).toBeNull();
    expect(blockedReason(ready([suspend], { ...ALL_ON, sleep: { enabled: false, presence: null } }), T0)).toBe('offline');
  });

  it('a dismissal lasts until its condition ends: the next lock applies the rule again', () => {
    const m = ready([lock, choose('Busy', null)]);
    expect(m.machineDismissed).toEqual(['lock']);
    const again = ready([lock, choose('Busy', null), unlock, lock]);
    expect(again.machineDismissed).toEqual([]);
    expect(effectOf(again)).toBe('set BeRightBack 60m');
  });
});
