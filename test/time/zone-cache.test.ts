// The time-zone formatter cache (issue 15, defect 9): IANA names match case-insensitively, so a window that
// previews thousands of spellings of one zone must not build (and keep) thousands of formatters.
import { describe, expect, it } from 'vitest';
import { FORMATTER_CACHE_MAX, formatterCacheSize, isValidTimeZone, offsetAt } from '../../app/time/zoned-time.ts';

/** Every upper/lower-case spelling of `name`, up to `limit`. */
function spellings(name: string, limit: number): string[] {
  const out: string[] = [];
  const letters = [...name].map((c, i) => [c, i] as const).filter(([c]) => c.toLowerCase() !== c.toUpperCase());
  for (let mask = 0; mask < 2 ** letters.length && out.length < limit; mask++) {
    const chars = [...name];
    letters.forEach(([c, i], bit) => (chars[i] = mask & (1 << bit) ? c.toUpperCase() : c.toLowerCase()));
    out.push(chars.join(''));
  }
  return out;
}

describe('zone formatter cache', () => {
  it('keys formatters by the canonical zone: 2,000 spellings of Europe/Berlin share one', () => {
    const before = formatterCacheSize();
    for (const zone of spellings('Europe/Berlin', 2000)) expect(isValidTimeZone(zone)).toBe(true);
    expect(formatterCacheSize() - before).toBeLessThanOrEqual(1);
    expect(offsetAt(Date.UTC(2026, 0, 15), 'EUROPE/BERLIN')).toBe(3_600_000);
  });

  it('is bounded whatever zones are asked for', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    for (const zone of zones) isValidTimeZone(zone);
    expect(zones.length).toBeGreaterThan(FORMATTER_CACHE_MAX);
    expect(formatterCacheSize()).toBeLessThanOrEqual(FORMATTER_CACHE_MAX);
  });
});
