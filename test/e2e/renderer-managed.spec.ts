/**
 * Managed settings (issue 14): fields the organization set by policy say so, a locked one is read-only, and
 * main still refuses a save that would change it (at the IPC door).
 */
import { expect, test } from './support/fixtures.ts';

const ORG_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

test.use({
  appOptions: {
    settings: (s) => void (s.connection.clientId = ORG_CLIENT_ID),
    managed: { fields: { 'connection.clientId': 'locked', 'options.readIntervalSeconds': 'preset' } },
  },
});

test('a locked field is read-only and marked as set by the organization; a preset is marked and editable', async ({ app, openWindow }) => {
  const page = await openWindow('account');
  const clientId = page.getByLabel('Application (client) id');
  await expect(clientId).toHaveValue(ORG_CLIENT_ID);
  await expect(clientId).toHaveAttribute('readonly', '');
  await expect(clientId).toHaveAccessibleDescription(/Set by your organization \(locked\)/);
  await expect(page.getByLabel('Tenant')).not.toHaveAttribute('readonly', '');

  const general = await openWindow('general');
  const interval = general.getByLabel('Read presence every (seconds)');
  await expect(interval).toHaveAccessibleDescription(/Set by your organization; you can change it/);
  await expect(interval).toBeEditable();

  const refused = await app.backend.invoke('saveConnection', { connection: { cloud: 'Global', tenant: 'organizations', clientId: '99999999-0000-4000-8000-000000000000' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'managed-by-policy', field: 'connection.clientId' } });
  expect(app.settings.connection.clientId).toBe(ORG_CLIENT_ID);
});
