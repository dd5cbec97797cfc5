/**
 * Which links the window may open in the browser (`openLink`): https only, on hosts the app has a reason
 * to send people to (Microsoft's sign-in and docs, the Entra portal).
 * Anything else is refused, so a compromised renderer cannot use main to launch arbitrary URLs or schemes.
 */

/**
 * One allowed place: a host (exact, lower-case) and optionally a path. A `path` matches exactly (with or
 * without one trailing slash), never as a prefix: `/devicelogin` must not let `/deviceloginEVIL` through.
 */
export interface LinkRule {
  host: string;
  path?: string;
}

/** The default allowlist. */
export const LINK_ALLOWLIST: readonly LinkRule[] = [
  { host: 'microsoft.com', path: '/devicelogin' },
  { host: 'www.microsoft.com', path: '/devicelogin' },
  { host: 'login.microsoftonline.com' },
  { host: 'login.microsoftonline.us' },
  { host: 'learn.microsoft.com' },
  { host: 'entra.microsoft.com' },
  { host: 'portal.azure.com' },
];

/**
 * True when `url` is an https URL on the allowlist, with no credentials and the default port; or exactly
 * one of `exact` (main's own trusted URLs, such as the device-code page the sign-in service reported).
 */
export function isAllowedLink(url: string, rules: readonly LinkRule[] = LINK_ALLOWLIST, exact: readonly string[] = []): boolean {
  if (exact.includes(url)) return /^https?:\/\//i.test(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const path = parsed.pathname.replace(/\/$/, '');
  return rules.some((rule) => parsed.hostname === rule.host && (rule.path === undefined || path === rule.path));
}
