// The fleet budget (issue 14) as tables over the pure rules: the per-install turn (stable, bounded), the spread
// of a shared boundary's scheduled writes (never a person's command), reads on demand and after a person's own
// write only, the read before re-asserting "until I change it", and the interval that widens on 429s and
// narrows slowly. No I/O, no clock.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOOK_FRESH_MS, NARROW_AFTER_READS, READ_SLOWDOWN_MAX, SCHEDULE_SPREAD, backgroundReadAt, installFraction, isSharedBoundary, scheduleOffsetMs } from '../../app/control/budget.ts';
import type { ControlEvent } from '../../app/control/events.ts';
import { initialModel } from '../../app/control/model.ts';
import type { ControllerOptions, Model } from '../../app/control/model.ts';
import { plan, readDelay, wakeups } from '../../app/control/next-effect.ts';
import { reduce } from '../../app/control/reduce.ts';
import type { ScheduledPresence } from '../../app/control/types.ts';
import { INSTALL_ID_FILE, loadInstallId } from '../../app/desktop/install-id.ts';

const T0 = Date.parse('2026-11-23T18:00:00Z'); // a boundary on the hour
const MIN = 60_000;
const H = 60 * MIN;
const ID = '7f0c3c1e-4d7a-4a51-9a55-1c0f3e0d2b11';
const SPREAD = 240;

const options = (extra: Partial<ControllerOptions> = {}): ControllerOptions => ({ appSession: false, readIntervalSeconds: 300, clientId: 'c', installId: ID, scheduleSpreadSeconds: SPREAD, ...extra });
const run = (m: Model, events: ControlEvent[], at: number): Model => events.reduce((acc, e) => reduce(acc, e, at), m);
const stretch = (presence: ScheduledPresence['presence'], until: number, ruleId = 'work'): ControlEvent => ({
  type: 'ticked',
  scheduled: { presence, outside: 'clear', ruleId, ruleName: ruleId, statusMessage: null, until },
});
const wrote = (key: 'Available' | 'Offline' | 'Busy', endsAt: number | null, at: number): ControlEvent => ({
  type: 'write-succeeded',
  op: { kind: 'set-preference', key, expirationMs: endsAt === null ? undefined : endsAt - at, endsAt },
  sentAt: at,
});
const effectOf = (m: Model, now: number): string => {
  const e = plan(m, now).effect;
  if (e.kind === 'write') return e.op.kind === 'set-preference' ? `set ${e.op.key}` : e.op.kind;
  return e.kind;
};
/** Started and read at `at - 9 h`, Available by the work rule until `boundary`, then the boundary passes. */
function atBoundary(boundary: number, extra: Partial<ControllerOptions> = {}): Model {
  const start = boundary - 9 * H;
  let m = run(initialModel(options(extra)), [{ type: 'started', manual: null, status: null, pause: null, signedIn: true }, { type: 'read-started' }], start);
  m = run(m, [stretch('Available', boundary), wrote('Available', boundary, start)], start);
  return run(m, [stretch('Offline', boundary + 15 * H, 'after-hours')], boundary);
}

describe('the per-install turn', () => {
  it('is stable for an install and bounded by the spread; no spread or no id means no offset', () => {
    const offset = scheduleOffsetMs(ID, SPREAD);
    expect(scheduleOffsetMs(ID, SPREAD)).toBe(offset);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(SPREAD * 1000);
    for (let i = 0; i < 2000; i++) {
      const o = scheduleOffsetMs(`install-${i}`, SPREAD);
      expect(o >= 0 && o < SPREAD * 1000).toBe(true);
    }
    expect(scheduleOffsetMs(ID, 0)).toBe(0);
    expect(scheduleOffsetMs(undefined, SPREAD)).toBe(0);
    expect(scheduleOffsetMs(ID, 100_000)).toBeLessThan(SCHEDULE_SPREAD.max * 1000);
  });

  it('spreads installs evenly: no tenth of the spread holds more than twice its share of 2,000 ids', () => {
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 2000; i++) bins[Math.floor(installFraction(`install-${i}`) * 10)]! += 1;
    expect(Math.max(...bins)).toBeLessThan(400);
    expect(Math.min(...bins)).toBeGreaterThan(100);
  });

  describe('across restarts', () => {
    let dir = '';
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('the saved install id is the same at the next start, so the offset is too; a garbled file gets a new one', () => {
      dir = mkdtempSync(join(tmpdir(), 'install-id-'));
      const first = loadInstallId(dir);
      const second = loadInstallId(dir);
      expect(second).toBe(first);
      expect(scheduleOffsetMs(second, SPREAD)).toBe(scheduleOffsetMs(first, SPREAD));
      const restarted = atBoundary(T0, { installId: second });
      expect(wakeups(restarted, T0).wakeAt).toBe(wakeups(atBoundary(T0, { installId: first }), T0).wakeAt);
      writeFileSync(join(dir, INSTALL_ID_FILE), 'not an id');
      expect(loadInstallId(dir)).not.toBe(first);
    });
  });
});

describe('the spread of a shared boundary', () => {
  it("the schedule's write waits for this install's turn, then goes", () => {
    const m = atBoundary(T0);
    const turn = T0 + scheduleOffsetMs(ID, SPREAD);
    expect(m.boundaryAt).toBe(T0);
    expect(effectOf(m, T0)).toBe('wait');
    expect(wakeups(m, T0).wakeAt).toBe(turn);
    expect(effectOf(m, turn)).toBe('set Offline');
  });

  it("never delays a person's own command, nor a resume", () => {
    const m = atBoundary(T0);
    const busy: ControlEvent = { type: 'chosen', choice: { presence: 'Busy', source: 'hotkey', since: T0, until: { kind: 'duration', iso: 'PT1H' }, endsAt: T0 + H } };
    expect(effectOf(reduce(m, busy, T0), T0)).toBe('set Busy');
    expect(effectOf(reduce(m, { type: 'resumed' }, T0), T0)).toBe('set Offline');
    const status: ControlEvent = { type: 'status-chosen', status: { text: 'Back soon', source: 'tray', endsAt: null } };
    const withStatus = run(m, [{ type: 'write-succeeded', op: { kind: 'set-status', text: '', endsAt: null }, sentAt: T0 }, status], T0);
    expect(plan(withStatus, T0).effect).toMatchObject({ kind: 'write', op: { kind: 'set-status', text: 'Back soon' } });
  });

  it.each<[string, boolean, number, Partial<ControllerOptions>]>([
    ['a boundary on the hour, with a spread', true, T0, {}],
    ['a boundary of a rule of your own (16:37)', false, T0 - 83 * MIN, {}],
    ['no spread set (the default)', false, T0, { scheduleSpreadSeconds: 0 }],
    ['no install id', false, T0, { installId: undefined }],
  ])('%s → waits: %s', (_name, waits, boundary, extra) => {
    const m = atBoundary(boundary, extra);
    expect(effectOf(m, boundary) === 'wait').toBe(waits);
    expect(isSharedBoundary(boundary)).toBe(boundary % (15 * MIN) === 0);
  });

  it('no background read while the write waits; the write takes the turn of that read', () => {
    const m = atBoundary(T0);
    expect(readDelay(m, T0)).toBeNull();
    const turn = T0 + scheduleOffsetMs(ID, SPREAD);
    const after = run(m, [{ type: 'write-started', op: { kind: 'set-preference', key: 'Offline', expirationMs: 15 * H, endsAt: T0 + 15 * H } }, wrote('Offline', T0 + 15 * H, turn), { type: 'wrote' }], turn);
    expect(after.lastWriteAt).toBe(turn);
    expect(after.postWriteReadAt).toBeNull(); // nobody is looking: no read back
    const next = turn + (readDelay(after, turn) ?? Number.NaN);
    expect(next - turn).toBeGreaterThanOrEqual(75_000);
    expect(next).toBe(backgroundReadAt({ intervalSeconds: 300, doublings: 0, installId: ID, lastContact: turn }, turn));
  });
});

describe('reads', () => {
  const ready = (at: number): Model =>
    run(initialModel(options()), [{ type: 'started', manual: null, status: null, pause: null, signedIn: true }, { type: 'read-started' }, { type: 'read-succeeded', presence: { availability: 'Available', activity: 'Available', statusMessage: null, sequenceNumber: null, outOfOffice: false } }], at);

  it('sit on this install’s own slots of the interval', () => {
    const phase = Math.floor(installFraction(ID) * 300_000);
    const at = backgroundReadAt({ intervalSeconds: 300, doublings: 0, installId: ID, lastContact: T0 }, T0);
    expect((at - phase) % 300_000).toBe(0);
    expect(at - T0).toBeGreaterThanOrEqual(75_000);
    expect(at - T0).toBeLessThan(375_000);
    // Without an install id: one interval after the last contact (the single-user timing of before).
    expect(backgroundReadAt({ intervalSeconds: 60, doublings: 0, installId: undefined, lastContact: T0 }, T0)).toBe(T0 + 60_000);
  });

  it('a look (menu, window) reads now unless the last read is fresh', () => {
    const m = ready(T0);
    expect(reduce(m, { type: 'looked-at', what: 'menu' }, T0 + LOOK_FRESH_MS - 1).readRequested).toBe(false);
    const looked = reduce(m, { type: 'looked-at', what: 'window' }, T0 + LOOK_FRESH_MS);
    expect(effectOf(looked, T0 + LOOK_FRESH_MS)).toBe('read');
  });

  it("a person's own write is read back; a write nobody asked for is not", () => {
    const m = ready(T0);
    const busy: ControlEvent = { type: 'chosen', choice: { presence: 'Busy', source: 'tray', since: T0, until: { kind: 'forever' }, endsAt: null } };
    expect(run(m, [busy, wrote('Busy', null, T0), { type: 'wrote' }], T0).postWriteReadAt).toBe(T0 + 2_000);
    expect(run(m, [stretch('Available', T0 + H), wrote('Available', T0 + H, T0), { type: 'wrote' }], T0).postWriteReadAt).toBeNull();
  });

  it('"until I change it" is read before it is re-asserted, and a change made in Teams is then left alone', () => {
    const busy: ControlEvent = { type: 'chosen', choice: { presence: 'Busy', source: 'tray', since: T0, until: { kind: 'forever' }, endsAt: null } };
    const held = run(ready(T0), [busy, wrote('Busy', null, T0), { type: 'read-started' }], T0);
    const renewAt = T0 + 24 * H - 30 * MIN; // Busy lasts a day in Graph; re-asserted half an hour before
    expect(effectOf(held, renewAt)).toBe('read');
    const changed = run(held, [{ type: 'read-started' }, { type: 'read-succeeded', presence: { availability: 'Away', activity: 'Away', statusMessage: null, sequenceNumber: null, outOfOffice: false } }], renewAt);
    expect(changed.changedOutside).toBe(true);
    expect(effectOf(changed, renewAt)).toBe('wait');
    const same = run(held, [{ type: 'read-started' }, { type: 'read-succeeded', presence: { availability: 'Busy', activity: 'Busy', statusMessage: null, sequenceNumber: null, outOfOffice: false } }], renewAt);
    expect(effectOf(same, renewAt)).toBe('set Busy');
  });

  it('widen one step per throttling episode on a 429, up to the cap, and narrow one step per few good reads', () => {
    let m = ready(T0);
    const good: ControlEvent = { type: 'read-succeeded', presence: { availability: 'Available', activity: 'Available', statusMessage: null, sequenceNumber: null, outOfOffice: false } };
    m = run(m, [{ type: 'throttle-seen' }, { type: 'throttle-seen' }], T0);
    expect(m.readSlowdown).toBe(1); // two 429s of one episode: one step
    for (let i = 0; i < READ_SLOWDOWN_MAX + 2; i++) m = run(m, [good, { type: 'throttle-seen' }], T0);
    expect(m.readSlowdown).toBe(READ_SLOWDOWN_MAX);
    const slow = readDelay(m, T0) ?? 0;
    for (let i = 0; i < NARROW_AFTER_READS - 1; i++) m = reduce(m, good, T0);
    expect(m.readSlowdown).toBe(READ_SLOWDOWN_MAX);
    m = reduce(m, good, T0);
    expect(m.readSlowdown).toBe(READ_SLOWDOWN_MAX - 1);
    expect(readDelay(m, T0) ?? 0).toBeLessThan(slow);
    // A throttled write widens too.
    const w = reduce(ready(T0), { type: 'write-failed', op: { kind: 'clear-preference' }, error: { code: 'throttled', message: 'x', retryable: true }, hint: { retryAfterMs: 5_000 } }, T0);
    expect(w.readSlowdown).toBe(1);
  });
});
