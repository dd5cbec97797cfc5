/**
 * Hotkeys section: a chord is captured by pressing it (global hotkeys suspended meanwhile), a chord used
 * twice is flagged beside the row at once, and main's registration report is shown after saving.
 */
import { expect, screenshot, test } from './support/fixtures.ts';

test('capture a hotkey and see a duplicate flagged', async ({ app, openWindow, bridgeLog }, testInfo) => {
  const page = await openWindow('hotkeys');
  const available = page.locator('li.hotkey[data-row="available"]');
  const busy = page.locator('li.hotkey[data-row="busy"]');
  await available.getByLabel('Enabled').check();
  await busy.getByLabel('Enabled').check();

  await available.getByRole('button', { name: 'Change chord' }).click();
  await expect.poll(() => app.capturing()).toBe(true);
  // Busy's chord is Ctrl+Alt+Shift+2; press the same keys on Available's row.
  await page.keyboard.press('Control+Alt+Shift+Digit2');
  await expect.poll(() => app.capturing()).toBe(false);
  expect(bridgeLog.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['beginHotkeyCapture', 'endHotkeyCapture']));

  await expect(available.locator('kbd')).toHaveText(['Ctrl', 'Alt', 'Shift', '2']);
  await expect(available.getByTestId('hotkey-problem')).toContainText('Duplicate');
  await expect(busy.getByTestId('hotkey-problem')).toContainText('Duplicate');
  await screenshot(page, 'hotkeys', testInfo);

  // Saved anyway (nothing is lost); main registers one of the two and reports the other as a duplicate.
  await page.getByRole('button', { name: 'Save hotkeys' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not work' })).toBeVisible();
  expect(app.settings.hotkeys.find((h) => h.id === 'available')).toMatchObject({ accelerator: 'CommandOrControl+Alt+Shift+2', enabled: true });
  const status = (await app.backend.invoke('getHotkeyStatus', undefined)) as { ok: true; value: { status: Array<{ id: string; state: string }> } };
  expect(status.value.status.filter((s) => s.state === 'duplicate').length).toBeGreaterThan(0);
});

test.describe('with a chord held elsewhere', () => {
  test.use({ appOptions: { heldElsewhere: ['CommandOrControl+Alt+Shift+1'] } });

  test('a chord held by another program is reported beside its row', async ({ openWindow }) => {
  const page = await openWindow('hotkeys');
  const available = page.locator('li.hotkey[data-row="available"]');
  await available.getByLabel('Enabled').check();
  await page.getByRole('button', { name: 'Save hotkeys' }).click();
  await expect(available.getByTestId('hotkey-problem')).toContainText('another program');
  });
});
