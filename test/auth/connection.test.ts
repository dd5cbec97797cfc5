import { describe, expect, it } from 'vitest';
import { connectionProblems, resolveConnection } from '../../app/auth/connection.ts';
import { authorityOptions } from '../../app/auth/authority.ts';
import type { AppFailure } from '../../app/errors.ts';

const CLIENT = '0f2d2c57-1b7e-4c36-9a63-5f1f4f1c2a10';

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    return error as AppFailure;
  }
  throw new Error('expected a failure');
}

describe('resolveConnection', () => {
  it('asks only for the cloud-qualified Presence.ReadWrite on each supported cloud', () => {
    expect(resolveConnection({ cloud: 'Global', tenant: 'organizations', clientId: CLIENT })).toMatchObject({
      authority: 'https://login.microsoftonline.com/organizations',
      scopes: ['https://graph.microsoft.com/Presence.ReadWrite'],
    });
    expect(resolveConnection({ cloud: 'USGovL4', tenant: 'contoso.onmicrosoft.us', clientId: CLIENT })).toMatchObject({
      authority: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
      scopes: ['https://graph.microsoft.us/Presence.ReadWrite'],
    });
    expect(resolveConnection({ cloud: 'USGovL5', tenant: '72F988BF-86F1-41AF-91AB-2D7CD011DB47', clientId: CLIENT.toUpperCase() })).toMatchObject({
      authority: 'https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: CLIENT,
      scopes: ['https://dod-graph.microsoft.us/Presence.ReadWrite'],
    });
  });

  it('defaults an empty tenant to organizations', () => {
    expect(resolveConnection({ cloud: 'Global', tenant: '  ', clientId: CLIENT }).tenant).toBe('organizations');
  });

  it('refuses China with a clear message', () => {
    const error = failure(() => resolveConnection({ cloud: 'China', tenant: 'organizations', clientId: CLIENT }));
    expect(error.code).toBe('cloud-unsupported');
    expect(error.field).toBe('connection.cloud');
    expect(error.message).toMatch(/not available in this cloud/);
  });

  it('names the field of each bad value', () => {
    expect(connectionProblems({ cloud: 'Global', tenant: 'not a tenant!', clientId: 'abc' }).map((p) => [p.code, p.field])).toEqual([
      ['invalid-tenant', 'connection.tenant'],
      ['invalid-client-id', 'connection.clientId'],
    ]);
    expect(connectionProblems({ cloud: 'Global', tenant: 'organizations', clientId: '' }).map((p) => p.code)).toEqual(['client-id-missing']);
    expect(connectionProblems({ cloud: 'Global', tenant: 'consumers', clientId: CLIENT }).map((p) => p.code)).toEqual([
      'personal-account-not-supported',
    ]);
    expect(connectionProblems({ cloud: 'Mars' as never, tenant: 'organizations', clientId: CLIENT }).map((p) => p.code)).toEqual(['invalid-cloud']);
    for (const tenant of ['contoso', '-contoso.com', 'contoso..com', 'https://contoso.com', 'contoso.com/x']) {
      expect(connectionProblems({ cloud: 'Global', tenant, clientId: CLIENT }).map((p) => p.code), tenant).toEqual(['invalid-tenant']);
    }
    for (const tenant of ['organizations', 'common', 'contoso.com', 'Contoso.OnMicrosoft.com', 'sub.contoso.co.uk']) {
      expect(connectionProblems({ cloud: 'Global', tenant, clientId: CLIENT }), tenant).toEqual([]);
    }
  });
});

describe('authorityOptions', () => {
  it('keeps the real authority and adds nothing without an override', () => {
    expect(authorityOptions('https://login.microsoftonline.com/organizations')).toEqual({
      authority: 'https://login.microsoftonline.com/organizations',
    });
  });

  it('keeps an https authority and points every endpoint at the override', () => {
    const options = authorityOptions('https://login.microsoftonline.us/contoso.com', 'http://127.0.0.1:4010/');
    expect(options.authority).toBe('https://login.microsoftonline.us/contoso.com');
    const metadata = JSON.parse(options.authorityMetadata ?? '{}') as Record<string, string>;
    expect(metadata.authorization_endpoint).toBe('http://127.0.0.1:4010/contoso.com/oauth2/v2.0/authorize');
    expect(metadata.token_endpoint).toBe('http://127.0.0.1:4010/contoso.com/oauth2/v2.0/token');
    const discovery = JSON.parse(options.cloudDiscoveryMetadata ?? '{}') as { metadata: { aliases: string[] }[] };
    expect(discovery.metadata[0]?.aliases).toEqual(['login.microsoftonline.us']);
  });

  it('refuses an http authority', () => {
    expect(() => authorityOptions('http://login.microsoftonline.com/organizations')).toThrow(/https/);
  });
});

describe('sign-in URL allowlist', () => {
  it('accepts only https authorize URLs of presence clouds', async () => {
    const { isSignInUrl, isDeviceLoginUrl } = await import('../../app/auth/sign-in-urls.ts');
    expect(isSignInUrl('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x')).toBe(true);
    expect(isSignInUrl('https://login.microsoftonline.us/contoso.com/oauth2/v2.0/authorize')).toBe(true);
    expect(isSignInUrl('http://login.microsoftonline.com/organizations/oauth2/v2.0/authorize')).toBe(false);
    expect(isSignInUrl('https://login.chinacloudapi.cn/organizations/oauth2/v2.0/authorize')).toBe(false);
    expect(isSignInUrl('https://login.microsoftonline.com.evil.example/x/oauth2/v2.0/authorize')).toBe(false);
    expect(isSignInUrl('https://login.microsoftonline.com/organizations/oauth2/v2.0/logout')).toBe(false);
    expect(isSignInUrl('not a url')).toBe(false);
    expect(isDeviceLoginUrl('https://microsoft.com/devicelogin')).toBe(true);
    expect(isDeviceLoginUrl('https://microsoft.com/deviceloginus')).toBe(true);
    expect(isDeviceLoginUrl('https://user@microsoft.com/devicelogin')).toBe(false);
    expect(isDeviceLoginUrl('http://127.0.0.1:4010/devicelogin')).toBe(false);
  });
});
