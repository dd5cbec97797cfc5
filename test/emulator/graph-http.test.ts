/**
 * The emulator's HTTP behaviour around the presence rules: auth (401/403), 405, the error envelope with the
 * client's request id, injected faults (429 + Retry-After, 503, dropped connections, delays), bad requests
 * that never crash or hang it, the request log, reset, and the CLI's first line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import type { EmulatorUser } from './client.ts';
import { EmulatorControl, EmulatorControlError } from './client.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

let emulator: RunningEmulator;
let control: EmulatorControl;
let clock: ManualClock;
let user: EmulatorUser;

beforeAll(async () => {
  clock = new ManualClock('2026-11-23T08:00:00Z');
  emulator = await startEmulator({ clock });
  control = new EmulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
});

async function tokenFor(scopes: string[], extra: { expiresInSeconds?: number; clientId?: string } = {}): Promise<string> {
  return (await control.mintToken({ userId: user.id, scopes, ...extra })).access_token;
}

async function call(method: string, path: string, options: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${emulator.url}/v1.0${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as { error: { code: string; message: string; innerError: Record<string, string> } }) : null };
}

describe('auth', () => {
  it('answers 401 without a token, with a garbage token, a forged token, and an expired one', async () => {
    expect((await call('GET', '/me/presence')).status).toBe(401);
    const garbage = await call('GET', '/me/presence', { token: 'not-a-jwt' });
    expect(garbage.status).toBe(401);
    expect(garbage.json?.error.code).toBe('InvalidAuthenticationToken');
    const good = await tokenFor(['Presence.Read']);
    const [h, p] = good.split('.');
    expect((await call('GET', '/me/presence', { token: `${h}.${p}.AAAA` })).status).toBe(401);

    const short = await tokenFor(['Presence.Read'], { expiresInSeconds: 600 });
    expect((await call('GET', '/me/presence', { token: short })).status).toBe(200);
    await clock.advance(600_000);
    const expired = await call('GET', '/me/presence', { token: short });
    expect(expired.status).toBe(401);
    expect(expired.json?.error.message).toMatch(/expired/);
  });

  it('defaults a token to one hour on the virtual clock', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.advanceClock('PT59M');
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    await control.advanceClock('PT1M');
    expect((await call('GET', '/me/presence', { token })).status).toBe(401);
  });

  it('answers 401 for a token of a user that no longer exists', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.reset();
    expect((await call('GET', '/me/presence', { token })).status).toBe(401);
  });

  it('answers 403 for a token without the presence scope; Presence.Read reads but does not write', async () => {
    const none = await tokenFor(['User.Read']);
    const r = await call('GET', '/me/presence', { token: none });
    expect(r.status).toBe(403);
    expect(r.json?.error.code).toBe('Forbidden');
    const read = await tokenFor(['Presence.Read']);
    expect((await call('GET', '/me/presence', { token: read })).status).toBe(200);
    const write = await call('POST', '/me/presence/setUserPreferredPresence', { token: read, body: '{"availability":"Busy","activity":"Busy"}' });
    expect(write.status).toBe(403);
    expect(write.json?.error.message).toMatch(/Presence\.ReadWrite/);
  });

  it('accepts cloud-qualified scopes', async () => {
    for (const scope of ['https://graph.microsoft.us/Presence.ReadWrite', 'https://dod-graph.microsoft.us/Presence.ReadWrite', 'https://graph.microsoft.com/Presence.ReadWrite']) {
      const token = await tokenFor([scope, 'openid', 'offline_access']);
      const res = await call('POST', '/me/presence/setUserPreferredPresence', { token, body: '{"availability":"Away","activity":"Away"}' });
      expect(res.status, scope).toBe(200);
    }
  });

  it('mints Entra-like JWT claims', async () => {
    const minted = await control.mintToken({ userId: user.id, scopes: ['https://graph.microsoft.us/Presence.ReadWrite'], clientId: 'my-app' });
    const claims = JSON.parse(Buffer.from(minted.access_token.split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({ oid: user.id, tid: user.tenantId, appid: 'my-app', azp: 'my-app', scp: 'Presence.ReadWrite', aud: 'https://graph.microsoft.us' });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(new Date(minted.expiresAt).getTime()).toBe(claims.exp * 1000);
  });
});

describe('envelope and methods', () => {
  it('answers PATCH on presence with 405 in the Graph envelope, echoing client-request-id', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    const res = await call('PATCH', `/users/${user.id}/presence`, { token, body: '{"availability":"Busy"}', headers: { 'client-request-id': 'req-42' } });
    expect(res.status).toBe(405);
    expect(res.json?.error.code).toBe('MethodNotAllowed');
    expect(res.json?.error.innerError['client-request-id']).toBe('req-42');
    expect(res.json?.error.innerError['request-id']).toMatch(/[0-9a-f-]{36}/);
    expect(res.json?.error.innerError.date).toBe((await control.now()).slice(0, 19)); // dated on the virtual clock
    expect(res.headers.get('client-request-id')).toBe('req-42');
  });

  it('answers GET on an action and POST on the resource with 405', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    expect((await call('GET', '/me/presence/setPresence', { token })).status).toBe(405);
    expect((await call('POST', '/me/presence', { token, body: '{}' })).status).toBe(405);
  });

  it('answers 400 for unknown segments and an unknown user, and keeps answering after bad requests', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    expect((await call('POST', '/me/presence/setEverything', { token, body: '{}' })).status).toBe(400);
    const unknown = await call('GET', '/users/nobody@contoso.com/presence', { token });
    expect(unknown.status).toBe(400);
    expect(unknown.json?.error.message).toMatch(/nobody@contoso.com/);
    const bodies = ['{', 'null', '[]', '"x"', '{"availability":5,"activity":"Busy"}', '{"activity":"Busy"}', '\u0000\u0001'];
    for (const body of bodies) {
      const res = await call('POST', '/me/presence/setUserPreferredPresence', { token, body });
      expect(res.status, body).toBe(400);
      expect(res.json?.error.message.length).toBeGreaterThan(10);
    }
    expect((await call('GET', '/users/%E0%A4%A/presence', { token })).status).toBe(400);
    const malformed = await call('POST', '/me/presence/setPresence', { token, body: '{"sessionId":' });
    expect(malformed.json?.error.message).toMatch(/JSON/);
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
  });

  it('refuses a body over 1 MiB without hanging', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    const res = await call('POST', '/me/presence/setStatusMessage', { token, body: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(res.status).toBe(413);
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
  });

  it('accepts the SDK-style namespaced action segment', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    const res = await call('POST', '/me/presence/microsoft.graph.setUserPreferredPresence', { token, body: '{"availability":"Away","activity":"Away"}' });
    expect(res.status).toBe(200);
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After and the code asked for, for exactly count requests', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.fault({ method: 'POST', pathContains: 'setUserPreferredPresence', status: 429, count: 2, retryAfterSeconds: 7 });
    const body = '{"availability":"Busy","activity":"Busy"}';
    expect((await call('GET', '/me/presence', { token })).status).toBe(200); // method does not match
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/me/presence/setUserPreferredPresence', { token, body, headers: { 'client-request-id': `try-${i}` } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.json?.error.code).toBe('TooManyRequests');
      expect(res.json?.error.innerError['client-request-id']).toBe(`try-${i}`);
    }
    expect((await call('POST', '/me/presence/setUserPreferredPresence', { token, body })).status).toBe(200);
  });

  it('answers 503 with a custom code, and clears faults on reset', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.fault({ status: 503, count: 5, code: 'serviceNotAvailable', retryAfterSeconds: 1 });
    const res = await call('GET', '/me/presence', { token });
    expect(res.status).toBe(503);
    expect(res.json?.error.code).toBe('serviceNotAvailable');
    await control.clearFaults();
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
  });

  it('drops the connection for status 0', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.fault({ status: 0 });
    await expect(call('GET', '/me/presence', { token })).rejects.toThrow();
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    const log = await control.requests();
    expect(log.map((r) => r.status)).toEqual([0, 200]);
  });

  it('delays an answer (real time) so a client timeout fires', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await control.fault({ delayMs: 2_000 });
    const started = performance.now();
    const aborted = fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(150) });
    await expect(aborted).rejects.toThrow(/abort|timeout/i);
    expect(performance.now() - started).toBeLessThan(1_500);
    await control.fault({ delayMs: 100 });
    const t0 = performance.now();
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
  });

  it('leaves identity paths alone unless pathContains names them', async () => {
    await control.fault({ status: 500 });
    const oidc = await fetch(`${emulator.url}/organizations/v2.0/.well-known/openid-configuration`);
    expect(oidc.status).toBe(200);
    await control.fault({ reset: true, status: 503, pathContains: '/oauth2/v2.0/token' });
    const token = await fetch(`${emulator.url}/organizations/oauth2/v2.0/token`, { method: 'POST', body: 'grant_type=x' });
    expect(token.status).toBe(503);
  });

  it('throttles like Graph when a limit is set: 429 with Retry-After on the virtual clock, per app', async () => {
    await control.settings({ graphRequestLimit: 3 });
    const token = await tokenFor(['Presence.ReadWrite']);
    for (let i = 0; i < 3; i++) expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    await clock.advance(10_000);
    const throttled = await call('GET', '/me/presence', { token });
    expect(throttled.status).toBe(429);
    expect(throttled.json?.error.code).toBe('TooManyRequests');
    expect(throttled.headers.get('retry-after')).toBe('20');
    const otherApp = await tokenFor(['Presence.ReadWrite'], { clientId: 'another-app' });
    expect((await call('GET', '/me/presence', { token: otherApp })).status).toBe(200);
    await clock.advance(20_000);
    // The first three have left the window; the refused request at +10 s used no slot (issue 15 defect 6).
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    expect((await call('GET', '/me/presence', { token })).status).toBe(200);
    expect((await call('GET', '/me/presence', { token })).status).toBe(429);
  });

  it('refuses a nonsense fault', async () => {
    await expect(control.fault({ status: 42 })).rejects.toBeInstanceOf(EmulatorControlError);
    await expect(control.fault({})).rejects.toThrow(/status is required/);
  });
});

describe('request log', () => {
  it('lists Graph requests in order with method, path, headers and parsed body; since and clear work', async () => {
    const token = await tokenFor(['Presence.ReadWrite']);
    await call('GET', '/me/presence', { token, headers: { 'client-request-id': 'a' } });
    await call('POST', '/me/presence/setUserPreferredPresence?x=1', { token, body: '{"availability":"Busy","activity":"Busy"}' });
    const log = await control.requests();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ method: 'GET', path: '/v1.0/me/presence', status: 200 });
    expect(log[0]?.headers['client-request-id']).toBe('a');
    expect(log[1]).toMatchObject({ method: 'POST', path: '/v1.0/me/presence/setUserPreferredPresence', query: { x: '1' }, body: { availability: 'Busy', activity: 'Busy' } });
    const next = await control.clearRequests();
    expect(await control.requests()).toEqual([]);
    await call('GET', '/me/presence', { token });
    const since = await control.requests({ since: next });
    expect(since).toHaveLength(1);
    expect(since[0]?.index).toBe(next);
    expect(await control.requests({ since: next + 1 })).toEqual([]);
    expect((await fetch(`${emulator.url}/_emulator/requests?since=soon`)).status).toBe(400);
  });
});

describe('control API', () => {
  it('refuses bad calls with a message instead of crashing', async () => {
    await expect(control.createUser({ displayName: 'x', userPrincipalName: 'not-an-upn' })).rejects.toThrow(/userPrincipalName/);
    await expect(control.createUser({ displayName: 'dup', userPrincipalName: 'ADA@contoso.com' })).rejects.toThrow(/already exists/);
    await expect(control.mintToken({ userId: 'ghost', scopes: ['Presence.Read'] })).rejects.toThrow(/does not exist/);
    await expect(control.addSession({ userId: user.id, sessionId: 's', availability: 'Sleepy', activity: 'Away' })).rejects.toThrow(/availability/);
    await expect(control.advanceClock('soon')).rejects.toThrow(/advance/);
    await expect(control.setClock('yesterday')).rejects.toThrow(/ISO instant/);
    await expect(control.nextSignIn({ outcome: 'maybe' as never })).rejects.toThrow(/outcome/);
    const res = await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', body: '{oops' });
    expect(res.status).toBe(400);
    expect((await fetch(`${emulator.url}/_emulator/nothing`)).status).toBe(404);
    expect(await control.users()).toHaveLength(1);
  });

  it('sets and reads the virtual clock', async () => {
    expect(await control.setClock('2027-01-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(await control.advanceClock('PT1H30M')).toBe('2027-01-01T01:30:00.000Z');
    await clock.advance(1000);
    expect(await control.now()).toBe('2027-01-01T01:30:01.000Z');
    expect(await control.advanceClock(250)).toBe('2027-01-01T01:30:01.250Z');
  });
});

describe('command line', () => {
  it('prints the base URL on its first stdout line and serves there', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const firstLine = chunk.toString().split('\n')[0] as string;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(firstLine)?.[0];
      expect(url, firstLine).toBeDefined();
      const clockRes = await fetch(`${url}/_emulator/clock`);
      expect(clockRes.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
