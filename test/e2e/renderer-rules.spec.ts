/**
 * Rules section, by keyboard alone: turn on the lock rule with a message and the idle rule, save through the
 * real IPC handlers, and see the saved rules reach the controller (a lock then writes the rule's presence to
 * the emulator). A bad minute count is refused on its field and nothing is saved.
 */
import { expect, screenshot, test } from './support/fixtures.ts';

test('keyboard only: lock and idle rules are saved and the controller follows them', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('rules');
  await expect(page.getByTestId('lock-linux-note')).toBeVisible(); // the test app reports Linux
  await page.getByLabel('When the screen is locked').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // the lock rule's presence
  await expect(page.locator('select[name="lock-presence"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Back in a few minutes');
  await page.getByLabel('When I have been away from the computer').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Minutes without input')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('0');
  await page.getByRole('button', { name: 'Save rules' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Not saved');
  await expect(page.getByLabel('Minutes without input')).toHaveAttribute('aria-invalid', 'true');
  expect(app.settings.machineRules.lock.enabled).toBe(false);

  await page.getByLabel('Minutes without input').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('15');
  await page.getByRole('button', { name: 'Save rules' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Rules saved.')).toBeVisible();
  expect(app.settings.machineRules).toEqual({
    lock: { enabled: true, presence: 'BeRightBack', statusMessage: 'Back in a few minutes' },
    idle: { enabled: true, minutes: 15, presence: 'Away' },
    sleep: { enabled: false, presence: null },
  });

  app.core.notify({ type: 'lock' });
  await expect
    .poll(async () => (await app.graphRequests()).filter((r) => r.path.endsWith('/presence/setUserPreferredPresence')).map((r) => r.body))
    .toContainEqual({ availability: 'BeRightBack', activity: 'BeRightBack', expirationDuration: 'PT1H' });
  await expect(page.getByTestId('header-summary')).toContainText('screen locked');
  app.core.notify({ type: 'unlock' });
  await screenshot(page, 'rules', testInfo);
});
