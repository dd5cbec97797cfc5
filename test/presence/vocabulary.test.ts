import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES,
  AVAILABILITIES,
  PREFERRED_PAIRS,
  PRESENCE_KEYS,
  PRESENCES,
  SESSION_PAIRS,
  defaultPreferenceLifetimeMs,
  isPreferredPair,
  isPresenceKey,
  isSessionPair,
  normalizeActivity,
  normalizeAvailability,
  presenceKeyOf,
  samePair,
} from '../../app/presence/vocabulary.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('the six choices', () => {
  it('are the six of docs/graph.md#preferred-presence with the pairs Graph accepts', () => {
    expect([...PRESENCE_KEYS]).toEqual(['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline']);
    expect(PRESENCES.Offline.pair).toEqual({ availability: 'Offline', activity: 'OffWork' });
    expect(PRESENCES.DoNotDisturb.pair).toEqual({ availability: 'DoNotDisturb', activity: 'DoNotDisturb' });
  });

  it.each(PRESENCE_KEYS)('%s has a key, a label and a colour', (key) => {
    const info = PRESENCES[key];
    expect(info.key).toBe(key);
    expect(info.label.trim().length).toBeGreaterThan(0);
    expect(info.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(AVAILABILITIES).toContain(info.pair.availability);
    expect(ACTIVITIES).toContain(info.pair.activity);
  });

  it('labels are the words Teams shows', () => {
    expect(PRESENCES.DoNotDisturb.label).toBe('Do not disturb');
    expect(PRESENCES.BeRightBack.label).toBe('Be right back');
    expect(PRESENCES.Offline.label).toBe('Appear offline');
  });

  it('isPresenceKey accepts exactly the six spellings', () => {
    for (const key of PRESENCE_KEYS) expect(isPresenceKey(key)).toBe(true);
    for (const bad of ['available', 'OffWork', '', null, 3, undefined]) expect(isPresenceKey(bad)).toBe(false);
  });
});

describe('allowed pairs', () => {
  const preferred: Array<[string, string]> = [
    ['Available', 'Available'],
    ['Busy', 'Busy'],
    ['DoNotDisturb', 'DoNotDisturb'],
    ['BeRightBack', 'BeRightBack'],
    ['Away', 'Away'],
    ['Offline', 'OffWork'],
  ];
  const session: Array<[string, string]> = [
    ['Available', 'Available'],
    ['Busy', 'InACall'],
    ['Busy', 'InAConferenceCall'],
    ['Away', 'Away'],
    ['DoNotDisturb', 'Presenting'],
  ];

  it('lists exactly the documented pairs', () => {
    expect(PREFERRED_PAIRS.map((p) => [p.availability, p.activity])).toEqual(preferred);
    expect(SESSION_PAIRS.map((p) => [p.availability, p.activity])).toEqual(session);
  });

  it.each(preferred)('preferred %s/%s is accepted in any letter case', (availability, activity) => {
    expect(isPreferredPair({ availability, activity })).toBe(true);
    expect(isPreferredPair({ availability: availability.toLowerCase(), activity: activity.toUpperCase() })).toBe(true);
  });

  it.each(session)('session %s/%s is accepted in any letter case', (availability, activity) => {
    expect(isSessionPair({ availability, activity })).toBe(true);
    expect(isSessionPair({ availability: availability.toUpperCase(), activity: activity.toLowerCase() })).toBe(true);
  });

  it.each([
    ['Available', 'Busy'],
    ['Busy', 'InACall'],
    ['Offline', 'Offline'],
    ['DoNotDisturb', 'Presenting'],
    ['Away', 'BeRightBack'],
    ['AvailableIdle', 'Available'],
    ['', ''],
  ])('preferred %s/%s is refused', (availability, activity) => {
    expect(isPreferredPair({ availability, activity })).toBe(false);
  });

  it.each([
    ['Busy', 'Busy'],
    ['DoNotDisturb', 'DoNotDisturb'],
    ['BeRightBack', 'BeRightBack'],
    ['Offline', 'OffWork'],
    ['Available', 'InACall'],
  ])('session %s/%s is refused', (availability, activity) => {
    expect(isSessionPair({ availability, activity })).toBe(false);
  });

  it('samePair compares case-insensitively and both halves', () => {
    expect(samePair({ availability: 'busy', activity: 'BUSY' }, { availability: 'Busy', activity: 'Busy' })).toBe(true);
    expect(samePair({ availability: 'Busy', activity: 'InACall' }, { availability: 'Busy', activity: 'Busy' })).toBe(false);
  });

  it('presenceKeyOf maps a read pair back to its choice, whatever the case', () => {
    expect(presenceKeyOf({ availability: 'offline', activity: 'offwork' })).toBe('Offline');
    expect(presenceKeyOf({ availability: 'DONOTDISTURB', activity: 'donotdisturb' })).toBe('DoNotDisturb');
    expect(presenceKeyOf({ availability: 'Busy', activity: 'InAMeeting' })).toBeNull();
  });
});

describe('values read from Graph', () => {
  it('normalises the spelling and maps unknown values to PresenceUnknown', () => {
    expect(normalizeAvailability('availableidle')).toBe('AvailableIdle');
    expect(normalizeAvailability('Somewhere')).toBe('PresenceUnknown');
    expect(normalizeActivity('inaconferencecall')).toBe('InAConferenceCall');
    expect(normalizeActivity('URGENTINTERRUPTIONSONLY')).toBe('UrgentInterruptionsOnly');
    expect(normalizeActivity('Dancing')).toBe('PresenceUnknown');
  });

  it('lists every documented availability and activity', () => {
    expect(AVAILABILITIES).toHaveLength(9);
    expect(ACTIVITIES).toHaveLength(15);
  });

  it('knows Graph default lifetimes: 1 day for Busy and DND, 7 days for the rest', () => {
    expect(defaultPreferenceLifetimeMs('Busy')).toBe(DAY);
    expect(defaultPreferenceLifetimeMs('donotdisturb')).toBe(DAY);
    for (const other of ['Available', 'BeRightBack', 'Away', 'Offline']) expect(defaultPreferenceLifetimeMs(other)).toBe(7 * DAY);
  });
});
