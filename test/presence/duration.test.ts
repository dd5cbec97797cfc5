import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, isDuration, parseDuration } from '../../app/presence/duration.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The message parseDuration throws for `text`, failing the test when it does not throw a DurationError. */
function rejection(text: string, options?: { allowZero?: boolean }): string {
  try {
    parseDuration(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DurationError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseDuration', () => {
  it.each([
    ['PT30M', 30 * MIN],
    ['PT1H30M', HOUR + 30 * MIN],
    ['P1D', DAY],
    ['P1DT2H', DAY + 2 * HOUR],
    ['PT8H', 8 * HOUR],
    ['PT45S', 45_000],
    ['P2DT3H4M5S', 2 * DAY + 3 * HOUR + 4 * MIN + 5_000],
    ['PT90M', 90 * MIN],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(isDuration(text)).toBe(true);
  });

  it('rejects zero unless allowZero', () => {
    for (const zero of ['PT0S', 'P0D', 'PT0H0M']) {
      expect(rejection(zero)).toMatch(/is zero/);
      expect(parseDuration(zero, { allowZero: true })).toBe(0);
    }
    expect(isDuration('PT0S')).toBe(false);
  });

  it.each([
    ['-PT1H', /negative/],
    ['P-1D', /negative/],
    ['PT-5M', /negative/],
    ['PT1.5H', /fractional/],
    ['PT0,5H', /fractional/],
    ['PT30.25S', /fractional/],
    ['P1Y', /years, months or weeks/],
    ['P2M', /years, months or weeks/],
    ['P1W', /years, months or weeks/],
    ['P1Y2M3DT4H', /years, months or weeks/],
    ['P3D2M', /years, months or weeks/],
    ['P', /no amount/],
    ['PT', /no amount/],
    ['P1DT', /no amount/],
    ['', /required/],
    ['   ', /required/],
    ['30 minutes', /not an ISO 8601 duration/],
    // What the settings file cannot store is refused here too (issue 15, defect 1): capitals only, no padding.
    ['pt1h', /lower-case/],
    [' PT1H ', /spaces around it/],
    [`PT${'0'.repeat(60)}1H`, /too long/],
    ['XPT30M', /not an ISO 8601 duration/],
    ['1.5 hours', /not an ISO 8601 duration/],
    ['PT1H30', /not an ISO 8601 duration/],
    ['P1H', /not an ISO 8601 duration/],
    ['PT1D', /not an ISO 8601 duration/],
    ['PTH', /not an ISO 8601 duration/],
    ['T1H', /not an ISO 8601 duration/],
    ['PT99999999999999999999H', /too long/],
  ])('rejects %j with a message that says what is wrong', (text, why) => {
    const message = rejection(text);
    expect(message).toMatch(why);
    expect(isDuration(text)).toBe(false);
  });

  it('quotes the offending text and shows an example of a good one', () => {
    const message = rejection('PT1.5H');
    expect(message).toContain('"PT1.5H"');
    expect(message).toMatch(/PT1H30M/);
  });

  it('tells a P30M writer that minutes need the T, and suggests it only when the suggestion is a duration', () => {
    expect(rejection('P30M')).toMatch(/PT30M/);
    expect(isDuration('PT30M')).toBe(true);
    // "PT1Y2M" or "PT2M3D" would be no better: the hint is left out, and nothing stands in its place.
    for (const text of ['P1Y2M', 'P2M3D', 'P1Y', 'P1W']) {
      const message = rejection(text);
      expect(message).not.toMatch(/for minutes/);
      expect(message).toContain(`"${text}" uses years, months or weeks; use days`);
    }
  });

  it('quotes at most 40 characters of a long text, so a huge field never comes back whole', () => {
    const long = `PT${'1'.repeat(10_000)}H`;
    const message = rejection(long);
    expect(message).toContain(`"${long.slice(0, 40)}…"`);
    expect(message.length).toBeLessThan(200);
    // Text of exactly 40 characters is quoted whole, with no mark of a cut.
    const forty = `P${'1'.repeat(38)}Y`;
    expect(rejection(forty)).toContain(`"${forty}"`);
  });

  it('throws errors the log can name', () => {
    try {
      parseDuration('XPT30M');
    } catch (error) {
      expect((error as Error).name).toBe('DurationError');
      return;
    }
    throw new Error('XPT30M was accepted');
  });

  it('rejects values that are not strings at all', () => {
    expect(() => parseDuration(undefined as unknown as string)).toThrow(DurationError);
    expect(() => parseDuration(30 as unknown as string)).toThrow(DurationError);
  });
});

describe('formatDuration', () => {
  it.each([
    [30 * MIN, 'PT30M'],
    [HOUR + 30 * MIN, 'PT1H30M'],
    [DAY, 'P1D'],
    [DAY + 2 * HOUR, 'P1DT2H'],
    [2 * DAY + 3 * HOUR + 4 * MIN + 5_000, 'P2DT3H4M5S'],
    [0, 'PT0S'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rounds sub-second parts up so an expiry is never shortened', () => {
    expect(formatDuration(1)).toBe('PT1S');
    expect(formatDuration(59_001)).toBe('PT1M');
  });

  it('round-trips every whole second through parseDuration', () => {
    const samples = [1_000, 59_000, MIN, 30 * MIN, HOUR, HOUR + 1_000, 23 * HOUR + 59 * MIN + 59_000, DAY, DAY + 2 * HOUR, 7 * DAY, 400 * DAY + 1_000];
    for (const ms of samples) expect(parseDuration(formatDuration(ms))).toBe(ms);
    for (const text of ['PT30M', 'PT1H30M', 'P1D', 'P1DT2H', 'P1DT2H3M4S']) expect(formatDuration(parseDuration(text))).toBe(text);
    expect(parseDuration(formatDuration(0), { allowZero: true })).toBe(0);
  });

  it('refuses negative and non-finite input', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatDuration(bad)).toThrow(DurationError);
      expect(() => formatDuration(bad)).toThrow(`${bad} ms`);
    }
  });
});
