/**
 * Typed Graph failures (GRAPH-PRESENCE.md §2): every failed presence call becomes one `GraphError` with a
 * stable app code that the controller branches on, a sentence a person can act on, and the ids support needs.
 * Mapping looks at the HTTP status and Graph's `error.code`, never at Graph's message text.
 */
import { AppFailure } from '../errors.ts';

/** The stable app codes a {@link GraphError} can carry. */
export const GRAPH_ERROR_CODES = [
  'throttled',
  'unavailable',
  'timeout',
  'network-down',
  'not-graph',
  'unauthorized',
  'forbidden',
  'bad-request',
  'not-found',
  'graph-error',
] as const;

/** One of {@link GRAPH_ERROR_CODES}. */
export type GraphErrorCode = (typeof GRAPH_ERROR_CODES)[number];

/** Everything known about one failed Graph request. */
export interface GraphErrorInit {
  code: GraphErrorCode;
  message: string;
  /** HTTP status; 0 when no response arrived (timeout, dropped connection). */
  status: number;
  /** Graph's `error.code` (e.g. `TooManyRequests`), or null when the body had none. */
  graphCode?: string | null;
  /** Graph's `error.message`, for logs and support; never shown as the person-readable sentence. */
  graphMessage?: string | null;
  /** Graph's `request-id` (header or `innerError`). */
  requestId?: string;
  /** The `client-request-id` this app sent. */
  clientRequestId?: string;
  /** Wait asked for by `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed Graph call. `code` is the app code; `graphCode` is Graph's own. Tokens never appear here. */
export class GraphError extends AppFailure {
  readonly status: number;
  readonly graphCode: string | null;
  readonly graphMessage: string | null;
  readonly clientRequestId?: string;
  readonly retryAfterMs?: number;
  /** Epoch ms (by the client's clock) before which a retry is pointless; set by the client for 429/503. */
  retryAt?: number;
  /** How many HTTP attempts were made before giving up; set by the client. */
  attempts = 1;
  declare readonly code: GraphErrorCode;

  constructor(init: GraphErrorInit) {
    super(
      {
        code: init.code,
        message: init.message,
        retryable: RETRYABLE.has(init.code),
        ...(init.requestId ? { requestId: init.requestId } : {}),
      },
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'GraphError';
    this.status = init.status;
    this.graphCode = init.graphCode ?? null;
    this.graphMessage = init.graphMessage ?? null;
    if (init.clientRequestId) this.clientRequestId = init.clientRequestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

const RETRYABLE: ReadonlySet<string> = new Set(['throttled', 'unavailable', 'timeout', 'network-down', 'not-graph']);

/** True when `error` is a {@link GraphError} (optionally with the given app code). */
export function isGraphError(error: unknown, code?: GraphErrorCode): error is GraphError {
  return error instanceof GraphError && (code === undefined || error.code === code);
}

/** The app code for an HTTP status (and Graph's code where it refines the status). */
export function codeForStatus(status: number, graphCode: string | null = null): GraphErrorCode {
  // 407 (proxy authentication) and 511 (network authentication: a captive portal) come from the network, not Graph.
  if (status === 407 || status === 511 || (status >= 300 && status < 400)) return 'not-graph';
  if (status === 429) return 'throttled';
  if (status === 503 && graphCode === 'TooManyRequests') return 'throttled';
  if (status >= 500) return 'unavailable';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400) return 'bad-request';
  if (status === 404) return 'not-found';
  return 'graph-error';
}

/** The person-readable sentence for an app code. */
export function messageFor(code: GraphErrorCode, status: number, graphCode: string | null): string {
  switch (code) {
    case 'throttled':
      return 'Microsoft Graph is receiving too many requests right now; Presence Tray will try again shortly.';
    case 'unavailable':
      return `Microsoft Graph is temporarily unavailable (HTTP ${status}); Presence Tray will try again.`;
    case 'timeout':
      return 'Microsoft Graph did not answer in time. Check your connection; Presence Tray will try again.';
    case 'network-down':
      return 'Cannot reach Microsoft Graph. Check your internet connection; Presence Tray will try again when it is back.';
    case 'not-graph':
      return 'Something other than Microsoft Graph answered (a Wi-Fi sign-in page or a proxy). Sign in to the network if it asks; Presence Tray keeps your choice and tries again.';
    case 'unauthorized':
      return 'Microsoft Graph no longer accepts your sign-in. Sign in again to keep changing your presence.';
    case 'forbidden':
      return 'Presence Tray is not allowed to change your presence: the Presence.ReadWrite permission has not been granted. Sign in again and accept it, or ask your administrator.';
    case 'bad-request':
      return `Microsoft Graph refused the request as invalid${graphCode ? ` (${graphCode})` : ''}. This is a bug in Presence Tray; please report it.`;
    case 'not-found':
      return 'Microsoft Graph could not find your presence. Check that your account has Microsoft Teams.';
    default:
      return `Microsoft Graph answered with an unexpected error (HTTP ${status}${graphCode ? `, ${graphCode}` : ''}).`;
  }
}

/** Graph's error envelope, loosely typed: any field may be missing. */
interface Envelope {
  error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown; 'client-request-id'?: unknown } };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Build the error for a non-2xx answer from its status, headers and body text (the Graph envelope when present).
 * `retryAfterMs` is the already parsed `Retry-After` (see retry.ts), if any.
 */
export function errorFromResponse(
  status: number,
  headers: { get(name: string): string | null },
  bodyText: string,
  clientRequestId: string,
  retryAfterMs?: number,
): GraphError {
  let envelope: Envelope = {};
  if (bodyText) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (parsed && typeof parsed === 'object') envelope = parsed as Envelope;
    } catch {
      // Not JSON (a proxy's HTML page, say): the status alone decides.
    }
  }
  const graphCode = str(envelope.error?.code);
  // A proxy's or portal's own HTML error page (no Graph request-id) says nothing about Graph: a network fault.
  const foreignPage = !headers.get('request-id') && /^text\/html\b/i.test(headers.get('content-type') ?? '') && status !== 429 && status < 500;
  const code = foreignPage ? 'not-graph' : codeForStatus(status, graphCode);
  const requestId = headers.get('request-id') ?? str(envelope.error?.innerError?.['request-id']) ?? undefined;
  return new GraphError({
    code,
    message: messageFor(code, status, graphCode),
    status,
    graphCode,
    graphMessage: str(envelope.error?.message),
    clientRequestId,
    ...(requestId ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Build the error for a request that got no answer: `timeout` when our timer aborted it, else `network-down`. */
export function errorFromThrown(thrown: unknown, timedOut: boolean, clientRequestId: string): GraphError {
  const code: GraphErrorCode = timedOut ? 'timeout' : 'network-down';
  return new GraphError({ code, message: messageFor(code, 0, null), status: 0, clientRequestId, cause: thrown });
}
