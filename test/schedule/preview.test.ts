import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../app/schedule/index.ts';
import { DEFAULT_SCHEDULE, weekPreview } from '../../app/schedule/index.ts';

const rows = (s: Schedule, from: string, zone?: () => string): string[][] =>
  weekPreview(s, new Date(from), zone ? { systemZone: zone } : {}).days.map((d) => [
    `${d.day} ${d.date}`,
    ...d.segments.map((x) => `${x.start}-${x.end} ${x.ruleId ?? '-'}`),
  ]);

describe('weekPreview()', () => {
  it('gives 7 local days from the day containing `from`, each covered 00:00–24:00 without gaps', () => {
    const preview = weekPreview(DEFAULT_SCHEDULE, new Date('2026-11-20T23:30:00Z'), { systemZone: () => 'Europe/Berlin' });
    expect(preview.timeZone).toBe('Europe/Berlin');
    expect(preview.days.map((d) => `${d.day} ${d.date}`)).toEqual([
      'sat 2026-11-21', // 00:30 Saturday in Berlin
      'sun 2026-11-22',
      'mon 2026-11-23',
      'tue 2026-11-24',
      'wed 2026-11-25',
      'thu 2026-11-26',
      'fri 2026-11-27',
    ]);
    for (const day of preview.days) {
      expect(day.segments[0]?.start).toBe('00:00');
      expect(day.segments.at(-1)?.end).toBe('24:00');
      day.segments.slice(1).forEach((seg, i) => expect(seg.start).toBe(day.segments[i]?.end));
    }
    expect(rows(DEFAULT_SCHEDULE, '2026-11-23T12:00:00Z', () => 'Europe/Berlin')[0]).toEqual([
      'mon 2026-11-23',
      '00:00-09:00 after-hours',
      '09:00-12:00 -',
      '12:00-13:00 lunch',
      '13:00-18:00 -',
      '18:00-24:00 after-hours',
    ]);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });

  it('shows wall-clock times on daylight-saving days', () => {
    const s: Schedule = {
      enabled: true,
      timeZone: 'America/New_York',
      outside: 'keep',
      rules: [{ id: 'early', name: 'Early', days: ['sun'], start: '02:30', end: '05:00', presence: 'Busy' }],
    };
    expect(rows(s, '2026-03-08T12:00:00Z')[0]).toEqual(['sun 2026-03-08', '00:00-03:00 -', '03:00-05:00 early', '05:00-24:00 -']);
    expect(rows(s, '2026-11-01T12:00:00Z')[0]).toEqual(['sun 2026-11-01', '00:00-02:30 -', '02:30-05:00 early', '05:00-24:00 -']);
  });
});
