/**
 * Which URLs the sign-in flow may ask the system browser to open, for the Electron layer's `openExternal`
 * allowlist (docs/architecture.md#security): the authorize endpoint of a cloud that offers presence, and Microsoft's
 * device-login pages shown with a device code. Everything else is refused.
 */
import { CLOUDS } from '../graph/clouds.ts';

/** Sign-in hosts of the clouds that offer presence (`login.microsoftonline.com`, `login.microsoftonline.us`). */
export const SIGN_IN_HOSTS: readonly string[] = [
  ...new Set(Object.values(CLOUDS).filter((c) => c.presenceAvailable).map((c) => new URL(c.loginRoot).host)),
];

/** Hosts of the pages where a person enters a device code (`https://microsoft.com/devicelogin` and its redirects). */
export const DEVICE_LOGIN_HOSTS: readonly string[] = ['microsoft.com', 'www.microsoft.com', ...SIGN_IN_HOSTS];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for an https authorize URL on a presence cloud's sign-in host (what `AuthService.signIn` opens). */
export function isSignInUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && u.port === '' && SIGN_IN_HOSTS.includes(u.host) && /\/oauth2\/v2\.0\/authorize$/.test(u.pathname);
}

/** True for an https device-login page (the `verificationUri` the device-code flow shows). */
export function isDeviceLoginUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && u.port === '' && DEVICE_LOGIN_HOSTS.includes(u.host) && u.username === '' && u.password === '';
}
