/**
 * Account section: the first-run panel while signed out, and a device-code sign-in through the real MSAL
 * sign-in service against the emulator — the code shown is the emulator's, and approving it signs in.
 */
import { expect, screenshot, test } from './support/fixtures.ts';

test.use({ appOptions: { signedIn: false } });

test('device-code sign-in shows the code and link, and approving it signs in', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('status');
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByRole('button', { name: 'Open Account and connection' }).click();
  await expect(page.getByRole('tab', { name: 'Account and connection' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('account')).toContainText('Not signed in');

  await page.getByRole('button', { name: 'Sign in with a code' }).click();
  const code = page.getByTestId('user-code');
  await expect(code).toBeVisible();
  const shown = (await code.textContent()) ?? '';
  expect((await app.control.deviceCodes()).map((d) => d.user_code)).toContain(shown);
  await expect(page.getByTestId('device-code')).toContainText('/devicelogin');
  // Copying goes through main (copyText), never navigator.clipboard: the page holds no clipboard permission.
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByText('Code copied.')).toBeVisible();
  expect(app.copied).toEqual([shown]);
  await page.getByRole('button', { name: /^Open .*devicelogin/ }).click();
  await expect.poll(() => app.openedLinks).toEqual([app.core.controller.state().auth.deviceCode?.verificationUri]);
  await screenshot(page, 'account-device-code', testInfo);

  await app.approveDeviceCode(shown);
  await expect(page.getByTestId('account')).toContainText('Signed in as Avery Example', { timeout: 15_000 });
  await expect(page.getByTestId('device-code')).toBeHidden();
  await expect(page.getByTestId('first-run')).toBeHidden();
});

test('the connection form checks the client id before saving', async ({ app, openWindow }) => {
  const page = await openWindow('account');
  const clientId = page.getByLabel('Application (client) id');
  await clientId.fill('not-a-guid');
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('A client id looks like')).toBeVisible();
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  expect(app.settings.connection.clientId).not.toBe('not-a-guid');

  await clientId.fill('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('Connection saved.')).toBeVisible();
  expect(app.settings.connection.clientId).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');

  // The registration guide is shown in place: it opens on its question and names the redirect URI to register.
  const guide = page.getByTestId('registration-guide');
  await expect(guide.getByText('http://localhost').first()).toBeHidden();
  await guide.getByText('How do I get a client id?').click();
  await expect(guide.getByText('http://localhost').first()).toBeVisible();
  await expect(guide.getByText('Presence.ReadWrite')).toBeVisible();
  expect(app.openedLinks).toEqual([]);
  expect(page.url()).toContain('presence-tray.test');
});

test('a tenant that needs admin consent: the window shows the exact admin-consent link and copies it with a message', async ({ app, openWindow }) => {
  await app.control.nextSignIn({ outcome: 'admin-consent-required' });
  const page = await openWindow('account');
  await expect(page.getByTestId('admin-consent')).toBeHidden();
  await page.getByRole('button', { name: 'Sign in with a code' }).click();
  const consent = page.getByTestId('admin-consent');
  await expect(consent).toBeVisible({ timeout: 15_000 });
  const { tenant, clientId } = app.settings.connection;
  const expected = `https://login.microsoftonline.com/${tenant}/v2.0/adminconsent?client_id=${clientId}&scope=https%3A%2F%2Fgraph.microsoft.com%2FPresence.ReadWrite&redirect_uri=http%3A%2F%2Flocalhost`;
  await expect(page.getByTestId('admin-consent-url')).toHaveText(expected);
  await consent.getByRole('button', { name: 'Copy message for the administrator' }).click();
  await expect(consent.getByText('Message and link copied.')).toBeVisible();
  expect(app.copied).toHaveLength(1);
  expect(app.copied[0]).toContain(expected);
  expect(app.copied[0]).toContain('Presence.ReadWrite');
});
