/**
 * The authority MSAL talks to, and the trick that points it at the local emulator: MSAL refuses an
 * `http://` authority, so the authority stays a real-looking https URL and MSAL is handed the endpoint
 * metadata (authorize, token, device code) and the cloud discovery answer, whose endpoints lead to the
 * emulator over http. Given both, MSAL never fetches a discovery document, and the service's network guard
 * (network.ts) refuses any request for another origin. docs/graph.md#sign-in.
 *
 * The emulator (test/emulator/) serves the very same documents, built here, so app and emulator agree.
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

/** Tenants that stand for "any tenant" in Entra paths. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

/**
 * An OpenID configuration like Entra's for `tenant`, with every endpoint under `baseUrl` (the emulator,
 * `http://127.0.0.1:<port>`). `issuer` names the https authority host so it looks like Entra's. MSAL derives
 * the device code endpoint from `token_endpoint` (`/token` → `/devicecode`).
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
 * MSAL options for `authority`, optionally redirected to `endpointOverride` (the emulator's base URL,
 * `http://127.0.0.1:<port>`), which serves identity at `<base>/<tenant>/oauth2/v2.0/...`.
 * @param authority - an https authority whose first path segment is the tenant (`https://login.microsoftonline.com/contoso.com`)
 */
export function authorityOptions(authority: string, endpointOverride?: string): AuthorityOptions {
  const url = new URL(authority);
  if (url.protocol !== 'https:') throw new Error(`The authority must be https: ${authority}`);
  const tenant = url.pathname.split('/').filter(Boolean)[0];
  if (!tenant) throw new Error(`The authority names no tenant: ${authority}`);
  const canonical = `${url.origin}/${tenant}`;
  if (endpointOverride === undefined) return { authority: canonical };
  return {
    authority: canonical,
    authorityMetadata: JSON.stringify(openIdConfiguration(endpointOverride, decodeURIComponent(tenant), url.host)),
    cloudDiscoveryMetadata: JSON.stringify(instanceDiscovery(endpointOverride, decodeURIComponent(tenant), url.host)),
  };
}
