/**
 * Microsoft Graph presence under `/v1.0/me/presence...` and `/v1.0/users/{id}/presence...`
 * (GRAPH-PRESENCE.md §1): GET, setUserPreferredPresence, clearUserPreferredPresence, setPresence,
 * clearPresence, setStatusMessage; PATCH answers 405. Refusals are thrown as {@link RequestError} and sent
 * in the Graph envelope by the server.
 */
import type { ServerResponse } from 'node:http';
import {
  ACTIVITIES,
  AVAILABILITIES,
  defaultPreferenceLifetimeMs,
  isPreferredPair,
  isSessionPair,
  normalizeActivity,
  normalizeAvailability,
  parseDuration,
} from '../../app/presence/index.ts';
import type { EmulatorRequest } from './http.ts';
import { RequestError, decodePathSegment, graphHeaders, parseJsonObject, sendEmpty, sendJson } from './http.ts';
import { computePresence } from './presence.ts';
import type { PresenceResource } from './presence.ts';
import type { EmulatorState, PresenceInputs, User } from './state.ts';
import { canReadPresence, canWritePresence, checkBearer } from './tokens.ts';
import { instantOf } from './zone.ts';

/** The content type Graph gives a presence resource (OData JSON). */
const GRAPH_JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** setPresence's allowed expirationDuration range. */
const SESSION_MIN_MS = 5 * 60 * 1000;
const SESSION_MAX_MS = 4 * 60 * 60 * 1000;
const SESSION_DEFAULT_MS = SESSION_MIN_MS;

const ACTIONS = [
  'setuserpreferredpresence',
  'clearuserpreferredpresence',
  'setpresence',
  'clearpresence',
  'setstatusmessage',
] as const;

type Action = (typeof ACTIONS)[number];

/** `/v1.0/me/presence[/action]` or `/v1.0/users/{id}/presence[/action]`, or null. */
function parsePath(path: string): { target: 'me' | string; action: Action | null } | null {
  const m = /^\/v1\.0\/(?:(me)|users\/([^/]+))\/presence(?:\/([^/]+))?$/i.exec(path);
  if (!m) return null;
  const target = m[1] ? 'me' : decodePathSegment(m[2] as string);
  let actionText = (m[3] ?? '').toLowerCase();
  // The SDKs sometimes send the namespaced form: microsoft.graph.setPresence.
  if (actionText.startsWith('microsoft.graph.')) actionText = actionText.slice('microsoft.graph.'.length);
  if (actionText === '') return { target, action: null };
  if (!(ACTIONS as readonly string[]).includes(actionText)) {
    throw new RequestError(400, 'BadRequest', `Resource not found for the segment '${m[3]}'.`);
  }
  return { target, action: actionText as Action };
}

/** Handle one Graph request (the server has already logged it and applied faults). */
export function handleGraph(state: EmulatorState, req: EmulatorRequest, res: ServerResponse): void {
  const route = parsePath(req.path);
  if (!route) throw new RequestError(400, 'BadRequest', `Resource not found for the segment '${req.path}'. The emulator serves only presence.`);

  const auth = checkBearer(state, req.headers.authorization);
  if (!auth.ok) {
    throw new RequestError(401, 'InvalidAuthenticationToken', auth.message, {
      'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
    });
  }

  if (route.action === null && req.method === 'PATCH') {
    throw new RequestError(405, 'MethodNotAllowed', 'PATCH on presence is not supported: use setUserPreferredPresence or setPresence.', {
      allow: 'GET',
    });
  }
  const expected = route.action === null ? 'GET' : 'POST';
  if (req.method !== expected) {
    throw new RequestError(405, 'MethodNotAllowed', `The HTTP method '${req.method}' is not allowed here; use ${expected}.`, { allow: expected });
  }

  const retryAfter = state.throttle(`${auth.user.tenantId}:${auth.clientId}`, state.clock.now());
  if (retryAfter !== null) {
    throw new RequestError(429, 'TooManyRequests', 'Too many requests: the presence limit for this application in this tenant was reached. Retry after the time in Retry-After.', {
      'retry-after': String(retryAfter),
    });
  }

  const allowed = route.action === null ? canReadPresence(auth.scopes) : canWritePresence(auth.scopes);
  if (!allowed) {
    throw new RequestError(
      403,
      'Forbidden',
      `Insufficient privileges to complete the operation: the token's scopes (${auth.scopes.join(' ') || 'none'}) do not include ${route.action === null ? 'Presence.Read or Presence.ReadWrite' : 'Presence.ReadWrite'}.`,
    );
  }

  const user = route.target === 'me' ? auth.user : state.findUser(route.target);
  if (!user) throw new RequestError(400, 'invalidRequest', `User '${route.target}' does not exist in this tenant.`);
  const now = state.clock.now();
  const inputs = state.inputsOf(user.id);

  if (route.action === null) {
    const resource = visiblePresence(user.id, inputs, now);
    const context = route.target === 'me' ? 'users' : `users('${user.id}')`;
    sendJson(res, 200, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}/presence/$entity`, ...resource }, { ...graphHeaders(req), 'content-type': GRAPH_JSON_TYPE });
    return;
  }

  const body = parseJsonObject(req.body);
  // Propagation delay: reads keep showing what they showed before this write, for a while (as Graph may).
  const before = state.settings.propagationDelayMs > 0 ? visiblePresence(user.id, inputs, now) : null;
  switch (route.action) {
    case 'setuserpreferredpresence': {
      const pair = readPair(body);
      if (!isPreferredPair(pair)) {
        throw new RequestError(
          400,
          'invalidRequest',
          `The pair ${pair.availability}/${pair.activity} is not allowed for setUserPreferredPresence; allowed: Available/Available, Busy/Busy, DoNotDisturb/DoNotDisturb, BeRightBack/BeRightBack, Away/Away, Offline/OffWork.`,
        );
      }
      const lifetime = body.expirationDuration == null ? defaultPreferenceLifetimeMs(pair.availability) : readDuration(body.expirationDuration);
      inputs.preference = { ...canonical(pair), setAt: now, expiresAt: now + lifetime };
      break;
    }
    case 'clearuserpreferredpresence':
      inputs.preference = null;
      break;
    case 'setpresence': {
      const sessionId = readSessionId(body, auth.clientId);
      const pair = readPair(body);
      if (!isSessionPair(pair)) {
        throw new RequestError(
          400,
          'invalidRequest',
          `The pair ${pair.availability}/${pair.activity} is not allowed for setPresence; allowed: Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting.`,
        );
      }
      let lifetime = SESSION_DEFAULT_MS;
      if (body.expirationDuration != null) {
        lifetime = readDuration(body.expirationDuration);
        if (lifetime < SESSION_MIN_MS || lifetime > SESSION_MAX_MS) {
          throw new RequestError(400, 'invalidRequest', `expirationDuration ${String(body.expirationDuration)} is out of range; setPresence accepts PT5M to PT4H.`);
        }
      }
      inputs.sessions.set(sessionId, { sessionId, kind: 'app', ...canonical(pair), setAt: now, expiresAt: now + lifetime });
      break;
    }
    case 'clearpresence': {
      const sessionId = readSessionId(body, auth.clientId);
      computePresence(user.id, inputs, now); // drop expired sessions first: an expired one is gone
      if (!inputs.sessions.has(sessionId) || inputs.sessions.get(sessionId)?.kind !== 'app') {
        throw new RequestError(404, 'ResourceNotFound', `No presence session '${sessionId}' exists for this user.`);
      }
      inputs.sessions.delete(sessionId);
      break;
    }
    case 'setstatusmessage':
      setStatusMessage(state, user, body, now);
      break;
  }
  computePresence(user.id, inputs, now);
  inputs.stale = before ? { resource: before, until: now + state.settings.propagationDelayMs } : null;
  sendEmpty(res, 200, graphHeaders(req));
}

/** What a read shows at `now`: the presence before the last write while it propagates, else the presence now. */
function visiblePresence(userId: string, inputs: PresenceInputs, now: number): PresenceResource {
  if (inputs.stale && now < inputs.stale.until) return inputs.stale.resource;
  inputs.stale = null;
  return computePresence(userId, inputs, now);
}

function readPair(body: Record<string, unknown>): { availability: string; activity: string } {
  const { availability, activity } = body;
  if (typeof availability !== 'string' || availability === '') {
    throw new RequestError(400, 'invalidRequest', 'availability is required (a string such as "Busy").');
  }
  if (typeof activity !== 'string' || activity === '') {
    throw new RequestError(400, 'invalidRequest', 'activity is required (a string such as "Busy").');
  }
  if (!AVAILABILITIES.some((a) => a.toLowerCase() === availability.toLowerCase())) {
    throw new RequestError(400, 'invalidRequest', `availability "${availability}" is not a presence availability value.`);
  }
  if (!ACTIVITIES.some((a) => a.toLowerCase() === activity.toLowerCase())) {
    throw new RequestError(400, 'invalidRequest', `activity "${activity}" is not a presence activity value.`);
  }
  return { availability, activity };
}

function canonical(pair: { availability: string; activity: string }): { availability: string; activity: string } {
  return { availability: normalizeAvailability(pair.availability), activity: normalizeActivity(pair.activity) };
}

function readDuration(value: unknown): number {
  if (typeof value !== 'string') throw new RequestError(400, 'invalidRequest', 'expirationDuration must be an ISO 8601 duration string such as PT1H.');
  try {
    return parseDuration(value);
  } catch (err) {
    throw new RequestError(400, 'invalidRequest', `expirationDuration is invalid: ${(err as Error).message}`);
  }
}

function readSessionId(body: Record<string, unknown>, clientId: string): string {
  const { sessionId } = body;
  if (typeof sessionId !== 'string' || sessionId.trim() === '') {
    throw new RequestError(400, 'invalidRequest', 'sessionId is required: the calling application\'s client id.');
  }
  if (sessionId.toLowerCase() !== clientId.toLowerCase()) {
    throw new RequestError(400, 'invalidRequest', `sessionId "${sessionId}" must be the calling application's client id (${clientId}).`);
  }
  return clientId;
}

function setStatusMessage(state: EmulatorState, user: User, body: Record<string, unknown>, now: number): void {
  const statusMessage = body.statusMessage;
  if (statusMessage === null || typeof statusMessage !== 'object' || Array.isArray(statusMessage)) {
    throw new RequestError(400, 'invalidRequest', 'statusMessage is required: { "message": { "content": "...", "contentType": "text" } }.');
  }
  const { message, expiryDateTime } = statusMessage as Record<string, unknown>;
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw new RequestError(400, 'invalidRequest', 'statusMessage.message is required: { "content": "...", "contentType": "text" }.');
  }
  const { content, contentType } = message as Record<string, unknown>;
  if (typeof content !== 'string') throw new RequestError(400, 'invalidRequest', 'statusMessage.message.content must be a string (empty to clear).');
  if (contentType !== undefined && (typeof contentType !== 'string' || contentType.toLowerCase() !== 'text')) {
    throw new RequestError(400, 'invalidRequest', `statusMessage.message.contentType "${String(contentType)}" is not supported; only "text".`);
  }
  let expiry: { dateTime: string; timeZone: string } | null = null;
  let expiresAt: number | null = null;
  if (expiryDateTime !== undefined && expiryDateTime !== null) {
    if (typeof expiryDateTime !== 'object' || Array.isArray(expiryDateTime)) {
      throw new RequestError(400, 'invalidRequest', 'statusMessage.expiryDateTime must be { "dateTime": "...", "timeZone": "..." }.');
    }
    const { dateTime, timeZone } = expiryDateTime as Record<string, unknown>;
    try {
      expiresAt = instantOf(dateTime as string, (timeZone as string | undefined) ?? 'UTC');
    } catch (err) {
      throw new RequestError(400, 'invalidRequest', (err as Error).message);
    }
    expiry = { dateTime: String(dateTime), timeZone: typeof timeZone === 'string' ? timeZone : 'UTC' };
  }
  state.inputsOf(user.id).statusMessage = content === '' ? null : { content, contentType: 'text', expiryDateTime: expiry, expiresAt, publishedAt: now };
}
