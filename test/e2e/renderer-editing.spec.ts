/**
 * Editing without losing anything: rules reorder by mouse drag, duplicate and delete; unsaved edits survive
 * switching sections; pause and resume reach the controller; General's options reach the stored settings
 * and a bad value is refused beside its field.
 */
import { expect, test } from './support/fixtures.ts';

test('rules reorder by drag, duplicate and delete, and the draft survives switching sections', async ({ app, openWindow }) => {
  const page = await openWindow('schedule');
  const names = page.locator('li.rule input[data-field$=".name"]');
  await expect(names).toHaveCount(4);

  // Tall enough that the dragged handle and the drop target are on screen together, as a mouse needs.
  await page.setViewportSize({ width: 1000, height: 2400 });
  await page.getByRole('button', { name: /^Move After hours/ }).dragTo(page.locator('li.rule').first());
  await expect(names.first()).toHaveValue('After hours');
  await expect(page.getByTestId('dirty')).toHaveText('Unsaved changes.');

  await page.getByRole('button', { name: 'Duplicate Lunch' }).click();
  await expect(names).toHaveCount(5);
  const copy = page.locator('li.rule').filter({ has: page.getByRole('heading', { name: 'Lunch (copy)' }) });
  await expect(copy).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete Lunch (copy)' }).click();
  await expect(names).toHaveCount(4);

  await names.nth(1).fill('Weekend off');
  await page.getByRole('tab', { name: 'Hotkeys' }).click();
  await page.getByRole('tab', { name: 'Schedule' }).click();
  await expect(names.nth(1)).toHaveValue('Weekend off');
  // Nothing was saved behind the user's back.
  expect(app.settings.schedule.rules.map((r) => r.name)).toEqual(['Weekend', 'Lunch', 'Work hours', 'After hours']);

  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  expect(app.settings.schedule.rules.map((r) => r.name)).toEqual(['After hours', 'Weekend off', 'Lunch', 'Work hours']);
});

test.describe('with the schedule on', () => {
  test.use({ appOptions: { settings: (s) => void (s.schedule.enabled = true) } });

  test('pause for 1 hour and resume reach the controller', async ({ app, openWindow }) => {
    const page = await openWindow('schedule');
    await page.getByRole('button', { name: 'Pause for 1 hour' }).click();
    await expect.poll(() => app.core.controller.state().pause).not.toBeNull();
    await expect(page.getByText(/Scheduled changes are paused until/)).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => app.core.controller.state().pause).toBeNull();
    await expect(page.getByText('The saved schedule is running.')).toBeVisible();
  });
});

test('general options are saved, and a bad read interval is refused beside its field', async ({ app, openWindow }) => {
  const page = await openWindow('general');
  const interval = page.getByLabel('Read presence every (seconds)');
  await interval.fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter whole seconds from 15 to 3600.')).toBeVisible();
  expect(app.settings.options.readIntervalSeconds).toBe(300);

  await interval.fill('120');
  await page.getByLabel('Start Presence Tray when I sign in to this computer').check();
  await page.getByLabel('Show notifications').uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Options saved.')).toBeVisible();
  expect(app.settings.options).toMatchObject({ readIntervalSeconds: 120, launchAtLogin: true, notifications: false });
  await expect(page.getByTestId('version')).toHaveText('0.1.0');
});
