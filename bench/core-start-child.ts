/**
 * One cold start of the main-process services, in a fresh Node process (run by core-start.bench.ts): import
 * every plain-Node module main.ts uses, load and validate settings with a 50-rule schedule, build the core
 * (MSAL sign-in service, Graph client, controller, Scheduler), the hotkey service and the IPC handlers, and
 * ask the Scheduler what holds now. No network: nothing here sends a request. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const t0 = performance.now();
const [{ createCore }, settingsModule, { createHotkeyService }, { createIpcHandlers }, { createMemorySettings }, { createLogger, memorySink }, { aesEncryptor }, { benchSchedule }] =
  await Promise.all([
    import('../app/core.ts'),
    import('../app/settings/index.ts'),
    import('../app/hotkeys/hotkey-service.ts'),
    import('../app/ipc/handlers.ts'),
    import('../app/ipc/settings-port.ts'),
    import('../app/log/index.ts'),
    import('../test/auth/support/aes-encryptor.ts'),
    import('./transitions.bench.ts'),
  ]);
const imported = performance.now();

const { loadSettings, DEFAULT_SETTINGS } = settingsModule;
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
const now = new Date(core.clock.now());
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
