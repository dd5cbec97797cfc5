/**
 * The admin-consent link for a tenant whose policy lets only administrators consent (sign-in ends with
 * `admin-consent-required`). Microsoft identity platform v2 admin consent: an administrator who opens
 * `{login}/{tenant}/v2.0/adminconsent?client_id=…&scope=…&redirect_uri=…` and accepts grants the delegated
 * `Presence.ReadWrite` to everyone in the tenant. Plain code with no app/ imports, so the sandboxed settings
 * window can build it; the roots copy app/graph/clouds.ts (test/auth/admin-consent.test.ts keeps them equal).
 */

/** Sign-in root and Graph root of each cloud that has presence (China has none, so no link). */
export const ADMIN_CONSENT_CLOUDS: Readonly<Record<string, { loginRoot: string; graphRoot: string }>> = {
  Global: { loginRoot: 'https://login.microsoftonline.com', graphRoot: 'https://graph.microsoft.com' },
  USGovL4: { loginRoot: 'https://login.microsoftonline.us', graphRoot: 'https://graph.microsoft.us' },
  USGovL5: { loginRoot: 'https://login.microsoftonline.us', graphRoot: 'https://dod-graph.microsoft.us' },
};

/** The redirect URI the README has every registration add (step 3); Entra sends the administrator there after consenting. */
export const ADMIN_CONSENT_REDIRECT = 'http://localhost';

/** The admin-consent URL for this cloud, tenant and client id, or null for a cloud without presence or an empty field. */
export function adminConsentUrl(connection: { cloud: string; tenant: string; clientId: string }): string | null {
  const cloud = ADMIN_CONSENT_CLOUDS[connection.cloud];
  const tenant = connection.tenant.trim();
  const clientId = connection.clientId.trim();
  if (!cloud || !tenant || !clientId) return null;
  const url = new URL(`${cloud.loginRoot}/${encodeURIComponent(tenant)}/v2.0/adminconsent`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('scope', `${cloud.graphRoot}/Presence.ReadWrite`);
  url.searchParams.set('redirect_uri', ADMIN_CONSENT_REDIRECT);
  return url.toString();
}

/** One line to send to an administrator: what is asked, why, and the link. */
export function adminConsentMessage(url: string, clientId: string): string {
  return (
    `Please grant admin consent for Presence Tray (application id ${clientId.trim()}) so people here can set their Teams presence with it: ` +
    `it asks only for the delegated Microsoft Graph permission Presence.ReadWrite. Open this link as an administrator and accept: ${url}`
  );
}
