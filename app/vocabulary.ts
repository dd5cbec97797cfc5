/**
 * The shared vocabulary every layer speaks: the six presences a person chooses, how long a choice holds
 * (`Until`), who asked (`Source`) and the one error shape (`AppError`). Plain data and types only; this module
 * imports nothing, so any module (the renderer included) can import it without forming a cycle.
 */

/** The six presences a person can choose. `Offline` is sent as the pair Offline/OffWork ("Appear offline"). */
export const PRESENCE_KEYS = ['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline'] as const;

/** One of the six presences a person can choose. */
export type PresenceKey = (typeof PRESENCE_KEYS)[number];

/** How long a choice holds. A manual `set` without `until` means `next-rule` with a schedule, `forever` without. */
export type Until =
  | { kind: 'duration'; iso: string }
  | { kind: 'at'; instant: string }
  | { kind: 'end-of-day' }
  | { kind: 'next-rule' }
  | { kind: 'forever' };

/**
 * Who asked: the tray, a hotkey, the settings window, the command line, a `presence-tray://` link, or the
 * schedule (whose rule's status message the state shows as `schedule`).
 */
export const SOURCES = ['tray', 'hotkey', 'window', 'schedule', 'cli', 'link', 'machine'] as const;

/** Who asked. */
export type Source = (typeof SOURCES)[number];

/**
 * The one error shape the app shows people and sends across IPC: a stable `code` to branch on, a sentence a
 * person can act on, and optionally where the problem is (`field`) and whether trying again may help.
 */
export interface AppError {
  /** Stable, kebab-case identifier, e.g. `throttled`, `network-down`, `sign-in-required`, `invalid-schedule`. */
  code: string;
  /** One or two sentences in plain words: what went wrong and what to do. Never contains a token. */
  message: string;
  /** Where the problem is, as a path a person can follow, e.g. `schedule.rules[2].start`. */
  field?: string;
  /** True when the same action may succeed later without the user changing anything. */
  retryable?: boolean;
  /** Graph's request id (or MSAL's correlation id), for support. */
  requestId?: string;
}
