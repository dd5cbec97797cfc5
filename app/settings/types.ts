/**
 * Every setting the app keeps, as one typed object (docs/architecture.md#settings-and-repair). The JSON schema, defaults and migrations
 * in this folder follow this type; each area owns its part (schedule, hotkeys, connection, options).
 * Tokens are never here: the token cache is a separate encrypted file.
 */
import type { CloudId } from '../graph/clouds.ts';
import type { HotkeyBinding } from '../hotkeys/types.ts';
import type { Schedule } from '../schedule/types.ts';
import type { MachineRules } from '../control/machine.ts';
import type { Preset } from '../control/presets.ts';

/** Where to sign in and with which app registration. */
export interface ConnectionSettings {
  cloud: CloudId;
  /** `organizations` (any work or school account), a tenant id (GUID) or a verified domain. */
  tenant: string;
  /** The app registration's Application (client) id; empty until the user provides one. */
  clientId: string;
}

/** Everything else a user can switch. */
export interface OptionSettings {
  /** Hold the app's own presence session so a preference shows without a Teams client (opt-in). */
  appSession: boolean;
  /** How often to read presence while the user is active, in seconds. */
  readIntervalSeconds: number;
  /** Notify on scheduled changes and errors. */
  notifications: boolean;
  launchAtLogin: boolean;
  /** On Linux without a keyring: store the token cache anyway (encrypted with a fixed key only). */
  storeTokensWithoutKeyring: boolean;
}

/**
 * What the user asked for that must survive a restart: runtime state, kept in its own file beside the
 * settings (`saved-intent.ts`), not in {@link Settings}. Its shape belongs to the controller.
 */
export type { SavedIntent } from '../control/types.ts';

/** The whole settings file. */
export interface Settings {
  /** Bumped by each migration; see `migrations.ts`. */
  schemaVersion: number;
  connection: ConnectionSettings;
  schedule: Schedule;
  hotkeys: HotkeyBinding[];
  options: OptionSettings;
  /** Status message presets offered in the tray and window. */
  statusPresets: string[];
  /** Rules that follow the machine (screen locked, idle, asleep); each off until the user turns it on. */
  machineRules: MachineRules;
  /** Presets: a name with a presence, a status message and an end, applied in one click. */
  presets: Preset[];
}
