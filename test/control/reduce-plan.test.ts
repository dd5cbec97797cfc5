// The controller's rules as tables over the pure reduce(model, event, now) and plan(model, now): precedence
// (who decides, which single request closes the gap) and faults (what each failure does to the queue). No I/O,
// no clock: every row builds a model from events and reads the plan.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../app/errors.ts';
import type { ControlEvent } from '../../app/control/events.ts';
import { RETRY_FIRST_MS } from '../../app/control/failures.ts';
import { initialModel } from '../../app/control/model.ts';
import type { Model } from '../../app/control/model.ts';
import { blockedReason, canRead, plan, wakeups } from '../../app/control/next-effect.ts';
import { SETTLE_AFTER_WRITE_MS } from '../../app/control/plan.ts';
import { reduce } from '../../app/control/reduce.ts';
import type { ManualChoice } from '../../app/control/saved-intent.ts';
import type { ScheduledPresence } from '../../app/control/types.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;

const run = (events: ControlEvent[], at = T0, from?: Model): Model =>
  events.reduce((m, e) => reduce(m, e, at), from ?? initialModel({ appSession: false, readIntervalSeconds: 60, clientId: 'c' }));
/** Started, signed in, the first read done: ready to write. */
const ready = (...events: ControlEvent[]): Model =>
  run([{ type: 'started', manual: null, status: null, pause: null, signedIn: true }, { type: 'read-started' }, ...events]);
const choose = (presence: ManualChoice['presence'], endsAt: number | null): ControlEvent => ({
  type: 'chosen',
  choice: { presence, source: 'tray', since: T0, until: endsAt === null ? { kind: 'forever' } : { kind: 'at', instant: new Date(endsAt).toISOString() }, endsAt },
});
const sched = (presence: ScheduledPresence['presence'], extra: Partial<ScheduledPresence> = {}): ControlEvent => ({
  type: 'ticked',
  scheduled: { presence, outside: 'clear', ruleId: 'work', ruleName: 'Work', statusMessage: null, until: T0 + 8 * H, ...extra },
});
const effectOf = (m: Model, now = T0): string => {
  const e = plan(m, now).effect;
  if (e.kind === 'write') return e.op.kind === 'set-preference' ? `set ${e.op.key}` : e.op.kind === 'set-status' ? `status "${e.op.text}"` : e.op.kind;
  return e.kind === 'read' ? 'read' : `wait ${e.blocked ?? '-'}`;
};
const err = (code: string, retryable = false): AppError => ({ code, message: code, retryable });
const failed = (code: string, hint: { retryAfterMs?: number } = {}, retryable = false): ControlEvent => ({
  type: 'write-failed',
  op: { kind: 'set-preference', key: 'Busy', expirationMs: H, endsAt: T0 + H },
  error: err(code, retryable),
  hint,
});

describe('precedence: which request the plan sends first', () => {
  it.each<[string, ControlEvent[], string]>([
    ['nothing asked, no schedule', [], 'wait -'],
    ['a manual choice', [choose('Busy', T0 + H)], 'set Busy'],
    ['a manual choice over the schedule', [sched('Available'), choose('DoNotDisturb', T0 + H)], 'set DoNotDisturb'],
    ['the schedule alone', [sched('Available')], 'set Available'],
    ['outside the rules, clear', [sched(null)], 'clear-preference'],
    ['outside the rules, keep', [sched(null, { outside: 'keep' })], 'wait -'],
    ['a paused schedule leaves what holds', [sched('Away'), { type: 'paused', pause: { until: null } }], 'wait -'],
    ['a pause that has ended', [sched('Away'), { type: 'paused', pause: { until: T0 - 1 } }], 'set Away'],
    ['clear as a manual choice', [sched('Away'), choose(null, null)], 'clear-preference'],
    ["the rule's status message", [sched('Away', { statusMessage: 'At lunch' })], 'set Away'],
  ])('%s → %s', (_name, events, expected) => {
    expect(effectOf(ready(...events))).toBe(expected);
  });

  it('a manual choice that has ended gives way to the schedule, and the tick drops it', () => {
    const m = ready(sched('Available'), choose('Busy', T0 + H));
    expect(effectOf(m, T0 + H - 2_000)).toBe('set Busy');
    expect(effectOf(m, T0 + H)).toBe('set Available');
    const ticked = reduce(m, { type: 'ticked', scheduled: m.scheduled }, T0 + H);
    expect(ticked.manual).toBeNull();
    expect(effectOf(ticked, T0 + H)).toBe('set Available');
  });

  it('a change made outside the app stops assertions until a command or the next stretch of the schedule', () => {
    const held = run([choose('Busy', null), { type: 'write-succeeded', op: { kind: 'set-preference', key: 'Busy', expirationMs: undefined, endsAt: null }, sentAt: T0 }], T0, ready());
    const away = { type: 'read-succeeded', presence: { availability: 'Away', activity: 'Away', statusMessage: null, sequenceNumber: null, outOfOffice: false } } as const;
    // Soon after our write a different read may be Graph lagging: settling, read again when the window ends.
    const early = reduce(held, away, T0 + MIN);
    expect(early).toMatchObject({ changedOutside: false, difference: { reason: 'settling' }, postWriteReadAt: T0 + SETTLE_AFTER_WRITE_MS });
    expect(effectOf(early, T0 + MIN)).toBe('wait -');
    const at = T0 + SETTLE_AFTER_WRITE_MS;
    const read = reduce(held, away, at);
    expect(read).toMatchObject({ changedOutside: true, heldPref: null, difference: { reason: 'changed-in-teams' } });
    expect(effectOf(read, at)).toBe('wait -');
    expect(effectOf(reduce(read, choose('Busy', null), at), at)).toBe('set Busy');
    expect(reduce(reduce(read, sched('Available'), at), sched('Offline', { ruleId: 'evening' }), at).changedOutside).toBe(false);
  });

  it("the user's status message wins over the rule's", () => {
    const m = ready(sched('Away', { statusMessage: 'At lunch' }), { type: 'write-succeeded', op: { kind: 'set-preference', key: 'Away', expirationMs: 8 * H, endsAt: T0 + 8 * H }, sentAt: T0 });
    expect(effectOf(m)).toBe('status "At lunch"');
    expect(effectOf(reduce(m, { type: 'status-chosen', status: { text: 'Focus', source: 'tray', endsAt: null } }, T0))).toBe('status "Focus"');
  });

  it('the first read comes before any write; reads wait while locked', () => {
    const started = run([{ type: 'started', manual: null, status: null, pause: null, signedIn: true }, choose('Busy', T0 + H)]);
    expect(effectOf(started)).toBe('read');
    expect(effectOf(reduce(started, { type: 'outside', event: { type: 'lock' } }, T0))).toBe('set Busy');
  });
});

describe('faults: what a failed request does to the queue', () => {
  it.each<[string, ControlEvent, { pending: string | null; blocked: string | null; retryInMs: number | null; canRead: boolean; authExpired?: boolean }]>([
    ['429 with Retry-After', failed('throttled', { retryAfterMs: 120_000 }, true), { pending: 'throttled', blocked: 'throttled', retryInMs: 120_000, canRead: false }],
    ['503 without Retry-After', failed('unavailable', {}, true), { pending: 'retrying', blocked: 'retrying', retryInMs: RETRY_FIRST_MS, canRead: true }],
    ['network down', failed('network-down', {}, true), { pending: 'offline', blocked: 'retrying', retryInMs: RETRY_FIRST_MS, canRead: true }],
    ['timeout', failed('timeout'), { pending: 'retrying', blocked: 'retrying', retryInMs: RETRY_FIRST_MS, canRead: true }],
    ['sign-in refused', failed('sign-in-required'), { pending: 'signed-out', blocked: 'signed-out', retryInMs: null, canRead: false, authExpired: true }],
    ['401 after the refresh', failed('unauthorized'), { pending: 'signed-out', blocked: 'signed-out', retryInMs: null, canRead: false, authExpired: true }],
    ['403 refused', failed('forbidden'), { pending: null, blocked: null, retryInMs: null, canRead: true }],
  ])('%s', (_name, event, expected) => {
    const m = reduce(ready(choose('Busy', T0 + H)), event, T0);
    expect(m.pending?.reason ?? null).toBe(expected.pending);
    expect(blockedReason(m, T0)).toBe(expected.blocked);
    expect(m.retry.at === null ? null : m.retry.at - T0).toBe(expected.retryInMs);
    expect(canRead(m, T0)).toBe(expected.canRead);
    expect(m.authExpired).toBe(expected.authExpired ?? false);
    expect(m.lastError?.code).toBe((event as { error: AppError }).error.code);
  });

  it('a refused request is not repeated until a new command', () => {
    const m = reduce(ready(choose('Busy', T0 + H)), failed('forbidden'), T0);
    expect(effectOf(m)).toBe('wait -');
    expect(effectOf(reduce(m, choose('Busy', T0 + H), T0))).toBe('set Busy');
  });

  it('the backoff doubles per failed retry, up to its cap; a success resets it', () => {
    let m = ready(choose('Busy', T0 + H));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      m = reduce(m, failed('unavailable', {}, true), T0);
      waits.push((m.retry.at ?? T0) - T0);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000]);
    m = reduce(m, { type: 'write-succeeded', op: { kind: 'set-preference', key: 'Busy', expirationMs: H, endsAt: T0 + H }, sentAt: T0 }, T0);
    expect(m.retry).toEqual({ at: null, throttle: false, count: 0 });
  });

  it.each<[string, 'unlock' | 'online' | 'resume']>([
    ['unlock', 'unlock'],
    ['online', 'online'],
    ['resume', 'resume'],
  ])("%s retries a backoff at once but never shortens Graph's Retry-After", (_name, type) => {
    const backoff = reduce(ready(choose('Busy', T0 + H)), failed('unavailable', {}, true), T0);
    expect(reduce(backoff, { type: 'outside', event: { type } }, T0).retry.at).toBeNull();
    const throttled = reduce(ready(choose('Busy', T0 + H)), failed('throttled', { retryAfterMs: 60_000 }, true), T0);
    expect(reduce(throttled, { type: 'outside', event: { type } }, T0).retry.at).toBe(T0 + 60_000);
  });

  it('offline or suspended blocks writes and reads; signing in again clears a sign-in error and reads', () => {
    expect(effectOf(ready(choose('Busy', T0 + H), { type: 'outside', event: { type: 'offline' } }))).toBe('wait offline');
    expect(effectOf(ready(choose('Busy', T0 + H), { type: 'outside', event: { type: 'suspend' } }))).toBe('wait offline');
    const expired = reduce(ready(choose('Busy', T0 + H)), failed('sign-in-required'), T0);
    const back = reduce(expired, { type: 'signed-in-changed', signedIn: true }, T0);
    expect(back).toMatchObject({ authExpired: false, lastError: null, readRequested: true });
    expect(effectOf(back)).toBe('set Busy');
  });

  it('a failed read with Retry-After holds writes and reads; a failed read without it backs the read timer off', () => {
    const throttled = reduce(ready(), { type: 'read-failed', error: err('throttled', true), hint: { retryAfterMs: 30_000 } }, T0);
    expect(canRead(throttled, T0)).toBe(false);
    expect(wakeups(throttled, T0)).toEqual({ wakeAt: T0 + 30_000, readInMs: null });
    const refused = run([{ type: 'read-failed', error: err('forbidden'), hint: {} }, { type: 'read-failed', error: err('forbidden'), hint: {} }], T0, ready());
    expect(wakeups(refused, T0).readInMs).toBe(4 * 60_000);
  });
});
