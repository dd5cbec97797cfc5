import { describe, expect, it } from 'vitest';
import { fromWall, isValidTimeZone, offsetAt, resolveTimeZone, toWall, wallOf, wallWeekday } from '../../app/time/zoned-time.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('zoned time', () => {
  it('maps wall time to instants in zones with and without daylight saving', () => {
    expect(iso(fromWall(wallOf(2026, 1, 15, 9 * 60), 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(fromWall(wallOf(2026, 7, 15, 9 * 60), 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
    expect(iso(fromWall(wallOf(2026, 7, 15, 9 * 60), 'Asia/Kolkata'))).toBe('2026-07-15T03:30:00.000Z');
    expect(iso(fromWall(wallOf(2026, 1, 15, 9 * 60), 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z');
    expect(offsetAt(Date.parse('2026-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * 3_600_000);
  });

  it('puts a wall time inside a spring-forward gap at the first instant after the gap', () => {
    // New York 2026-03-08: 02:00 EST → 03:00 EDT (07:00Z).
    expect(iso(fromWall(wallOf(2026, 3, 8, 2 * 60 + 30), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(fromWall(wallOf(2026, 3, 8, 2 * 60), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(fromWall(wallOf(2026, 3, 8, 3 * 60), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    // London 01:00 → 02:00 and Berlin 02:00 → 03:00, both at 01:00Z on 2026-03-29.
    expect(iso(fromWall(wallOf(2026, 3, 29, 90), 'Europe/London'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(fromWall(wallOf(2026, 3, 29, 150), 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    // Lord Howe 2026-10-04: 02:00 (+10:30) → 02:30 (+11), a half-hour gap.
    expect(iso(fromWall(wallOf(2026, 10, 4, 2 * 60 + 15), 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z');
  });

  it('puts a repeated wall time at its first occurrence', () => {
    // New York 2026-11-01: 02:00 EDT → 01:00 EST; 01:30 happens at 05:30Z and again at 06:30Z.
    expect(iso(fromWall(wallOf(2026, 11, 1, 90), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(fromWall(wallOf(2026, 10, 25, 90), 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(fromWall(wallOf(2026, 10, 25, 150), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    // Lord Howe 2026-04-05: 02:00 (+11) → 01:30 (+10:30); 01:45 first happens at 14:45Z.
    expect(iso(fromWall(wallOf(2026, 4, 5, 105), 'Australia/Lord_Howe'))).toBe('2026-04-04T14:45:00.000Z');
  });

  it('round-trips wall times across a year (every quarter-hour offset in turn) where the wall time exists once', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 105 * 60_000) {
        const back = fromWall(toWall(t, zone), zone);
        // In a repeated hour the second occurrence maps to the first, one DST step earlier.
        if (back !== t) expect(t - back).toBeLessThanOrEqual(3_600_000);
        expect(toWall(back, zone)).toBe(toWall(t, zone));
      }
    }
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(resolveTimeZone('system', () => 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZone('Europe/London', () => 'Asia/Kolkata')).toBe('Europe/London');
    expect(wallWeekday(wallOf(2026, 11, 23))).toBe(0); // a Monday
  });
});
