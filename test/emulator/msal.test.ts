/**
 * MSAL for Node itself (PublicClientApplication, msal-node 7.2) against the emulator, over loopback only:
 * interactive sign-in with PKCE through form_post, device code (pending, then approved), silent refresh of a
 * short-lived access token, refused refresh after revocation, and the sign-in outcomes MSAL surfaces.
 * The authority stays https (MSAL refuses http); emulatorAuthorityOptions() hands MSAL metadata whose
 * endpoints are the emulator's.
 */
import type { AuthenticationResult, Configuration } from '@azure/msal-node';
import { PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorUser } from './client.ts';
import { EmulatorControl } from './client.ts';
import { headlessBrowser } from './headless-browser.ts';
import { emulatorAuthorityOptions } from './msal-metadata.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

const CLIENT_ID = '6a1b2c3d-0000-4000-8000-00000000c1d0';
const SCOPES = ['https://graph.microsoft.com/Presence.ReadWrite'];

let emulator: RunningEmulator;
let control: EmulatorControl;
let user: EmulatorUser;

beforeAll(async () => {
  emulator = await startEmulator();
  control = new EmulatorControl(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
});

function msal(tenant = 'organizations'): PublicClientApplication {
  const config: Configuration = { auth: { clientId: CLIENT_ID, ...emulatorAuthorityOptions(emulator.url, tenant) } };
  return new PublicClientApplication(config);
}

async function presenceWith(result: AuthenticationResult): Promise<number> {
  const res = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${result.accessToken}` } });
  await res.text();
  return res.status;
}

/** The rejection of `promise`, as a plain object of the fields MSAL errors carry. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; errorCode: string; errorMessage: string; subError?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { name: string; errorCode: string; errorMessage: string };
  }
  throw new Error('expected a failure');
}

describe('interactive sign-in (auth code + PKCE, form_post)', () => {
  it('signs in, caches the account, and the token works on the Graph side', async () => {
    const pca = msal();
    const result = await pca.acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) });
    expect(result.account?.username).toBe('ada@contoso.com');
    expect(result.account?.name).toBe('Ada Lovelace');
    expect(result.account?.homeAccountId).toBe(`${user.id}.${user.tenantId}`);
    expect(result.account?.tenantId).toBe(user.tenantId);
    expect(result.idTokenClaims).toMatchObject({ oid: user.id, tid: user.tenantId, preferred_username: 'ada@contoso.com' });
    expect(await presenceWith(result)).toBe(200);
    expect(await pca.getTokenCache().getAllAccounts()).toHaveLength(1);

    const identity = await control.requests({ kind: 'identity' });
    const authorize = identity.find((r) => r.path.endsWith('/authorize'));
    expect(authorize?.query).toMatchObject({ response_mode: 'form_post', code_challenge_method: 'S256', client_id: CLIENT_ID });
    const token = identity.find((r) => r.path.endsWith('/token'));
    expect(token?.body).toMatchObject({ grant_type: 'authorization_code' });
    expect((token?.body as Record<string, string>).code_verifier).toBeTruthy();
  });

  it('works for a tenant id, common, and a US Government authority host, touching nothing but loopback', async () => {
    const urls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    try {
      for (const [tenant, host] of [
        [user.tenantId, undefined],
        ['common', undefined],
        ['organizations', 'login.microsoftonline.us'],
      ] as const) {
        const pca = new PublicClientApplication({ auth: { clientId: CLIENT_ID, ...emulatorAuthorityOptions(emulator.url, tenant, host) } });
        const result = await pca.acquireTokenInteractive({ scopes: ['https://graph.microsoft.us/Presence.ReadWrite'], openBrowser: async (url) => void (await headlessBrowser(url)) });
        expect(result.account?.username, tenant).toBe('ada@contoso.com');
        expect(await presenceWith(result)).toBe(200);
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(urls.length).toBeGreaterThan(6);
    expect(urls.filter((u) => !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u))).toEqual([]);
  });

  it('signs in the user chosen by signin/next', async () => {
    const grace = await control.createUser({ displayName: 'Grace Hopper', userPrincipalName: 'grace@contoso.com' });
    await control.nextSignIn({ userId: grace.id });
    const result = await msal().acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) });
    expect(result.account?.username).toBe('grace@contoso.com');
  });

  it.each([
    ['user-cancelled', 'access_denied', 'AADSTS65004'],
    ['consent-required', 'consent_required', 'AADSTS65001'],
    ['admin-consent-required', 'consent_required', 'AADSTS90094'],
    ['app-not-found', 'unauthorized_client', 'AADSTS700016'],
    ['personal-account', 'invalid_request', 'AADSTS50020'],
    ['redirect-uri-mismatch', 'invalid_request', 'AADSTS50011'],
  ] as const)('ends %s as a ServerError %s carrying %s', async (outcome, errorCode, aadsts) => {
    await control.nextSignIn({ outcome });
    const err = await failure(msal().acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) }));
    expect(err.errorCode).toBe(errorCode);
    expect(err.errorMessage).toContain(aadsts);
  });

  it('ends public-client-disabled at the token endpoint with invalid_client AADSTS7000218', async () => {
    await control.nextSignIn({ outcome: 'public-client-disabled' });
    const err = await failure(msal().acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) }));
    expect(err.errorCode).toBe('invalid_client');
    expect(err.errorMessage).toContain('AADSTS7000218');
  });

  it('refuses a personal account at the consumers tenant', async () => {
    const err = await failure(msal('consumers').acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) }));
    expect(err.errorMessage).toContain('AADSTS50020');
  });
});

describe('silent refresh', () => {
  it('refreshes a short-lived access token with the refresh token, then refuses after revocation', async () => {
    // 60 s is inside MSAL's 5-minute renewal window, so MSAL already counts the token as expiring (on the real clock).
    await control.nextSignIn({ expiresInSeconds: 60 });
    const pca = msal();
    const first = await pca.acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) });
    const since = await control.clearRequests();

    const second = await pca.acquireTokenSilent({ scopes: SCOPES, account: first.account! });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.fromCache).toBe(false);
    expect(await presenceWith(second)).toBe(200);
    const refresh = (await control.requests({ kind: 'identity', since })).filter((r) => r.path.endsWith('/token'));
    expect(refresh.map((r) => (r.body as Record<string, string>).grant_type)).toEqual(['refresh_token']);

    await control.revokeRefreshTokens(user.id);
    const err = await failure(pca.acquireTokenSilent({ scopes: SCOPES, account: first.account! }));
    expect(err.name).toBe('InteractionRequiredAuthError');
    expect(err.errorCode).toBe('invalid_grant');
    expect(err.errorMessage).toContain('AADSTS50173');
  });

  it('refuses a refresh token that expired on the virtual clock (AADSTS700082)', async () => {
    await control.settings({ refreshTokenLifetimeSeconds: 3600 });
    await control.nextSignIn({ expiresInSeconds: 60 });
    const pca = msal();
    const first = await pca.acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) });
    await control.advanceClock('PT1H');
    const err = await failure(pca.acquireTokenSilent({ scopes: SCOPES, account: first.account! }));
    expect(err.name).toBe('InteractionRequiredAuthError');
    expect(err.errorMessage).toContain('AADSTS700082');
  });

  it('serves a long-lived access token from the cache without a network call', async () => {
    const pca = msal();
    const first = await pca.acquireTokenInteractive({ scopes: SCOPES, openBrowser: async (url) => void (await headlessBrowser(url)) });
    const since = await control.clearRequests();
    const again = await pca.acquireTokenSilent({ scopes: SCOPES, account: first.account! });
    expect(again.fromCache).toBe(true);
    expect(await control.requests({ kind: 'identity', since })).toEqual([]);
  });
});

describe('device code', () => {
  it('polls while authorization is pending, then gets tokens once approved', async () => {
    await control.settings({ devicePollIntervalSeconds: 0.05 });
    const pca = msal();
    let message = '';
    const result = await pca.acquireTokenByDeviceCode({
      scopes: SCOPES,
      deviceCodeCallback: (response) => {
        message = response.message;
        // Approve only after MSAL has polled at least once and heard authorization_pending.
        setTimeout(() => void control.approveDeviceCode(response.userCode, user.id), 200);
      },
    });
    expect(message).toMatch(/enter the code [A-Z0-9]{9}/);
    expect(result!.account?.username).toBe('ada@contoso.com');
    expect(await presenceWith(result!)).toBe(200);
    const polls = (await control.requests({ kind: 'identity' })).filter((r) => r.path.endsWith('/token'));
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.slice(0, -1).every((r) => r.status === 400)).toBe(true);
    expect(polls.at(-1)?.status).toBe(200);
    expect((polls[0]?.body as Record<string, string>).grant_type).toMatch(/device_code$/);
  });

  it('fails with expired_token once the code expires on the virtual clock', async () => {
    await control.settings({ devicePollIntervalSeconds: 0.05 });
    const pca = msal();
    const err = await failure(
      pca.acquireTokenByDeviceCode({
        scopes: SCOPES,
        deviceCodeCallback: () => void control.advanceClock('PT16M'),
      }),
    );
    expect(JSON.stringify(err)).toContain('expired_token');
  });

  it('reports a cancelled sign-in and a disabled public client', async () => {
    await control.settings({ devicePollIntervalSeconds: 0.05 });
    await control.nextSignIn({ outcome: 'user-cancelled' });
    const cancelled = await failure(msal().acquireTokenByDeviceCode({ scopes: SCOPES, deviceCodeCallback: () => undefined }));
    expect(JSON.stringify(cancelled)).toContain('authorization_declined');
    await control.nextSignIn({ outcome: 'public-client-disabled' });
    const disabled = await failure(msal().acquireTokenByDeviceCode({ scopes: SCOPES, deviceCodeCallback: () => undefined }));
    expect(JSON.stringify(disabled)).toContain('invalid_client');
  });
});
