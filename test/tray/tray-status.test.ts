import { describe, expect, it } from 'vitest';
import { MAX_TOOLTIP, trayIcon, trayTooltip } from '../../app/tray/tray-status.ts';
import { shortTime } from '../../app/tray/presence-words.ts';
import { makeState } from './state-fixture.ts';
import { notificationFor } from '../../app/tray/notifications.ts';
import { HIDES_MEETINGS_WORDS } from '../../app/presence/words.ts';

const now = new Date('2026-11-23T10:00:00Z'); // a Monday
const opts = { now, timeZone: 'UTC' };
const busyUntil = (endsAt: string | null, source: 'tray' | 'hotkey' = 'tray') =>
  makeState({
    intent: { presence: 'Busy', source, since: now.toISOString(), until: endsAt ? { kind: 'at', instant: endsAt } : { kind: 'forever' }, endsAt },
    inCharge: 'manual',
  });

describe('trayTooltip', () => {
  it('says what holds, until when and who set it', () => {
    // Each holds Busy for over an hour, which hides meetings (second line; see the test below).
    const hides = `\n${HIDES_MEETINGS_WORDS}`;
    expect(trayTooltip(busyUntil('2026-11-23T15:00:00Z'), true, opts)).toBe(`Busy — until 15:00 (tray)${hides}`);
    expect(trayTooltip(busyUntil('2026-11-24T09:00:00Z', 'hotkey'), true, opts)).toBe(`Busy — until Tue 09:00 (hotkey)${hides}`);
    expect(trayTooltip(busyUntil(null), true, opts)).toBe(`Busy — until you change it (tray)${hides}`);
    expect(trayTooltip(busyUntil('2026-11-23T15:00:00Z'), true, { now, timeZone: 'Europe/Berlin' })).toBe(`Busy — until 16:00 (tray)${hides}`);
  });

  it('says Teams will not show meetings and calls while Available, Busy, Away or BRB holds for over an hour', () => {
    expect(trayTooltip(busyUntil('2026-11-23T11:00:00Z'), true, opts)).toBe('Busy — until 11:00 (tray)');
    expect(trayTooltip(busyUntil('2026-11-23T11:01:00Z'), true, opts)).toContain(HIDES_MEETINGS_WORDS);
    const dnd = makeState({ intent: { presence: 'DoNotDisturb', source: 'tray', since: now.toISOString(), until: { kind: 'forever' }, endsAt: null }, inCharge: 'manual' });
    expect(trayTooltip(dnd, true, opts)).not.toContain(HIDES_MEETINGS_WORDS);
    const offline = makeState({
      inCharge: 'schedule',
      scheduled: { presence: 'Offline', outside: 'clear', ruleId: 'night', ruleName: 'After hours', statusMessage: null, until: '2026-11-24T09:00:00Z' },
    });
    expect(trayTooltip(offline, true, opts)).not.toContain(HIDES_MEETINGS_WORDS);
  });

  it('names the schedule rule when the schedule is in charge', () => {
    const state = makeState({
      inCharge: 'schedule',
      scheduled: { presence: 'Available', outside: 'clear', ruleId: 'work', ruleName: 'Work hours', statusMessage: null, until: '2026-11-23T18:00:00Z' },
    });
    expect(trayTooltip(state, true, opts)).toBe(`Available — until 18:00 (schedule: Work hours)\n${HIDES_MEETINGS_WORDS}`);
  });

  it('covers set-up, sign-in, Teams overriding, network, errors, pause and demo', () => {
    expect(trayTooltip(makeState(), false, opts)).toMatch(/not set up/);
    expect(trayTooltip(makeState({ auth: { status: 'signed-out', account: null, deviceCode: null, persistent: true } }), true, opts)).toMatch(/signed out/);
    const teams = makeState({ changedInTeams: true, actual: { availability: 'Busy', activity: 'InAMeeting', key: null, statusMessage: null, readAt: '' } });
    expect(trayTooltip(teams, true, opts)).toBe('In a meeting — changed in Teams');
    const messy = makeState({ demo: true, network: 'offline', pause: { until: null }, lastError: { code: 'x', message: 'Oops.' } });
    expect(trayTooltip(messy, true, opts)).toBe('[DEMO] Available — set in Teams\nwaiting for the network\nproblem: Oops.\nschedule paused');
    const long = makeState({ lastError: { code: 'x', message: 'y'.repeat(300) } });
    expect(trayTooltip(long, true, opts).length).toBe(MAX_TOOLTIP);
  });
});

describe('trayIcon', () => {
  it('shows the real presence, idle variants as their base', () => {
    expect(trayIcon(makeState(), true)).toEqual({ name: 'available', demo: false });
    const idle = makeState({ actual: { availability: 'BusyIdle', activity: 'Busy', key: null, statusMessage: null, readAt: '' } });
    expect(trayIcon(idle, true).name).toBe('busy');
    const unknown = makeState({ actual: { availability: 'PresenceUnknown', activity: 'PresenceUnknown', key: null, statusMessage: null, readAt: '' } });
    expect(trayIcon(unknown, true).name).toBe('unknown');
    expect(trayIcon(makeState({ actual: null, intent: busyUntil(null).intent }), true).name).toBe('busy');
  });

  it('conditions outrank presence: signed out, then offline, then a lasting error; demo is a badge', () => {
    expect(trayIcon(makeState(), false).name).toBe('signed-out');
    expect(trayIcon(makeState({ auth: { status: 'expired', account: null, deviceCode: null, persistent: true } }), true).name).toBe('signed-out');
    expect(trayIcon(makeState({ network: 'offline' }), true).name).toBe('offline');
    expect(trayIcon(makeState({ lastError: { code: 'forbidden', message: 'No.' } }), true).name).toBe('error');
    expect(trayIcon(makeState({ lastError: { code: 'throttled', message: 'Wait.', retryable: true } }), true).name).toBe('available');
    expect(trayIcon(makeState({ demo: true }), true)).toEqual({ name: 'available', demo: true });
  });
});

describe('shortTime', () => {
  it('is today-relative and falls back to a date beyond a week', () => {
    expect(shortTime('2026-11-23T23:59:00Z', opts)).toBe('23:59');
    expect(shortTime('2026-11-28T09:00:00Z', opts)).toBe('Sat 09:00');
    expect(shortTime('2026-12-24T09:00:00Z', opts)).toBe('24 Dec 09:00');
    expect(shortTime('garbage', opts)).toBe('garbage');
  });
});

describe('the focus timer', () => {
  const focus = (endsAt: string) =>
    makeState({
      inCharge: 'manual',
      intent: { presence: 'DoNotDisturb', source: 'tray', since: now.toISOString(), until: { kind: 'at', instant: endsAt }, endsAt, preset: 'Focus' },
    });
  it('counts a preset with an end down in the tooltip', () => {
    expect(trayTooltip(focus('2026-11-23T10:50:00Z'), true, opts)).toBe('Focus: Do not disturb — 50 min left (tray)');
    expect(trayTooltip(focus('2026-11-23T11:05:00Z'), true, { now: new Date('2026-11-23T09:59:30Z'), timeZone: 'UTC' })).toBe('Focus: Do not disturb — 1 h 6 min left (tray)');
  });
  it('notifies when the timer ends, with what holds now', () => {
    const after = makeState({ summary: 'Available — Teams decides' });
    expect(notificationFor(focus('2026-11-23T10:50:00Z'), after, { now: new Date('2026-11-23T10:50:00Z'), timeZone: 'UTC' })).toEqual({
      title: 'Presence Tray: Focus ended',
      body: 'Now: Available — Teams decides',
    });
    expect(notificationFor(focus('2026-11-23T10:50:00Z'), after, { now: new Date('2026-11-23T10:20:00Z'), timeZone: 'UTC' })).toBeNull();
  });
});
