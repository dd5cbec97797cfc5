/**
 * Presets section, by keyboard alone: add and save a preset, apply the shipped Focus preset (one preference
 * write plus one message at the emulator), see its timer (here and on Status), add 15 minutes, and end it (both end).
 */
import { expect, screenshot, test } from './support/fixtures.ts';

const paths = async (app: { graphRequests(): Promise<Array<{ path: string; body?: unknown }>> }, suffix: string) =>
  (await app.graphRequests()).filter((r) => r.path.endsWith(suffix)).map((r) => r.body);

test('keyboard only: add a preset, apply Focus, +15 min, End now', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('presets');
  await page.getByRole('button', { name: 'Add preset' }).focus();
  await page.keyboard.press('Enter');
  const added = page.locator('[data-preset="3"]');
  await expect(added.getByLabel('Name')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Gym');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Back at {end}');
  await page.getByRole('button', { name: 'Save presets' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Presets saved.')).toBeVisible();
  expect(app.settings.presets.at(-1)).toEqual({ name: 'Gym', presence: 'Busy', statusMessage: 'Back at {end}', until: { kind: 'duration', iso: 'PT30M' } });

  await page.getByRole('button', { name: 'Apply Focus (saved version)' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => paths(app, '/presence/setUserPreferredPresence')).toContainEqual({ availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT50M' });
  await expect.poll(async () => JSON.stringify(await paths(app, '/presence/setStatusMessage'))).toContain('Focusing — back at');
  await expect(page.getByTestId('focus-left')).toContainText(/Focus: Do not disturb, (50|49) min left/);
  await page.getByRole('button', { name: '+15 min' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('focus-left')).toContainText(/1 h (5|4) min left/);
  await screenshot(page, 'presets-running', testInfo);
  // The same timer on the Status section, where the user looks first.
  await page.getByRole('tab', { name: 'Status' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-focus-left')).toContainText(/Focus: Do not disturb, 1 h (5|4) min left/);
  await page.getByRole('tab', { name: 'Presets' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'End now' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await paths(app, '/presence/clearUserPreferredPresence')).length).toBe(1);
  await expect(page.getByTestId('focus-left')).toBeHidden();
});

test('a preset without a presence or a message is refused and nothing is saved', async ({ app, openWindow }) => {
  const page = await openWindow('presets');
  const first = page.locator('[data-preset="0"]');
  await first.getByLabel('Presence').selectOption('none');
  await first.getByLabel('Status message (optional)').fill('');
  await page.getByRole('button', { name: 'Save presets' }).click();
  await expect(page.getByRole('alert')).toContainText('A preset needs a presence, a status message or both.');
  expect(app.settings.presets[0]?.presence).toBe('Away');
});

test('keyboard only: reorder, duplicate and delete, then save', async ({ app, openWindow }) => {
  const page = await openWindow('presets');
  await page.getByRole('button', { name: 'Move down: Lunch' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Duplicate Off for the day' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Delete Focus' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save presets' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Presets saved.')).toBeVisible();
  expect(app.settings.presets.map((p) => p.name)).toEqual(['Lunch', 'Off for the day', 'Off for the day copy']);
});
