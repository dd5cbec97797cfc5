/** The settings port moved to app/settings/settings-port.ts (domain code must not import from ipc/); kept for old imports. */
export { createMemorySettings } from '../settings/settings-port.ts';
export type { SettingsListener, SettingsPort, SettingsSection } from '../settings/settings-port.ts';
