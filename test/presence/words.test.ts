// One wording for the tray, the window and the summary (issue 11): the same labels with one precedence, and
// times written in the one zone the state carries.
import { describe, expect, it } from 'vitest';
import { actualLabel, shortWhen, sourceWords, untilWords } from '../../app/presence/words.ts';
import { actualLabel as trayActualLabel, shortTime } from '../../app/tray/presence-words.ts';
import { actualLabel as windowActualLabel, formatWhen, untilText } from '../../renderer/format.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z'); // a Monday

describe('presence words', () => {
  it.each([
    [{ availability: 'Busy', activity: 'Busy', key: 'Busy' as const }, 'Busy'],
    [{ availability: 'Offline', activity: 'OffWork', key: 'Offline' as const }, 'Appear offline'],
    [{ availability: 'Busy', activity: 'InAMeeting', key: null }, 'In a meeting'],
    [{ availability: 'Away', activity: 'OffWork', key: null }, 'Off work'],
    [{ availability: 'BusyIdle', activity: 'PresenceUnknown', key: null }, 'Busy (idle)'],
    [null, 'Unknown'],
  ])('%j reads "%s" in the tray and in the window alike', (actual, words) => {
    expect(actualLabel(actual)).toBe(words);
    expect(trayActualLabel(actual)).toBe(words);
    if (actual) expect(windowActualLabel(actual)).toBe(words);
  });

  it('times are written in the zone given, the same by the tray, the window and the summary', () => {
    const at = Date.parse('2026-11-23T14:00:00Z');
    expect(shortWhen(at, NOW, 'UTC')).toBe('14:00');
    expect(shortWhen(at, NOW, 'Europe/Berlin')).toBe('15:00');
    expect(shortWhen(at, NOW, 'America/New_York')).toBe('09:00');
    expect(shortTime(new Date(at), { now: new Date(NOW), timeZone: 'Europe/Berlin' })).toBe('15:00');
    expect(formatWhen(new Date(at).toISOString(), 'Europe/Berlin', NOW)).toBe('15:00');
    expect(shortWhen(Date.parse('2026-11-26T08:00:00Z'), NOW, 'UTC')).toBe('Thu 08:00');
    expect(shortWhen(Date.parse('2026-12-24T09:00:00Z'), NOW, 'UTC')).toBe('24 Dec 09:00');
    // Past midnight in Tokyo the same instant is another day there.
    expect(shortWhen(Date.parse('2026-11-23T16:00:00Z'), NOW, 'Asia/Tokyo')).toBe('Tue 01:00');
  });

  it('until words: an end, the next rule, or until you change it', () => {
    expect(untilWords(Date.parse('2026-11-23T15:30:00Z'), { kind: 'duration', iso: 'PT3H30M' }, NOW, 'UTC')).toBe('until 15:30');
    expect(untilWords(null, { kind: 'next-rule' }, NOW, 'UTC')).toBe('until the next scheduled change');
    expect(untilWords(null, { kind: 'forever' }, NOW, 'UTC')).toBe('until you change it');
    expect(untilText(null, 'UTC', NOW)).toBe('until you change it');
    expect(untilText('2026-11-23T13:00:00Z', 'Europe/Berlin', NOW)).toBe('until 14:00');
    expect(sourceWords('hotkey')).toBe('a hotkey');
  });
});
