/**
 * Schedule section: a new rule shows in the week preview of the unsaved draft, is saved to settings and is
 * still there after a reload; an invalid rule shows its message on the field and is not saved; a rule can be
 * filled from a preset.
 */
import { expect, screenshot, test } from './support/fixtures.ts';

test('add a rule, see it in the week preview, save, reload, see it kept', async ({ app, openWindow, bridgeLog }, testInfo) => {
  const page = await openWindow('schedule');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.locator('li.rule').last();
  await rule.getByLabel('Name').fill('Focus time');
  await rule.getByLabel('Presence').selectOption({ label: 'Do not disturb' });
  await rule.getByLabel('Start').fill('14:00');
  await rule.getByLabel('End').fill('16:00');
  // First match wins and "Work hours" covers 14:00–16:00: move the new rule to the top by keyboard.
  await rule.getByRole('button', { name: /^Move Focus time/ }).press('Home');
  await expect(page.locator('li.rule').first().getByLabel('Name')).toHaveValue('Focus time');

  // The week grid is drawn from the unsaved draft: five weekdays show the new stretch.
  const grid = page.getByTestId('week-grid');
  await expect(grid.getByText('14:00 to 16:00, Focus time: Do not disturb')).toHaveCount(5);
  expect(app.settings.schedule.rules.some((r) => r.name === 'Focus time')).toBe(false);
  expect(bridgeLog.calls.filter((c) => c.channel === 'previewSchedule').length).toBeGreaterThan(0);
  await screenshot(page, 'schedule', testInfo);

  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  expect(app.settings.schedule.rules[0]).toMatchObject({ name: 'Focus time', start: '14:00', end: '16:00', presence: 'DoNotDisturb', days: ['mon', 'tue', 'wed', 'thu', 'fri'] });

  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await expect(page.locator('li.rule').first().getByLabel('Name')).toHaveValue('Focus time');
  await expect(page.getByTestId('dirty')).toHaveText('No unsaved changes.');
  await expect(grid.getByText('14:00 to 16:00, Focus time: Do not disturb')).toHaveCount(5);
});

test('an invalid rule shows its message on the field and is not saved', async ({ app, openWindow }, testInfo) => {
  const page = await openWindow('schedule');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.locator('li.rule').last();
  await rule.getByLabel('Name').fill('Night owl');
  const start = rule.getByLabel('Start');
  await start.fill('25:00');

  // The message comes from main's validation (previewSchedule) and sits under the field it names.
  const error = rule.locator(`#${await start.getAttribute('id')}-error`);
  await expect(error).toBeVisible();
  await expect(error).toContainText('25:00');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('schedule-problems')).toContainText('1 problem');
  await expect(page.getByTestId('week-grid')).toContainText('Fix the problems above');

  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Your edits are kept.');
  expect(app.settings.schedule.rules.map((r) => r.name)).toEqual(['Weekend', 'Lunch', 'Work hours', 'After hours']);
  await expect(start).toHaveValue('25:00');
  await screenshot(page, 'schedule-invalid', testInfo);

  // Fixing the field clears the message.
  await start.fill('23:00');
  await expect(error).toBeHidden();
});

test('a rule that holds Available, Busy, Away or BRB for over an hour says Teams will not show meetings meanwhile', async ({ openWindow }) => {
  const page = await openWindow('schedule');
  const ids: Record<string, string> = { 'Work hours': 'work', Lunch: 'lunch', 'After hours': 'after-hours' };
  const note = (name: string) => page.locator(`li.rule[data-rule-id="${ids[name]}"] [data-note="hides-meetings"]`);
  await expect(note('Work hours')).toBeVisible();
  await expect(note('Work hours')).toHaveText('Teams will not show meetings and calls meanwhile.');
  await expect(note('Lunch')).toBeHidden(); // Away for exactly one hour
  await expect(note('After hours')).toBeHidden(); // Appear offline is meant to hide them
  const work = page.locator('li.rule[data-rule-id="work"]');
  await work.getByLabel('End').fill('10:00');
  await expect(note('Work hours')).toBeHidden();
});

test('a rule filled from a preset takes its presence and message, {end} as the rule end, and saves them', async ({ app, openWindow }) => {
  const page = await openWindow('schedule');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.locator('li.rule').last();
  await rule.getByLabel('Name').fill('Tuesday focus');
  await rule.getByLabel('Start').fill('14:00');
  await rule.getByLabel('End').fill('16:00');
  await rule.getByLabel('Fill from a preset').selectOption({ label: 'Focus' });
  await expect(rule.getByLabel('Presence')).toHaveValue('DoNotDisturb');
  await expect(rule.getByLabel('Status message (optional)')).toHaveValue('Focusing — back at 16:00');
  await expect(rule.getByLabel('Fill from a preset')).toHaveValue('');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  expect(app.settings.schedule.rules.at(-1)).toMatchObject({ name: 'Tuesday focus', presence: 'DoNotDisturb', statusMessage: 'Focusing — back at 16:00' });
});
