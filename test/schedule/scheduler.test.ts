import { describe, expect, it } from 'vitest';
import type { ReevaluateReason, Schedule } from '../../app/schedule/index.ts';
import { Scheduler } from '../../app/schedule/index.ts';
import { WORK_WEEK_SCHEDULE as DEFAULT_SCHEDULE } from '../support/work-week-schedule.ts';
import { countingPlanner } from '../support/counting-planner.ts';
import { ManualClock } from '../support/manual-clock.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

function setup(start: string, schedule: Schedule, zone = { value: 'Europe/Berlin' }) {
  const clock = new ManualClock(start);
  const planner = countingPlanner(clock);
  const scheduler = new Scheduler({ schedule, clock, planner, systemZone: () => zone.value });
  const heard: Array<{ reason: ReevaluateReason; at: string; presence: string | null }> = [];
  scheduler.onChange((reason) => {
    const now = clock.now();
    heard.push({ reason, at: new Date(now).toISOString(), presence: scheduler.current(now)?.presence ?? null });
  });
  return { clock, planner, scheduler, heard, zone };
}

const enabled: Schedule = { ...DEFAULT_SCHEDULE, enabled: true };

describe('Scheduler', () => {
  it('keeps exactly one job, for the next boundary, and re-plans after each firing', async () => {
    const { clock, planner, scheduler, heard } = setup('2026-11-23T07:30:00Z', enabled); // Mon 08:30 Berlin
    scheduler.start();
    expect(heard).toEqual([{ reason: 'start', at: '2026-11-23T07:30:00.000Z', presence: 'Offline' }]);
    expect(planner.pending()).toBe(1);
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    await clock.advance(10 * HOUR); // to 18:30 Berlin: 09:00, 12:00, 13:00, 18:00
    expect(heard.slice(1).map((h) => `${h.reason} ${h.at} ${h.presence}`)).toEqual([
      'boundary 2026-11-23T08:00:00.000Z Available',
      'boundary 2026-11-23T11:00:00.000Z Away',
      'boundary 2026-11-23T12:00:00.000Z Available',
      'boundary 2026-11-23T17:00:00.000Z Offline',
    ]);
    expect(planner.pending()).toBe(1);
    expect(planner.planned).toHaveLength(5); // never a job per rule per day
    expect(scheduler.current(clock.now())).toEqual({
      presence: 'Offline',
      outside: 'clear',
      ruleId: 'after-hours',
      ruleName: 'After hours',
      statusMessage: null,
      until: Date.parse('2026-11-24T08:00:00.000Z'),
    });
    scheduler.stop();
    expect(planner.pending()).toBe(0);
  });

  it('says nothing while disabled and plans no job', async () => {
    const { clock, planner, scheduler, heard } = setup('2026-11-23T07:30:00Z', DEFAULT_SCHEDULE);
    scheduler.start();
    expect(scheduler.current(clock.now())).toBeNull();
    expect(scheduler.nextChangeAfter(clock.now())).toBeNull();
    expect(planner.pending()).toBe(0);
    await clock.advance(24 * HOUR);
    expect(heard.map((h) => h.reason)).toEqual(['start']);
    scheduler.stop();
  });

  it('a settings change mid-day re-plans the one job', async () => {
    const { clock, planner, scheduler, heard } = setup('2026-11-23T09:00:00Z', enabled); // Mon 10:00
    scheduler.start();
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    const lateLunch: Schedule = {
      ...enabled,
      rules: enabled.rules.map((r) => (r.id === 'lunch' ? { ...r, start: '13:00', end: '14:00' } : r)),
    };
    scheduler.update(lateLunch);
    expect(heard.at(-1)?.reason).toBe('settings');
    expect(planner.pending()).toBe(1);
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    await clock.advance(3 * HOUR + 30 * MIN);
    expect(heard.filter((h) => h.reason === 'boundary').map((h) => `${h.at} ${h.presence}`)).toEqual(['2026-11-23T12:00:00.000Z Away']);
    scheduler.update({ ...lateLunch, enabled: false });
    expect(planner.pending()).toBe(0);
    expect(scheduler.current(clock.now())).toBeNull();
    scheduler.stop();
  });

  it('detects a wall-clock jump of +3 h by itself and re-plans', async () => {
    const { clock, planner, scheduler, heard } = setup('2026-11-23T08:30:00Z', enabled); // Mon 09:30
    scheduler.start();
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    clock.jumpWall(3 * HOUR); // now 12:30 Berlin: lunch, but the old job would still wait 2.5 h of monotonic time
    await clock.advance(30_000);
    const jump = heard.find((h) => h.reason === 'clock-jump');
    expect(jump).toEqual({ reason: 'clock-jump', at: '2026-11-23T11:30:30.000Z', presence: 'Away' });
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(planner.pending()).toBe(1);
    await clock.advance(30 * MIN);
    expect(heard.at(-1)).toMatchObject({ reason: 'boundary', at: '2026-11-23T12:00:00.000Z', presence: 'Available' });
    scheduler.stop();
  });

  it('detects a time-zone change (Berlin → New York) mid-day and re-plans in the new zone', async () => {
    const { clock, scheduler, heard, zone } = setup('2026-11-23T10:30:00Z', enabled); // 11:30 Berlin, 05:30 New York
    scheduler.start();
    expect(heard[0]?.presence).toBe('Available');
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    zone.value = 'America/New_York';
    await clock.advance(30_000);
    expect(heard.at(-1)).toEqual({ reason: 'timezone-change', at: '2026-11-23T10:30:30.000Z', presence: 'Offline' });
    expect(scheduler.timeZone()).toBe('America/New_York');
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T14:00:00.000Z'); // 09:00 in New York
    scheduler.stop();
  });

  it('a schedule with an explicit zone ignores the system zone', async () => {
    const { clock, scheduler, heard, zone } = setup('2026-11-23T10:30:00Z', { ...enabled, timeZone: 'Asia/Kolkata' });
    scheduler.start();
    zone.value = 'America/New_York';
    await clock.advance(60_000);
    expect(heard.map((h) => h.reason)).toEqual(['start']);
    expect(scheduler.timeZone()).toBe('Asia/Kolkata');
    scheduler.stop();
  });

  it('re-evaluates on resume, unlock, network return, clock and zone events, not on suspend, lock or offline', () => {
    const { scheduler, heard } = setup('2026-11-23T10:30:00Z', enabled);
    scheduler.start();
    for (const type of ['suspend', 'resume', 'lock', 'unlock', 'offline', 'online', 'clock-changed', 'timezone-changed'] as const) {
      scheduler.notify({ type });
    }
    expect(heard.map((h) => h.reason)).toEqual(['start', 'resume', 'unlock', 'online', 'clock-changed', 'timezone-changed']);
    scheduler.stop();
  });

  it('after sleeping from Friday 17:00 to Monday 10:00, resume applies Monday work hours at once', async () => {
    const { clock, scheduler, heard } = setup('2026-11-20T16:00:00Z', enabled); // Fri 17:00 Berlin
    scheduler.start();
    expect(heard[0]?.presence).toBe('Available');
    // Asleep: the wall clock moves, monotonic time (and so every timer) does not.
    clock.jumpWall(65 * HOUR);
    scheduler.notify({ type: 'resume' });
    expect(heard.at(-1)).toEqual({ reason: 'resume', at: '2026-11-23T09:00:00.000Z', presence: 'Available' });
    expect(scheduler.plannedAt()?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    scheduler.stop();
  });

  it('a sleep without a resume event is still caught by the clock check (never skipped silently)', async () => {
    const { clock, scheduler, heard } = setup('2026-11-20T16:00:00Z', enabled);
    scheduler.start();
    clock.jumpWall(65 * HOUR);
    await clock.advance(30_000);
    expect(heard.at(-1)).toEqual({ reason: 'clock-jump', at: '2026-11-23T09:00:30.000Z', presence: 'Available' });
    scheduler.stop();
  });

  it('a job that fires late applies what holds now and says in the log what it missed', () => {
    const clock = new ManualClock('2026-11-23T07:30:00Z');
    let job: (() => void) | null = null;
    const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
    const scheduler = new Scheduler({
      schedule: enabled,
      clock,
      systemZone: () => 'Europe/Berlin',
      planner: { schedule: (_at, fn) => ((job = fn), () => (job = null)) },
      log: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    });
    const heard: string[] = [];
    scheduler.onChange((reason) => heard.push(`${reason} ${scheduler.current(clock.now())?.presence ?? null}`));
    scheduler.start();
    clock.jumpWall(5 * HOUR); // the job for 09:00 runs at 13:30 (a blocked loop, or a timer that slept)
    (job as unknown as () => void)();
    expect(heard).toEqual(['start Offline', 'boundary Available']);
    expect(lines.find((l) => l.level === 'warn')).toEqual({
      level: 'warn',
      message: 'schedule boundary fired late; applying what holds now',
      fields: { boundary: '2026-11-23T08:00:00.000Z', lateMs: 4.5 * HOUR, missed: 3 } // 09:00, 12:00 and 13:00 Berlin,
    });
    scheduler.stop();
  });
});

