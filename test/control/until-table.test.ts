// Table tests for when an intent ends (app/control/until.ts): the default end, the zone `end-of-day` uses, and the
// refusals, each with its stable code, its field and its sentence.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../app/errors.ts';
import type { ScheduleSource, ScheduledPresence, Until } from '../../app/control/types.ts';
import { defaultUntil, resolveUntil, scheduleEnabled, zoneOf } from '../../app/control/until.ts';
import type { UntilContext } from '../../app/control/until.ts';
import { systemTimeZone } from '../../app/time/zoned-time.ts';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const H = 3_600_000;

const scheduled: ScheduledPresence = { presence: 'Busy', outside: 'clear', ruleId: 'work', ruleName: 'Work hours', statusMessage: null, until: T0 + H };
/** A schedule that is enabled (or not), with or without a zone of its own. */
const schedule = (enabled: boolean, timeZone?: string): ScheduleSource => ({
  current: () => (enabled ? scheduled : null),
  nextChangeAfter: () => (enabled ? T0 + H : null),
  ...(timeZone === undefined ? {} : { timeZone: () => timeZone }),
});

/** What resolving `until` throws, as the plain error the user sees. */
function refusal(until: Until, ctx: UntilContext): { code: string; message: string; field?: string } {
  try {
    resolveUntil(until, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return (error as AppFailure).toJSON();
  }
  throw new Error(`resolveUntil accepted ${JSON.stringify(until)}`);
}

describe('the default end of a manual command', () => {
  it.each<[string, ScheduleSource | undefined, Until, boolean]>([
    ['an enabled schedule: until its next change', schedule(true), { kind: 'next-rule' }, true],
    ['a disabled schedule: until I change it', schedule(false), { kind: 'forever' }, false],
    ['no schedule: until I change it', undefined, { kind: 'forever' }, false],
  ])('%s', (_rule, s, expected, enabled) => {
    expect(scheduleEnabled({ now: T0, schedule: s })).toBe(enabled);
    expect(defaultUntil({ now: T0, schedule: s })).toEqual(expected);
  });
});

describe('the zone end-of-day uses: the explicit one, else the schedule\'s, else the system\'s', () => {
  const injected = () => 'Injected/SystemZone';
  it.each<[string, Pick<UntilContext, 'schedule' | 'timeZone' | 'systemZone'>, string]>([
    ['an explicit zone wins over the schedule\'s', { timeZone: 'Asia/Tokyo', schedule: schedule(true, 'Europe/Berlin'), systemZone: injected }, 'Asia/Tokyo'],
    ['the schedule\'s zone wins over the system\'s', { schedule: schedule(true, 'Europe/Berlin'), systemZone: injected }, 'Europe/Berlin'],
    ['a schedule without a zone of its own: the system\'s', { schedule: schedule(true), systemZone: injected }, 'Injected/SystemZone'],
    ['no schedule: the system\'s, as the injected reader says', { systemZone: injected }, 'Injected/SystemZone'],
    ['no schedule and no reader: the zone Intl reports', {}, systemTimeZone()],
  ])('%s', (_rule, ctx, expected) => {
    expect(zoneOf(ctx)).toBe(expected);
  });
});

describe('resolveUntil: instants', () => {
  it('an instant a millisecond ahead is its own end', () => {
    expect(resolveUntil({ kind: 'at', instant: new Date(T0 + 1).toISOString() }, { now: T0 })).toBe(T0 + 1);
  });
  it.each<[string, Until, { code: string; message: string; field: string }]>([
    ['an instant that is now has already passed', { kind: 'at', instant: new Date(T0).toISOString() }, { code: 'invalid-until', message: 'That time has already passed; choose a later one.', field: 'until.instant' }],
    ['text that is no date and time is named in the refusal', { kind: 'at', instant: 'next tuesday-ish' }, { code: 'invalid-until', message: '"next tuesday-ish" is not a date and time.', field: 'until.instant' }],
    ['a malformed duration is refused on its field', { kind: 'duration', iso: 'PT-1H' }, { code: 'invalid-until', message: expect.any(String) as string, field: 'until.iso' }],
    ['an unknown kind of end is refused on its field', { kind: 'someday' } as unknown as Until, { code: 'invalid-until', message: 'Unknown kind of end: {"kind":"someday"}.', field: 'until.kind' }],
  ])('%s', (_rule, until, expected) => {
    expect(refusal(until, { now: T0 })).toEqual(expected);
  });
  it('the malformed duration refusal says what is wrong with it', () => {
    expect(refusal({ kind: 'duration', iso: 'PT-1H' }, { now: T0 }).message).toMatch(/duration|negative/i);
  });
});
