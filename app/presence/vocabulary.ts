/**
 * The presence vocabulary of Microsoft Graph as data: the six choices a person makes, every availability
 * and activity value Graph can report, and the pairs Graph accepts for each kind of write.
 * Facts from docs/graph.md#preferred-presence and #presence-resource.
 */
import { PRESENCE_KEYS } from '../vocabulary.ts';
import type { PresenceKey, Until } from '../vocabulary.ts';

export { PRESENCE_KEYS } from '../vocabulary.ts';
export type { PresenceKey } from '../vocabulary.ts';

/** Every availability value Graph may return when presence is read. */
export const AVAILABILITIES = [
  'Available',
  'AvailableIdle',
  'Away',
  'BeRightBack',
  'Busy',
  'BusyIdle',
  'DoNotDisturb',
  'Offline',
  'PresenceUnknown',
] as const;

/** An availability value as Graph spells it. */
export type Availability = (typeof AVAILABILITIES)[number];

/** Every activity value Graph may return when presence is read. */
export const ACTIVITIES = [
  'Available',
  'Away',
  'BeRightBack',
  'Busy',
  'DoNotDisturb',
  'InACall',
  'InAConferenceCall',
  'Inactive',
  'InAMeeting',
  'Offline',
  'OffWork',
  'OutOfOffice',
  'PresenceUnknown',
  'Presenting',
  'UrgentInterruptionsOnly',
] as const;

/** An activity value as Graph spells it. */
export type Activity = (typeof ACTIVITIES)[number];

/** An availability/activity pair as sent to or read from Graph. */
export interface PresencePair {
  availability: Availability;
  activity: Activity;
}

/** How each choice is shown and sent: its label, its tray colour and the pair sent to setUserPreferredPresence. */
export interface PresenceInfo {
  key: PresenceKey;
  label: string;
  /** Colour of the tray dot and the window's badge (Teams' own palette, close enough to be recognised). */
  color: string;
  pair: PresencePair;
}

/** Label, colour and Graph pair of each of the six choices, in menu order. */
export const PRESENCES: Readonly<Record<PresenceKey, PresenceInfo>> = {
  Available: { key: 'Available', label: 'Available', color: '#6bb700', pair: { availability: 'Available', activity: 'Available' } },
  Busy: { key: 'Busy', label: 'Busy', color: '#c50f1f', pair: { availability: 'Busy', activity: 'Busy' } },
  DoNotDisturb: {
    key: 'DoNotDisturb',
    label: 'Do not disturb',
    color: '#a4262c',
    pair: { availability: 'DoNotDisturb', activity: 'DoNotDisturb' },
  },
  BeRightBack: {
    key: 'BeRightBack',
    label: 'Be right back',
    color: '#ffaa44',
    pair: { availability: 'BeRightBack', activity: 'BeRightBack' },
  },
  Away: { key: 'Away', label: 'Away', color: '#ffaa44', pair: { availability: 'Away', activity: 'Away' } },
  Offline: { key: 'Offline', label: 'Appear offline', color: '#8a8886', pair: { availability: 'Offline', activity: 'OffWork' } },
};

/** The pairs setUserPreferredPresence accepts; any other pair is a 400. */
export const PREFERRED_PAIRS: readonly PresencePair[] = PRESENCE_KEYS.map((key) => PRESENCES[key].pair);

/** The pairs setPresence (an application's own session) accepts. */
export const SESSION_PAIRS: readonly PresencePair[] = [
  { availability: 'Available', activity: 'Available' },
  { availability: 'Busy', activity: 'InACall' },
  { availability: 'Busy', activity: 'InAConferenceCall' },
  { availability: 'Away', activity: 'Away' },
  { availability: 'DoNotDisturb', activity: 'Presenting' },
];

const lower = (s: string): string => s.toLowerCase();

/** Graph's examples use PascalCase but values must be compared case-insensitively. */
export function samePair(a: { availability: string; activity: string }, b: { availability: string; activity: string }): boolean {
  return lower(a.availability) === lower(b.availability) && lower(a.activity) === lower(b.activity);
}

/** True when the pair is one setUserPreferredPresence accepts (case-insensitive). */
export function isPreferredPair(pair: { availability: string; activity: string }): boolean {
  return PREFERRED_PAIRS.some((p) => samePair(p, pair));
}

/** True when the pair is one setPresence accepts for an application session (case-insensitive). */
export function isSessionPair(pair: { availability: string; activity: string }): boolean {
  return SESSION_PAIRS.some((p) => samePair(p, pair));
}

/** True when `value` is one of the six choices (exact spelling, as stored in settings). */
export function isPresenceKey(value: unknown): value is PresenceKey {
  return typeof value === 'string' && (PRESENCE_KEYS as readonly string[]).includes(value);
}

/** The choice a preferred pair stands for, or null when the pair is not one of the six (case-insensitive). */
export function presenceKeyOf(pair: { availability: string; activity: string }): PresenceKey | null {
  return PRESENCE_KEYS.find((key) => samePair(PRESENCES[key].pair, pair)) ?? null;
}

/** Canonical spelling of an availability read from Graph, or 'PresenceUnknown' for a value we do not know. */
export function normalizeAvailability(value: string): Availability {
  return AVAILABILITIES.find((a) => lower(a) === lower(value)) ?? 'PresenceUnknown';
}

/** Canonical spelling of an activity read from Graph, or 'PresenceUnknown' for a value we do not know. */
export function normalizeActivity(value: string): Activity {
  return ACTIVITIES.find((a) => lower(a) === lower(value)) ?? 'PresenceUnknown';
}

/** Graph's default lifetime of a preference sent without expirationDuration: 1 day for Busy/DND, 7 for the rest. */
export function defaultPreferenceLifetimeMs(availability: string): number {
  const day = 24 * 60 * 60 * 1000;
  return ['busy', 'donotdisturb'].includes(lower(availability)) ? day : 7 * day;
}

/** One "For…" choice: how long a presence (or a status message) holds, as the tray and the window offer it. */
export interface UntilChoice {
  /** Stable id: the tray item is `for-<id>`, the window's option value is the id. */
  id: string;
  label: string;
  until: Until;
}

/** The "For…" durations, in menu order; the tray's submenu and the window's selects both show this list. */
export const UNTIL_CHOICES: readonly UntilChoice[] = [
  { id: '30m', label: '30 minutes', until: { kind: 'duration', iso: 'PT30M' } },
  { id: '1h', label: '1 hour', until: { kind: 'duration', iso: 'PT1H' } },
  { id: '2h', label: '2 hours', until: { kind: 'duration', iso: 'PT2H' } },
  { id: '4h', label: '4 hours', until: { kind: 'duration', iso: 'PT4H' } },
  { id: 'eod', label: 'Until end of day', until: { kind: 'end-of-day' } },
  { id: 'next', label: 'Until the next scheduled change', until: { kind: 'next-rule' } },
  { id: 'forever', label: 'Until I change it', until: { kind: 'forever' } },
];
