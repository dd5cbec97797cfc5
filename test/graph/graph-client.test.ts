/**
 * The GraphClient against the emulator over real HTTP: every operation's path, headers and body as the
 * emulator saw them, reading presence back, clouds and scopes, token reuse, and no token in errors or logs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../app/graph/graph-client.ts';
import { CLOUDS, presenceScope } from '../../app/graph/clouds.ts';
import { GraphError } from '../../app/graph/graph-errors.ts';
import { DEFAULT_CLIENT_ID } from '../emulator/tokens.ts';
import { memoryLog, startWorld } from './harness.ts';
import type { World } from './harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BUSY = { availability: 'Busy', activity: 'Busy' } as const;
/** The session id of an app session is the app's client id (the emulator's default client). */
const APP = DEFAULT_CLIENT_ID;

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
beforeEach(() => world.mark());

describe('GraphClient operations', () => {
  it('sends each write to /v1.0/me/presence/<action> with the documented body, a bearer token and a fresh client-request-id', async () => {
    const client = world.client();
    await client.setPreferredPresence(BUSY, 60 * 60_000);
    await client.setPreferredPresence({ availability: 'Offline', activity: 'OffWork' });
    await client.clearPreferredPresence();
    await client.setSessionPresence(APP, { availability: 'Available', activity: 'Available' }, 5 * 60_000);
    await client.clearSessionPresence(APP);
    await client.setStatusMessage('In the lab', new Date('2026-11-23T16:00:00Z'), 'Europe/Berlin');
    await client.setStatusMessage('');

    const seen = await world.requests();
    expect(seen.map((r) => [r.method, r.path, r.body, r.status])).toEqual([
      ['POST', '/v1.0/me/presence/setUserPreferredPresence', { availability: 'Busy', activity: 'Busy', expirationDuration: 'PT1H' }, 200],
      ['POST', '/v1.0/me/presence/setUserPreferredPresence', { availability: 'Offline', activity: 'OffWork' }, 200],
      ['POST', '/v1.0/me/presence/clearUserPreferredPresence', {}, 200],
      [
        'POST',
        '/v1.0/me/presence/setPresence',
        { sessionId: APP, availability: 'Available', activity: 'Available', expirationDuration: 'PT5M' },
        200,
      ],
      ['POST', '/v1.0/me/presence/clearPresence', { sessionId: APP }, 200],
      [
        'POST',
        '/v1.0/me/presence/setStatusMessage',
        {
          statusMessage: {
            message: { content: 'In the lab', contentType: 'text' },
            expiryDateTime: { dateTime: '2026-11-23T17:00:00.0000000', timeZone: 'Europe/Berlin' },
          },
        },
        200,
      ],
      ['POST', '/v1.0/me/presence/setStatusMessage', { statusMessage: { message: { content: '', contentType: 'text' } } }, 200],
    ]);
    const token = world.tokens.issued.at(-1);
    const ids = new Set<string>();
    for (const r of seen) {
      expect(r.headers.authorization).toBe(`Bearer ${token}`);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['client-request-id']).toMatch(UUID);
      ids.add(r.headers['client-request-id'] ?? '');
    }
    expect(ids.size).toBe(seen.length);
  });

  it('reads presence back with canonical spellings, the status message and its expiry', async () => {
    const client = world.client();
    await world.control.addSession({
      userId: world.userId,
      sessionId: 'teams-desktop',
      availability: 'Available',
      activity: 'Available',
    });
    await client.setPreferredPresence({ availability: 'DoNotDisturb', activity: 'DoNotDisturb' }, 30 * 60_000);
    await client.setStatusMessage('Focus time', new Date('2026-11-23T11:00:00Z'), 'America/New_York');
    const presence = await client.getPresence();
    expect(presence).toMatchObject({
      availability: 'DoNotDisturb',
      activity: 'DoNotDisturb',
      statusMessage: { content: 'Focus time', expiresAt: '2026-11-23T11:00:00.000Z' },
      outOfOffice: false,
    });
    expect(presence.sequenceNumber).toEqual(expect.any(String));
    const [get] = (await world.requests()).filter((r) => r.method === 'GET');
    expect(get?.path).toBe('/v1.0/me/presence');
    expect(get?.headers.authorization).toMatch(/^Bearer /);
    await client.setStatusMessage('');
    expect((await client.getPresence()).statusMessage).toBeNull();
  });

  it('accepts any 2xx answer of Graph to a write (202, 204), but a read must be a presence resource', async () => {
    const client = world.client({ retry: { maxAttempts: 1 } });
    await world.control.fault({ pathContains: 'setUserPreferredPresence', status: 204, count: 1 });
    await world.control.fault({ pathContains: 'setUserPreferredPresence', status: 202, count: 1 });
    await client.setPreferredPresence(BUSY);
    await client.setPreferredPresence(BUSY);
    // An empty object is not Graph's presence (issue 15 defect 4: it used to read as PresenceUnknown).
    await world.control.fault({ method: 'GET', pathContains: '/me/presence', status: 299, count: 1 });
    await expect(client.getPresence()).rejects.toMatchObject({ code: 'not-graph', retryable: true });
    expect((await world.requests()).map((r) => r.status)).toEqual([204, 202, 299]);
  });

  it('publishes retries to subscribers, survives a throwing one, and stops after unsubscribe', async () => {
    const client = world.client({ random: () => 0 });
    const seen: number[] = [];
    const off = client.onRetry((e) => void seen.push(e.error.status));
    client.onRetry(() => {
      throw new Error('listener bug');
    });
    await world.control.fault({ pathContains: 'clearUserPreferredPresence', status: 500, count: 1 });
    await client.clearPreferredPresence();
    off();
    await world.control.fault({ pathContains: 'clearUserPreferredPresence', status: 502, count: 1 });
    await client.clearPreferredPresence();
    expect(seen).toEqual([500]);
    expect((await world.requests()).map((r) => r.status)).toEqual([500, 200, 502, 200]);
  });

  it('treats a 404 from clearPresence (no such session) as done', async () => {
    await expect(world.client().clearSessionPresence(APP)).resolves.toBeUndefined();
    expect((await world.requests()).map((r) => r.status)).toEqual([404]);
  });

  it('reuses a valid token instead of asking the token source on every request', async () => {
    world.tokens.calls = [];
    const client = world.client();
    for (let i = 0; i < 5; i++) await client.clearPreferredPresence();
    expect(world.tokens.calls).toEqual([{ forceRefresh: false }]);
  });

  it('rejects a pair Graph refuses with bad-request, once, without retrying', async () => {
    const error = await world.client().setPreferredPresence({ availability: 'Busy', activity: 'Available' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ code: 'bad-request', status: 400, graphCode: 'invalidRequest', retryable: false, attempts: 1 });
    expect((await world.requests()).length).toBe(1);
  });

  it('reports a token without Presence.ReadWrite as forbidden, not retried, with the request ids', async () => {
    const { access_token } = await world.control.mintToken({ userId: world.userId, scopes: ['User.Read'] });
    const client = createGraphClient({ baseUrl: world.emulator.url, clock: world.clock, tokens: { getAccessToken: async () => access_token } });
    const error = (await client.clearPreferredPresence().catch((e: unknown) => e)) as GraphError;
    expect(error).toMatchObject({ code: 'forbidden', status: 403, retryable: false });
    const seen = await world.requests();
    expect(seen.length).toBe(1);
    expect(error.clientRequestId).toBe(seen[0]?.headers['client-request-id']);
    expect(error.requestId).toEqual(expect.any(String));
  });
});

describe('clouds', () => {
  it('takes Graph root and scope from the cloud: Global, US Gov L4, US Gov L5', () => {
    const clock = world.clock;
    const tokens = world.tokens;
    expect(createGraphClient({ clock, tokens })).toMatchObject({ baseUrl: 'https://graph.microsoft.com', scope: 'https://graph.microsoft.com/Presence.ReadWrite' });
    expect(createGraphClient({ cloud: 'USGovL4', clock, tokens })).toMatchObject({
      baseUrl: 'https://graph.microsoft.us',
      scope: 'https://graph.microsoft.us/Presence.ReadWrite',
    });
    expect(createGraphClient({ cloud: CLOUDS.USGovL5, clock, tokens })).toMatchObject({
      baseUrl: 'https://dod-graph.microsoft.us',
      scope: 'https://dod-graph.microsoft.us/Presence.ReadWrite',
    });
  });

  it('refuses China with cloud-unsupported and a clear sentence', () => {
    expect(() => createGraphClient({ cloud: 'China', clock: world.clock, tokens: world.tokens })).toThrow(
      expect.objectContaining({ code: 'cloud-unsupported', message: expect.stringMatching(/not available in this cloud/) }),
    );
  });

  it('works against the emulator with a token carrying the US Gov qualified scope', async () => {
    const scope = presenceScope(CLOUDS.USGovL4);
    const { access_token } = await world.control.mintToken({ userId: world.userId, scopes: [scope] });
    const client = createGraphClient({ cloud: 'USGovL4', baseUrl: `${world.emulator.url}/`, clock: world.clock, tokens: { getAccessToken: async () => access_token } });
    expect(client.scope).toBe('https://graph.microsoft.us/Presence.ReadWrite');
    await client.setPreferredPresence(BUSY, 15 * 60_000);
    expect((await world.requests()).map((r) => [r.path, r.status])).toEqual([['/v1.0/me/presence/setUserPreferredPresence', 200]]);
  });
});

describe('secrets', () => {
  it('never puts a token in errors or logs', async () => {
    const log = memoryLog();
    await world.control.fault({ pathContains: 'clearUserPreferredPresence', status: 401, count: 2 });
    const error = (await world.client({ log }).clearPreferredPresence().catch((e: unknown) => e)) as GraphError;
    expect(error.code).toBe('unauthorized');
    const dump = JSON.stringify({ error, json: error.toJSON(), message: error.message, stack: error.stack, log: log.lines });
    expect(log.lines.length).toBeGreaterThan(0);
    for (const token of world.tokens.issued) expect(dump).not.toContain(token);
    expect(dump).not.toMatch(/Bearer/i);
  });
});
