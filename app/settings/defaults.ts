/**
 * What a fresh install starts with, and what a section that fails validation falls back to. Everything that
 * acts on its own ships off: the schedule is disabled and every hotkey is disabled until the user turns it on.
 */
import { DEFAULT_READ_INTERVAL_SECONDS } from '../control/budget.ts';
import { DEFAULT_HOTKEYS } from '../hotkeys/defaults.ts';
import { DEFAULT_SCHEDULE } from '../schedule/types.ts';
import { DEFAULT_MACHINE_RULES } from '../control/machine.ts';
import { DEFAULT_PRESETS } from '../control/presets.ts';
import { CURRENT_SCHEMA_VERSION } from './version.ts';
import type { ConnectionSettings, OptionSettings, SavedIntent, Settings } from './types.ts';

/** Any work or school account in the global cloud; no app registration until the user gives one. */
export const DEFAULT_CONNECTION: Readonly<ConnectionSettings> = { cloud: 'Global', tenant: 'organizations', clientId: '' };

/** Options a fresh install starts with. */
export const DEFAULT_OPTIONS: Readonly<OptionSettings> = {
  appSession: false,
  readIntervalSeconds: DEFAULT_READ_INTERVAL_SECONDS,
  notifications: true,
  launchAtLogin: false,
  storeTokensWithoutKeyring: false,
};

/** Status messages offered in the tray and the window. */
export const DEFAULT_STATUS_PRESETS: readonly string[] = ['In a meeting', 'Focusing', 'At lunch', 'Out for the day'];

/** Nothing held across a restart yet. */
export const DEFAULT_SAVED: Readonly<SavedIntent> = { intent: null, statusMessage: null, pause: null };

/**
 * The whole default settings object. Shared and frozen-by-convention: call {@link defaultSettings} for a copy
 * you may change.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  connection: DEFAULT_CONNECTION,
  schedule: DEFAULT_SCHEDULE,
  hotkeys: DEFAULT_HOTKEYS as Settings['hotkeys'],
  options: DEFAULT_OPTIONS,
  statusPresets: DEFAULT_STATUS_PRESETS as string[],
  machineRules: DEFAULT_MACHINE_RULES as Settings['machineRules'],
  presets: DEFAULT_PRESETS as Settings['presets'],
};

/** A deep copy of {@link DEFAULT_SETTINGS}, safe to change. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}
