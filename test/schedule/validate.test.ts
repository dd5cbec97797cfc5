import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, STATUS_MESSAGE_MAX, validateSchedule } from '../../app/schedule/index.ts';

const lunch = { id: 'lunch', name: 'Lunch', days: ['mon'], start: '12:00', end: '13:00', presence: 'Away' };

/** The schedule with rule 2 (index 1) replaced by `lunch` plus `patch`. */
function withRule(patch: Record<string, unknown>): unknown {
  const rule: Record<string, unknown> = { ...lunch, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete rule[k];
  return { ...DEFAULT_SCHEDULE, rules: [DEFAULT_SCHEDULE.rules[0], rule] };
}

function only(value: unknown): { field?: string; message: string; code: string } {
  const { schedule, problems } = validateSchedule(value);
  expect(schedule).toBeNull();
  expect(problems).toHaveLength(1);
  return problems[0] as { field?: string; message: string; code: string };
}

describe('validateSchedule()', () => {
  it('accepts the default schedule and returns a clean copy', () => {
    const { schedule, problems } = validateSchedule(JSON.parse(JSON.stringify({ ...DEFAULT_SCHEDULE, extra: 1 })));
    expect(problems).toEqual([]);
    expect(schedule).toEqual(DEFAULT_SCHEDULE);
  });

  it.each([
    ['unknown day', { days: ['mon', 'funday'] }, 'schedule.rules[1].days[1]', 'Rule "Lunch": day "funday" is not one of mon, tue, wed, thu, fri, sat, sun.'],
    ['empty days', { days: [] }, 'schedule.rules[1].days', 'Rule "Lunch": no days are chosen; pick at least one day.'],
    ['25:00', { start: '25:00' }, 'schedule.rules[1].start', 'Rule "Lunch": start "25:00" is not a time (use HH:MM, 00:00–23:59).'],
    ['12:60', { end: '12:60' }, 'schedule.rules[1].end', 'Rule "Lunch": end "12:60" is not a time (use HH:MM, 00:00–24:00; 24:00 is the end of the day).'],
    ['24:00 as a start', { start: '24:00' }, 'schedule.rules[1].start', 'Rule "Lunch": start "24:00" is not a time (use HH:MM, 00:00–23:59).'],
    ['9:00 without the leading zero', { start: '9:00' }, 'schedule.rules[1].start', 'Rule "Lunch": start "9:00" is not a time (use HH:MM, 00:00–23:59).'],
    ['start = end', { start: '12:00', end: '12:00' }, 'schedule.rules[1].end', 'Rule "Lunch": start and end are both "12:00", so the rule never holds (for a whole day use 00:00–24:00).'],
    ['unknown presence', { presence: 'Snoozing' }, 'schedule.rules[1].presence', 'Rule "Lunch": presence "Snoozing" is not one of Available, Busy, DoNotDisturb, BeRightBack, Away, Offline.'],
    ['duplicate id', { id: 'weekend' }, 'schedule.rules[1].id', 'Rule "Lunch": id "weekend" is used by an earlier rule; every rule needs its own id.'],
    ['missing name', { name: undefined }, 'schedule.rules[1].name', 'Rule "lunch": a name is required (for example "Work hours").'],
    ['blank name', { name: '  ' }, 'schedule.rules[1].name', 'Rule "lunch": a name is required (for example "Work hours").'],
    [
      'status message too long',
      { statusMessage: 'x'.repeat(STATUS_MESSAGE_MAX + 1) },
      'schedule.rules[1].statusMessage',
      `Rule "Lunch": the status message is ${STATUS_MESSAGE_MAX + 1} characters long; use at most ${STATUS_MESSAGE_MAX}.`,
    ],
    ['status message not text', { statusMessage: 5 }, 'schedule.rules[1].statusMessage', 'Rule "Lunch": the status message must be text, not 5.'],
  ])('names the rule and the field: %s', (_label, patch, field, message) => {
    const p = only(withRule(patch));
    expect(p).toEqual({ code: 'invalid-schedule', field, message });
  });

  it('names schedule-level fields: unknown zone, bad outside, enabled, rules', () => {
    expect(only({ ...DEFAULT_SCHEDULE, timeZone: 'Europe/Atlantis' })).toMatchObject({
      field: 'schedule.timeZone',
      message: 'Time zone "Europe/Atlantis" is not a known IANA time zone (for example Europe/Berlin), or "system".',
    });
    expect(only({ ...DEFAULT_SCHEDULE, outside: 'off' }).field).toBe('schedule.outside');
    expect(only({ ...DEFAULT_SCHEDULE, enabled: 'yes' }).field).toBe('schedule.enabled');
    expect(only({ ...DEFAULT_SCHEDULE, rules: {} }).field).toBe('schedule.rules');
    expect(only({ ...DEFAULT_SCHEDULE, rules: [null] })).toMatchObject({ field: 'schedule.rules[0]' });
    expect(only('nonsense').field).toBe('schedule');
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, timeZone: 'Asia/Kolkata' }).problems).toEqual([]);
  });

  it('reports every problem at once and never returns a schedule with a bad rule', () => {
    const { schedule, problems } = validateSchedule({
      ...DEFAULT_SCHEDULE,
      rules: [...DEFAULT_SCHEDULE.rules, { id: 'x', days: ['xyz'], start: '25:00', end: '12:60', presence: 'Snoozing' }],
    });
    expect(schedule).toBeNull();
    expect(problems.map((p) => p.field)).toEqual([
      `schedule.rules[${DEFAULT_SCHEDULE.rules.length}].name`,
      `schedule.rules[${DEFAULT_SCHEDULE.rules.length}].days[0]`,
      `schedule.rules[${DEFAULT_SCHEDULE.rules.length}].start`,
      `schedule.rules[${DEFAULT_SCHEDULE.rules.length}].end`,
      `schedule.rules[${DEFAULT_SCHEDULE.rules.length}].presence`,
    ]);
    expect(problems.every((p) => p.message.startsWith('Rule "x": '))).toBe(true);
  });

  it('drops an empty status message and unknown rule fields', () => {
    const { schedule } = validateSchedule(withRule({ statusMessage: '', colour: 'red' }));
    expect(schedule?.rules[1]).toEqual(lunch);
  });
});
