/**
 * The GraphClient: the presence operations of docs/graph.md#operations over an injected fetch and token source,
 * with the retry rules of retry.ts, a per-request timeout and typed errors (graph-errors.ts).
 * Every request carries `Authorization: Bearer …` and a fresh `client-request-id`; tokens never reach errors
 * or logs. Waits use the injected Clock, so tests drive them with the manual clock.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { formatDuration } from '../presence/index.ts';
import type { PresencePair } from '../presence/index.ts';
import { systemTimeZone } from '../time/zoned-time.ts';
import { presenceCloud, presenceScope } from './clouds.ts';
import type { Cloud, CloudId } from './clouds.ts';
import { toDateTimeTimeZone } from './date-time-zone.ts';
import { errorFromResponse, errorFromThrown, GraphError } from './graph-errors.ts';
import { decideRetry, parseRetryAfter, retryPolicy } from './retry.ts';
import type { RetryPolicy, RetryState } from './retry.ts';
import { timeoutWatch } from './timeout-watch.ts';
import { DEFAULT_TOKEN_MARGIN_MS, tokenReuse } from './token-reuse.ts';
import type { AccessTokenProvider } from './token-reuse.ts';
import { parsePresence } from './parse-presence.ts';
import { notGraphError, notGraphReason } from './recognize.ts';
import type { GraphLogger, PresenceGraph } from './types.ts';

export type { GraphLogger } from './types.ts';

/** Reported before each wait between attempts, so the UI can say "throttled until 10:05". */
export interface RetryEvent {
  /** The operation, e.g. `setPreferredPresence`. */
  operation: string;
  /** The attempt that just failed (1 for the first request). */
  attempt: number;
  /** How long the client waits before the next attempt (0 for the retry after a token refresh). */
  delayMs: number;
  /** Epoch ms (by the client's clock) of the next attempt. */
  retryAt: number;
  /** Why: the failed attempt's error. */
  error: GraphError;
}

/** Options of {@link createGraphClient}. */
export interface GraphClientOptions {
  /** The national cloud (default `Global`). China is refused with `cloud-unsupported`. */
  cloud?: CloudId | Cloud;
  /** Graph root overriding the cloud's, without `/v1.0` (the emulator: `http://127.0.0.1:1234`). */
  baseUrl?: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** The access-token source; `forceRefresh` is asked once after a 401. */
  tokens: AccessTokenProvider;
  /** Time for waits, timeouts and token validity. */
  clock: Clock;
  log?: GraphLogger;
  /** Per-request timeout in ms (default 10 000); same as `retry.timeoutMs`, which it overrides. */
  timeoutMs?: number;
  /** Retry tunables over DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  /** Uniform random in [0, 1) for backoff jitter (tests pin it). Default Math.random. */
  random?: () => number;
  /** Called before each wait between attempts. More listeners: {@link GraphClient.onRetry}. */
  onRetry?: (event: RetryEvent) => void;
  /** Reuse a JWT access token until this long before its `exp` (default 5 minutes). */
  tokenMarginMs?: number;
}

/** A {@link PresenceGraph} plus what the wiring needs to know about it. */
export interface GraphClient extends PresenceGraph {
  /** The Graph root in use, without `/v1.0`. */
  readonly baseUrl: string;
  /** The cloud whose scope and endpoints apply. */
  readonly cloud: Cloud;
  /** The fully qualified delegated scope to request for this cloud (`https://graph.microsoft.us/Presence.ReadWrite`). */
  readonly scope: string;
  /** Subscribe to retry waits; returns an unsubscribe function. */
  onRetry(listener: (event: RetryEvent) => void): () => void;
  /**
   * Quit: cancel every retry wait now and take none from here on. An operation waiting to retry fails at once
   * with its last error, so nothing that quits waits for a Retry-After.
   */
  cancelWaits(): void;
}

type Op =
  | 'getPresence'
  | 'setPreferredPresence'
  | 'clearPreferredPresence'
  | 'setSessionPresence'
  | 'clearSessionPresence'
  | 'setStatusMessage';

/**
 * Create the Graph client.
 * @throws AppFailure `cloud-unsupported` for China, `invalid-cloud` for an unknown cloud id.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const cloud = typeof options.cloud === 'object' ? presenceCloud(options.cloud.id) : presenceCloud(options.cloud ?? 'Global');
  const baseUrl = (options.baseUrl ?? cloud.graphRoot).replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock;
  const log = options.log;
  const policy = retryPolicy({ ...options.retry, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  const random = options.random ?? Math.random;
  const tokens = tokenReuse(options.tokens, clock, options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS);
  const timeouts = timeoutWatch(clock, policy.timeoutMs);
  const listeners = new Set<(event: RetryEvent) => void>();
  if (options.onRetry) listeners.add(options.onRetry);
  // Retry waits in progress (each ends its wait early with `false`), and whether waiting is over for good.
  const waits = new Set<() => void>();
  let waitsCancelled = false;

  /** Wait `ms` on the clock; false when the wait was cancelled (quit). */
  function wait(ms: number): Promise<boolean> {
    if (waitsCancelled) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const stop = (): void => {
        cancel();
        waits.delete(stop);
        resolve(false);
      };
      const cancel = clock.setTimer(() => {
        waits.delete(stop);
        resolve(true);
      }, ms);
      waits.add(stop);
    });
  }

  const root = `${baseUrl}/v1.0/me/presence`;
  const url: Record<Op, string> = {
    getPresence: root,
    setPreferredPresence: `${root}/setUserPreferredPresence`,
    clearPreferredPresence: `${root}/clearUserPreferredPresence`,
    setSessionPresence: `${root}/setPresence`,
    clearSessionPresence: `${root}/clearPresence`,
    setStatusMessage: `${root}/setStatusMessage`,
  };

  /** One HTTP attempt: the body text of Graph's 2xx, else throws the GraphError (never retried here). */
  async function attempt(op: Op, body: string | undefined, forceRefresh: boolean): Promise<string> {
    const got = tokens.get(forceRefresh);
    const token = typeof got === 'string' ? got : await got;
    const clientRequestId = randomUUID();
    const watched = timeouts.watch();
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const res = await doFetch(url[op], {
        method: body === undefined ? 'GET' : 'POST',
        headers:
          body === undefined
            ? { authorization: `Bearer ${token}`, 'client-request-id': clientRequestId, accept: 'application/json' }
            : {
                authorization: `Bearer ${token}`,
                'client-request-id': clientRequestId,
                accept: 'application/json',
                'content-type': 'application/json',
              },
        body,
        // Graph never redirects a presence call; a portal does. Do not follow (the token stays with Graph).
        redirect: 'manual',
        signal: watched.signal,
      });
      status = res.status;
      headers = res.headers;
      text = await res.text();
    } catch (thrown) {
      throw errorFromThrown(thrown, watched.timedOut, clientRequestId);
    } finally {
      watched.done();
    }
    const notGraph = notGraphReason(op === 'getPresence' ? 'presence' : 'action', status, headers, text);
    if (notGraph !== null) throw notGraphError(status, clientRequestId, notGraph);
    if (status >= 200 && status < 300) return text;
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), clock.now()) : null;
    throw errorFromResponse(status, headers, text, clientRequestId, retryAfter ?? undefined);
  }

  /** Run one operation with the retry policy. The first attempt has no retry frame around it: most need none. */
  function run(op: Op, body?: string): Promise<string> {
    return attempt(op, body, false).catch((thrown: unknown) => retryAfter(op, body, thrown));
  }

  /** The retry loop, entered when the first attempt failed with `firstFailure`. */
  async function retryAfter(op: Op, body: string | undefined, firstFailure: unknown): Promise<string> {
    const state: RetryState = { attempt: 1, waitedMs: 0, refreshed: false };
    let thrown = firstFailure;
    for (;;) {
      if (!(thrown instanceof GraphError)) throw thrown; // the token source's own failure (sign-in-required)
      const error = thrown;
      error.attempts = state.attempt;
      if (error.retryAfterMs !== undefined) error.retryAt = clock.now() + error.retryAfterMs;
      const decision = decideRetry(error, state, policy, random);
      if (!decision.retry) {
        log?.warn?.('graph request failed', describe(op, error, { reason: decision.reason }));
        throw error;
      }
      if (decision.refreshToken) state.refreshed = true;
      const event: RetryEvent = { operation: op, attempt: state.attempt, delayMs: decision.delayMs, retryAt: clock.now() + decision.delayMs, error };
      log?.warn?.('graph request retrying', describe(op, error, { delayMs: decision.delayMs }));
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (listenerError) {
          log?.warn?.('a retry listener threw', { error: String(listenerError) });
        }
      }
      if (decision.delayMs > 0) {
        state.waitedMs += decision.delayMs;
        if (!(await wait(decision.delayMs))) throw error; // quitting: fail with what Graph last said
      }
      state.attempt++;
      try {
        return await attempt(op, body, decision.refreshToken);
      } catch (next) {
        thrown = next;
      }
    }
  }

  return {
    baseUrl,
    cloud,
    scope: presenceScope(cloud),

    onRetry(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    cancelWaits() {
      waitsCancelled = true;
      for (const stop of [...waits]) stop();
    },

    async getPresence() {
      return parsePresence(await run('getPresence'), log);
    },

    async setPreferredPresence(pair: PresencePair, expirationMs?: number) {
      const body =
        expirationMs === undefined
          ? { availability: pair.availability, activity: pair.activity }
          : { availability: pair.availability, activity: pair.activity, expirationDuration: formatDuration(expirationMs) };
      await run('setPreferredPresence', JSON.stringify(body));
    },

    async clearPreferredPresence() {
      await run('clearPreferredPresence', '{}');
    },

    async setSessionPresence(sessionId: string, pair: PresencePair, expirationMs: number) {
      const body = { sessionId, availability: pair.availability, activity: pair.activity, expirationDuration: formatDuration(expirationMs) };
      await run('setSessionPresence', JSON.stringify(body));
    },

    async clearSessionPresence(sessionId: string) {
      try {
        await run('clearSessionPresence', JSON.stringify({ sessionId }));
      } catch (error) {
        if (error instanceof GraphError && error.code === 'not-found') return; // no such session: already ended
        throw error;
      }
    },

    async setStatusMessage(text: string, expiresAt?: Date, timeZone?: string) {
      const statusMessage: Record<string, unknown> = { message: { content: text, contentType: 'text' } };
      if (text !== '' && expiresAt) statusMessage.expiryDateTime = toDateTimeTimeZone(expiresAt, timeZone ?? systemTimeZone());
      await run('setStatusMessage', JSON.stringify({ statusMessage }));
    },
  };
}

/** Log fields for a failed attempt: ids, status and codes, never the token or the body. */
function describe(op: Op, error: GraphError, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    operation: op,
    code: error.code,
    status: error.status,
    graphCode: error.graphCode,
    attempt: error.attempts,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
    ...extra,
  };
}
