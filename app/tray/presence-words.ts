/**
 * Words and times as the tray shows them: the real presence (including what Teams reports that is not one
 * of the six choices, such as "In a meeting"), and "until 15:00" / "until Mon 09:00" in the user's zone.
 */
import type { ActualPresence, Until } from '../control/types.ts';
import { PRESENCES } from '../presence/index.ts';

// Activities that tell more than the availability does; the rest fall back to the availability.
const ACTIVITY_WORDS: Readonly<Record<string, string>> = {
  InACall: 'In a call',
  InAConferenceCall: 'In a conference call',
  InAMeeting: 'In a meeting',
  Presenting: 'Presenting',
  OutOfOffice: 'Out of office',
  UrgentInterruptionsOnly: 'Urgent interruptions only',
};

const AVAILABILITY_WORDS: Readonly<Record<string, string>> = {
  AvailableIdle: 'Available (idle)',
  BusyIdle: 'Busy (idle)',
  Offline: 'Offline',
  PresenceUnknown: 'Unknown',
};

/** What Teams shows for a presence read from Graph, in words ("Busy", "In a meeting", "Appear offline"). */
export function actualLabel(actual: ActualPresence | null): string {
  if (!actual) return 'Unknown';
  const activity = ACTIVITY_WORDS[actual.activity];
  if (activity) return activity;
  if (actual.key) return PRESENCES[actual.key].label;
  return AVAILABILITY_WORDS[actual.availability] ?? actual.availability;
}

/** Options for formatting times: the zone to show them in (default: the system zone). */
export interface TimeOptions {
  now: Date;
  timeZone?: string;
}

function parts(date: Date, timeZone: string | undefined): { day: string; weekday: string; time: string } {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    ...(timeZone ? { timeZone } : {}),
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(fmt.formatToParts(date).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday ?? '', time: `${p.hour}:${p.minute}` };
}

/**
 * A short local time for an end instant: `15:00` today, `Mon 09:00` within a week, `2026-12-24 09:00` beyond.
 * Unparseable input comes back unchanged rather than throwing (this is display only).
 */
export function shortTime(instant: string | Date, options: TimeOptions): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const at = parts(date, options.timeZone);
  const now = parts(options.now, options.timeZone);
  if (at.day === now.day) return at.time;
  const days = (date.getTime() - options.now.getTime()) / 86_400_000;
  return days > 0 && days < 6.5 ? `${at.weekday} ${at.time}` : `${at.day} ${at.time}`;
}

/** "until 15:00", "until I change it", "until the next scheduled change", from an end instant or an Until. */
export function untilWords(endsAt: string | null, until: Until | null, options: TimeOptions): string {
  if (endsAt) return `until ${shortTime(endsAt, options)}`;
  if (until?.kind === 'next-rule') return 'until the next scheduled change';
  return 'until you change it';
}
