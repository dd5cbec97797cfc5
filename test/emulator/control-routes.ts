/**
 * The control API under `/_emulator/` (JSON in, JSON out), used by tests, benchmarks and the demo to set up
 * users, tokens, Teams sessions, the virtual clock, faults and sign-in outcomes, and to read the request log.
 * README.md ("Emulator") documents every call; test/emulator/client.ts wraps them with types.
 */
import type { ServerResponse } from 'node:http';
import { ACTIVITIES, AVAILABILITIES, normalizeActivity, normalizeAvailability, parseDuration } from '../../app/presence/index.ts';
import type { EmulatorRequest } from './http.ts';
import { RequestError, parseJsonObject, sendJson } from './http.ts';
import { computePresence } from './presence.ts';
import type { EmulatorSettings, EmulatorState, Fault, SignInOutcome, User } from './state.ts';
import { SIGN_IN_OUTCOMES } from './state.ts';
import { DEFAULT_CLIENT_ID, mintAccessToken } from './tokens.ts';

/** Handle one control request (path starts with `/_emulator`). */
export function handleControl(state: EmulatorState, req: EmulatorRequest, res: ServerResponse): void {
  const sub = req.path.slice('/_emulator'.length).replace(/^\//, '');
  const key = `${req.method} ${sub}`;
  const body = req.method === 'POST' || req.method === 'PUT' ? parseJsonObject(req.body) : {};
  const now = state.clock.now();
  switch (key) {
    case 'POST users': {
      const displayName = str(body, 'displayName');
      const userPrincipalName = str(body, 'userPrincipalName');
      if (!/^[^@\s]+@[^@\s]+$/.test(userPrincipalName)) throw bad(`userPrincipalName "${userPrincipalName}" must look like name@domain.`);
      if (state.findUser(userPrincipalName)) throw bad(`A user with userPrincipalName "${userPrincipalName}" already exists.`);
      const id = optStr(body, 'id');
      if (id !== undefined && state.users.has(id)) throw bad(`A user with id "${id}" already exists.`);
      const user = state.addUser(displayName, userPrincipalName, optStr(body, 'tenantId'), id);
      return sendJson(res, 201, user);
    }
    case 'GET users':
      return sendJson(res, 200, [...state.users.values()]);
    case 'POST tokens': {
      const user = userOf(state, body);
      if (!Array.isArray(body.scopes) || body.scopes.some((s) => typeof s !== 'string')) throw bad('scopes must be an array of strings, e.g. ["Presence.ReadWrite"].');
      const lifetime = optPositive(body, 'expiresInSeconds') ?? state.settings.accessTokenLifetimeSeconds;
      const clientId = optStr(body, 'clientId') ?? DEFAULT_CLIENT_ID;
      const { token, expiresAt } = mintAccessToken(state, user, clientId, body.scopes as string[], lifetime);
      return sendJson(res, 200, { access_token: token, clientId, expiresAt: new Date(expiresAt).toISOString() });
    }
    case 'POST sessions': {
      const user = userOf(state, body);
      const sessionId = str(body, 'sessionId');
      const availability = str(body, 'availability');
      const activity = str(body, 'activity');
      if (!AVAILABILITIES.some((a) => a.toLowerCase() === availability.toLowerCase())) throw bad(`availability "${availability}" is not a presence availability value.`);
      if (!ACTIVITIES.some((a) => a.toLowerCase() === activity.toLowerCase())) throw bad(`activity "${activity}" is not a presence activity value.`);
      const duration = optStr(body, 'expirationDuration');
      const expiresAt = duration === undefined ? null : now + durationMs(duration, 'expirationDuration');
      const inputs = state.inputsOf(user.id);
      inputs.sessions.set(sessionId, {
        sessionId,
        kind: 'teams',
        availability: normalizeAvailability(availability),
        activity: normalizeActivity(activity),
        setAt: now,
        expiresAt,
      });
      computePresence(user.id, inputs, now);
      return sendJson(res, 200, { sessionId, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() });
    }
    case 'POST sessions/remove': {
      const user = userOf(state, body);
      const inputs = state.inputsOf(user.id);
      const removed = inputs.sessions.delete(str(body, 'sessionId'));
      computePresence(user.id, inputs, now);
      return sendJson(res, 200, { removed });
    }
    case 'GET state': {
      const userId = req.url.searchParams.get('userId') ?? '';
      const user = state.findUser(userId);
      if (!user) throw bad(`User "${userId}" does not exist; pass ?userId=<id>.`);
      const inputs = state.inputsOf(user.id);
      const presence = computePresence(user.id, inputs, now);
      const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
      return sendJson(res, 200, {
        presence,
        preference: inputs.preference && { ...inputs.preference, setAt: iso(inputs.preference.setAt), expiresAt: iso(inputs.preference.expiresAt) },
        sessions: [...inputs.sessions.values()].map((s) => ({ ...s, setAt: iso(s.setAt), expiresAt: iso(s.expiresAt) })),
        statusMessage: inputs.statusMessage && { ...inputs.statusMessage, publishedAt: iso(inputs.statusMessage.publishedAt), expiresAt: iso(inputs.statusMessage.expiresAt) },
      });
    }
    case 'GET clock':
      return sendJson(res, 200, { now: new Date(now).toISOString() });
    case 'POST clock': {
      if (body.advance !== undefined) {
        state.clock.advance(durationMs(body.advance, 'advance'));
      } else if (body.advanceMs !== undefined) {
        const ms = optPositive(body, 'advanceMs') as number;
        state.clock.advance(ms);
      } else if (body.set !== undefined) {
        const at = typeof body.set === 'string' ? Date.parse(body.set) : Number.NaN;
        if (Number.isNaN(at)) throw bad(`set "${String(body.set)}" is not an ISO instant such as 2026-11-23T09:00:00Z.`);
        state.clock.set(at);
      } else {
        throw bad('Send { "advance": "PT10M" }, { "advanceMs": 600000 } or { "set": "2026-11-23T09:00:00Z" }.');
      }
      return sendJson(res, 200, { now: new Date(state.clock.now()).toISOString() });
    }
    case 'POST faults': {
      if (body.reset === true) state.faults = [];
      if (body.portal !== undefined && typeof body.portal !== 'boolean') throw bad('portal must be true or false.');
      if (body.portal === true && body.status !== undefined) throw bad('portal answers 200 by itself; leave status out.');
      if (body.status === undefined && body.delayMs === undefined && body.portal !== true) {
        if (body.reset === true) return sendJson(res, 200, { faults: state.faults.length });
        throw bad('status is required (0 drops the connection), or delayMs for a delay only, or portal: true.');
      }
      const fault: Fault = { remaining: optPositive(body, 'count') ?? 1 };
      if (body.portal === true) fault.portal = true;
      if (body.status !== undefined) {
        const status = body.status;
        if (typeof status !== 'number' || !Number.isInteger(status) || (status !== 0 && (status < 200 || status > 599))) {
          throw bad('status must be 0 (drop the connection) or an HTTP status 200..599.');
        }
        fault.status = status;
      }
      const method = optStr(body, 'method');
      if (method !== undefined) fault.method = method.toUpperCase();
      const pathContains = optStr(body, 'pathContains');
      if (pathContains !== undefined) fault.pathContains = pathContains;
      const retryAfter = optNonNegative(body, 'retryAfterSeconds');
      if (retryAfter !== undefined) fault.retryAfterSeconds = retryAfter;
      const delayMs = optNonNegative(body, 'delayMs');
      if (delayMs !== undefined) fault.delayMs = delayMs;
      const code = optStr(body, 'code');
      if (code !== undefined) fault.code = code;
      const message = optStr(body, 'message');
      if (message !== undefined) fault.message = message;
      state.faults.push(fault);
      return sendJson(res, 200, { faults: state.faults.length });
    }
    case 'GET faults':
      return sendJson(res, 200, state.faults);
    case 'GET requests': {
      const since = Number(req.url.searchParams.get('since') ?? 0);
      if (!Number.isInteger(since) || since < 0) throw bad('since must be a whole number ≥ 0 (an index from an earlier answer).');
      const kind = req.url.searchParams.get('kind') ?? 'graph';
      if (!['graph', 'identity', 'all'].includes(kind)) throw bad('kind must be graph, identity or all.');
      return sendJson(
        res,
        200,
        state.log.filter((r) => r.index >= since && (kind === 'all' || r.kind === kind)),
      );
    }
    case 'DELETE requests':
      state.log = [];
      return sendJson(res, 200, { next: state.logCount });
    case 'POST reset':
      state.reset();
      return sendJson(res, 200, {});
    case 'GET settings':
      return sendJson(res, 200, state.settings);
    case 'POST settings': {
      const next: EmulatorSettings = { ...state.settings };
      for (const name of Object.keys(body)) {
        if (!(name in next)) throw bad(`Unknown setting "${name}"; known: ${Object.keys(next).join(', ')}.`);
        const value = name === 'graphRequestLimit' || name === 'propagationDelayMs' ? optNonNegative(body, name) : optPositive(body, name);
        if (value !== undefined) next[name as keyof EmulatorSettings] = value;
      }
      state.settings = next;
      return sendJson(res, 200, state.settings);
    }
    case 'POST signin/next': {
      const outcome = (optStr(body, 'outcome') ?? 'success') as SignInOutcome;
      if (!SIGN_IN_OUTCOMES.includes(outcome)) throw bad(`outcome "${outcome}" is unknown; one of ${SIGN_IN_OUTCOMES.join(', ')}.`);
      const userId = optStr(body, 'userId');
      if (userId !== undefined && !state.findUser(userId)) throw bad(`User "${userId}" does not exist.`);
      const expiresInSeconds = optPositive(body, 'expiresInSeconds');
      state.signInQueue.push({
        outcome,
        ...(userId !== undefined ? { userId: (state.findUser(userId) as User).id } : {}),
        ...(expiresInSeconds !== undefined ? { expiresInSeconds } : {}),
      });
      return sendJson(res, 200, { queued: state.signInQueue.length });
    }
    case 'DELETE signin/next':
      state.signInQueue = [];
      return sendJson(res, 200, { queued: 0 });
    case 'GET devicecodes':
      return sendJson(
        res,
        200,
        [...state.deviceCodes.values()]
          .filter((d) => !d.redeemed && d.expiresAt > now)
          .map((d) => ({ user_code: d.userCode, clientId: d.clientId, approved: d.approved, expiresAt: new Date(d.expiresAt).toISOString() })),
      );
    case 'POST devicecodes/approve': {
      const userCode = str(body, 'user_code');
      const code = [...state.deviceCodes.values()].find((d) => d.userCode.toLowerCase() === userCode.toLowerCase());
      if (!code) throw new RequestError(404, 'notFound', `No device code with user_code "${userCode}".`);
      if (code.expiresAt <= now) throw bad(`Device code "${userCode}" has expired.`);
      const userId = optStr(body, 'userId') ?? code.userId;
      const user = userId === undefined ? undefined : state.findUser(userId);
      if (!user) throw bad(userId === undefined ? 'userId is required: who approves this sign-in.' : `User "${userId}" does not exist.`);
      code.userId = user.id;
      code.approved = true;
      return sendJson(res, 200, { approved: true });
    }
    case 'POST refresh-tokens/revoke': {
      const user = userOf(state, body);
      let revoked = 0;
      for (const token of state.refreshTokens.values()) {
        if (token.userId === user.id && !token.revoked) {
          token.revoked = true;
          revoked++;
        }
      }
      return sendJson(res, 200, { revoked });
    }
    default:
      throw new RequestError(404, 'notFound', `No control call ${req.method} /_emulator/${sub}. See README.md, section Emulator.`);
  }
}

function bad(message: string): RequestError {
  return new RequestError(400, 'invalidRequest', message);
}

function str(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw bad(`${name} is required (a non-empty string).`);
  return value;
}

function optStr(body: Record<string, unknown>, name: string): string | undefined {
  if (body[name] === undefined || body[name] === null) return undefined;
  return str(body, name);
}

function optPositive(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw bad(`${name} must be a positive number.`);
  return value;
}

function optNonNegative(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw bad(`${name} must be a number ≥ 0.`);
  return value;
}

function durationMs(value: unknown, name: string): number {
  if (typeof value !== 'string') throw bad(`${name} must be an ISO 8601 duration such as PT10M.`);
  try {
    return parseDuration(value);
  } catch (err) {
    throw bad(`${name}: ${(err as Error).message}`);
  }
}

function userOf(state: EmulatorState, body: Record<string, unknown>): User {
  const userId = str(body, 'userId');
  const user = state.findUser(userId);
  if (!user) throw bad(`User "${userId}" does not exist; create it with POST /_emulator/users.`);
  return user;
}
