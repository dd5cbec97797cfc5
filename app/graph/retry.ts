/**
 * The retry policy of the Graph client as small pure functions (GRAPH-PRESENCE.md §2):
 * - 429 and 503 honour `Retry-After` (seconds or an HTTP date) and never retry sooner; from the second retry
 *   of an operation on, they wait at least the backoff ceiling too, so a storm of `Retry-After: 1` slows down;
 * - 500/502/503/504, timeouts and dropped connections retry with capped exponential backoff and full jitter;
 * - 401 once: force a token refresh and retry once; a second 401 is final;
 * - 400/403/404 (and any other status) are never retried;
 * - every retry stays within `maxAttempts` and `maxTotalWaitMs`.
 * The client does the waiting with its injected Clock; nothing here reads the time or sleeps.
 */
import type { GraphError } from './graph-errors.ts';

/** Tunables of the retry policy. */
export interface RetryPolicy {
  /** HTTP attempts per operation, the first included. */
  maxAttempts: number;
  /** Upper bound on the sum of all waits of one operation; a wait that would exceed it is not taken. */
  maxTotalWaitMs: number;
  /** First backoff ceiling; doubles per retry. */
  baseDelayMs: number;
  /** Cap of the backoff ceiling. */
  maxDelayMs: number;
  /** Per-request timeout (headers and body). */
  timeoutMs: number;
}

/** The defaults: 5 attempts, at most 60 s of waiting, backoff 500 ms doubling up to 8 s, 10 s per request. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  maxTotalWaitMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  timeoutMs: 10_000,
};

/** Where an operation stands when deciding about the next attempt. */
export interface RetryState {
  /** Attempts made so far (1 after the first request). */
  attempt: number;
  /** Sum of the waits already taken. */
  waitedMs: number;
  /** True once a forced token refresh has been spent. */
  refreshed: boolean;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { retry: false; reason: 'not-retryable' | 'max-attempts' | 'max-wait' | 'refresh-spent' }
  | { retry: true; delayMs: number; refreshToken: boolean };

const BACKOFF_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/**
 * Parse a `Retry-After` header into milliseconds from `nowMs`: delta-seconds (`"120"`) or an HTTP date
 * (`"Mon, 23 Nov 2026 10:05:00 GMT"`). Null when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (header == null) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  if (!/[a-z]/i.test(value)) return null; // an HTTP date names the day and month; "-5" is not one
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Capped exponential backoff with full jitter: a uniform wait in `[0, min(maxDelayMs, baseDelayMs·2^(retry-1)))`.
 * @param retry 1 for the first retry.
 * @param random a uniform number in [0, 1), injectable for tests.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The least wait before retry number `retry` when Graph gave a Retry-After: none for the first (Graph's word
 * holds exactly), then the backoff ceiling `min(maxDelayMs, baseDelayMs·2^(retry-1))` (1 s, 2 s, 4 s, 8 s with
 * the defaults), so repeated short Retry-Afters do not make the operation hammer Graph.
 */
export function repeatFloor(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  if (retry <= 1) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/** True for a failure the backoff rules cover: 500/502/503/504, timeout, dropped connection, an answer not Graph's. */
export function isTransient(error: Pick<GraphError, 'code' | 'status'>): boolean {
  return error.code === 'timeout' || error.code === 'network-down' || error.code === 'not-graph' || BACKOFF_STATUSES.has(error.status);
}

/**
 * Decide whether and when to try again after `error`.
 * The error's `retryAfterMs` (from `Retry-After`) wins over backoff for 429 and 503; it is never shortened,
 * so when it does not fit in what is left of `maxTotalWaitMs` the operation gives up (the error says when).
 */
export function decideRetry(
  error: Pick<GraphError, 'code' | 'status' | 'retryAfterMs'>,
  state: RetryState,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (error.status === 401) {
    if (state.refreshed) return { retry: false, reason: 'refresh-spent' };
    if (state.attempt >= policy.maxAttempts) return { retry: false, reason: 'max-attempts' };
    return { retry: true, delayMs: 0, refreshToken: true };
  }
  const honoursRetryAfter = error.status === 429 || error.status === 503;
  if (!(error.status === 429 || isTransient(error))) return { retry: false, reason: 'not-retryable' };
  if (state.attempt >= policy.maxAttempts) return { retry: false, reason: 'max-attempts' };
  const retryNumber = state.attempt; // attempt 1 failed → first retry
  const delayMs =
    honoursRetryAfter && error.retryAfterMs !== undefined
      ? Math.max(error.retryAfterMs, repeatFloor(retryNumber, policy))
      : backoffDelay(retryNumber, policy, random);
  if (state.waitedMs + delayMs > policy.maxTotalWaitMs) return { retry: false, reason: 'max-wait' };
  return { retry: true, delayMs, refreshToken: false };
}

/** Merge partial settings over {@link DEFAULT_RETRY_POLICY}, rejecting nonsense values early. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry.${key} must be a non-negative number, got ${value}`);
  }
  if (policy.maxAttempts < 1) throw new RangeError('retry.maxAttempts must be at least 1');
  return policy;
}
