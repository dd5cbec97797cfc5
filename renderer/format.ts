/** Words and times as the window shows them: presence labels, who set something, until when. */
import type { ActualPresence, Source } from '../app/control/types.ts';
import type { Activity, Availability, PresenceKey } from '../app/presence/vocabulary.ts';
import { PRESENCES } from '../app/presence/vocabulary.ts';

const SOURCES: Record<Source, string> = {
  tray: 'the tray',
  hotkey: 'a hotkey',
  window: 'this window',
  schedule: 'the schedule',
  power: 'a power event',
  cli: 'the command line',
  link: 'a link',
};

/** "the tray", "a hotkey"… for "set from …". */
export function sourceLabel(source: Source): string {
  return SOURCES[source];
}

/** Label of one of the six choices, or "No preference" for null (Teams decides). */
export function presenceLabel(key: PresenceKey | null): string {
  return key ? PRESENCES[key].label : 'No preference';
}

const ACTIVITY_WORDS: Partial<Record<Activity, string>> = {
  InACall: 'In a call',
  InAConferenceCall: 'In a conference call',
  InAMeeting: 'In a meeting',
  Presenting: 'Presenting',
  OutOfOffice: 'Out of office',
  OffWork: 'Off work',
  Inactive: 'Inactive',
  UrgentInterruptionsOnly: 'Urgent interruptions only',
  PresenceUnknown: 'Unknown',
};

const AVAILABILITY_WORDS: Record<Availability, string> = {
  Available: 'Available',
  AvailableIdle: 'Available (idle)',
  Away: 'Away',
  BeRightBack: 'Be right back',
  Busy: 'Busy',
  BusyIdle: 'Busy (idle)',
  DoNotDisturb: 'Do not disturb',
  Offline: 'Offline',
  PresenceUnknown: 'Unknown',
};

/** What Teams shows for a read presence: the choice's label, or the activity (e.g. "In a meeting"). */
export function actualLabel(actual: ActualPresence): string {
  if (actual.key) return PRESENCES[actual.key].label;
  return ACTIVITY_WORDS[actual.activity] ?? AVAILABILITY_WORDS[actual.availability];
}

/** A CSS class naming the colour family of an availability (`tone-busy`…), for the status dot. */
export function toneOf(availability: Availability | PresenceKey | null): string {
  switch (availability) {
    case 'Available':
    case 'AvailableIdle':
      return 'tone-available';
    case 'Busy':
    case 'BusyIdle':
      return 'tone-busy';
    case 'DoNotDisturb':
      return 'tone-dnd';
    case 'Away':
    case 'BeRightBack':
      return 'tone-away';
    case 'Offline':
      return 'tone-offline';
    default:
      return 'tone-unknown';
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant relative to now: "15:00" today, "Mon 09:00" within a week, "24 Nov 09:00" beyond. */
export function formatWhen(instant: string | Date, now: Date = new Date()): string {
  const at = new Date(instant);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  if (Math.abs(at.getTime() - now.getTime()) < 6 * DAY_MS) return `${at.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** "until 15:00", "until I change it"… for an ISO end instant or null (forever). */
export function untilText(endsAt: string | Date | null): string {
  return endsAt ? `until ${formatWhen(endsAt)}` : 'until you change it';
}
