// The payload checks at the IPC door, one rule at a time: what each accepts, what it refuses, and that a refusal
// names the field that was wrong (and, where a user can act on it, says why). Pure functions with a fixed `now`;
// the door over a real core is in door.test.ts and handlers.test.ts.
import { describe, expect, it } from 'vitest';
import { checkPayloadLimits, PAYLOAD_LIMITS } from '../../app/ipc/payload-limits.ts';
import { checkBoolean, checkInteger, checkObject, checkString, checkUntil } from '../../app/settings/value-checks.ts';
import { checkCopyText } from '../../app/ipc/clipboard.ts';
import { REQUEST_CHECKS } from '../../app/ipc/payloads.ts';
import { UNTIL_MAX_MS } from '../../app/settings/fields.ts';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (ms: number) => ({ kind: 'at', instant: iso(ms) });
const fields = (problems: Array<{ field?: string }>) => problems.map((p) => p.field);

describe('checkUntil', () => {
  it('accepts an `at` end time in the future, up to exactly 31 days ahead, on every channel that takes one', () => {
    for (const ms of [NOW + 1, NOW + 2 * 3_600_000, NOW + UNTIL_MAX_MS]) {
      expect(REQUEST_CHECKS.setPresence({ presence: 'Busy', until: at(ms) }, NOW)).toEqual([]);
      expect(REQUEST_CHECKS.setStatusMessage({ text: 'Lunch', until: at(ms) }, NOW)).toEqual([]);
      expect(REQUEST_CHECKS.pauseSchedule({ until: at(ms) }, NOW)).toEqual([]);
    }
  });

  it('refuses an `at` end time that is now or past, saying it has passed', () => {
    for (const ms of [NOW, NOW - 1, NOW - 86_400_000]) {
      const problems = checkUntil(at(ms), 'request.until', NOW);
      expect(fields(problems)).toEqual(['request.until.instant']);
      expect(problems[0]?.message).toMatch(/passed/);
    }
  });

  it('refuses an `at` end time more than 31 days ahead', () => {
    const problems = checkUntil(at(NOW + UNTIL_MAX_MS + 1), 'request.until', NOW);
    expect(fields(problems)).toEqual(['request.until.instant']);
    expect(problems[0]?.message).toMatch(/31 days/);
  });

  it('refuses an `at` (or a duration) with a field it does not know, naming that field', () => {
    expect(fields(checkUntil({ ...at(NOW + 60_000), note: 'x' }, 'request.until', NOW))).toEqual(['request.until.note']);
    expect(fields(checkUntil({ kind: 'duration', iso: 'PT1H', note: 'x' }, 'request.until'))).toEqual(['request.until.note']);
  });

  it('accepts each kind without data, and refuses one carrying data', () => {
    for (const kind of ['end-of-day', 'next-rule', 'forever']) {
      expect(checkUntil({ kind }, 'request.until', NOW)).toEqual([]);
      expect(fields(checkUntil({ kind, instant: iso(NOW + 60_000) }, 'request.until', NOW))).toEqual(['request.until.instant']);
    }
  });

  it('refuses an unknown kind at the `kind` field, listing the kinds there are', () => {
    const problems = checkUntil({ kind: 'someday' }, 'request.until');
    expect(fields(problems)).toEqual(['request.until.kind']);
    expect(problems[0]?.message).toContain('request.until.kind');
    expect(problems[0]?.message).toMatch(/duration.*at.*end-of-day.*next-rule.*forever/);
  });
});

describe('checkObject', () => {
  it('says "the request" when the whole request is not an object, and names the field when a part is not', () => {
    const top = checkObject(42, '', ['presence']);
    expect(top).toEqual([expect.objectContaining({ code: 'invalid-payload', field: '' })]);
    expect(top[0]?.message).toMatch(/^The request /);
    const part = checkObject('Busy', 'request.until', ['kind']);
    expect(part[0]?.message).toMatch(/^request\.until /);
  });
});

describe('checkString', () => {
  it('refuses what is not text, too short or too long, naming the field; accepts the lengths in between', () => {
    expect(fields(checkString(42, 'hotkeys[0].id', 64, 1))).toEqual(['hotkeys[0].id']);
    expect(checkString(42, 'f', 64)[0]?.message).toMatch(/text/);
    expect(checkString('', 'hotkeys[0].id', 64, 1)[0]?.message).toBe('hotkeys[0].id must not be empty.');
    expect(checkString('a', 'name', 64, 2)[0]?.message).toMatch(/at least 2 characters/);
    expect(checkString('x'.repeat(65), 'name', 64)[0]?.message).toMatch(/longer than 64 characters/);
    expect(fields(checkString('x'.repeat(65), 'name', 64))).toEqual(['name']);
    for (const text of ['a', 'x'.repeat(64)]) expect(checkString(text, 'name', 64, 1)).toEqual([]);
    expect(checkString('', 'name', 64)).toEqual([]);
  });

  it('keeps a non-text, empty or overlong copy request out of the clipboard', () => {
    for (const text of [42, '', 'x'.repeat(2049)]) expect(fields(checkCopyText({ text }))).toEqual(['request.text']);
    expect(checkCopyText({ text: 'x'.repeat(2048) })).toEqual([]);
  });
});

describe('checkBoolean', () => {
  it('accepts true and false only, and names the field it refuses', () => {
    expect(checkBoolean(true, 'hotkeys[0].enabled')).toEqual([]);
    expect(checkBoolean(false, 'hotkeys[0].enabled')).toEqual([]);
    const problems = checkBoolean('yes', 'hotkeys[0].enabled');
    expect(fields(problems)).toEqual(['hotkeys[0].enabled']);
    expect(problems[0]?.message).toContain('hotkeys[0].enabled');
  });
});

describe('checkInteger', () => {
  it('accepts whole numbers from min to max inclusive and refuses anything else, naming the field and the range', () => {
    for (const value of [15, 16, 3599, 3600]) expect(checkInteger(value, 'options.readIntervalSeconds', 15, 3600)).toEqual([]);
    for (const value of [14, 3601, 60.5, '60', Number.NaN, null]) {
      const problems = checkInteger(value, 'options.readIntervalSeconds', 15, 3600);
      expect(fields(problems)).toEqual(['options.readIntervalSeconds']);
      expect(problems[0]?.message).toMatch(/15 to 3600/);
    }
  });
});

describe('checkPayloadLimits', () => {
  it('refuses too many values, too deep a nesting and too much text as too large, saying which limit', () => {
    const many = checkPayloadLimits({ list: Array.from({ length: PAYLOAD_LIMITS.values }, () => 0) });
    expect(many).toEqual([expect.objectContaining({ code: 'payload-too-large', field: 'request' })]);
    expect(many[0]?.message).toMatch(/values/);
    expect(checkPayloadLimits({ list: Array.from({ length: PAYLOAD_LIMITS.values - 2 }, () => 0) })).toEqual([]);

    let deep: unknown = 'x';
    for (let i = 0; i < PAYLOAD_LIMITS.depth; i++) deep = { deep };
    expect(checkPayloadLimits(deep)).toEqual([]);
    const nested = checkPayloadLimits({ deep });
    expect(nested).toEqual([expect.objectContaining({ code: 'payload-too-large' })]);
    expect(nested[0]?.message).toMatch(/nested/);

    const text = checkPayloadLimits({ text: 'x'.repeat(PAYLOAD_LIMITS.textChars) });
    expect(text).toEqual([expect.objectContaining({ code: 'payload-too-large' })]);
    expect(text[0]?.message).toContain(`${PAYLOAD_LIMITS.textChars / 1024} KiB`);
  });

  it('refuses a list with a gap as an invalid request, not as a large one', () => {
    const days = ['mon', 'tue'];
    delete days[0];
    expect(checkPayloadLimits({ days })).toEqual([expect.objectContaining({ code: 'invalid-payload', field: 'request' })]);
  });
});
