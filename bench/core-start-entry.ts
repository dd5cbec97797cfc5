/**
 * Everything the core-start benchmark loads, in one module: the plain-Node services main.ts uses. The bench
 * bundles this file with esbuild exactly as the app's main bundle is built (ESM for Node 22, packages in
 * `dependencies` left external) and times importing the bundle; importing this file's TypeScript sources
 * directly is timed too, as a side note (that path pays for type stripping, which the app never does).
 */
export { createCore } from '../app/core.ts';
export { DEFAULT_SETTINGS, loadSettings } from '../app/settings/index.ts';
export { createHotkeyService } from '../app/hotkeys/hotkey-service.ts';
export { createIpcHandlers } from '../app/ipc/handlers.ts';
export { createMemorySettings } from '../app/settings/settings-port.ts';
export { createLogger, memorySink } from '../app/log/index.ts';
export { aesEncryptor } from '../test/auth/support/aes-encryptor.ts';
export { benchSchedule } from './transitions.bench.ts';
