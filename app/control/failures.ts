/**
 * What the controller does when a request fails (issue 3 "Faults"): the sign-in was refused (keep the intent,
 * ask the user to sign in again), a transient failure (keep the intent, retry after Graph's Retry-After or a
 * capped backoff), or Graph refused the request itself (report it; repeating it cannot help). Plus the
 * AppErrors the controller reports for work it keeps. Pure: no clock, no I/O.
 */
import type { AppError } from '../errors.ts';
import type { PresenceState } from './types.ts';

/** Retry after a failed write: first wait, doubling up to the cap (unless Graph said when). */
export const RETRY_FIRST_MS = 30_000;
/** The cap of the controller's own retry backoff. */
export const RETRY_MAX_MS = 10 * 60_000;
/**
 * The cap of the controller's own wait while Graph keeps throttling (429s, or Retry-After on 503): a storm of
 * short Retry-Afters lengthens the waits up to this, and the intent lands at most this long after it ends.
 */
export const THROTTLE_MAX_MS = 5 * 60_000;
/** Why work is waiting, as the state shows it. */
export type PendingReason = NonNullable<PresenceState['pending']>['reason'];

/** The verdict on one failed request. */
export type FailureVerdict =
  | { kind: 'sign-in' }
  | { kind: 'retry'; waitMs: number; throttle: boolean; pending: PendingReason }
  | { kind: 'refused' };

/**
 * Classify a failure. `retries` is how many retries of this work already failed (the backoff doubles with it).
 * `thrown` is the original error, whose `retryAt`/`retryAfterMs` (GraphError) say how long Graph asked to wait.
 */
export function classifyFailure(error: AppError, thrown: unknown, now: number, retries: number): FailureVerdict {
  if (error.code === 'unauthorized' || error.code === 'sign-in-required') return { kind: 'sign-in' };
  if (!isRetryable(error)) return { kind: 'refused' };
  const graphWait = retryWait(thrown, now);
  const waitMs = graphWait === null ? Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** retries) : throttleWait(graphWait, retries);
  // An answer that was not Graph's (a captive portal) means the network is not through yet: offline.
  const offline = error.code === 'network-down' || error.code === 'not-graph';
  const pending: PendingReason = offline ? 'offline' : error.code === 'throttled' ? 'throttled' : 'retrying';
  return { kind: 'retry', waitMs, throttle: error.code === 'throttled' || graphWait !== null, pending };
}

/**
 * The controller's wait after Graph asked for `graphWaitMs` (Retry-After) on this work's `retries`+1-th failure
 * in a row: never shorter than Graph asked, and at least a backoff that doubles with each failure in a row
 * (30 s, 1 min, 2 min, ... up to {@link THROTTLE_MAX_MS}). The Graph client has already retried within its own
 * budget before the controller sees the failure, so even the first wait may exceed a short Retry-After; a
 * Retry-After longer than the cap is still honoured in full.
 */
export function throttleWait(graphWaitMs: number, retries: number): number {
  const backoff = Math.min(THROTTLE_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, retries));
  return Math.max(graphWaitMs, backoff);
}

/** Kept for the network to come back. */
export const OFFLINE_ERROR: AppError = {
  code: 'network-down',
  message: 'You are offline. Presence Tray keeps your choice and applies it when the connection is back.',
  retryable: true,
};
/** Kept until the user signs in again. */
export const SIGNED_OUT_ERROR: AppError = {
  code: 'sign-in-required',
  message: 'Sign in again to keep changing your presence. Your choice is kept and applied once you are back.',
  retryable: false,
};
/** Kept for the next start. */
export const QUIT_ERROR: AppError = {
  code: 'shutting-down',
  message: 'Presence Tray is quitting; your choice is kept and applied at the next start.',
  retryable: true,
};

/** True for failures that may pass by themselves (throttled, unavailable, timeout, network down, not Graph's answer). */
export function isRetryable(error: AppError): boolean {
  return error.retryable === true || ['throttled', 'unavailable', 'timeout', 'network-down', 'not-graph'].includes(error.code);
}

/** How long Graph asked us to wait (GraphError's `retryAt` or `retryAfterMs`), or null. */
export function retryWait(thrown: unknown, now: number): number | null {
  if (!thrown || typeof thrown !== 'object') return null;
  const e = thrown as { retryAt?: unknown; retryAfterMs?: unknown };
  if (typeof e.retryAt === 'number') return Math.max(0, e.retryAt - now);
  if (typeof e.retryAfterMs === 'number') return e.retryAfterMs;
  return null;
}
