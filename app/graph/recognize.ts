/**
 * Is this answer Microsoft Graph's? (issue 15 defect 4). A captive portal, a hotel Wi-Fi sign-in page or an
 * intercepting proxy can answer `200 OK` in Graph's place; taking that for success would mark a write as
 * applied that never reached Graph, and the next real read would look like "changed in Teams".
 *
 * What is required, from what Graph itself documents and sends:
 * - every Graph answer carries a `request-id` header (Graph's id for support; the emulator sends it too);
 * - a presence read (`GET .../presence`) answers `200` with a JSON content type and a JSON object whose
 *   `availability` is a string (the presence resource always has it);
 * - a presence action (`POST .../setUserPreferredPresence` and the others) answers `2xx` with an empty body,
 *   or a JSON body (a JSON content type and a JSON object);
 * - Graph never redirects a presence call: any 3xx is someone else's (the client does not follow it, so the
 *   token never reaches the page it points to).
 * Anything else is `not-graph`: a retryable network fault, the intent is kept.
 */
import { GraphError, messageFor } from './graph-errors.ts';

/** What kind of answer a successful presence call expects. */
export type AnswerKind = 'presence' | 'action';

/** The headers the recognition looks at. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/** Why an answer is not Graph's, for logs; null when it is Graph's. */
export function notGraphReason(kind: AnswerKind, status: number, headers: AnswerHeaders, text: string): string | null {
  if (status >= 300 && status < 400) return 'redirect';
  if (status < 200 || status >= 300) return null; // errors are judged by graph-errors.ts
  if (!headers.get('request-id')) return 'no request-id header';
  const json = /^application\/(?:[\w.+-]+\+)?json\b/i.test((headers.get('content-type') ?? '').trim());
  if (kind === 'action' && text.trim() === '') return null;
  if (!json) return 'not JSON';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'JSON that does not parse';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not a JSON object';
  if (kind === 'presence' && typeof (parsed as { availability?: unknown }).availability !== 'string') return 'not a presence resource';
  return null;
}

/** The error for an answer that is not Graph's: `not-graph`, retryable, with the status that came back. */
export function notGraphError(status: number, clientRequestId?: string, reason?: string): GraphError {
  return new GraphError({
    code: 'not-graph',
    message: messageFor('not-graph', status, null),
    status,
    ...(clientRequestId ? { clientRequestId } : {}),
    ...(reason ? { graphMessage: `not Graph's answer: ${reason}` } : {}),
  });
}
