// The controller's pure decisions: precedence, which write (if any) closes the gap, `until`, summary, verdicts.
import { describe, expect, it } from 'vitest';
import { explain } from '../../app/control/explain.ts';
import { nextLocalMidnight } from '../../app/control/local-time.ts';
import { fromWall } from '../../app/time/zoned-time.ts';
import { REASSERT_BEFORE_MS, desiredPresence, desiredStatus, heldAfter, presenceOp, sessionOp, statusOp } from '../../app/control/plan.ts';
import type { Layers } from '../../app/control/plan.ts';
import { summarize } from '../../app/control/summary.ts';
import type { Intent, ScheduleSource, ScheduledPresence } from '../../app/control/types.ts';
import { defaultUntil, resolveUntil } from '../../app/control/until.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const H = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const manual = (presence: Intent['presence'], endsAt: number | null): Intent => ({
  presence,
  source: 'tray',
  since: iso(T0),
  until: endsAt === null ? { kind: 'forever' } : { kind: 'at', instant: iso(endsAt) },
  endsAt: endsAt === null ? null : iso(endsAt),
});
const choice = (presence: Intent['presence'], endsAt: number | null) => ({ presence, endsAt });
const sched = (presence: ScheduledPresence['presence'], until: number | null, extra: Partial<ScheduledPresence> = {}): ScheduledPresence => ({
  presence,
  outside: 'clear',
  ruleId: 'work',
  ruleName: 'Work hours',
  statusMessage: null,
  until,
  ...extra,
});
const layers = (l: Partial<Layers>): Layers => ({ now: T0, manual: null, status: null, scheduled: null, paused: false, changedOutside: false, ...l });

describe('precedence', () => {
  it('a manual choice holds until its end, then the schedule is back in charge', () => {
    const l = layers({ manual: choice('Busy', T0 + H), scheduled: sched('Available', T0 + 8 * H) });
    expect(desiredPresence(l)).toEqual({ kind: 'set', key: 'Busy', endsAt: T0 + H, by: 'manual' });
    expect(desiredPresence({ ...l, now: T0 + H })).toEqual({ kind: 'set', key: 'Available', endsAt: T0 + 8 * H, by: 'schedule' });
  });
  it('a pause leaves what holds alone; a change in Teams stops every assertion', () => {
    expect(desiredPresence(layers({ scheduled: sched('Available', T0 + H), paused: true }))).toEqual({ kind: 'leave' });
    expect(desiredPresence(layers({ manual: choice('Busy', null), changedOutside: true }))).toEqual({ kind: 'leave' });
  });
  it('outside the rules: clear, or keep (leave it)', () => {
    expect(desiredPresence(layers({ scheduled: sched(null, T0 + H) }))).toEqual({ kind: 'clear', by: 'schedule' });
    expect(desiredPresence(layers({ scheduled: sched(null, T0 + H, { outside: 'keep' }) }))).toEqual({ kind: 'leave' });
  });
  it("the user's status message wins over the rule's, which ends with the rule", () => {
    const s = sched('Away', T0 + H, { statusMessage: 'At lunch' });
    expect(desiredStatus(layers({ scheduled: s }))).toEqual({ kind: 'set', text: 'At lunch', endsAt: T0 + H });
    expect(desiredStatus(layers({ scheduled: s, status: { text: 'Focus', source: 'tray', endsAt: null } }))).toEqual({ kind: 'set', text: 'Focus', endsAt: null });
  });
});

describe('which write closes the gap', () => {
  it('a timeboxed choice carries the expiration that ends it; the same one again is not sent', () => {
    const want = desiredPresence(layers({ manual: choice('DoNotDisturb', T0 + H) }));
    const op = presenceOp(want, null, T0);
    expect(op).toEqual({ kind: 'set-preference', key: 'DoNotDisturb', expirationMs: H, endsAt: T0 + H });
    const held = heldAfter(op!, T0);
    expect(presenceOp(want, held, T0 + 5000)).toBeNull();
    // A different end is a different write (the user extended it).
    expect(presenceOp({ ...want, endsAt: T0 + 2 * H } as typeof want, held, T0 + 5000)).toMatchObject({ expirationMs: 2 * H - 5000 });
  });
  it('"until I change it" is sent without expiry and re-asserted before the 1-day / 7-day default ends', () => {
    const want = desiredPresence(layers({ manual: choice('Busy', null) }));
    const op = presenceOp(want, null, T0);
    expect(op).toMatchObject({ kind: 'set-preference', key: 'Busy', expirationMs: undefined });
    const held = heldAfter(op!, T0);
    expect(held).toEqual({ kind: 'set', key: 'Busy', expiresAt: T0 + 24 * H, forever: true });
    expect(presenceOp(want, held, T0 + 24 * H - REASSERT_BEFORE_MS - 1)).toBeNull();
    expect(presenceOp(want, held, T0 + 24 * H - REASSERT_BEFORE_MS)).not.toBeNull();
    expect(heldAfter({ kind: 'set-preference', key: 'Available', expirationMs: undefined, endsAt: null }, T0)).toMatchObject({ expiresAt: T0 + 7 * 24 * H });
  });
  it('clearing a preference that is already cleared or expired changes nothing', () => {
    const want = { kind: 'clear', by: 'schedule' } as const;
    expect(presenceOp(want, null, T0)).toEqual({ kind: 'clear-preference' });
    expect(presenceOp(want, { kind: 'cleared' }, T0)).toBeNull();
    expect(presenceOp(want, { kind: 'set', key: 'Busy', expiresAt: T0, forever: false }, T0)).toBeNull();
    expect(presenceOp(want, { kind: 'set', key: 'Busy', expiresAt: T0 + H, forever: false }, T0)).toEqual({ kind: 'clear-preference' });
  });
  it('status messages: same text and end is not resent; clearing an absent one is not sent', () => {
    expect(statusOp({ kind: 'set', text: 'At lunch', endsAt: T0 + H }, { text: 'At lunch', expiresAt: T0 + H }, T0)).toBeNull();
    expect(statusOp({ kind: 'set', text: '', endsAt: null }, { text: 'old', expiresAt: T0 - 1 }, T0)).toBeNull();
    expect(statusOp({ kind: 'set', text: '', endsAt: null }, null, T0)).toEqual({ kind: 'set-status', text: '', endsAt: null });
  });
  it('app session: only while a preference should hold, renewed when due, ended otherwise', () => {
    const set = { kind: 'set', key: 'Busy', endsAt: null, by: 'manual' } as const;
    expect(sessionOp(false, set, null, T0)).toBeNull();
    expect(sessionOp(true, set, null, T0)).toEqual({ kind: 'set-session' });
    expect(sessionOp(true, set, T0 + 1, T0)).toBeNull();
    expect(sessionOp(true, set, T0, T0)).toEqual({ kind: 'set-session' });
    expect(sessionOp(true, { kind: 'leave' }, T0 + 1, T0)).toEqual({ kind: 'clear-session' });
    expect(sessionOp(false, set, T0 + 1, T0)).toEqual({ kind: 'clear-session' });
    // Appear offline shows without any session, so the app holds none for it.
    expect(sessionOp(true, { ...set, key: 'Offline' }, null, T0)).toBeNull();
    expect(sessionOp(true, { ...set, key: 'Offline' }, T0 + 1, T0)).toEqual({ kind: 'clear-session' });
  });
});

describe('until', () => {
  const schedule: ScheduleSource = {
    current: () => sched('Available', Date.parse('2026-11-23T17:00:00Z')),
    nextChangeAfter: () => Date.parse('2026-11-23T17:00:00Z'),
    timeZone: () => 'Europe/Berlin',
  };
  it('defaults to next-rule with a schedule and forever without', () => {
    expect(defaultUntil({ now: T0, schedule })).toEqual({ kind: 'next-rule' });
    expect(defaultUntil({ now: T0 })).toEqual({ kind: 'forever' });
  });
  it('resolves durations, instants, next-rule and end-of-day in the schedule zone', () => {
    expect(resolveUntil({ kind: 'duration', iso: 'PT1H30M' }, { now: T0 })).toBe(T0 + 1.5 * H);
    expect(resolveUntil({ kind: 'next-rule' }, { now: T0, schedule })).toBe(Date.parse('2026-11-23T17:00:00Z'));
    expect(resolveUntil({ kind: 'next-rule' }, { now: T0 })).toBeNull();
    expect(resolveUntil({ kind: 'end-of-day' }, { now: T0, schedule })).toBe(Date.parse('2026-11-23T23:00:00Z'));
    expect(resolveUntil({ kind: 'end-of-day' }, { now: T0, timeZone: 'America/New_York' })).toBe(Date.parse('2026-11-24T05:00:00Z'));
    expect(resolveUntil({ kind: 'forever' }, { now: T0 })).toBeNull();
  });
  it('refuses a bad duration or a past instant with a message', () => {
    expect(() => resolveUntil({ kind: 'duration', iso: 'PT-1H' }, { now: T0 })).toThrow(/duration|negative/i);
    expect(() => resolveUntil({ kind: 'at', instant: iso(T0 - 1) }, { now: T0 })).toThrow(/passed/);
  });
  it('local midnight follows the clock rules across DST (gap → first instant after, fold → first)', () => {
    // Santiago springs forward at local midnight: 2026-09-06 00:00 does not exist; 01:00 -03 is the first instant after.
    expect(iso(fromWall(Date.UTC(2026, 8, 6, 0, 0), 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    // Berlin falls back 03:00 → 02:00 on 2026-10-25: 02:30 happens twice, the first (CEST) wins.
    expect(iso(fromWall(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextLocalMidnight(Date.parse('2026-10-25T12:00:00Z'), 'Europe/Berlin'))).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('summary and verdicts', () => {
  it('says what holds, who set it and until when', () => {
    const base = { now: T0, zone: 'UTC', scheduled: null, actualLabel: null, paused: null };
    expect(summarize({ ...base, inCharge: 'manual', intent: manual('Busy', Date.parse('2026-11-23T15:00:00Z')) })).toBe('Busy — set from the tray, until 15:00');
    const s = sched('Offline', Date.parse('2026-11-30T09:00:00Z'), { ruleName: 'After hours' });
    expect(summarize({ ...base, now: Date.parse('2026-11-27T18:00:00Z'), inCharge: 'schedule', intent: null, scheduled: s })).toBe(
      "Appear offline — rule 'After hours', until Mon 09:00",
    );
    expect(summarize({ ...base, inCharge: 'manual', intent: manual('DoNotDisturb', null) })).toBe('Do not disturb — set from the tray, until you change it');
    expect(summarize({ ...base, inCharge: 'teams', intent: null, actualLabel: 'Away' })).toBe('Away — changed in Teams');
  });
  it('explains differences and calls only the unexplained one a change in Teams', () => {
    const read = (availability: string, activity: string, key: Intent['presence'] = null) =>
      ({ availability, activity, key, statusMessage: null, readAt: iso(T0) }) as Parameters<typeof explain>[0];
    expect(explain(read('Busy', 'Busy', 'Busy'), 'Busy', false)).toEqual({ difference: null, changedInTeams: false });
    expect(explain(read('Offline', 'Offline'), 'Busy', false).difference?.reason).toBe('no-session');
    expect(explain(read('Offline', 'Offline'), 'Offline', false)).toEqual({ difference: null, changedInTeams: false });
    expect(explain(read('Busy', 'InAMeeting'), 'Available', false).difference?.reason).toBe('meeting');
    expect(explain(read('Away', 'OutOfOffice'), 'Available', false).difference?.reason).toBe('out-of-office');
    expect(explain(read('Away', 'Away', 'Away'), 'Busy', true).difference?.reason).toBe('pending');
    expect(explain(read('Away', 'Away', 'Away'), 'Busy', false)).toMatchObject({ changedInTeams: true, difference: { reason: 'changed-in-teams' } });
  });
});
