/**
 * The words shared by the tray, the command line and links: every tray "For…" choice is accepted by id and
 * label, the spellings parse, bad ones say why; clock times resolve in the zone, across DST.
 */
import { describe, expect, it } from 'vitest';
import { nextClockTime } from '../../app/remote/commands.ts';
import { parseCliArgs } from '../../app/remote/cli-args.ts';
import { isAppError, parseUntilWords, presenceFromWord, PRESENCE_WORDS } from '../../app/remote/words.ts';
import { PRESENCE_KEYS, UNTIL_CHOICES } from '../../app/presence/index.ts';

describe('presence words', () => {
  it('are the tray labels in kebab case, plus aliases and the keys, in any case', () => {
    expect(PRESENCE_KEYS.map((k) => PRESENCE_WORDS[k])).toEqual(['available', 'busy', 'do-not-disturb', 'be-right-back', 'away', 'appear-offline']);
    for (const key of PRESENCE_KEYS) {
      expect(presenceFromWord(PRESENCE_WORDS[key])).toBe(key);
      expect(presenceFromWord(key.toUpperCase())).toBe(key);
    }
    expect([presenceFromWord('dnd'), presenceFromWord('BRB'), presenceFromWord('offline')]).toEqual(['DoNotDisturb', 'BeRightBack', 'Offline']);
    expect(presenceFromWord('bussy')).toBeNull();
    expect(presenceFromWord('')).toBeNull();
  });
});

describe('until words', () => {
  it('accept every tray choice by id and by label', () => {
    for (const choice of UNTIL_CHOICES) {
      expect(parseUntilWords(choice.id)).toEqual({ kind: 'until', until: choice.until });
      expect(parseUntilWords(choice.label.toUpperCase())).toEqual({ kind: 'until', until: choice.until });
    }
  });

  it.each([
    ['end of day', { kind: 'until', until: { kind: 'end-of-day' } }],
    ['next rule', { kind: 'until', until: { kind: 'next-rule' } }],
    ['until I change it', { kind: 'until', until: { kind: 'forever' } }],
    ['90m', { kind: 'until', until: { kind: 'duration', iso: 'PT90M' } }],
    ['1h30m', { kind: 'until', until: { kind: 'duration', iso: 'PT1H30M' } }],
    ['2d', { kind: 'until', until: { kind: 'duration', iso: 'P2D' } }],
    ['pt45m', { kind: 'until', until: { kind: 'duration', iso: 'PT45M' } }],
    ['until 15:00', { kind: 'clock', hour: 15, minute: 0 }],
    ['9:05', { kind: 'clock', hour: 9, minute: 5 }],
    ['2026-11-23T15:00:00+01:00', { kind: 'until', until: { kind: 'at', instant: '2026-11-23T14:00:00.000Z' } }],
  ])('%s', (text, spec) => {
    expect(parseUntilWords(text)).toEqual(spec);
  });

  it.each([
    ['', 'it is empty'],
    ['soon', 'use 30m, 1h'],
    ['P1M', 'months'],
    ['0m', 'zero'],
    ['25:00', 'use 30m, 1h'],
    ['-1h', 'use 30m, 1h'],
    ['x'.repeat(100), 'too long'],
  ])('refuses %j with a reason', (text, reason) => {
    const parsed = parseUntilWords(text);
    expect(isAppError(parsed)).toBe(true);
    if (isAppError(parsed)) {
      expect(parsed.code).toBe('invalid-duration');
      expect(parsed.message).toContain(reason);
    }
  });
});

describe('clock times', () => {
  it('are today when still ahead, else tomorrow, in the zone', () => {
    const now = Date.parse('2026-11-23T10:00:00Z'); // 11:00 in Berlin
    expect(new Date(nextClockTime(15, 0, now, 'Europe/Berlin')).toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(new Date(nextClockTime(9, 0, now, 'Europe/Berlin')).toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('on the day summer time starts, 02:30 (which does not exist) is the first instant after the gap', () => {
    const now = Date.parse('2026-03-29T00:00:00Z'); // 01:00 CET
    expect(new Date(nextClockTime(2, 30, now, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('the command line words', () => {
  it('turn into protocol requests', () => {
    expect(parseCliArgs(['busy', '--for', '1h'])).toEqual({ kind: 'run', command: { request: { cmd: 'set', presence: 'busy', until: '1h' }, json: false } });
    expect(parseCliArgs(['DND', '--until=15:00', '--json'])).toEqual({ kind: 'run', command: { request: { cmd: 'set', presence: 'do-not-disturb', until: 'until 15:00' }, json: true } });
    expect(parseCliArgs(['message', '-5 degrees outside'])).toMatchObject({ kind: 'run', command: { request: { cmd: 'message', text: '-5 degrees outside' } } });
    expect(parseCliArgs(['pause'])).toMatchObject({ kind: 'run', command: { request: { cmd: 'pause' } } });
    expect(parseCliArgs(['busy', '--for', '1h', '--until', '15:00'])).toMatchObject({ kind: 'usage-error', message: 'Give either --for or --until, once.' });
    expect(parseCliArgs(['busy', '--for'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCliArgs(['message'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCliArgs(['help', 'watch'])).toMatchObject({ kind: 'help', text: expect.stringContaining('mosquitto_pub') });
  });
});
