/**
 * One cold start of the main-process services, in a fresh Node process (run by core-start.bench.ts): import
 * every plain-Node module main.ts uses (the esbuild bundle given as the first argument, or the sources), load and validate settings with a 50-rule schedule, build the core
 * (MSAL sign-in service, Graph client, controller, Scheduler), the hotkey service and the IPC handlers, and
 * ask the Scheduler what holds now. No network: nothing here sends a request. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Entry from './core-start-entry.ts';

// The esbuild bundle of core-start-entry.ts when given (what the app loads), else its TypeScript sources.
const bundle = process.argv[2];
const t0 = performance.now();
const entry = (await import(bundle ? pathToFileURL(bundle).href : './core-start-entry.ts')) as typeof Entry;
const imported = performance.now();
const { createCore, createHotkeyService, createIpcHandlers, createMemorySettings, createLogger, memorySink, aesEncryptor, benchSchedule } = entry;

const { loadSettings, DEFAULT_SETTINGS } = entry;
const loaded = loadSettings({ ...DEFAULT_SETTINGS, schedule: benchSchedule(50, 'Europe/Berlin') });
if (loaded.problems.length > 0) throw new Error(`the bench schedule is invalid: ${loaded.problems[0]?.message}`);
const settings = loaded.settings;
const log = createLogger({ sinks: [memorySink()] });
const dir = mkdtempSync(join(tmpdir(), 'presence-tray-core-start-'));
const core = createCore({
  auth: { cacheFile: join(dir, 'token-cache.bin'), encryptor: aesEncryptor(), openBrowser: async () => {} },
  options: { clientId: '00000000-0000-0000-0000-000000000001', readIntervalSeconds: settings.options.readIntervalSeconds },
  scheduleSettings: settings.schedule,
  log,
});
const hotkeys = createHotkeyService({
  registrar: { register: () => true, unregister: () => {} },
  onCommand: () => {},
  clock: core.clock,
});
hotkeys.apply(settings.hotkeys);
if (!core.auth) throw new Error('createCore builds the sign-in service from the auth ports');
const handlers = createIpcHandlers({
  controller: core.controller,
  settings: createMemorySettings(settings),
  hotkeys,
  auth: core.auth,
  openInBrowser: async () => {},
  appInfo: () => ({ version: '0', logFolder: dir, demo: false, platform: process.platform }),
  clock: core.clock,
});
const now = core.clock.now();
const holding = core.scheduler?.current(now);
const next = core.scheduler?.nextChangeAfter(now);
const constructed = performance.now();

await core.dispose();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    importMs: imported - t0,
    constructMs: constructed - imported,
    totalMs: constructed - t0,
    rules: settings.schedule.rules.length,
    handlers: Object.keys(handlers).length,
    scheduled: holding !== undefined && next !== undefined,
  }),
);
