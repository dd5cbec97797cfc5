/**
 * Everything that can change the controller's model, as plain data: commands (already checked and resolved
 * to instants), outside events, the runner's own bookkeeping, and the results of requests. `reduce` is the
 * only reader. A new source adds an event here and a case in reduce.ts; nothing else needs to change.
 */
import type { AppError } from '../errors.ts';
import type { GraphPresence } from '../graph/types.ts';
import type { PendingReason } from './failures.ts';
import type { ControllerOptions, Pause } from './model.ts';
import type { Op } from './plan.ts';
import type { KeptStatus, ManualChoice } from './saved-intent.ts';
import type { OutsideEvent, ScheduledPresence } from './types.ts';

/** How long Graph asked to wait, as the failed request said it (GraphError's `retryAt`/`retryAfterMs`). */
export interface RetryHint {
  retryAt?: number;
  retryAfterMs?: number;
}

/** One thing that happened. */
export type ControlEvent =
  // Lifecycle.
  | { type: 'started'; manual: ManualChoice | null; status: KeptStatus | null; pause: Pause | null; signedIn: boolean }
  | { type: 'disposed' }
  /** The app session was ended on quit (or given up: it expires by itself). */
  | { type: 'session-dropped' }
  | { type: 'configured'; options: Partial<Omit<ControllerOptions, 'clientId'>> }
  // Commands.
  | { type: 'chosen'; choice: ManualChoice }
  | { type: 'status-chosen'; status: KeptStatus }
  | { type: 'paused'; pause: Pause }
  | { type: 'resumed' }
  | { type: 'refresh-asked' }
  /** The user is looking: the tray menu or the settings window opened (read now unless the last read is fresh). */
  | { type: 'looked-at'; what: 'menu' | 'window' }
  /** Graph answered 429 to some request of this app (the Graph client saw it, even if a retry then went through). */
  | { type: 'throttle-seen' }
  | { type: 'refused'; error: AppError }
  // Outside.
  | { type: 'outside'; event: OutsideEvent }
  | { type: 'signed-in-changed'; signedIn: boolean }
  /**
   * Time passed: what the schedule says now (ended choices are dropped on the same step). `passStarted`: the
   * first tick of a runner pass, where a read-back that has come due is asked for.
   */
  | { type: 'ticked'; scheduled: ScheduledPresence | null; passStarted?: boolean }
  // The runner's bookkeeping.
  /** The periodic read timer fired. */
  | { type: 'read-due' }
  | { type: 'writes-stopped'; pending: PendingReason | null }
  | { type: 'wrote' }
  // Results of requests.
  | { type: 'write-started'; op: Op }
  | { type: 'write-succeeded'; op: Op; sentAt: number }
  | { type: 'write-failed'; op: Op; error: AppError; hint: RetryHint }
  | { type: 'read-started' }
  | { type: 'read-succeeded'; presence: GraphPresence }
  | { type: 'read-failed'; error: AppError; hint: RetryHint };
