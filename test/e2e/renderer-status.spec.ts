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

test('a status message with an expiry reaches Graph, and a preset fills it', async ({ app, openWindow }) => {
  const page = await openWindow('status');
  await page.getByRole('button', { name: 'Focusing', exact: true }).click();
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Focusing');
  await page.getByLabel('Expires').selectOption({ label: '1 hour' });
  await page.getByRole('button', { name: 'Set message' }).click();
  await expect
    .poll(async () => (await app.graphRequests()).filter((r) => r.path.endsWith('/presence/setStatusMessage')).map((r) => JSON.stringify(r.body)))
    .toContainEqual(expect.stringContaining('Focusing'));
  await expect(page.getByText('Current message: “Focusing”')).toBeVisible();
});

test('when someone changes the presence in Teams, the window says why it differs', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('status');
  await page.getByLabel('For', { exact: true }).selectOption({ label: '2 hours' });
  await page.getByRole('button', { name: 'Do not disturb', exact: true }).click();
  await expect(page.getByTestId('actual')).toHaveText('Do not disturb');

  await app.setInTeams('Away', 'Away');
  await app.core.controller.refresh();
  await expect(page.getByTestId('actual')).toHaveText('Away');
  await expect(page.getByTestId('difference')).toBeVisible();
  await expect(page.getByTestId('difference')).toContainText(app.core.controller.state().difference?.explanation ?? 'no explanation in state');
  await screenshot(page, 'status-changed-in-teams', testInfo);
});

test.describe('in demo mode', () => {
  test.use({ appOptions: { demo: true } });

  test('the window shows a DEMO badge', async ({ openWindow }) => {
    const page = await openWindow('status');
    await expect(page.getByTestId('demo-badge')).toHaveText('DEMO');
  });
});
