/**
 * The authority MSAL talks to, and the trick that points it at the local emulator: MSAL refuses an
 * `http://` authority, so the authority stays a real-looking https URL and MSAL is handed the endpoint
 * metadata (authorize, token, device code) and the cloud discovery answer, whose endpoints lead to the
 * emulator over http. MSAL then never fetches discovery documents, and the service's network guard
 * (network.ts) refuses any request that would leave for another host. GRAPH-PRESENCE.md §3.
 */

/** What goes into MSAL's `auth` options besides the client id. */
export interface AuthorityOptions {
  /** Always https: `https://login.microsoftonline.com/organizations`. */
  authority: string;
  /** JSON of an OpenID configuration whose endpoints lead to the override; absent without one. */
  authorityMetadata?: string;
  /** JSON of an instance discovery answer naming the authority's host; absent without an override. */
  cloudDiscoveryMetadata?: string;
}

/**
 * MSAL options for `authority`, optionally redirected to `endpointOverride` (the emulator's base URL,
 * `http://127.0.0.1:<port>`). The emulator serves identity at `<base>/<tenant>/oauth2/v2.0/...`.
 * @param authority - an https authority with one path segment, the tenant (`https://login.microsoftonline.com/contoso.com`)
 */
export function authorityOptions(authority: string, endpointOverride?: string): AuthorityOptions {
  const url = new URL(authority);
  if (url.protocol !== 'https:') throw new Error(`The authority must be https: ${authority}`);
  const tenant = url.pathname.split('/').filter(Boolean)[0];
  if (!tenant) throw new Error(`The authority names no tenant: ${authority}`);
  const canonical = `${url.origin}/${tenant}`;
  if (endpointOverride === undefined) return { authority: canonical };

  const base = endpointOverride.replace(/\/+$/, '');
  const oauth = `${base}/${tenant}/oauth2/v2.0`;
  const authorityMetadata = {
    // MSAL derives the device code endpoint from this one by replacing `/token` with `/devicecode`.
    token_endpoint: `${oauth}/token`,
    authorization_endpoint: `${oauth}/authorize`,
    end_session_endpoint: `${oauth}/logout`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    issuer: `${url.origin}/{tenantid}/v2.0`,
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${canonical}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
  };
  return {
    authority: canonical,
    authorityMetadata: JSON.stringify(authorityMetadata),
    cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata),
  };
}
