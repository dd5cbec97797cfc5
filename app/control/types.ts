/**
 * The controller's vocabulary (docs/architecture.md#the-controller): commands, their options and outcomes, outside events, the
 * ports it needs (token source, schedule source) and the one state object everything renders.
 */
import type { Activity, Availability } from '../presence/index.ts';
import type { OutsidePolicy } from '../schedule/types.ts';
import type { AppError, PresenceKey, Source, Until } from '../vocabulary.ts';

export type { Source, Until } from '../vocabulary.ts';

/** What became of a command: sent and confirmed, replaced by a newer one, kept for later, or refused. */
export interface Outcome {
  outcome: 'applied' | 'superseded' | 'queued' | 'failed';
  error?: AppError;
}

/** Things that happen to the machine, not commands; they reach the controller and scheduler via `notify`. */
export type OutsideEvent =
  | { type: 'online' }
  | { type: 'offline' }
  | { type: 'suspend' }
  | { type: 'resume' }
  | { type: 'lock' }
  | { type: 'unlock' }
  /** No input for the idle rule's minutes (the idle sampler, app/control/idle-watch.ts). */
  | { type: 'idle' }
  /** Input again after `idle`. */
  | { type: 'active' }
  | { type: 'clock-changed' }
  | { type: 'timezone-changed' };

/** The signed-in account as the UI may show it: never a token. */
export interface AccountView {
  name: string;
  username: string;
}

/** Sign-in state as every surface shows it. `expired`: the refresh was refused; the user must sign in again. */
export interface AuthView {
  status: 'signed-out' | 'signing-in' | 'signed-in' | 'expired';
  account: AccountView | null;
  /** While a device-code sign-in waits for the user: what to show them. */
  deviceCode: { userCode: string; verificationUri: string; expiresAt: string } | null;
  /** False on Linux without a keyring: tokens stay in memory unless the user opts in. */
  persistent: boolean;
  /** A standing note about the saved sign-in (kept in memory only, unreadable file), or absent/null. */
  notice?: AppError | null;
  /** Why the last sign-in attempt or token refresh failed; cleared by the next success. Absent/null when none. */
  error?: AppError | null;
}

/**
 * The source of access tokens for Graph. The sign-in issue implements it over MSAL; tests use the
 * emulator's `_emulator/tokens`. Throws an `AppFailure` with code `sign-in-required` when the user must act.
 */
export interface TokenSource {
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Current sign-in state for the UI. */
  view(): AuthView;
  /** Called whenever `view()` changes; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** What the schedule says for one stretch of time. */
export interface ScheduledPresence {
  /** Null where no rule covers and `outside` applies. */
  presence: PresenceKey | null;
  outside: OutsidePolicy;
  ruleId: string | null;
  ruleName: string | null;
  statusMessage: string | null;
  /** When this stretch ends (the next change, epoch ms), or null if the schedule never changes again. */
  until: number | null;
}

/** What the published state says of the schedule: {@link ScheduledPresence} with its end as ISO text, as on the wire. */
export type ScheduledView = Omit<ScheduledPresence, 'until'> & { until: string | null };

/** The schedule as the controller sees it. Implemented by the Scheduler (schedule issue). */
export interface ScheduleSource {
  /** What holds at `now` (epoch ms), or null when the schedule is disabled. */
  current(now: number): ScheduledPresence | null;
  /** The next instant (epoch ms) after `now` where the scheduled presence changes, or null (disabled or never). */
  nextChangeAfter(now: number): number | null;
  /** The schedule's resolved IANA zone (for `end-of-day` and labels); the system zone when absent. */
  timeZone?(): string;
  /** Called when the schedule itself changes (edited, enabled, zone change); returns an unsubscribe function. */
  onChange?(listener: () => void): () => void;
}

/** What the user asked for that must survive a restart: the manual choice, the status message and the pause. */
export interface SavedIntent {
  intent: Intent | null;
  statusMessage: { text: string; until: string | null; source: Source } | null;
  pause: { until: string | null } | null;
}

/** Where the controller keeps what must survive a restart (see docs/architecture.md): settings.saved. */
export interface IntentStore {
  load(): SavedIntent;
  save(saved: SavedIntent): void;
}

/** The few logger methods the controller uses (the app logger in app/log/ satisfies it). */
export interface ControlLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A manual or scheduled choice the controller is holding. */
export interface Intent {
  /** Null means "clear the preference" (Teams decides). */
  presence: PresenceKey | null;
  source: Source;
  /** ISO instant the choice was made. */
  since: string;
  until: Until;
  /** ISO instant it ends, or null for `forever`. */
  endsAt: string | null;
  /** The preset it came from (its name), if any. */
  preset?: string;
}

/** The presence Graph last reported. */
export interface ActualPresence {
  availability: Availability;
  activity: Activity;
  /** The choice this pair stands for, or null (e.g. InAMeeting, OutOfOffice). */
  key: PresenceKey | null;
  statusMessage: string | null;
  /** ISO instant of the read. */
  readAt: string;
}

/** Why the real presence differs from what the app is holding, in words the UI can show. */
export interface Difference {
  /** `settling`: a read soon after our own write still differs; Graph may not show the write yet. */
  reason: 'changed-in-teams' | 'no-session' | 'meeting' | 'out-of-office' | 'pending' | 'settling' | 'other';
  explanation: string;
}

/** The one state object, published on every change; the tray, the window and notifications render it. */
export interface PresenceState {
  /** What Graph last said, or null before the first successful read. */
  actual: ActualPresence | null;
  /** The manual choice in force, or null when the schedule (or nobody) is in charge. */
  intent: Intent | null;
  /** What the schedule says now, or null when it is disabled. */
  scheduled: ScheduledView | null;
  /** Who decides the presence right now. `teams`: the user changed it in Teams and the app stopped re-asserting. */
  inCharge: 'machine' | 'manual' | 'schedule' | 'teams' | 'nobody';
  /** The rule that follows the machine and holds now (screen locked, idle, asleep), or null. */
  machine: { rule: 'lock' | 'idle' | 'sleep'; presence: PresenceKey | null; statusMessage: string | null; leaseUntil: string } | null;
  /** What the app is holding now and until when, e.g. `Busy — set from the tray, until 15:00`. */
  summary: string;
  statusMessage: { text: string; until: string | null; source: Source } | null;
  /** Scheduled changes are paused until this ISO instant (null: until resumed). Absent when not paused. */
  pause: { until: string | null } | null;
  changedInTeams: boolean;
  difference: Difference | null;
  /** Work not yet confirmed by Graph (offline, throttled, signed out, in flight). */
  pending: { reason: 'in-flight' | 'offline' | 'throttled' | 'signed-out' | 'retrying'; since: string } | null;
  lastError: AppError | null;
  network: 'online' | 'offline';
  auth: AuthView;
  /** The app holds its own presence session (opt-in). */
  appSession: boolean;
  /** The IANA zone the summary and every "until 15:00" are written in (the option's, the schedule's, or the system's). */
  zone: string;
  demo: boolean;
}
