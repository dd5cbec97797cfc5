/**
 * What the controller needs from Graph: the presence operations of docs/graph.md#operations as one interface.
 * `GraphClient` (graph-client.ts) implements it over an injected fetch and token source.
 */
import type { PresencePair } from '../presence/index.ts';

/** Presence as read from `GET /me/presence`, with values in canonical spelling. */
export interface GraphPresence {
  availability: string;
  activity: string;
  statusMessage: { content: string; expiresAt: string | null } | null;
  sequenceNumber: string | null;
  outOfOffice: boolean;
}

/** The presence operations. Every method rejects with a `GraphError` (graph-errors.ts) after its retries. */
export interface PresenceGraph {
  getPresence(): Promise<GraphPresence>;
  /** setUserPreferredPresence; `expirationMs` becomes `expirationDuration` (omitted: Graph's 1-day/7-day default). */
  setPreferredPresence(pair: PresencePair, expirationMs?: number): Promise<void>;
  clearPreferredPresence(): Promise<void>;
  /** setPresence for the app's own session; `expirationMs` must lie within PT5M..PT4H. */
  setSessionPresence(sessionId: string, pair: PresencePair, expirationMs: number): Promise<void>;
  /** clearPresence; a 404 (no such session) counts as done. */
  clearSessionPresence(sessionId: string): Promise<void>;
  /** setStatusMessage; an empty `text` clears the message. `expiresAt` is sent as dateTimeTimeZone in `timeZone`. */
  setStatusMessage(text: string, expiresAt?: Date, timeZone?: string): Promise<void>;
}

/** The few logger methods the client uses; every one optional. Never given a token. */
export interface GraphLogger {
  debug?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}
