import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_CODES, mapAuthError } from '../../app/auth/auth-errors.ts';
import { AppFailure } from '../../app/errors.ts';

// The emulator tests (sign-in-errors.test.ts) produce these through MSAL; here each branch is pinned down
// with MSAL's own error classes, including paths the emulator cannot easily reach.
describe('mapAuthError', () => {
  it('branches on AADSTS numbers from error_codes (token endpoint)', () => {
    const cases: [number, string][] = [
      [500200, 'personal-account-not-supported'],
      [65001, 'consent-required'],
      [90094, 'admin-consent-required'],
      [700016, 'app-not-found'],
      [7000218, 'public-client-disabled'],
      [50011, 'redirect-uri-not-registered'],
      [50173, 'sign-in-required'],
      [70008, 'sign-in-required'],
      [90002, 'tenant-not-found'],
      [50194, 'tenant-required'],
    ];
    for (const [aadsts, code] of cases) {
      const error = new ServerError('invalid_grant', 'corr-1', `AADSTS${aadsts}: words`, '', String(aadsts), 400);
      const mapped = mapAuthError(error, 'interactive');
      expect(mapped.code, String(aadsts)).toBe(code);
      expect(mapped.requestId).toBe('corr-1');
    }
  });

  it('reads the AADSTS number that leads an authorize error description (form_post to the loopback)', () => {
    const error = new ServerError('invalid_client', '', 'AADSTS700016: Application with identifier x was not found.');
    expect(mapAuthError(error, 'interactive').code).toBe('app-not-found');
  });

  it('tells a personal account from a guest of another tenant on AADSTS50020 by the identity provider', () => {
    const personal = new ServerError('invalid_request', '', "AADSTS50020: User account 'a@outlook.com' from identity provider 'live.com' does not exist in tenant 'x'.");
    expect(mapAuthError(personal, 'interactive').code).toBe('personal-account-not-supported');
    const guest = new ServerError('invalid_request', '', "AADSTS50020: User account 'a@fabrikam.com' from identity provider 'https://sts.windows.net/abc/' does not exist in tenant 'x'.");
    expect(mapAuthError(guest, 'interactive')).toMatchObject({ code: 'account-not-in-tenant', field: 'connection.tenant' });
  });

  it('uses the recorded server answer where MSAL kept only the error name (device-code polling)', () => {
    const error = new AuthError('post_request_failed', 'corr', 'invalid_client');
    expect(mapAuthError(error, 'device-code', { error: 'invalid_client', error_codes: [7000218] }).code).toBe('public-client-disabled');
    expect(mapAuthError(error, 'device-code').code).toBe('public-client-disabled');
    expect(mapAuthError(new AuthError('post_request_failed', '', 'authorization_declined'), 'device-code').code).toBe('sign-in-cancelled');
    expect(mapAuthError(new AuthError('post_request_failed', '', 'expired_token'), 'device-code').code).toBe('sign-in-timeout');
  });

  it('maps MSAL client codes: network, cancel, expiry, missing tokens', () => {
    expect(mapAuthError(new AuthError('network_error', ''), 'silent')).toMatchObject({ code: 'network-down', retryable: true });
    expect(mapAuthError(new AuthError('device_code_polling_cancelled', ''), 'device-code').code).toBe('sign-in-cancelled');
    expect(mapAuthError(new AuthError('device_code_expired', ''), 'device-code').code).toBe('sign-in-timeout');
    expect(mapAuthError(new InteractionRequiredAuthError('no_tokens_found', ''), 'silent').code).toBe('sign-in-required');
  });

  it('treats a refused refresh as "sign in again" only in the silent flow', () => {
    expect(mapAuthError(new ServerError('invalid_grant', ''), 'silent').code).toBe('sign-in-required');
    expect(mapAuthError(new InteractionRequiredAuthError('interaction_required', ''), 'silent').code).toBe('sign-in-required');
    expect(mapAuthError(new ServerError('invalid_grant', ''), 'interactive').code).toBe('sign-in-failed');
  });

  it('keeps an unknown failure honest: sign-in-failed naming the code, never a stack', () => {
    const mapped = mapAuthError(new ServerError('temporarily_unavailable', '', 'AADSTS12345: words'), 'interactive');
    expect(mapped.code).toBe('sign-in-failed');
    expect(mapped.message).toContain('AADSTS12345');
    expect(mapAuthError(new Error('boom'), 'silent').code).toBe('sign-in-failed');
  });

  it('passes AppFailures through and gives every known code a sentence', () => {
    const own = new AppFailure({ code: 'sign-in-timeout', message: 'x' });
    expect(mapAuthError(own, 'interactive')).toBe(own);
    expect(new Set(AUTH_ERROR_CODES).size).toBe(AUTH_ERROR_CODES.length);
  });
});
