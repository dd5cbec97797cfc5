/**
 * Playwright fixtures for the settings window: `app` (the real core and emulator, see test-app.ts) and
 * `openWindow(section)` (the built renderer in the page, bridged to that app). Tests that need another
 * start (signed out, a held chord) set `appOptions` with `test.use`.
 */
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { installBridge } from './bridge.ts';
import type { BridgeLog } from './bridge.ts';
import { RENDERER_ORIGIN, serveRenderer } from './serve.ts';
import { startTestApp } from './test-app.ts';
import type { TestApp, TestAppOptions } from './test-app.ts';

/** The fixtures the renderer specs use. */
export interface WindowFixtures {
  appOptions: TestAppOptions;
  app: TestApp;
  bridgeLog: BridgeLog;
  /** Load the window on a section (`status`, `schedule`…) and wait until it is ready. */
  openWindow(section?: string): Promise<Page>;
}

export const test = base.extend<WindowFixtures>({
  appOptions: [{}, { option: true }],
  app: async ({ appOptions }, use) => {
    const app = await startTestApp(appOptions);
    await use(app);
    await app.close();
  },
  bridgeLog: async ({ page, app }, use) => {
    await serveRenderer(page);
    const log = await installBridge(page, app.backend);
    await use(log);
    log.stop();
  },
  openWindow: async ({ page, bridgeLog }, use) => {
    void bridgeLog;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // A CSP violation or any script error is a failure of the window, not noise.
      if (message.type() === 'error') errors.push(message.text());
    });
    await use(async (section = 'status') => {
      await page.goto(`${RENDERER_ORIGIN}/index.html#${section}`);
      await expect(page.locator('body[data-ready="true"]')).toBeAttached();
      return page;
    });
    expect(errors, 'the window logged errors').toEqual([]);
  },
});

export { expect };

/** Save a full-page screenshot of the current section as a test artifact (test-results/…/name.png). */
export async function screenshot(page: Page, name: string, testInfo: { outputPath(...parts: string[]): string; attach(name: string, options: { path: string; contentType: string }): Promise<void> }): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  // Grow the viewport to the whole page instead of `fullPage`, so sticky save bars sit where they belong
  // rather than over the middle of the capture.
  const viewport = page.viewportSize() ?? { width: 1000, height: 760 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path, animations: 'disabled' });
  await page.setViewportSize(viewport);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
