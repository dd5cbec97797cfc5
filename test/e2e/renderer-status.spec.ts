/** Status section: a click on a presence reaches Graph (the emulator) with the chosen expiry. */
import { expect, screenshot, test } from './support/fixtures.ts';

test('set Busy for 1 hour sends setUserPreferredPresence with PT1H', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('status');
  await page.getByLabel('For', { exact: true }).selectOption({ label: '1 hour' });
  await page.getByRole('button', { name: 'Busy', exact: true }).click();

  await expect
    .poll(async () => (await app.graphRequests()).filter((r) => r.path.endsWith('/presence/setUserPreferredPresence')).map((r) => r.body))
    .toContainEqual({ availability: 'Busy', activity: 'Busy', expirationDuration: 'PT1H' });
  await expect(page.getByRole('button', { name: 'Busy', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('actual')).toHaveText('Busy');
  await screenshot(page, 'status', testInfo);
});
