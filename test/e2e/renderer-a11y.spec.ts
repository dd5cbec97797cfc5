/**
 * Accessibility and look: axe-core finds no violations on any section in the light and the dark theme
 * (screenshots of each are kept as artifacts); the tabs work by keyboard alone; at 200 % zoom nothing
 * needs sideways scrolling.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, screenshot, test } from './support/fixtures.ts';

const SECTIONS = ['status', 'schedule', 'presets', 'rules', 'hotkeys', 'account', 'general'] as const;

// One test per section and theme: each runs axe once, so a slow machine stays well inside the time limit
// and a failure names the section.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const section of SECTIONS) {
    test(`no axe violations on ${section}, ${colorScheme} theme`, async ({ page, openWindow }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      await openWindow('status');
      await page.getByRole('tab', { name: new RegExp(`^${section}`, 'i') }).click();
      await expect(page.locator(`#panel-${section}`)).toBeVisible();
      // Let the schedule's debounced preview draw the week grid before checking it.
      if (section === 'schedule') await expect(page.getByTestId('week-grid').locator('.week-row')).toHaveCount(7);
      // Check what folds away too (the registration guide in Account).
      await page.locator(`#panel-${section} details`).evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(found, `${section} in the ${colorScheme} theme`).toEqual([]);
      await screenshot(page, `${section}-${colorScheme}`, testInfo);
    });
  }
}

test('the sections can be reached and used by keyboard alone', async ({ page, openWindow }) => {
  await openWindow('status');
  await page.getByRole('tab', { name: 'Status' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('tab', { name: 'Schedule' })).toBeFocused();
  await expect(page.locator('#panel-schedule')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true');
  // Tab leaves the tab list for the panel, then its first control.
  await page.keyboard.press('Tab');
  await expect(page.locator('#panel-general')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Start Presence Tray when I sign in to this computer')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Start Presence Tray when I sign in to this computer')).toBeChecked();
});

test('at 200 % zoom every section reflows without sideways scrolling', async ({ page, openWindow }, testInfo) => {
  // A 1000 px window at 200 % zoom lays out like a 500 px one.
  await page.setViewportSize({ width: 500, height: 800 });
  await openWindow('status');
  for (const section of SECTIONS) {
    await page.getByRole('tab', { name: new RegExp(`^${section}`, 'i') }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${section} overflows sideways`).toBeLessThanOrEqual(0);
  }
  await page.getByRole('tab', { name: 'Schedule' }).click();
  await screenshot(page, 'schedule-zoom-200', testInfo);
});
