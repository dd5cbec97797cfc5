import { describe, expect, it } from 'vitest';
import { fromDateTimeTimeZone, toDateTimeTimeZone } from '../../app/graph/date-time-zone.ts';
import { isValidTimeZone } from '../../app/time/zoned-time.ts';

describe('dateTimeTimeZone', () => {
  it('writes the wall time in the given zone with seven fraction digits and no offset', () => {
    const at = new Date('2026-11-23T16:00:00Z');
    expect(toDateTimeTimeZone(at, 'Europe/Berlin')).toEqual({ dateTime: '2026-11-23T17:00:00.0000000', timeZone: 'Europe/Berlin' });
    expect(toDateTimeTimeZone(at, 'America/New_York')).toEqual({ dateTime: '2026-11-23T11:00:00.0000000', timeZone: 'America/New_York' });
    expect(toDateTimeTimeZone(at, 'UTC').dateTime).toBe('2026-11-23T16:00:00.0000000');
    expect(toDateTimeTimeZone(new Date('2026-11-23T23:30:05.123Z'), 'Asia/Kolkata').dateTime).toBe('2026-11-24T05:00:05.1230000');
  });

  it('uses midnight as 00, not 24', () => {
    expect(toDateTimeTimeZone(new Date('2026-11-23T23:00:00Z'), 'Europe/Berlin').dateTime).toBe('2026-11-24T00:00:00.0000000');
  });

  it('refuses zones Intl does not know', () => {
    expect(() => toDateTimeTimeZone(new Date(), 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'invalid-time-zone' }));
    expect(isValidTimeZone('Pacific Standard Time')).toBe(false);
  });

  it('reads back the instant, round-tripping across zones', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (const iso of ['2026-01-15T12:34:56.789Z', '2026-07-01T00:00:00.000Z', '2026-11-01T12:00:00.000Z']) {
        const at = new Date(iso);
        expect(fromDateTimeTimeZone(toDateTimeTimeZone(at, zone))?.toISOString(), `${zone} ${iso}`).toBe(iso);
      }
    }
  });

  it('maps a fall-back repeated hour to its first occurrence and a spring-forward gap to the end of the gap', () => {
    // Berlin 2026-10-25 02:30 happens twice (CEST, then CET): the first is 00:30Z.
    expect(fromDateTimeTimeZone({ dateTime: '2026-10-25T02:30:00.0000000', timeZone: 'Europe/Berlin' })?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // Berlin 2026-03-29 02:30 does not exist: the clock jumps from 02:00 CET to 03:00 CEST at 01:00Z.
    expect(fromDateTimeTimeZone({ dateTime: '2026-03-29T02:30:00.0000000', timeZone: 'Europe/Berlin' })?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('gives null for Windows zone names and unreadable times', () => {
    expect(fromDateTimeTimeZone({ dateTime: '2026-11-23T17:00:00.0000000', timeZone: 'W. Europe Standard Time' })).toBeNull();
    expect(fromDateTimeTimeZone({ dateTime: 'tomorrow', timeZone: 'UTC' })).toBeNull();
  });
});
