import { readFile, readdir, stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserOpener } from '../../app/auth/ports.ts';
import { aesEncryptor } from './support/aes-encryptor.ts';
import { authHarness, rejection, recordingOpener, waitFor } from './support/auth-harness.ts';
import type { AuthHarness } from './support/auth-harness.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await authHarness();
});
afterAll(async () => {
  await h.close();
});

/** An opener that opens nothing: the user never finishes in the browser. Records the URL. */
function idleOpener(urls: string[]): BrowserOpener {
  return async (url) => {
    urls.push(url);
  };
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('interactive sign-in', () => {
  it('signs in through the browser with PKCE and form_post, shows our page, and the token works at Graph', async () => {
    const pages: string[] = [];
    const auth = h.service({ openBrowser: recordingOpener(h, pages) });
    await auth.start();
    expect(auth.view()).toMatchObject({ status: 'signed-out', account: null, persistent: true });
    const statuses: string[] = [];
    auth.onChange(() => statuses.push(auth.view().status));
    const since = await h.control.clearRequests();

    const account = await auth.signIn();
    expect(account).toEqual({ name: 'Ada Lovelace', username: 'ada@contoso.com' });
    expect(auth.view()).toMatchObject({ status: 'signed-in', account, error: null });
    expect(statuses).toEqual(['signing-in', 'signed-in']);
    expect(pages[0]).toContain('You are signed in');

    const token = await auth.getAccessToken();
    const presence = await fetch(`${h.emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${token}` } });
    expect(presence.status).toBe(200);

    const identity = await h.control.requests({ since, kind: 'identity' });
    const authorize = identity.find((r) => r.path.endsWith('/authorize'));
    expect(authorize?.query).toMatchObject({ response_mode: 'form_post', code_challenge_method: 'S256', prompt: 'select_account' });
    expect(authorize?.query.scope?.split(' ').sort()).toEqual(['https://graph.microsoft.com/Presence.ReadWrite', 'offline_access', 'openid', 'profile']);
    const redeem = identity.find((r) => (r.body as Record<string, string> | null)?.grant_type === 'authorization_code');
    expect((redeem?.body as Record<string, string>).code_verifier).toBeTruthy();
    // Nothing left the loopback interface.
    expect(h.fetch.urls.every((u) => new URL(u).hostname === '127.0.0.1' || new URL(u).hostname === 'localhost')).toBe(true);
    await auth.signOut();
  });

  it('keeps the sign-in across a restart in an encrypted 0600 file that another key cannot read', async () => {
    const first = h.service();
    await first.start();
    await first.signIn();
    const token = await first.getAccessToken();
    await first.dispose();

    const raw = await readFile(h.cacheFile);
    expect(raw.toString('latin1')).not.toContain(token);
    expect(raw.toString('latin1')).not.toContain('ada@contoso.com');
    if (process.platform !== 'win32') expect((await stat(h.cacheFile)).mode & 0o777).toBe(0o600);
    expect((await readdir(h.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Restart: a new service over the same file and key is signed in and gets a token without any sign-in.
    const since = await h.control.clearRequests();
    const restarted = h.service();
    await restarted.start();
    expect(restarted.view()).toMatchObject({ status: 'signed-in', account: { username: 'ada@contoso.com' } });
    expect(await restarted.getAccessToken()).toBe(token);
    expect(await h.control.requests({ since, kind: 'identity' })).toEqual([]);

    // Another key (another machine or user profile): signed out, with a message, no crash.
    const stranger = h.service({ encryptor: aesEncryptor() });
    await stranger.start();
    expect(stranger.view()).toMatchObject({ status: 'signed-out', account: null, notice: { code: 'token-cache-unreadable' } });
    await expect(stranger.getAccessToken()).rejects.toMatchObject({ code: 'sign-in-required' });

    // Sign-out leaves no token on disk.
    await restarted.signOut();
    await expect(stat(h.cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(restarted.view()).toMatchObject({ status: 'signed-out', account: null });
    await expect(restarted.getAccessToken()).rejects.toMatchObject({ code: 'sign-in-required' });
    const again = h.service();
    await again.start();
    expect(again.view().status).toBe('signed-out');
  });

  it('holds exactly one account: signing in as someone else replaces the first', async () => {
    const grace = await h.control.createUser({ displayName: 'Grace Hopper', userPrincipalName: 'grace@contoso.com' });
    const auth = h.service();
    await auth.start();
    await auth.signIn();
    await h.control.nextSignIn({ userId: grace.id });
    expect(await auth.signIn()).toEqual({ name: 'Grace Hopper', username: 'grace@contoso.com' });
    const restarted = h.service();
    await restarted.start();
    expect(restarted.view().account).toEqual({ name: 'Grace Hopper', username: 'grace@contoso.com' });
    const cache = h.encryptor.decryptString(await readFile(h.cacheFile));
    expect(cache).not.toContain('ada@contoso.com');
    await auth.signOut();
  });

  it('gives up after the time limit when the browser never comes back, and frees the loopback port', async () => {
    const urls: string[] = [];
    const auth = h.service({ openBrowser: idleOpener(urls), interactiveTimeoutMs: 400 });
    await auth.start();
    const failure = await rejection(auth.signIn());
    expect(failure.code).toBe('sign-in-timeout');
    expect(auth.view()).toMatchObject({ status: 'signed-out', error: { code: 'sign-in-timeout' } });
    const port = Number(new URL(new URL(urls[0] ?? '').searchParams.get('redirect_uri') ?? '').port);
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await portRefuses(port);
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refused).toBe(true);
  });

  it('stops when the user cancels in the app', async () => {
    const urls: string[] = [];
    const auth = h.service({ openBrowser: idleOpener(urls) });
    await auth.start();
    const pending = auth.signIn();
    await waitFor(() => urls.length > 0);
    expect(auth.view().status).toBe('signing-in');
    auth.cancelSignIn();
    expect((await rejection(pending)).code).toBe('sign-in-cancelled');
    expect(auth.view()).toMatchObject({ status: 'signed-out', error: { code: 'sign-in-cancelled' } });
  });

  it('says so when no browser can be opened, and suggests the code', async () => {
    const auth = h.service({ openBrowser: () => Promise.reject(new Error('xdg-open: not found')) });
    await auth.start();
    const failure = await rejection(auth.signIn());
    expect(failure.code).toBe('browser-unavailable');
    expect(failure.message).toMatch(/code/);
  });

  it('refuses to start a sign-in without a valid client id, naming the field', async () => {
    const auth = h.service({ connection: { cloud: 'Global', tenant: 'organizations', clientId: '' } });
    await auth.start();
    expect(auth.view()).toMatchObject({ status: 'signed-out', error: { code: 'client-id-missing', field: 'connection.clientId' } });
    expect((await rejection(auth.signIn())).code).toBe('client-id-missing');
    const china = h.service({ connection: { cloud: 'China', tenant: 'organizations', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' } });
    await china.start();
    expect((await rejection(china.signInWithDeviceCode())).code).toBe('cloud-unsupported');
  });
});
