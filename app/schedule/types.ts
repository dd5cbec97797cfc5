/**
 * The schedule model of docs/architecture.md#schedules: an ordered list of rules in one time zone. These types are stored in
 * settings as they are; validation lives in `validate.ts`.
 */
import type { PresenceKey } from '../presence/index.ts';

/** Days as stored in settings, lower-case three-letter English abbreviations. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A day of the week as stored in settings. */
export type Day = (typeof DAYS)[number];

/** One rule: covers `[start, end)` local wall-clock time on each listed day; `end < start` crosses midnight. */
export interface ScheduleRule {
  /** Unique within the schedule; stable across edits (the window keys rows on it). */
  id: string;
  /** Shown to the user ("Work hours"). */
  name: string;
  days: Day[];
  /** `HH:MM`, 00:00–23:59. */
  start: string;
  /** `HH:MM`, 00:00–24:00; `24:00` means the end of the day. */
  end: string;
  presence: PresenceKey;
  /** Optional status message, which expires at the rule's end. */
  statusMessage?: string;
}

/** What applies where no rule covers: remove the preference (`clear`, Teams decides) or leave it (`keep`). */
export type OutsidePolicy = 'clear' | 'keep';

/** A whole schedule as stored in settings. */
export interface Schedule {
  enabled: boolean;
  /** An IANA zone name, or `system` for the machine's zone (re-read when it changes). */
  timeZone: string;
  rules: ScheduleRule[];
  outside: OutsidePolicy;
}

/** An instant where the scheduled presence changes; `ruleId`/`presence` are null where `outside` applies. */
export interface Transition {
  at: Date;
  ruleId: string | null;
  presence: PresenceKey | null;
}

/** The rule in force at an instant and when that stretch ends (null: it never ends within the horizon). */
export interface ScheduleState {
  rule: ScheduleRule | null;
  presence: PresenceKey | null;
  /** Status message of the rule in force, if any. */
  statusMessage: string | null;
  since: Date | null;
  until: Date | null;
}

/**
 * The default schedule shipped with the app, disabled until the user turns it on. Work hours have no rule:
 * Teams decides then, so meetings and calls show (a preference would hide them, docs/graph.md). After hours
 * and weekends appear offline, each write sent with the expiry that ends it at 09:00, so Graph ends it by
 * itself and the morning needs no write. Only fresh installs and "reset to defaults" get it; a saved schedule
 * is never rewritten.
 */
export const DEFAULT_SCHEDULE: Schedule = {
  enabled: false,
  timeZone: 'system',
  rules: [
    { id: 'weekend', name: 'Weekend', days: ['sat', 'sun'], start: '00:00', end: '24:00', presence: 'Offline' },
    {
      id: 'lunch',
      name: 'Lunch',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '12:00',
      end: '13:00',
      presence: 'Away',
      statusMessage: 'At lunch',
    },
    {
      id: 'after-hours',
      name: 'After hours',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '18:00',
      end: '09:00',
      presence: 'Offline',
    },
  ],
  outside: 'clear',
};

/** One stretch of a previewed day, in local wall-clock time (`end` may be `24:00`). */
export interface PreviewSegment {
  start: string;
  end: string;
  ruleId: string | null;
  ruleName: string | null;
  presence: PresenceKey | null;
}

/** One local day of a week preview: the stretches that cover it, from 00:00 to 24:00 without gaps. */
export interface PreviewDay {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  day: Day;
  segments: PreviewSegment[];
}

/** The next 7 local days of a schedule, for the window's week grid. Plain JSON, safe for IPC. */
export interface WeekPreview {
  /** The resolved IANA zone the preview was computed in. */
  timeZone: string;
  days: PreviewDay[];
}
