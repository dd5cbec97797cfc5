import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../app/tray/notifications.ts';
import { makeState } from './state-fixture.ts';

const opts = { now: new Date('2026-11-23T10:00:00Z'), timeZone: 'UTC' };
const scheduled = (ruleId: string, presence: 'Available' | 'Offline', ruleName: string, until: string) => ({
  presence,
  outside: 'clear' as const,
  ruleId,
  ruleName,
  statusMessage: null,
  until,
});

describe('notificationFor', () => {
  it('tells about a scheduled change, once', () => {
    const before = makeState({ inCharge: 'schedule', scheduled: scheduled('work', 'Available', 'Work hours', '2026-11-23T18:00:00Z') });
    const after = makeState({ inCharge: 'schedule', scheduled: scheduled('after-hours', 'Offline', 'After hours', '2026-11-24T09:00:00Z') });
    expect(notificationFor(before, after, opts)).toEqual({ title: 'Presence Tray', body: 'Appear offline until Tue 09:00 — schedule: After hours' });
    expect(notificationFor(after, after, opts)).toBeNull();
  });

  it('tells about a new lasting problem, not a retryable blip, and not twice', () => {
    const ok = makeState();
    const forbidden = makeState({ lastError: { code: 'forbidden', message: 'The app lacks Presence.ReadWrite.' } });
    expect(notificationFor(ok, forbidden, opts)).toEqual({ title: 'Presence Tray: problem', body: 'The app lacks Presence.ReadWrite.' });
    expect(notificationFor(forbidden, forbidden, opts)).toBeNull();
    expect(notificationFor(ok, makeState({ lastError: { code: 'network-down', message: 'Offline.', retryable: true } }), opts)).toBeNull();
  });

  it('says nothing for a manual change', () => {
    const manual = makeState({ inCharge: 'manual', intent: { presence: 'Busy', source: 'tray', since: '', until: { kind: 'forever' }, endsAt: null } });
    expect(notificationFor(makeState(), manual, opts)).toBeNull();
  });
});
