/**
 * The identity endpoints spoken to with a plain HTTP client (no MSAL): the `query` and `fragment` response
 * modes, the form_post page, PKCE checks, one-time codes, both device_code grant spellings, query strings on
 * the token path, refresh, discovery documents, and the id_token / client_info contents.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import type { EmulatorUser } from './client.ts';
import { EmulatorControl } from './client.ts';
import { headlessBrowser } from './headless-browser.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

const CLIENT_ID = 'a0a0a0a0-1111-4222-8333-444444444444';
const REDIRECT = 'http://localhost:53111/';
const SCOPE = 'https://graph.microsoft.com/Presence.ReadWrite openid profile offline_access';

let emulator: RunningEmulator;
let control: EmulatorControl;
let user: EmulatorUser;
const clock = new ManualClock('2026-11-23T08:00:00Z');

beforeAll(async () => {
  emulator = await startEmulator({ clock });
  control = new EmulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>, tenant = 'organizations'): string {
  const q = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', scope: SCOPE, state: 'st-1', ...params });
  return `${emulator.url}/${tenant}/oauth2/v2.0/authorize?${q}`;
}

async function authorizeQuery(params: Record<string, string>): Promise<URL> {
  const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

async function token(form: Record<string, string>, path = '/organizations/oauth2/v2.0/token'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const claimsOf = (jwt: unknown): Record<string, unknown> => JSON.parse(Buffer.from(String(jwt).split('.')[1] as string, 'base64url').toString());

describe('authorization code with PKCE', () => {
  it('redirects with code and state in query mode, and the code redeems once with the right verifier', async () => {
    const { verifier, challenge } = pkce();
    const location = await authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'query', nonce: 'n-1' });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-1');
    const code = location.searchParams.get('code') as string;
    expect(code).toBeTruthy();

    const wrong = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: pkce().verifier, scope: SCOPE });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(String(wrong.json.error_description)).toMatch(/^AADSTS501481: /);

    const { verifier: v2, challenge: c2 } = pkce();
    const code2 = (await authorizeQuery({ code_challenge: c2, code_challenge_method: 'S256' })).searchParams.get('code') as string;
    const ok = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code: code2, redirect_uri: REDIRECT, code_verifier: v2, scope: SCOPE });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPE });
    expect(ok.json.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(String(ok.json.client_info), 'base64url').toString())).toEqual({ uid: user.id, utid: user.tenantId });
    expect(claimsOf(ok.json.id_token)).toMatchObject({ aud: CLIENT_ID, oid: user.id, tid: user.tenantId, preferred_username: 'ada@contoso.com', name: 'Ada Lovelace' });
    expect(claimsOf(ok.json.id_token).sub).toBeTruthy();

    const graph = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${ok.json.access_token}` } });
    expect(graph.status).toBe(200);

    const reused = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code: code2, redirect_uri: REDIRECT, code_verifier: v2 });
    expect(reused.json).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
    void verifier;
  });

  it('carries the nonce into the id_token', async () => {
    const { verifier, challenge } = pkce();
    const code = (await authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256', nonce: 'abc' })).searchParams.get('code') as string;
    const ok = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier, scope: SCOPE });
    expect(claimsOf(ok.json.id_token).nonce).toBe('abc');
  });

  it('expires an unredeemed code after 10 minutes on the virtual clock', async () => {
    const { verifier, challenge } = pkce();
    const code = (await authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code') as string;
    await clock.advance(10 * 60_000);
    const late = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(late.json).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('serves fragment mode and an auto-posting form in form_post mode', async () => {
    const { challenge } = pkce();
    const fragment = await authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'fragment' });
    expect(new URLSearchParams(fragment.hash.slice(1)).get('code')).toBeTruthy();

    const page = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post' }));
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toMatch(/<body onload="document.forms\[0\].submit\(\)">/);
    expect(html).toContain(`action="${REDIRECT}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toMatch(/name="state" value="st-1"/);
  });

  it('requires PKCE with S256 and a redirect_uri', async () => {
    const missing = await authorizeQuery({});
    expect(missing.searchParams.get('error')).toBe('invalid_request');
    expect(missing.searchParams.get('state')).toBe('st-1');
    const plain = await authorizeQuery({ code_challenge: 'x', code_challenge_method: 'plain' });
    expect(plain.searchParams.get('error_description')).toMatch(/S256/);
    const noRedirect = await fetch(`${emulator.url}/common/oauth2/v2.0/authorize?client_id=${CLIENT_ID}&response_type=code`);
    expect(noRedirect.status).toBe(400);
    expect(await noRedirect.text()).toMatch(/redirect_uri/);
  });

  it('delivers signin/next outcomes to the redirect URI as OAuth errors', async () => {
    const { challenge } = pkce();
    await control.nextSignIn({ outcome: 'consent-required' });
    const visit = await headlessBrowser(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post' }));
    expect(visit.fields).toMatchObject({ error: 'consent_required', state: 'st-1', error_codes: '65001' });
    expect(visit.fields.error_description).toMatch(/^AADSTS65001: /);
    const consumer = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }, 'consumers'), { redirect: 'manual' });
    expect(new URL(consumer.headers.get('location') as string).searchParams.get('error_description')).toMatch(/^AADSTS50020: /);
  });
});

describe('refresh token', () => {
  it('mints new tokens, honours signin/next lifetimes, and refuses after revocation with AADSTS50173', async () => {
    await control.nextSignIn({ expiresInSeconds: 5 });
    const { verifier, challenge } = pkce();
    const code = (await authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code') as string;
    const first = await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT, code_verifier: verifier, scope: SCOPE });
    expect(first.json.expires_in).toBe(5);
    const refreshed = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: String(first.json.refresh_token), scope: SCOPE });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.expires_in).toBe(5);
    expect(refreshed.json.access_token).not.toBe(first.json.access_token);
    const otherClient = await token({ grant_type: 'refresh_token', client_id: 'someone-else', refresh_token: String(first.json.refresh_token) });
    expect(otherClient.json.error).toBe('invalid_grant');

    expect(await control.revokeRefreshTokens(user.id)).toEqual({ revoked: 2 });
    const refused = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: String(refreshed.json.refresh_token) });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: 'invalid_grant', error_codes: [50173], suberror: 'bad_token' });
    const unknown = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: 'nope' });
    expect(unknown.json.error).toBe('invalid_grant');
  });
});

describe('device code', () => {
  it('accepts both grant spellings, ignores query strings on the path, and expires on the virtual clock', async () => {
    const start = async () => {
      const res = await fetch(`${emulator.url}/organizations/oauth2/v2.0/devicecode?client-request-id=xyz`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: CLIENT_ID, scope: SCOPE }).toString(),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { device_code: string; user_code: string; expires_in: number; interval: number; verification_uri: string; message: string };
    };
    const dc = await start();
    expect(dc).toMatchObject({ expires_in: 900, interval: 5 });
    expect(dc.message).toContain(dc.user_code);
    const path = '/organizations/oauth2/v2.0/token?client-request-id=abc&x-client-SKU=test';

    for (const grant_type of ['device_code', 'urn:ietf:params:oauth:grant-type:device_code']) {
      const d = grant_type === 'device_code' ? dc : await start();
      const pending = await token({ grant_type, client_id: CLIENT_ID, device_code: d.device_code }, path);
      expect(pending.json).toMatchObject({ error: 'authorization_pending', error_codes: [70016] });
      expect((await control.deviceCodes()).some((c) => c.user_code === d.user_code)).toBe(true);
      await control.approveDeviceCode(d.user_code, user.id);
      const done = await token({ grant_type, client_id: CLIENT_ID, device_code: d.device_code }, path);
      expect(done.status, grant_type).toBe(200);
      expect(claimsOf(done.json.id_token).oid).toBe(user.id);
    }

    const late = await start();
    await clock.advance(900_000);
    const expired = await token({ grant_type: 'device_code', client_id: CLIENT_ID, device_code: late.device_code }, path);
    expect(expired.json).toMatchObject({ error: 'expired_token', error_codes: [70019] });
    await expect(control.approveDeviceCode(late.user_code, user.id)).rejects.toThrow(/expired/);
  });

  it('lets a person approve a code on the /devicelogin page (demo mode)', async () => {
    const res = await fetch(`${emulator.url}/organizations/oauth2/v2.0/devicecode`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, scope: SCOPE }) });
    const dc = (await res.json()) as { device_code: string; user_code: string; verification_uri: string };
    const page = await fetch(dc.verification_uri);
    expect(await page.text()).toContain(`value="${user.id}"`);
    const wrong = await fetch(dc.verification_uri, { method: 'POST', body: new URLSearchParams({ user_code: 'NOPE', userId: user.id }) });
    expect(wrong.status).toBe(400);
    const ok = await fetch(dc.verification_uri, { method: 'POST', body: new URLSearchParams({ user_code: dc.user_code.toLowerCase(), userId: user.id }) });
    expect(await ok.text()).toContain('You are signed in as Ada Lovelace');
    const done = await token({ grant_type: 'device_code', client_id: CLIENT_ID, device_code: dc.device_code });
    expect(done.status).toBe(200);
  });

  it('refuses an app that is not found at the devicecode endpoint', async () => {
    await control.nextSignIn({ outcome: 'app-not-found' });
    const res = await fetch(`${emulator.url}/organizations/oauth2/v2.0/devicecode`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, scope: SCOPE }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
  });

  it('answers unknown grants and missing fields with OAuth errors', async () => {
    expect((await token({ grant_type: 'password', client_id: CLIENT_ID })).json).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await token({ grant_type: 'refresh_token' })).json).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${emulator.url}/organizations/oauth2/v2.0/token`)).status).toBe(405);
  });
});

describe('discovery', () => {
  it('serves the OpenID configuration and instance discovery pointing at itself', async () => {
    const oidc = (await (await fetch(`${emulator.url}/organizations/v2.0/.well-known/openid-configuration?x=1`)).json()) as Record<string, string>;
    expect(oidc.token_endpoint).toBe(`${emulator.url}/organizations/oauth2/v2.0/token`);
    expect(oidc.authorization_endpoint).toBe(`${emulator.url}/organizations/oauth2/v2.0/authorize`);
    expect(oidc.device_authorization_endpoint).toBe(`${emulator.url}/organizations/oauth2/v2.0/devicecode`);
    expect(oidc.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    const broken = await fetch(`${emulator.url}/%E0%A4%A/v2.0/.well-known/openid-configuration`);
    expect(broken.status).toBe(400);
    const instance = (await (await fetch(`${emulator.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize`)).json()) as Record<string, unknown>;
    expect(instance.tenant_discovery_endpoint).toBe(`${emulator.url}/organizations/v2.0/.well-known/openid-configuration`);
  });
});
