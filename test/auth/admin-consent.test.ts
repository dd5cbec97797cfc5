// Issue 10, admin consent: the exact link for each cloud, tenant and client id.
import { describe, expect, it } from 'vitest';
import { ADMIN_CONSENT_CLOUDS, adminConsentMessage, adminConsentUrl } from '../../renderer/admin-consent.ts';
import { CLOUDS, presenceScope } from '../../app/graph/clouds.ts';

const clientId = '11111111-2222-4333-8444-555555555555';

describe('admin-consent URL', () => {
  it.each([
    ['Global', 'https://login.microsoftonline.com/contoso.com/v2.0/adminconsent?client_id=11111111-2222-4333-8444-555555555555&scope=https%3A%2F%2Fgraph.microsoft.com%2FPresence.ReadWrite&redirect_uri=http%3A%2F%2Flocalhost'],
    ['USGovL4', 'https://login.microsoftonline.us/contoso.com/v2.0/adminconsent?client_id=11111111-2222-4333-8444-555555555555&scope=https%3A%2F%2Fgraph.microsoft.us%2FPresence.ReadWrite&redirect_uri=http%3A%2F%2Flocalhost'],
    ['USGovL5', 'https://login.microsoftonline.us/contoso.com/v2.0/adminconsent?client_id=11111111-2222-4333-8444-555555555555&scope=https%3A%2F%2Fdod-graph.microsoft.us%2FPresence.ReadWrite&redirect_uri=http%3A%2F%2Flocalhost'],
  ])('%s', (cloud, expected) => {
    expect(adminConsentUrl({ cloud, tenant: ' contoso.com ', clientId: ` ${clientId}` })).toBe(expected);
  });

  it('uses the same roots and scope as the sign-in, for every cloud with presence', () => {
    for (const cloud of Object.values(CLOUDS)) {
      const url = adminConsentUrl({ cloud: cloud.id, tenant: 'organizations', clientId });
      if (!cloud.presenceAvailable) {
        expect(url, cloud.id).toBeNull();
        continue;
      }
      const parsed = new URL(url ?? '');
      expect(`${parsed.origin}`).toBe(cloud.loginRoot);
      expect(parsed.pathname).toBe('/organizations/v2.0/adminconsent');
      expect(parsed.searchParams.get('scope')).toBe(presenceScope(cloud));
      expect(ADMIN_CONSENT_CLOUDS[cloud.id]).toEqual({ loginRoot: cloud.loginRoot, graphRoot: cloud.graphRoot });
    }
  });

  it('no link without a tenant or client id; the message is one line that carries the link', () => {
    expect(adminConsentUrl({ cloud: 'Global', tenant: '', clientId })).toBeNull();
    expect(adminConsentUrl({ cloud: 'Global', tenant: 'organizations', clientId: ' ' })).toBeNull();
    expect(adminConsentUrl({ cloud: 'China', tenant: 'organizations', clientId })).toBeNull();
    const url = adminConsentUrl({ cloud: 'Global', tenant: 'a/b?c', clientId }) ?? '';
    expect(new URL(url).pathname).toBe('/a%2Fb%3Fc/v2.0/adminconsent'); // a tenant cannot change the path
    const message = adminConsentMessage(url, clientId);
    expect(message).toContain(url);
    expect(message).toContain(clientId);
    expect(message).not.toMatch(/\n/);
  });
});
