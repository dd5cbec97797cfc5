import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHarness, rejection, recordingOpener } from './support/auth-harness.ts';
import type { AuthHarness } from './support/auth-harness.ts';

let h: AuthHarness;
beforeAll(async () => {
  h = await authHarness();
});
afterAll(async () => {
  await h.close();
});

describe('interactive sign-in failures, produced by the emulator', () => {
  const cases = [
    ['user-cancelled', 'sign-in-cancelled', undefined],
    ['consent-required', 'consent-required', undefined],
    ['admin-consent-required', 'admin-consent-required', undefined],
    ['app-not-found', 'app-not-found', 'connection.clientId'],
    ['personal-account', 'personal-account-not-supported', undefined],
    ['public-client-disabled', 'public-client-disabled', 'connection.clientId'],
    ['redirect-uri-mismatch', 'redirect-uri-not-registered', 'connection.clientId'],
  ] as const;

  for (const [outcome, code, field] of cases) {
    it(`${outcome} → ${code}`, async () => {
      await h.control.nextSignIn({ outcome, userId: h.user.id });
      const pages: string[] = [];
      const auth = h.service({ openBrowser: recordingOpener(h, pages) });
      await auth.start();
      const failure = await rejection(auth.signIn());
      expect(failure.code).toBe(code);
      expect(failure.field).toBe(field);
      expect(failure.message.length).toBeGreaterThan(30);
      expect(failure.message).not.toMatch(/AADSTS|at \w+ \(|Error:/); // a sentence, not a dump
      expect(auth.view()).toMatchObject({ status: 'signed-out', account: null, error: { code } });
      // Errors reported to the loopback show our own page.
      if (outcome !== 'public-client-disabled') expect(pages[0]).toContain('Sign-in did not finish');
    });
  }

  it('a refused device-code request because the network is down → network-down', async () => {
    await h.control.fault({ pathContains: '/oauth2/v2.0/devicecode', status: 0, count: 1 });
    const auth = h.service();
    await auth.start();
    const failure = await rejection(auth.signInWithDeviceCode());
    expect(failure).toMatchObject({ code: 'network-down', retryable: true });
  });

  it('a tenant that is a consumer tenant is refused before any request', async () => {
    const since = await h.control.clearRequests();
    const auth = h.service({ connection: { cloud: 'Global', tenant: 'consumers', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' } });
    await auth.start();
    expect((await rejection(auth.signIn())).code).toBe('personal-account-not-supported');
    expect(await h.control.requests({ since, kind: 'identity' })).toEqual([]);
  });
});
