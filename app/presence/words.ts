/**
 * How presence and times are worded, the same in the tray, its tooltip, notifications, the state's summary
 * and the settings window: the real presence ("Busy", "In a meeting"), who set something ("the tray"), and
 * end times ("until 15:00", "until Mon 09:00", "until 30 Nov 09:00") written in one zone, the one the state
 * carries (`PresenceState.zone`). Pure functions over plain data: the renderer imports it too.
 */
import { DAY_MS, toWall, wallDayStart } from '../time/zoned-time.ts';
import type { PresenceKey, Source, Until } from '../vocabulary.ts';
import { PRESENCES } from './vocabulary.ts';

/** The part of a read presence the words need (ActualPresence satisfies it). */
export interface ReadPresence {
  availability: string;
  activity: string;
  /** The choice this pair stands for, or null (a meeting, out of office…). */
  key: PresenceKey | null;
}

// Activities that tell more than the availability does when the pair is not one of the six choices.
const ACTIVITY_WORDS: Readonly<Record<string, string>> = {
  InACall: 'In a call',
  InAConferenceCall: 'In a conference call',
  InAMeeting: 'In a meeting',
  Presenting: 'Presenting',
  OutOfOffice: 'Out of office',
  OffWork: 'Off work',
  Inactive: 'Inactive',
  UrgentInterruptionsOnly: 'Urgent interruptions only',
};

const AVAILABILITY_WORDS: Readonly<Record<string, string>> = {
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

/**
 * What Teams shows, in words: the choice's label when the pair is one of the six ("Appear offline"), else
 * the activity when it says more ("In a meeting"), else the availability ("Busy (idle)"). `Unknown` before
 * the first read.
 */
export function actualLabel(actual: ReadPresence | null): string {
  if (!actual) return 'Unknown';
  if (actual.key) return PRESENCES[actual.key].label;
  return ACTIVITY_WORDS[actual.activity] ?? AVAILABILITY_WORDS[actual.availability] ?? actual.availability;
}

const SOURCE_WORDS: Readonly<Record<Source, string>> = {
  tray: 'the tray',
  hotkey: 'a hotkey',
  window: 'the settings window',
  schedule: 'the schedule',
  cli: 'the command line',
  link: 'a link',
  machine: 'a rule that follows the computer',
};

/** Who set something, for "set from …": "the tray", "a hotkey", "the settings window"… */
export function sourceWords(source: Source): string {
  return SOURCE_WORDS[source] ?? String(source);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/**
 * A short label for an instant (epoch ms) in `zone`: `15:00` on the same local day as `nowMs`, `Mon 09:00`
 * within the coming week, `30 Nov 09:00` beyond. 24-hour clock, whatever the machine's locale.
 */
export function shortWhen(instantMs: number, nowMs: number, zone: string): string {
  const at = new Date(toWall(instantMs, zone));
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  if (wallDayStart(at.getTime()) === wallDayStart(toWall(nowMs, zone))) return time;
  if (instantMs - nowMs < 6.5 * DAY_MS) return `${WEEKDAYS[at.getUTCDay()]} ${time}`;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${time}`;
}

/**
 * "until 15:00" for an end instant (epoch ms); without one, "until the next scheduled change" for a
 * `next-rule` choice and "until you change it" otherwise.
 */
export function untilWords(endsAtMs: number | null, until: Until | null, nowMs: number, zone: string): string {
  if (endsAtMs !== null && Number.isFinite(endsAtMs)) return `until ${shortWhen(endsAtMs, nowMs, zone)}`;
  if (until?.kind === 'next-rule') return 'until the next scheduled change';
  return 'until you change it';
}

/** Epoch ms of an ISO instant or a Date from the wire, or null when absent or unreadable. */
export function instantMs(value: string | Date | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A preference held longer than this hides meetings and calls long enough to be worth a warning. */
export const HIDES_MEETINGS_AFTER_MS = 60 * 60_000;
/** The warning shown where a choice or rule hides meetings and calls (docs/graph.md, Visible presence). */
export const HIDES_MEETINGS_WORDS = 'Teams will not show meetings and calls meanwhile';
const SHOWN_OVER_MEETINGS: ReadonlySet<PresenceKey> = new Set(['Available', 'Busy', 'Away', 'BeRightBack']);

/**
 * True when holding `presence` for `lengthMs` (null: until changed) hides meetings and calls: Graph puts a
 * preferred presence above every session state, and "In a meeting" is one. Do not disturb and Appear offline
 * are meant to hide them, so only Available, Busy, Away and Be right back held for over an hour count.
 */
export function hidesMeetings(presence: PresenceKey | null, lengthMs: number | null): boolean {
  return presence !== null && SHOWN_OVER_MEETINGS.has(presence) && (lengthMs === null || lengthMs > HIDES_MEETINGS_AFTER_MS);
}

/** Words for the machine rule in charge ("screen locked"), for the summary, the tray and the window. */
export const MACHINE_RULE_WORDS: Readonly<Record<'lock' | 'idle' | 'sleep', string>> = {
  lock: 'screen locked',
  idle: 'away from the computer',
  sleep: 'computer asleep',
};

/** Time left until `endMs` at `nowMs`, rounded up to the minute: "42 min", "1 h 5 min", "under a minute". */
export function timeLeft(endMs: number, nowMs: number): string {
  const minutes = Math.ceil((endMs - nowMs) / 60_000);
  if (minutes <= 0) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}
