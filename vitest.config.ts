import { defineConfig } from 'vitest/config';

// Two projects, as in gitify: plain-Node tests of app/ and the emulator, and the Electron layer tested with a
// typed stand-in. Browser tests of the settings window run under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/electron/**', 'test/e2e/**', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'electron-layer',
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
