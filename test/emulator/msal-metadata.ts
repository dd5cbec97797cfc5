/**
 * How to point MSAL for Node (7.2) at the emulator without certificates or network beyond loopback.
 *
 * MSAL refuses an `http://` authority (`authority_uri_insecure`), but it trusts whatever endpoints it is
 * handed in `authorityMetadata` (the OpenID configuration) and `cloudDiscoveryMetadata` (instance discovery)
 * and, given both, never fetches either. Its network client is Node's `fetch`, which speaks plain http. So:
 * keep a real-looking https authority (`https://login.microsoftonline.com/<tenant>`) and hand MSAL metadata
 * whose endpoints are the emulator's over http. Nothing else is needed (no `knownAuthorities`, no custom
 * `system.networkClient`).
 *
 * This file imports nothing so it can be copied or moved into app/auth (demo mode needs the same trick);
 * the emulator serves the very same document at `<base>/<tenant>/v2.0/.well-known/openid-configuration`.
 *
 * ```ts
 * const pca = new PublicClientApplication({
 *   auth: { clientId, ...emulatorAuthorityOptions(emulator.url, 'organizations') },
 * });
 * ```
 */

/** The part of MSAL's `auth` configuration that routes it to the emulator. */
export interface EmulatorAuthorityOptions {
  /** `https://<authorityHost>/<tenant>`: never contacted, only used as MSAL's cache key and issuer check. */
  authority: string;
  /** JSON of the OpenID configuration, endpoints on the emulator. */
  authorityMetadata: string;
  /** JSON of an instance-discovery answer naming the authority host. */
  cloudDiscoveryMetadata: string;
}

/** Tenants that stand for "any tenant" in Entra paths. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/**
 * The OpenID configuration the emulator serves for `tenant`, with endpoints under `baseUrl` (the emulator,
 * `http://127.0.0.1:<port>`). `issuer` names the https authority host so it looks like Entra's.
 */
export function openIdConfiguration(baseUrl: string, tenant: string, authorityHost = 'login.microsoftonline.com'): Record<string, unknown> {
  const base = baseUrl.replace(/\/+$/, '');
  const t = encodeURIComponent(tenant);
  const issuerTenant = MULTI_TENANT.has(tenant.toLowerCase()) ? '{tenantid}' : t;
  return {
    token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['HS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://${authorityHost}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid'],
    kerberos_endpoint: `${base}/${t}/kerberos`,
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/** The instance-discovery answer for `authorityHost` (what `<host>/common/discovery/instance` returns). */
export function instanceDiscovery(baseUrl: string, tenant: string, authorityHost = 'login.microsoftonline.com'): Record<string, unknown> {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    tenant_discovery_endpoint: `${base}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: authorityHost, preferred_cache: authorityHost, aliases: [authorityHost] }],
  };
}

/**
 * MSAL `auth` options that send every identity request of `tenant` to the emulator at `baseUrl`.
 * @param baseUrl the emulator's URL, e.g. `http://127.0.0.1:51234`
 * @param tenant `organizations`, `common`, `consumers`, a tenant id or a domain
 * @param authorityHost the https host MSAL believes it talks to (use `login.microsoftonline.us` for US Gov)
 */
export function emulatorAuthorityOptions(baseUrl: string, tenant: string, authorityHost = 'login.microsoftonline.com'): EmulatorAuthorityOptions {
  return {
    authority: `https://${authorityHost}/${tenant}`,
    authorityMetadata: JSON.stringify(openIdConfiguration(baseUrl, tenant, authorityHost)),
    cloudDiscoveryMetadata: JSON.stringify(instanceDiscovery(baseUrl, tenant, authorityHost)),
  };
}
