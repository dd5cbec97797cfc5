import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHarness } from './support/auth-harness.ts';
import type { AuthHarness } from './support/auth-harness.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await authHarness();
});
afterAll(async () => {
  await h.close();
});

/**
 * MSAL treats an access token as due for renewal 300 s before it expires, on whole seconds
 * (`now + 300 > expiresOn`): a 301 s token is served from the cache for 1–2 s and refreshed after 2 s.
 */
const RENEWAL_OFFSET_SECONDS = 300;

function tokenRequests(requests: { path: string; body: unknown }[], grant: string): number {
  return requests.filter((r) => r.path.endsWith('/token') && (r.body as Record<string, string> | null)?.grant_type === grant).length;
}

describe('silent token acquisition', () => {
  it('serves the cached token while it is valid and refreshes it once MSAL\'s own clock sees it expire', async () => {
    await h.control.nextSignIn({ userId: h.user.id, expiresInSeconds: RENEWAL_OFFSET_SECONDS + 1 });
    const auth = h.service();
    await auth.start();
    await auth.signIn();
    const since = await h.control.clearRequests();

    const first = await auth.getAccessToken();
    expect(await auth.getAccessToken()).toBe(first);
    expect(tokenRequests(await h.control.requests({ since, kind: 'identity' }), 'refresh_token')).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const [a, b] = await Promise.all([auth.getAccessToken(), auth.getAccessToken()]);
    expect(a).not.toBe(first);
    expect(b).toBe(a); // concurrent callers share one refresh
    expect(tokenRequests(await h.control.requests({ since, kind: 'identity' }), 'refresh_token')).toBe(1);
    expect(auth.view().status).toBe('signed-in');

    // forceRefresh goes to the server even while the token is valid.
    const forced = await auth.getAccessToken({ forceRefresh: true });
    expect(forced).not.toBe(a);
    await auth.signOut();
  });

  it('turns a revoked refresh token into "expired" + sign-in-required, keeps the account shown, and recovers on sign-in', async () => {
    const auth = h.service();
    await auth.start();
    await auth.signIn();
    await h.control.revokeRefreshTokens(h.user.id);

    await expect(auth.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({ code: 'sign-in-required' });
    expect(auth.view()).toMatchObject({
      status: 'expired',
      account: { username: 'ada@contoso.com' },
      error: { code: 'sign-in-required' },
    });

    // While expired, callers are told at once, without hammering the server.
    const since = await h.control.clearRequests();
    await expect(auth.getAccessToken()).rejects.toMatchObject({ code: 'sign-in-required' });
    expect(await h.control.requests({ since, kind: 'identity' })).toEqual([]);

    // A sign-in that fails leaves the user where they were: expired, account still shown.
    await h.control.nextSignIn({ outcome: 'user-cancelled' });
    await expect(auth.signIn()).rejects.toMatchObject({ code: 'sign-in-cancelled' });
    expect(auth.view()).toMatchObject({ status: 'expired', account: { username: 'ada@contoso.com' } });

    await auth.signIn();
    expect(auth.view()).toMatchObject({ status: 'signed-in', error: null });
    expect(await auth.getAccessToken({ forceRefresh: true })).toMatch(/^eyJ/);
    await auth.signOut();
  });

  it('reports network-down (retryable) without signing the user out', async () => {
    const auth = h.service();
    await auth.start();
    await auth.signIn();
    await h.control.fault({ pathContains: '/oauth2/v2.0/token', status: 0, count: 1 });
    await expect(auth.getAccessToken({ forceRefresh: true })).rejects.toMatchObject({ code: 'network-down', retryable: true });
    expect(auth.view()).toMatchObject({ status: 'signed-in' });
    expect(await auth.getAccessToken({ forceRefresh: true })).toMatch(/^eyJ/);
    await auth.signOut();
  });
});
