import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText } from '../../app/log/redact.ts';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ oid: '6f1c2e8a', scp: 'Presence.ReadWrite' })}.${Buffer.from('a signature that is long enough').toString('base64url')}`;
const REFRESH = '0.AXoA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz-abc_def9Q';

describe('redactText hides', () => {
  it.each([
    ['a JWT anywhere in text', `token was ${JWT} today`, JWT],
    ['an unsigned JWT', `${JWT.split('.').slice(0, 2).join('.')}.`, JWT.split('.')[1] as string],
    ['a Bearer token', 'Authorization: Bearer abc123.def-ghi_jkl', 'abc123'],
    ['an authorization code in a redirect URL', 'http://localhost:5173/?code=0.AXoAbc12-_xyz&state=s1', '0.AXoAbc12'],
    ['a short code query parameter', 'https://x/cb?code=abc&state=1', '=abc'],
    ['a refresh_token form parameter', `grant_type=refresh_token&refresh_token=${REFRESH}&client_id=x`, REFRESH],
    ['an access_token in JSON text', '{"access_token":"opaque-thing","expires_in":3599}', 'opaque-thing'],
    ['an id_token in JSON text', '{"id_token": "whatever-it-is"}', 'whatever-it-is'],
    ['a client_secret', 'client_secret=s3cr3t~value&x=1', 's3cr3t'],
    ['a password in prose', 'password: hunter2 was typed', 'hunter2'],
    ['a client assertion', 'client_assertion=abc.def.ghi', 'abc.def'],
    ['an assertion', 'assertion=signedthing', 'signedthing'],
    ['a camelCase accessToken in JSON text', '{"accessToken":"xyz"}', 'xyz'],
    ['a device code', 'device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', 'GmRhmhcx'],
    ['a long opaque secret', 'key 4Kq9zX2mP7vR1tY8wL3nB6cD0fG5hJ2kM9sQ7e here', '4Kq9zX2m'],
    ['a long hex secret', 'hex 3f9a8b7c6d5e4f30a1b2c3d4e5f60718293a4b5c', '3f9a8b7c'],
  ])('%s', (_what, text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });
});

describe('redactText leaves normal text alone', () => {
  it.each([
    'request 6f1c2e8a-1b2c-4d5e-8f90-1234567890ab at 2026-11-23T10:36:00.123Z for PT1H30M',
    'client-request-id 6f1c2e8a-1b2c-4d5e-8f90-1234567890ab_0b2c2e8a-1b2c-4d5e-8f90-1234567890ab',
    'expires 2026-11-23T17:00:00.0000000 in W. Europe Standard Time; P1DT2H; PT30M',
    'backup settings.json.corrupt-2026-11-23T10-36-00-000Z created',
    '/home/user/.config/presence-tray/logs/main.log.1 and node_modules/electron-builder/out/targets/nsis/NsisTarget.js',
    'https://graph.microsoft.com/v1.0/me/presence/setUserPreferredPresence answered 429',
    'graph error code: TooManyRequests, code=invalid_grant; AADSTS50076; sequenceNumber C2E4F1A0',
    'grant_type=refresh_token&client_id=6f1c2e8a-1b2c-4d5e-8f90-1234567890ab&scope=openid',
    'the bearer of bad news; token expired; the password field is empty',
    'presence-tray-settings-window-preview-draft-v2 Busy/InACall DoNotDisturb 1500 requests per 30 seconds',
    'login.microsoftonline.com dod-graph.microsoft.us 127.0.0.1:53123',
  ])('%s', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redact (values)', () => {
  it('hides secret keys at any depth, whatever their spelling', () => {
    const out = redact({
      accessToken: 'a',
      nested: { refresh_token: 'b', deeper: [{ id_token: 'c' }, { 'client-secret': 'd' }], headers: { Authorization: 'Bearer zzz' } },
      Password: 'e',
      assertion: 'f',
    });
    expect(out).toEqual({
      accessToken: REDACTED,
      nested: { refresh_token: REDACTED, deeper: [{ id_token: REDACTED }, { 'client-secret': REDACTED }], headers: { Authorization: REDACTED } },
      Password: REDACTED,
      assertion: REDACTED,
    });
  });

  it('keeps an error code under a code key but hides an authorization code', () => {
    expect(redact({ code: 'sign-in-required' })).toEqual({ code: 'sign-in-required' });
    expect(redact({ code: 'invalid_grant' })).toEqual({ code: 'invalid_grant' });
    expect(redact({ error: { code: 'TooManyRequests' } })).toEqual({ error: { code: 'TooManyRequests' } });
    expect(redact({ code: 404 })).toEqual({ code: 404 });
    expect(redact({ code: '0.AXoAbc12-_xyz.more' })).toEqual({ code: REDACTED });
    expect(redact({ code: 'c0de5f3a9b8e7d6c5b4a3f2e1d0c9b8a' })).toEqual({ code: REDACTED });
  });

  it('redacts strings inside arrays, Maps, Sets and URLs', () => {
    const out = redact({ list: [`x ${JWT}`], map: new Map([['token', 'm']]), set: new Set([JWT]), url: new URL('https://x.test/cb?code=abc123&state=1') });
    expect(JSON.stringify(out)).not.toMatch(/eyJ|abc123|"m"/);
    expect((out as { url: string }).url).toBe(`https://x.test/cb?code=${REDACTED}&state=1`);
  });

  it('turns an Error into plain fields and redacts its message, stack, own fields and cause', () => {
    const cause = new Error(`refresh failed: refresh_token=${REFRESH}`);
    const error = Object.assign(new Error(`401 for Bearer ${JWT}`, { cause }), { errorCode: 'invalid_grant', accessToken: 'leak' });
    const out = redact(error) as Record<string, unknown>;
    expect(out.name).toBe('Error');
    expect(out.message).toBe(`401 for Bearer ${REDACTED}`);
    expect(out.errorCode).toBe('invalid_grant');
    expect(out.accessToken).toBe(REDACTED);
    expect(String(out.stack)).toContain('401 for Bearer [REDACTED]');
    expect(JSON.stringify(out)).not.toContain(REFRESH);
    expect(JSON.stringify(out)).not.toContain(JWT.slice(0, 20));
  });

  it('keeps numbers, booleans, null and dates; cuts cycles; never changes the input', () => {
    const input: Record<string, unknown> = { n: 1, b: true, z: null, at: new Date('2026-11-23T10:00:00Z'), guid: '6f1c2e8a-1b2c-4d5e-8f90-1234567890ab' };
    input.self = input;
    const out = redact(input) as Record<string, unknown>;
    expect(out).toMatchObject({ n: 1, b: true, z: null, at: '2026-11-23T10:00:00.000Z', guid: '6f1c2e8a-1b2c-4d5e-8f90-1234567890ab', self: '[Circular]' });
    expect(input.at).toBeInstanceOf(Date);
    const shared = { a: 1 };
    expect(redact({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } });
  });
});
