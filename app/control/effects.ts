/**
 * Effects: each runs one request against {@link PresenceGraph} and turns what happened into an event for
 * `reduce`. A write's request is handed to fetch synchronously inside `send` (fetch puts it on the wire on
 * the next turn: after-request.ts); the runner awaits it and words the result with `writeFailed`. Nothing here
 * decides anything.
 */
import { toAppError } from '../errors.ts';
import type { PresenceGraph } from '../graph/types.ts';
import { PRESENCES } from '../presence/index.ts';
import type { ControlEvent, RetryHint } from './events.ts';
import { SESSION_EXPIRY_MS } from './plan.ts';
import type { Op } from './plan.ts';

/** What a write needs besides the op: the app session's id and the zone a status message's end is sent in. */
export interface WriteContext {
  clientId: string;
  /** Asked only for a status message with an end (resolving the system zone costs more than the request). */
  zone(): string;
}

/** The result of a write, as an event. */
export type WriteResult = Extract<ControlEvent, { type: 'write-succeeded' | 'write-failed' }>;
/** The result of a read, as an event. */
export type ReadResult = Extract<ControlEvent, { type: 'read-succeeded' | 'read-failed' }>;

/**
 * Start the request for `op` (fetch has it when this returns) and return its promise, which rejects when the
 * request failed. The runner awaits it itself: one frame less on every command's way out than a wrapper.
 */
export function send(graph: PresenceGraph, op: Op, ctx: WriteContext): Promise<void> {
  try {
    return request(graph, op, ctx);
  } catch (thrown) {
    return Promise.reject(thrown);
  }
}

/** The event of a write that failed with `thrown`. */
export function writeFailed(op: Op, thrown: unknown): WriteResult {
  return { type: 'write-failed', op, error: toAppError(thrown), hint: hintOf(thrown) };
}

/** Read presence and resolve with the result. Never rejects. */
export function read(graph: PresenceGraph): Promise<ReadResult> {
  return graph.getPresence().then(
    (presence): ReadResult => ({ type: 'read-succeeded', presence }),
    (thrown: unknown): ReadResult => ({ type: 'read-failed', error: toAppError(thrown), hint: hintOf(thrown) }),
  );
}

function request(graph: PresenceGraph, op: Op, ctx: WriteContext): Promise<void> {
  switch (op.kind) {
    case 'set-preference':
      return graph.setPreferredPresence(PRESENCES[op.key].pair, op.expirationMs);
    case 'clear-preference':
      return graph.clearPreferredPresence();
    case 'set-status':
      return op.endsAt === null ? graph.setStatusMessage(op.text) : graph.setStatusMessage(op.text, new Date(op.endsAt), ctx.zone());
    case 'set-session':
      return graph.setSessionPresence(ctx.clientId, { availability: 'Available', activity: 'Available' }, SESSION_EXPIRY_MS);
    case 'clear-session':
      return graph.clearSessionPresence(ctx.clientId);
  }
}

/** How long Graph asked to wait, as plain data (GraphError's `retryAt`/`retryAfterMs`). */
function hintOf(thrown: unknown): RetryHint {
  if (!thrown || typeof thrown !== 'object') return {};
  const e = thrown as { retryAt?: unknown; retryAfterMs?: unknown };
  const hint: RetryHint = {};
  if (typeof e.retryAt === 'number') hint.retryAt = e.retryAt;
  if (typeof e.retryAfterMs === 'number') hint.retryAfterMs = e.retryAfterMs;
  return hint;
}
