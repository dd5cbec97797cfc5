import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemoUser } from '../../app/auth/demo-sign-in.ts';
import type { AuthView } from '../../app/control/types.ts';
import { aesEncryptor } from './support/aes-encryptor.ts';
import { authHarness } from './support/auth-harness.ts';
import type { AuthHarness } from './support/auth-harness.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await authHarness();
});
afterAll(async () => {
  await h.close();
});

describe('where tokens live', () => {
  it('keeps tokens in memory on Linux basic_text, says so, and writes nothing', async () => {
    const auth = h.service({ encryptor: aesEncryptor({ backend: 'basic_text' }) });
    await auth.start();
    expect(auth.view()).toMatchObject({ persistent: false, notice: { code: 'no-keyring' } });
    await auth.signIn();
    expect(await auth.getAccessToken()).toMatch(/^eyJ/);
    await expect(stat(h.cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    const restarted = h.service({ encryptor: aesEncryptor({ backend: 'basic_text' }) });
    await restarted.start();
    expect(restarted.view().status).toBe('signed-out');
    await auth.signOut();
  });

  it('moves tokens to disk when the user opts in, and back to memory (deleting the file) when they opt out', async () => {
    const encryptor = aesEncryptor({ key: h.encryptor.key, backend: 'basic_text' });
    const auth = h.service({ encryptor });
    await auth.start();
    await auth.signIn();
    const token = await auth.getAccessToken();

    await auth.setStoreTokensWithoutKeyring(true);
    expect(auth.view()).toMatchObject({ persistent: true, status: 'signed-in', notice: { code: 'tokens-stored-without-keyring' } });
    expect(await auth.getAccessToken()).toBe(token);
    expect(encryptor.decryptString(await readFile(h.cacheFile))).toContain('ada@contoso.com');
    const restarted = h.service({ encryptor, storeTokensWithoutKeyring: true });
    await restarted.start();
    expect(restarted.view().status).toBe('signed-in');

    await auth.setStoreTokensWithoutKeyring(false);
    expect(auth.view()).toMatchObject({ persistent: false, status: 'signed-in', notice: { code: 'no-keyring' } });
    await expect(stat(h.cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await auth.getAccessToken()).toBe(token);
    await auth.signOut();
  });

  it('signs out when the connection really changes, and not when it is saved unchanged', async () => {
    const auth = h.service();
    await auth.start();
    await auth.signIn();
    await auth.setConnection({ cloud: 'Global', tenant: 'Organizations', clientId: '5E3CE6C0-2B1F-4285-8D4B-75EE78787346' });
    expect(auth.view().status).toBe('signed-in');
    await auth.setConnection({ cloud: 'Global', tenant: 'contoso.com', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' });
    expect(auth.view()).toMatchObject({ status: 'signed-out', account: null });
    await expect(stat(h.cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    await auth.setConnection({ cloud: 'Global', tenant: 'contoso.com', clientId: 'nope' });
    expect(auth.view().error).toMatchObject({ code: 'invalid-client-id', field: 'connection.clientId' });
  });
});

describe('demo sign-in', () => {
  it('signs the demo user in without a browser, through the real interactive flow', async () => {
    const grace = await h.control.createUser({ displayName: 'Demo User', userPrincipalName: 'demo@contoso.com' });
    const auth = h.service();
    await auth.start();
    expect(await signInDemoUser(auth, h.emulator.url, grace.id, h.fetch)).toEqual({ name: 'Demo User', username: 'demo@contoso.com' });
    await auth.signOut();
  });
});

describe('no token leaves the service', () => {
  it('never puts a token in a log line, an error or a view', async () => {
    h.logger.lines.length = 0;
    const views: AuthView[] = [];
    await h.control.nextSignIn({ userId: h.user.id, expiresInSeconds: 301 });
    const auth = h.service();
    auth.onChange(() => views.push(auth.view()));
    await auth.start();
    await auth.signIn();
    const tokens = new Set<string>([await auth.getAccessToken(), await auth.getAccessToken({ forceRefresh: true })]);
    const cache = JSON.parse(await h.encryptor.decryptString(await readFile(h.cacheFile))) as Record<string, Record<string, { secret?: string }>>;
    for (const section of ['AccessToken', 'RefreshToken', 'IdToken']) {
      for (const entry of Object.values(cache[section] ?? {})) if (entry.secret) tokens.add(entry.secret);
    }
    await h.control.revokeRefreshTokens(h.user.id);
    await auth.getAccessToken({ forceRefresh: true }).catch(() => undefined);
    await h.control.nextSignIn({ outcome: 'consent-required' });
    await auth.signIn().catch(() => undefined);
    await auth.signOut();

    expect(tokens.size).toBeGreaterThanOrEqual(4); // two access tokens, a refresh token, an id token
    const logged = h.logger.text();
    const shown = JSON.stringify(views);
    expect(h.logger.lines.length).toBeGreaterThan(5);
    expect(views.length).toBeGreaterThan(5);
    for (const token of tokens) {
      expect(logged.includes(token)).toBe(false);
      expect(shown.includes(token)).toBe(false);
    }
    expect(logged).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(shown).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
