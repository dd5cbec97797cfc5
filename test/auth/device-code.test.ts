import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authHarness, rejection, waitFor } from './support/auth-harness.ts';
import type { AuthHarness } from './support/auth-harness.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await authHarness();
});
beforeEach(async () => {
  // Poll fast so a "pending, then approved" run takes well under a second.
  await h.control.settings({ devicePollIntervalSeconds: 0.1 });
});
afterAll(async () => {
  await h.close();
});

describe('device-code sign-in', () => {
  it('shows the code and URL, keeps polling while pending, and signs in once the user approves', async () => {
    const auth = h.service();
    await auth.start();
    const since = await h.control.clearRequests();
    const pending = auth.signInWithDeviceCode();
    const code = await waitFor(() => auth.view().deviceCode);
    expect(auth.view().status).toBe('signing-in');
    expect(code.userCode).toMatch(/^[A-Z0-9]{6,}$/);
    expect(code.verificationUri).toBe(`${h.emulator.url}/devicelogin`);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    // Let MSAL poll a few times while the user has not approved yet.
    let polls: { status?: number }[] = [];
    for (let i = 0; i < 100 && polls.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      polls = (await h.control.requests({ since, kind: 'identity' })).filter((r) => r.path.endsWith('/token') && r.status !== undefined);
    }
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.every((r) => r.status === 400)).toBe(true); // authorization_pending
    expect(auth.view().status).toBe('signing-in');

    await h.control.approveDeviceCode(code.userCode, h.user.id);
    expect(await pending).toEqual({ name: 'Ada Lovelace', username: 'ada@contoso.com' });
    expect(auth.view()).toMatchObject({ status: 'signed-in', deviceCode: null });
    expect(await auth.getAccessToken()).toMatch(/^eyJ/);
    await auth.signOut();
  });

  it('can be cancelled while waiting: the code disappears and nothing signs in later', async () => {
    const auth = h.service();
    await auth.start();
    const pending = auth.signInWithDeviceCode();
    const code = await waitFor(() => auth.view().deviceCode);
    auth.cancelSignIn();
    expect((await rejection(pending)).code).toBe('sign-in-cancelled');
    expect(auth.view()).toMatchObject({ status: 'signed-out', deviceCode: null, account: null });
    // MSAL stops polling at its next turn; an approval now comes too late to sign anyone in.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await h.control.approveDeviceCode(code.userCode, h.user.id).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(auth.view()).toMatchObject({ status: 'signed-out', account: null });
  });

  it('maps the emulator\'s refusals to actionable codes', async () => {
    const cases = [
      ['public-client-disabled', 'public-client-disabled', 'connection.clientId'],
      ['app-not-found', 'app-not-found', 'connection.clientId'],
      ['user-cancelled', 'sign-in-cancelled', undefined],
      ['consent-required', 'consent-required', undefined],
      ['admin-consent-required', 'admin-consent-required', undefined],
      ['personal-account', 'personal-account-not-supported', undefined],
    ] as const;
    for (const [outcome, code, field] of cases) {
      await h.control.nextSignIn({ outcome, userId: h.user.id });
      const auth = h.service();
      await auth.start();
      const pending = auth.signInWithDeviceCode();
      const shown = await Promise.race([waitFor(() => auth.view().deviceCode, 2_000).catch(() => null), pending.catch(() => null)]);
      if (shown && 'userCode' in shown) await h.control.approveDeviceCode(shown.userCode, h.user.id).catch(() => undefined);
      const failure = await rejection(pending);
      expect(failure.code, outcome).toBe(code);
      if (field) expect(failure.field, outcome).toBe(field);
      expect(auth.view(), outcome).toMatchObject({ status: 'signed-out', deviceCode: null, error: { code } });
    }
  });
});
