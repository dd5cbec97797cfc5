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
 * The documents are built in app/auth/authority.ts, which demo mode uses too (one copy for app and
 * emulator); this file keeps the emulator-side names. The emulator serves the very same document at
 * `<base>/<tenant>/v2.0/.well-known/openid-configuration`.
 *
 * ```ts
 * const pca = new PublicClientApplication({
 *   auth: { clientId, ...emulatorAuthorityOptions(emulator.url, 'organizations') },
 * });
 * ```
 */
import { authorityOptions } from '../../app/auth/authority.ts';

export { instanceDiscovery, openIdConfiguration } from '../../app/auth/authority.ts';

/** The part of MSAL's `auth` configuration that routes it to the emulator. */
export interface EmulatorAuthorityOptions {
  /** `https://<authorityHost>/<tenant>`: never contacted, only used as MSAL's cache key and issuer check. */
  authority: string;
  /** JSON of the OpenID configuration, endpoints on the emulator. */
  authorityMetadata: string;
  /** JSON of an instance-discovery answer naming the authority host. */
  cloudDiscoveryMetadata: string;
}

/**
 * MSAL `auth` options that send every identity request of `tenant` to the emulator at `baseUrl`.
 * @param baseUrl the emulator's URL, e.g. `http://127.0.0.1:51234`
 * @param tenant `organizations`, `common`, `consumers`, a tenant id or a domain
 * @param authorityHost the https host MSAL believes it talks to (use `login.microsoftonline.us` for US Gov)
 */
export function emulatorAuthorityOptions(baseUrl: string, tenant: string, authorityHost = 'login.microsoftonline.com'): EmulatorAuthorityOptions {
  const options = authorityOptions(`https://${authorityHost}/${tenant}`, baseUrl);
  return {
    authority: options.authority,
    authorityMetadata: options.authorityMetadata as string,
    cloudDiscoveryMetadata: options.cloudDiscoveryMetadata as string,
  };
}
